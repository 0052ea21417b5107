"""Where a province report goes: built in a scratch folder beside its destination and moved into place at once,
and kept in the cache under a digest of everything it was made from (every district's staging key, the
catalogue's bytes, the format, the language, qingdan's version), so that a rerun with nothing changed copies it
instead of running DuckDB and rendering thousands of pages again.

A site of 3,000 pages written file by file with an fsync each took 6 s of the report's 16 (measured on the bench
province); the pages are written plainly into the scratch folder, and the folder renamed over the old report:
a reader sees the old report or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qingdan import __version__
from qingdan.cache.store import Area, cache_dir

REPORTS = "reports"
KEPT = 4  # reports kept in the cache (the newest)
OUTPUT = "output"
FACTS = "facts.json"


def report_key(parts: list[str]) -> str:
    digest = hashlib.blake2b(digest_size=16, person=b"qingdan-report")
    digest.update("\0".join([__version__, *parts]).encode("utf-8"))
    return digest.hexdigest()


def cached(key: str) -> tuple[Path, dict[str, Any]] | None:
    """The cached output of this key and the facts stored with it, if there."""
    folder = cache_dir() / Area.PROVINCE / REPORTS / key
    try:
        facts = json.loads((folder / FACTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    output = folder / OUTPUT
    if not output.exists():
        return None
    with contextlib.suppress(OSError):
        os.utime(folder)  # used: the newest are kept (`keep`), and `cache.prune` forgets what no run uses
    return output, facts


def keep(key: str, output: Path, facts: dict[str, Any]) -> None:
    """Store a finished output (a file or a folder) under its key; a cache that cannot be written is no error."""
    reports = cache_dir() / Area.PROVINCE / REPORTS
    with contextlib.suppress(OSError):
        reports.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=reports, prefix=".keep-"))
        try:
            _copy(output, scratch / OUTPUT)
            (scratch / FACTS).write_text(json.dumps(facts), encoding="utf-8")
            with contextlib.suppress(OSError):  # another run kept it first
                scratch.rename(reports / key)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        older = sorted((p for p in reports.iterdir() if not p.name.startswith(".")), key=_age, reverse=True)[KEPT:]
        for stale in older:
            shutil.rmtree(stale, ignore_errors=True)


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)


@contextmanager
def replaced(out: Path) -> Iterator[Path]:
    """A scratch path beside `out` to build the output in (a folder, or a file's path); on success it replaces
    `out` at once, on failure it is removed and `out` left as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    target = scratch / "new"
    try:
        yield target
        if out.is_dir() and not out.is_symlink():
            old = scratch / "old"
            out.rename(old)
        target.replace(out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def place(source: Path, out: Path) -> None:
    """A cached output copied to `out`, replacing it at once."""
    with replaced(out) as target:
        _copy(source, target)
