"""Finding and reading a registry's files safely. Light on imports: the cached path of `validate`
reads every file and hashes it without loading the models."""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from qingdan.file_checks import LIMITS, MISSING_FIELD, SYNTAX
from qingdan.problems import Problem, Ref

SETTINGS_FILE = "qingdan.yaml"
MAX_FILE_BYTES = 8 * 1024 * 1024
SIZE_LIMIT = "8 MiB"


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the registry root, / separators
    kind: str


@dataclass(frozen=True)
class Layout:
    """Where a registry keeps its data files, by kind name. The sources know no record kinds: the kind table
    (`qingdan.models.kinds.LAYOUT`) describes them."""

    files: tuple[tuple[str, str], ...]  # (file name at the root, kind): required, one file each
    folders: tuple[tuple[str, str], ...]  # (folder, kind): optional, any number of files below
    csv: frozenset[str]  # the kinds that may be kept as CSV files
    markdown: frozenset[str] = frozenset()  # the kinds whose files are Markdown, and only Markdown (laws)

    def is_data_file(self, name: str, kind: str) -> bool:
        suffix = posixpath.splitext(name)[1].lower()
        if kind in self.markdown:
            return suffix == ".md"
        return suffix in (".yaml", ".yml") or (suffix == ".csv" and kind in self.csv)

    def only(self, kinds: Collection[str]) -> Layout:
        """The part of the layout holding these kinds' files (a command that reads only some kinds)."""
        return replace(
            self,
            files=tuple(entry for entry in self.files if entry[1] in kinds),
            folders=tuple(entry for entry in self.folders if entry[1] in kinds),
        )

    def kind_of(self, relative: str) -> str | None:
        """The kind of a registry path by the rules of `discover`, None if it is no data file."""
        for name, kind in self.files:
            if relative == name:
                return kind
        parts = relative.split("/")
        found = next((kind for folder, kind in self.folders if folder == parts[0]), None)
        if found is None or len(parts) < 2 or any(part.startswith(".") for part in parts[1:]):
            return None
        return found if self.is_data_file(parts[-1], found) else None


LAW = "law"  # what a law library's files are called when a source discovers them (not a record kind)
LIBRARY_FOLDER = "laws"  # the law library's folder unless qingdan.yaml names another (SPEC §3)
LAW_INDEX = "index.csv"  # in the library's folder: documents cited without their text


def library_layout(folder: str) -> Layout:
    """A law library's texts (SPEC §4.17): the Markdown files anywhere under its folder."""
    return Layout(files=(), folders=((folder, LAW),), csv=frozenset(), markdown=frozenset({LAW}))


def discover(root: Path, layout: Layout) -> tuple[list[DataFile], list[Problem]]:
    """Every data file of the registry in a stable order; QD008 for linked folders."""
    found: list[DataFile] = []
    problems: list[Problem] = []
    for name, kind in layout.files:
        if os.path.lexists(root / name):
            found.append(DataFile(name, kind))
        else:
            problems.append(MISSING_FIELD.at(Ref(name), "file", file=name))
    for folder, kind in layout.folders:
        if (root / folder).is_symlink():  # os.walk would follow it, perhaps out of the registry
            problems.append(LIMITS.at(Ref(folder), "link"))
            continue
        for current, dirs, files in os.walk(root / folder):
            # A file's path made as a string from its folder's: a Path for each file (joined, made relative, made
            # posix) took 35 ms instead of 7 over the 4,100 files of a registry with a 3,500-file law library.
            here = Path(current)
            prefix = here.relative_to(root).as_posix() + "/"
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in dirs:
                if (here / name).is_symlink():
                    problems.append(LIMITS.at(Ref(prefix + name), "link"))
            for name in sorted(files):
                if not name.startswith(".") and layout.is_data_file(name, kind):
                    found.append(DataFile(prefix + name, kind))
    return found, problems


def read(root: Path, relative: str) -> bytes | Problem:
    """The file's bytes, or QD008 if it is not a regular file inside the registry or is too large."""
    path = root / relative
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if not path.resolve().is_relative_to(root.resolve()):
                return LIMITS.at(Ref(relative), "outside")
            info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return LIMITS.at(Ref(relative), "irregular")
        if info.st_size > MAX_FILE_BYTES:
            return LIMITS.at(Ref(relative), "size", limit=SIZE_LIMIT)
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except RuntimeError:  # a link that leads back to itself
        return LIMITS.at(Ref(relative), "irregular")
    except OSError as error:
        return SYNTAX.at(Ref(relative), "unreadable", detail=error.strerror or str(error))
    if len(raw) > MAX_FILE_BYTES:
        return LIMITS.at(Ref(relative), "size", limit=SIZE_LIMIT)
    return raw


def digest(raw: bytes, kind: str) -> str:
    return hashlib.blake2b(raw, digest_size=16, person=kind.encode()[:16]).hexdigest()


class Source(Protocol):
    """Where a registry's files come from: a folder, or a git revision (`qingdan.sources.git`)."""

    def discover(self, layout: Layout) -> tuple[list[DataFile], list[Problem]]: ...

    def read(self, relative: str) -> bytes | Problem: ...


@dataclass(frozen=True)
class Folder:
    """A registry in a folder of the working tree."""

    root: Path

    def discover(self, layout: Layout) -> tuple[list[DataFile], list[Problem]]:
        return discover(self.root, layout)

    def read(self, relative: str) -> bytes | Problem:
        return read(self.root, relative)
