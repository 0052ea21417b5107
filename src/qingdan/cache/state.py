"""What a validation run leaves in the cache for the next one, and the snapshot of the files it is taken of.

Light on imports: the path that finds nothing changed reads the files, hashes them and returns the cached
report without loading the parsers, the models or the checks.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.problems import Path as DocPath
from qingdan.problems import Problem
from qingdan.sources import files
from qingdan.sources.files import DataFile, Layout

if TYPE_CHECKING:
    from qingdan.cache.partial import Keyspace
    from qingdan.cache.tracing import Outcome, Reads

FORMAT = "4"  # of the values below; part of every key


# A file's identity on disk: (size, modification time in ns, inode).
Stat = tuple[int, int, int]
# A file modified this close to when it was last read may have changed again within the same clock tick:
# it is read again (git's "racy clean" rule).
RACY_SECONDS = 2.0


@dataclass
class FileStats:
    """What was known of each file when the last run read it, so that an unchanged file is not read again."""

    taken: float  # when the files were read (time.time())
    files: dict[str, tuple[Stat, str]] = field(default_factory=dict)  # path → (stat, digest)


class Contents(dict[str, "bytes | Problem"]):
    """The files' contents, each read when first asked for (an unchanged file may never be)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, relative: str) -> bytes | Problem:
        raw = self[relative] = files.read(self.root, relative)
        return raw


@dataclass
class Snapshot:
    """A registry's files at the start of a run: their digests, sizes and discovery problems, and their contents,
    read when needed (a file whose size, time and inode are as the last run saw them keeps its digest)."""

    root: Path
    data_files: list[DataFile]
    discovered: list[Problem]  # QD008 links, a missing units.yaml
    raws: dict[str, bytes | Problem]
    digests: dict[str, str]  # path → digest of the content (with its kind), or "!" and the read problem
    sizes: dict[str, int] = field(default_factory=dict)  # path → bytes
    catalogue: str | None = None  # the basic catalogue qingdan.yaml names: an input like any file
    library: tuple[str, ...] = ()  # the law library's files: inputs like the catalogue
    stats: FileStats = field(default_factory=lambda: FileStats(0.0))  # for the next run
    fresh: bool = False  # some file was read (its stats are worth saving)

    @classmethod
    def take(cls, root: Path, layout: Layout, known: FileStats | None = None) -> Snapshot:
        taken = time.time()
        found, discovered = files.discover(root, layout)
        raws = Contents(root)
        settings = raws[files.SETTINGS_FILE]
        catalogue = catalogue_file(settings)
        library = library_files(root, settings)
        snapshot = cls(root, found, discovered, raws, {}, catalogue=catalogue, library=library, stats=FileStats(taken))
        inputs = ((catalogue, "catalogue"),) if catalogue else ()
        for relative, kind in ((files.SETTINGS_FILE, "settings"), *inputs, *((f.path, f.kind) for f in found)):
            snapshot._add(relative, kind, known)
        for relative in library:
            snapshot._add(relative, files.LAW, known)
            raws.pop(relative, None)  # 55 MiB at LawRefBook's size: the library reads what it needs again
        return snapshot

    def _add(self, relative: str, kind: str, known: FileStats | None) -> None:
        stat = _stat(f"{self.root}/{relative}")
        if known is not None and stat is not None and _unchanged(known, relative, stat):
            self.digests[relative], self.sizes[relative] = known.files[relative][1], stat[0]
        else:
            raw = self.raws[relative]
            self.digests[relative] = files.digest(raw, kind) if isinstance(raw, bytes) else f"!{raw.key}"
            self.sizes[relative] = len(raw) if isinstance(raw, bytes) else 0
            self.fresh = True
        if stat is not None and not self.digests[relative].startswith("!"):
            self.stats.files[relative] = (stat, self.digests[relative])

    @property
    def settings_digest(self) -> str:
        """qingdan.yaml, the catalogue it names and the law library: when any changes, nothing of the last run
        holds."""
        parts = (files.SETTINGS_FILE, self.catalogue) if self.catalogue else (files.SETTINGS_FILE,)
        return "\0".join(self.digests.get(part, "") for part in (*parts, *self.library))

    def run_key(self, stamp: str) -> str:
        """A digest of everything a report depends on: the code, every file, what discovery found."""
        hasher = hashlib.blake2b(digest_size=20)
        hasher.update(f"{FORMAT}\0{stamp}\0{self.root.resolve()}\0".encode())
        for relative, digest in self.digests.items():
            hasher.update(f"{relative}\0{digest}\0".encode())
        for problem in self.discovered:
            hasher.update(f"!{problem.file}\0{problem.key}\0".encode())
        return hasher.hexdigest()

    @property
    def discovered_keys(self) -> list[tuple[str, str]]:
        """What discovery found, as (file, problem): a run whose discovery differs from the last is cold."""
        return [(problem.file, problem.key) for problem in self.discovered]

    def state_key(self, stamp: str) -> str:
        return state_key(self.root, stamp)


def state_key(root: Path, stamp: str) -> str:
    """Where the state of a registry folder is kept (one per folder and code version)."""
    return hashlib.blake2b(f"{FORMAT}\0{stamp}\0{root.resolve()}".encode(), digest_size=20).hexdigest()


def _unchanged(known: FileStats, relative: str, stat: Stat) -> bool:
    """The file is as the last run read it: the same size, time and inode, and not modified within the racy
    interval before that run read it."""
    before = known.files.get(relative)
    return before is not None and before[0] == stat and stat[1] < (known.taken - RACY_SECONDS) * 1e9


def _stat(path: str) -> Stat | None:
    # A string, not a Path: stat-ing the 4,100 files of a registry with a 3,500-file law library took 20 ms
    # instead of 35-50 (a Path made for each), on every run.
    try:
        info = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def catalogue_file(settings: bytes | Problem) -> str | None:
    """The basic catalogue that qingdan.yaml names, if any (read only when the settings mention one)."""
    if not isinstance(settings, bytes) or b"catalogue" not in settings:
        return None
    from qingdan.models.settings import CATALOGUE_PATH
    from qingdan.parsing import yamldoc

    data = yamldoc.parse(settings).data
    catalogue = data.get("catalogue") if isinstance(data, dict) else None
    named = catalogue.get("file") if isinstance(catalogue, dict) else None
    return named if isinstance(named, str) and re.fullmatch(CATALOGUE_PATH, named) else None


def library_files(root: Path, settings: bytes | Problem) -> tuple[str, ...]:
    """The law library's files (its texts and its index): the folder qingdan.yaml names, else `laws`."""
    folder = files.LIBRARY_FOLDER
    if isinstance(settings, bytes) and b"laws" in settings:
        from qingdan.models.settings import LIBRARY_PATH
        from qingdan.parsing import yamldoc

        data = yamldoc.parse(settings).data
        named = data.get("laws") if isinstance(data, dict) else None
        if isinstance(named, str) and re.fullmatch(LIBRARY_PATH, named):
            folder = named
    found, _ = files.discover(root, files.library_layout(folder))
    index = f"{folder}/{files.LAW_INDEX}"
    return (*(file.path for file in found), *((index,) if (root / index).is_file() else ()))


@dataclass
class FileState:
    """One data file as the last run saw it."""

    path: str
    kind: str
    digest: str
    count: int  # valid records
    problems: list[Problem]  # its own (syntax, schema), located
    broken: list[str]  # keys of its records that failed their schema


@dataclass
class CheckState:
    """One check's findings in the last run and what they depended on: per loop and file (a decomposable
    check), or as a whole (a global one)."""

    loops: list[tuple[str, dict[str, Outcome]]] | None
    problems: list[Problem] = field(default_factory=list)
    reads: Reads | None = None


Positions = dict[DocPath, tuple[int, int]]


@dataclass
class RunState:
    settings: str  # digest of qingdan.yaml
    discovered: list[tuple[str, str]]  # what discovery found (`Snapshot.discovered_keys`)
    files: list[FileState]
    checks: dict[str, CheckState]
    keyspace: Keyspace
    projected: dict[str, frozenset[str]]  # kind → fields to keep in the cache besides the plain ones
    positions: dict[str, Positions]  # file digest → where each problem path of it was found
