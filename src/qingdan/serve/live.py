"""The working tree's registry kept in memory while `serve` runs: a refresh reads again only the files whose
size, time or inode changed (or that the watcher named), and keeps every other file's records as they are.

A file whose new version has errors of its own (a YAML syntax error, a record that fails its schema) is
shown as its last version without them: a clerk halfway through an edit sees the last good page, and the
problem in the panel, rather than a page that lost the records of the file. The publication needs no
catalogue, so the province's catalogue is not read here (its problems come from validation). The law library
(its 法律依据 pages) is kept as opened until one of its files changes.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from qingdan.cache.store import Store, cache_dir
from qingdan.laws.library import Library
from qingdan.laws.reading import index_path, law_files
from qingdan.loader.library import library_folder
from qingdan.loader.load import FileResult, add_file, attach_laws, load_file, load_files, load_settings
from qingdan.loader.registry import Registry
from qingdan.models.kinds import BY_NAME, LAYOUT
from qingdan.problems import Severity
from qingdan.sources.files import DataFile, Folder

Stamp = tuple[int, int, int]  # size, modification time (ns), inode


@dataclass(frozen=True)
class _Loaded:
    stamp: Stamp | None  # taken before the file was read, so a write during the read is seen next time
    shown: FileResult  # this version, or the last one without errors of its own
    held: bool = False  # shown is an earlier version: this one has errors of its own


@dataclass(frozen=True)
class Refreshed:
    registry: Registry
    changed: tuple[str, ...]  # the files read again and the files gone, registry paths
    held: tuple[str, ...]  # files shown as their last good version


class LiveRegistry:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, _Loaded] = {}
        self._library: tuple[dict[str, Stamp | None], Library] | None = None  # its files' stamps, and it opened

    def refresh(self, named: Collection[str] = ()) -> Refreshed:
        """The registry as the folder holds it now; RegistryError when qingdan.yaml cannot be read."""
        source = Folder(self.root)
        registry = Registry(source, load_settings(source))
        paths, _ = source.discover(LAYOUT)
        stale = [data_file for data_file in paths if self._stale(data_file.path, named)]
        removed = set(self._files) - {data_file.path for data_file in paths}
        self._load(stale)
        self._files = {data_file.path: self._files[data_file.path] for data_file in paths}
        for data_file in paths:
            add_file(registry, self._files[data_file.path].shown)
        held = tuple(path for path, loaded in self._files.items() if loaded.held)
        laws = self._attach_library(registry)
        return Refreshed(registry, (*(data_file.path for data_file in stale), *sorted(removed), *laws), held)

    def _attach_library(self, registry: Registry) -> list[str]:
        """The law library attached to the registry: the one opened before when none of its files changed;
        returns the library's files that changed (all of them for a library opened anew, or gone)."""
        attach_laws(registry, keep=Store(cache_dir()))  # its index read now, its texts when first read
        folder = library_folder(registry.source, registry.settings) if registry.library is not None else None
        before = self._library[0] if self._library is not None else {}
        if folder is None:
            self._library = None
            return sorted(before)
        paths, _ = law_files(registry.source, folder)
        stamps = {path: self._stamp(path) for path in (*paths, index_path(folder))}
        if self._library is not None and before == stamps:
            kept = self._library[1]
            registry.library = lambda: kept
            return []
        library = registry.laws
        assert library is not None  # (the registry has one: `registry.library` is set)
        self._library = (stamps, library)
        return sorted(path for path in stamps.keys() | before.keys() if stamps.get(path) != before.get(path))

    def _stale(self, relative: str, named: Collection[str]) -> bool:
        known = self._files.get(relative)
        return known is None or relative in named or known.stamp is None or known.stamp != self._stamp(relative)

    def _load(self, stale: list[DataFile]) -> None:
        stamps = {data_file.path: self._stamp(data_file.path) for data_file in stale}
        source = Folder(self.root)
        if not self._files and threading.active_count() == 1:  # on two cores: the helper forks (`loader.helper`)
            results = load_files(source, stale)
        else:
            results = (load_file(source, data_file.path, BY_NAME[data_file.kind]) for data_file in stale)
        for result in results:
            known = self._files.get(result.path)
            if known is not None and _own_errors(result) and not _own_errors(known.shown):
                self._files[result.path] = _Loaded(stamps[result.path], known.shown, held=True)
            else:
                self._files[result.path] = _Loaded(stamps[result.path], result)

    def _stamp(self, relative: str) -> Stamp | None:
        try:
            info = (self.root / relative).stat()
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns, info.st_ino)


def _own_errors(result: FileResult) -> bool:
    return any(found.severity is Severity.ERROR for found in result.problems)
