"""A store of values in files named by their key, in the user's cache folder: what qingdan can compute again
but would rather not (validation runs, the history of codes). Every write is atomic, every read forgiving.

The folder is QINGDAN_CACHE_DIR, else $XDG_CACHE_HOME/qingdan, else ~/.cache/qingdan: the user's own, like
pytest's or mypy's.

Values are pickled, and a pickle is code: it is only ever unpickled after its signature checks out. Each
file starts with a format tag and an HMAC-SHA256, under a key of 32 random bytes kept in the folder (`key`,
mode 0600, owned by the user), over the file's area, name and payload. A file that someone else planted, that
was cut short, that an older qingdan wrote or that was copied under another name fails the check and reads
as missing. A key that is not the user's own (another account planted it, or it is readable by others)
switches the store off: every read misses and nothing is written, so qingdan runs cold but correct.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
import time
from enum import StrEnum
from pathlib import Path
from typing import Any

FORMAT = b"QDSTORE2"  # changes whenever the layout of a stored file does
KEY_FILE = "key"
KEY_BYTES = 32
_DIGEST = hashlib.sha256().digest_size
USED_REFRESH_SECONDS = 86_400.0  # how stale a file's time may be before a read refreshes it (see `cache.prune`)


class Area(StrEnum):
    """The folders of the cache, each holding entries that `cache.prune` forgets once no run has used them for
    a month. Nothing outside these folders is ever removed."""

    FILES = "files"  # what a run keeps of each version of each file (`cache.entries`)
    STATES = "states"  # what a run leaves for the next, per registry
    REPORTS = "reports"  # finished validation reports, by everything they depend on
    STATS = "stats"  # each file's size and time, per registry
    CODES = "codes"  # QD501's scan of the history
    LAWS = "laws"  # the law library's parsed texts (`laws.reading` names it: it sits below the cache)
    PROVINCE = "province"  # districts staged as Parquet, and finished reports (folders, not pickles)


def cache_dir() -> Path:
    explicit = os.environ.get("QINGDAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qingdan"


class Store:
    """Signed, pickled values in files named by their key; every write is atomic, every read forgiving."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._key: bytes | None = None
        self._key_read = False

    @property
    def usable(self) -> bool:
        """Whether values can be kept here (the folder holds, or can be given, the user's own key)."""
        return self._signing_key() is not None

    def load(self, area: str, key: str) -> Any:
        secret = self._signing_key()
        if secret is None:
            return None
        try:
            with (self.folder / area / key).open("rb") as handle:
                blob = handle.read()
                _mark_used(handle.fileno())
        except OSError:
            return None
        head = len(FORMAT) + _DIGEST
        if len(blob) < head or not blob.startswith(FORMAT):
            return None
        payload = memoryview(blob)[head:]
        if not hmac.compare_digest(blob[len(FORMAT) : head], _sign(secret, area, key, payload)):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # signed by us, but by a qingdan whose classes have changed since
            return None

    def save(self, area: str, key: str, value: Any) -> None:
        secret = self._signing_key()
        if secret is None:
            return
        folder = self.folder / area
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # a cache that cannot be written only costs time
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(FORMAT + _sign(secret, area, key, payload) + payload)
            Path(temporary).replace(folder / key)  # atomic: a reader sees the old file or the new one
        except OSError:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()

    def refresh(self, area: str, keys: list[str]) -> None:
        """Mark entries as used without reading them (those a state names, which a later run may need)."""
        for key in keys:
            with contextlib.suppress(OSError):
                os.utime(self.folder / area / key)

    def _signing_key(self) -> bytes | None:
        if not self._key_read:
            self._key_read = True
            self._key = _user_key(self.folder)
        return self._key


def _mark_used(descriptor: int) -> None:
    """A file's time is when a run last wrote or read it, to the day: what `cache.prune` goes by."""
    if time.time() - os.fstat(descriptor).st_mtime > USED_REFRESH_SECONDS:
        with contextlib.suppress(OSError):
            os.utime(descriptor)


def _sign(secret: bytes, area: str, key: str, payload: bytes | memoryview) -> bytes:
    mac = hmac.new(secret, f"{area}\0{key}\0".encode(), hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def _user_key(folder: Path) -> bytes | None:
    """The folder's signing key, created on first use; None if it is missing and cannot be made, or is not
    trustworthy (a link, not the user's, readable or writable by others, the wrong size)."""
    path = folder / KEY_FILE
    found = read_key(path)
    if found is not None or path.exists() or path.is_symlink():
        return found
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
            os.link(temporary, path)  # fails if another process made one meanwhile: theirs is used
        except FileExistsError:
            pass
        finally:
            Path(temporary).unlink()
    except OSError:
        return None
    return read_key(path)


def read_key(path: Path) -> bytes | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        private = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077
        owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        secret = handle.read(KEY_BYTES + 1)
    return secret if private and owned and len(secret) == KEY_BYTES else None
