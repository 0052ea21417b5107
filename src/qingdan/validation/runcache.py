"""Validation results cached by content, so that an unchanged registry validates in a blink.

The key is a digest of the content of every registry file, of the settings and of the basic catalogue they
name (their timestamps play no part), and of qingdan's own code, stamped by its modules' modification times so
that an edited editable install misses too. Any edit anywhere is a miss. (A per-file cache of parsed records
was measured and dropped: pickling 100,000 models cost more than parsing them again.) The store is `qingdan.store`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qingdan import __version__
from qingdan.models.kinds import LAYOUT
from qingdan.models.settings import CATALOGUE_PATH
from qingdan.parsing import yamldoc
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
    for relative in (files.SETTINGS_FILE, *_catalogue_file(root), *(data_file.path for data_file in found)):
        raw = files.read(root, relative)
        content = raw if isinstance(raw, bytes) else f"!{raw.key}".encode()
        hasher.update(f"{relative}\0{len(content)}\0".encode())
        hasher.update(content)
    for found_problem in problems:
        hasher.update(f"!{found_problem.file}\0{found_problem.key}".encode())
    return hasher.hexdigest()


def _catalogue_file(root: Path) -> list[str]:
    """The basic catalogue that qingdan.yaml names, if any: its content is an input like any registry file."""
    raw = files.read(root, files.SETTINGS_FILE)
    data = yamldoc.parse(raw).data if isinstance(raw, bytes) else None
    catalogue = data.get("catalogue") if isinstance(data, dict) else None
    named = catalogue.get("file") if isinstance(catalogue, dict) else None
    return [named] if isinstance(named, str) and re.fullmatch(CATALOGUE_PATH, named) else []


def _code_stamp() -> str:
    """Changes whenever qingdan's own code does, even without a version bump (editable installs)."""
    package = Path(__file__).parent
    stamps = sorted(f"{path.relative_to(package)}:{path.stat().st_mtime_ns}" for path in package.rglob("*.py"))
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=8).hexdigest()
