"""Publications are for reading: their files get the usual permissions of new files (0644 under the common
umask 022), not the owner-only mode of the temporary file an atomic write renames into place."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from qingdan.writing.atomic import write_bytes


def write_public(target: Path, data: bytes) -> Path:
    write_bytes(target, data)
    target.chmod(0o666 & ~_umask())
    return target


@cache
def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back, once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
