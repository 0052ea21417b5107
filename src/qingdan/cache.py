"""Validation results cached by content, so that an unchanged registry validates in a blink.

The key is a digest of every file's content, the settings and qingdan's own code (never timestamps), so
any edit anywhere is a miss. (A per-file cache of parsed records was measured and dropped: pickling
100,000 models cost more than parsing them again.) The cache lives in QINGDAN_CACHE_DIR, else
$XDG_CACHE_HOME/qingdan, else ~/.cache/qingdan; it is the user's own, like pytest's or mypy's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from qingdan import __version__, files
from qingdan.report import ValidationReport


def cache_dir() -> Path:
    explicit = os.environ.get("QINGDAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qingdan"


def validate_cached(root: Path, *, label: str, use_cache: bool = True) -> ValidationReport:
    from qingdan.validate import validate

    if not use_cache:
        return validate(root, label=label)
    store = Store(cache_dir())
    key = run_key(root)
    cached = store.load("runs", key)
    if isinstance(cached, ValidationReport):
        cached.registry = label
        return cached
    report = validate(root, label=label)
    store.save("runs", key, report)
    return report


def run_key(root: Path) -> str:
    """A digest of everything a validation result depends on: code version, settings, every file."""
    found, problems = files.discover(root)
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{__version__}\0{_code_stamp()}\0{root.resolve()}\0".encode())
    for relative in (files.SETTINGS_FILE, *(data_file.path for data_file in found)):
        raw = files.read(root, relative)
        content = raw if isinstance(raw, bytes) else f"!{raw.key}".encode()
        hasher.update(f"{relative}\0{len(content)}\0".encode())
        hasher.update(content)
    for found_problem in problems:
        hasher.update(f"!{found_problem.file}\0{found_problem.key}".encode())
    return hasher.hexdigest()


def _code_stamp() -> str:
    """Changes whenever qingdan's own code does, even without a version bump (editable installs)."""
    package = Path(__file__).parent
    stamps = sorted(f"{path.relative_to(package)}:{path.stat().st_mtime_ns}" for path in package.rglob("*.py"))
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=8).hexdigest()


class Store:
    """Pickled values in files named by their key; every write is atomic, every read forgiving."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, area: str, key: str) -> Any:
        try:
            with (self.folder / area / key).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def save(self, area: str, key: str, value: Any) -> None:
        folder = self.folder / area
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, prefix=".tmp-") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(handle.name).replace(folder / key)
        except OSError:
            pass  # a cache that cannot be written only costs time
