"""Writes that never leave a half-written file: a temporary file in the same folder, flushed and synced,
then renamed over the target. A failure at any point leaves the original bytes and no temporary file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import uuid
from pathlib import Path


def write_bytes(target: Path, data: bytes) -> None:
    temporary = _staged(target, data)
    try:
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_all(files: dict[Path, bytes]) -> None:
    """Write several files as one change: all of them or none.

    Every new content goes to a synced temporary file first; only then is each renamed over its target.
    Should a rename fail part-way, the targets already replaced get their old bytes back (kept as hard
    links beside them until the end) and files that did not exist before are removed again.
    """
    staged: list[tuple[Path, Path, Path | None]] = []  # (target, temporary, backup of the old file)
    replaced: list[tuple[Path, Path | None]] = []
    try:
        for target, data in files.items():
            staged.append((target, _staged(target, data), _backup(target)))
        for target, temporary, backup in staged:
            temporary.replace(target)
            replaced.append((target, backup))
        for folder in {target.parent for target in files}:
            _sync_folder(folder)
    except BaseException:
        _roll_back(replaced)
        raise
    finally:
        for _, temporary, backup in staged:
            for leftover in (temporary, backup):
                if leftover is not None:
                    with contextlib.suppress(OSError):
                        leftover.unlink()


def _staged(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # mkstemp creates the file 0600; the result keeps the original's mode, or gets the usual one.
        os.fchmod(handle, _mode(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    return Path(temporary)


def _mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _backup(target: Path) -> Path | None:
    """A second name for the old file (a hard link: no copy, and the bytes stay exactly as they were)."""
    if not target.exists():
        return None
    backup = target.with_name(f".{target.name}.{uuid.uuid4().hex}.bak")
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: copy the bytes instead
        backup.write_bytes(target.read_bytes())
    return backup


def _roll_back(replaced: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(replaced):
        with contextlib.suppress(OSError):
            if backup is None:
                target.unlink()
            else:
                backup.replace(target)


def _sync_folder(folder: Path) -> None:
    """The renames themselves are durable only once the folder is synced (POSIX)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
