"""A store of values in files named by their key, in the user's cache folder: what qingdan can compute again
but would rather not (validation runs, the history of codes). Every write is atomic, every read forgiving.

The folder is QINGDAN_CACHE_DIR, else $XDG_CACHE_HOME/qingdan, else ~/.cache/qingdan: the user's own, like
pytest's or mypy's.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    explicit = os.environ.get("QINGDAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qingdan"


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
