"""Validation results cached by content, so that an unchanged registry validates in a blink.

The key is a digest of the content of every registry file and of the settings (their timestamps play no
part), and of qingdan's own code, stamped by its modules' modification times so that an edited editable
install misses too. Any edit anywhere is a miss. (A per-file cache of parsed records was measured and
dropped: pickling 100,000 models cost more than parsing them again.) The store is `qingdan.store`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from qingdan import __version__
from qingdan.models.kinds import LAYOUT
from qingdan.sources import files
from qingdan.store import Store, cache_dir
from qingdan.validation.report import ValidationReport


def validate_cached(root: Path, *, label: str, use_cache: bool = True) -> ValidationReport:
    from qingdan.validation.validate import validate

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
    found, problems = files.discover(root, LAYOUT)
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
