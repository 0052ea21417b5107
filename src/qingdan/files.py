"""Finding and reading a registry's files safely. Light on imports: the cached path of `validate`
reads every file and hashes it without loading the models."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qingdan.problems import Problem, Severity

SETTINGS_FILE = "qingdan.yaml"
UNITS_FILE = "units.yaml"
MAX_FILE_BYTES = 8 * 1024 * 1024
# kind name → its folder; units live in the single file units.yaml at the root
FOLDERS = {
    "power": "power",
    "delegations": "delegations",
    "community-tasks": "community-tasks",
    "assessments": "assessments",
}
CSV_KINDS = frozenset({"units", "power", "delegations", "community-tasks"})


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the registry root, / separators
    kind: str


def file_problem(check: str, relative: str, key: str, **args: str) -> Problem:
    """A problem with a whole file, reported at its first line (every such check is an error)."""
    return Problem(check, Severity.ERROR, relative, 1, 1, key=key, args=args)


def discover(root: Path) -> tuple[list[DataFile], list[Problem]]:
    """Every data file of the registry in a stable order; QD008 for linked folders."""
    found: list[DataFile] = []
    problems: list[Problem] = []
    if os.path.lexists(root / UNITS_FILE):
        found.append(DataFile(UNITS_FILE, "units"))
    else:
        problems.append(file_problem("QD004", UNITS_FILE, "QD004.file"))
    for kind, folder in FOLDERS.items():
        if (root / folder).is_symlink():  # os.walk would follow it, perhaps out of the registry
            problems.append(file_problem("QD008", folder, "QD008.link"))
            continue
        for current, dirs, files in os.walk(root / folder):
            here = Path(current)
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in dirs:
                if (here / name).is_symlink():
                    problems.append(file_problem("QD008", (here / name).relative_to(root).as_posix(), "QD008.link"))
            for name in sorted(files):
                if not name.startswith(".") and _is_data_file(name, kind):
                    found.append(DataFile((here / name).relative_to(root).as_posix(), kind))
    return found, problems


def _is_data_file(name: str, kind: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in (".yaml", ".yml") or (suffix == ".csv" and kind in CSV_KINDS)


def read(root: Path, relative: str) -> bytes | Problem:
    """The file's bytes, or QD008 if it is not a regular file inside the registry or is too large."""
    path = root / relative
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if not path.resolve().is_relative_to(root.resolve()):
                return file_problem("QD008", relative, "QD008.outside")
            info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return file_problem("QD008", relative, "QD008.irregular")
        if info.st_size > MAX_FILE_BYTES:
            return file_problem("QD008", relative, "QD008.size", limit="8 MiB")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except RuntimeError:  # a link that leads back to itself
        return file_problem("QD008", relative, "QD008.irregular")
    except OSError as error:
        return file_problem("QD001", relative, "QD001.unreadable", detail=error.strerror or str(error))
    if len(raw) > MAX_FILE_BYTES:
        return file_problem("QD008", relative, "QD008.size", limit="8 MiB")
    return raw


def digest(raw: bytes, kind: str) -> str:
    return hashlib.blake2b(raw, digest_size=16, person=kind.encode()[:16]).hexdigest()


class Source(Protocol):
    """Where a registry's files come from: a folder, or a git revision (`qingdan.history`)."""

    def discover(self) -> tuple[list[DataFile], list[Problem]]: ...

    def read(self, relative: str) -> bytes | Problem: ...


@dataclass(frozen=True)
class Folder:
    """A registry in a folder of the working tree."""

    root: Path

    def discover(self) -> tuple[list[DataFile], list[Problem]]:
        return discover(self.root)

    def read(self, relative: str) -> bytes | Problem:
        return read(self.root, relative)
