"""Writing what a run leaves for the next one after its report is out, and waiting for such a writer.

A run answers first and writes the cache afterwards (`Writer`), in a child process of the console script: after
an incremental run, a child forked once the report is printed (`write_behind`: it holds the state in memory);
before a cold run, a child forked before anything is loaded, which waits for the run to end and then loads and
checks the registry again, writing down what each check reads (`Writer.write_when_done`: forking a process that
holds a million records would count their memory twice, for as long as the parent takes to end). The writer
holds the registry's lock file (`locks/<state key>`, an exclusive `flock`) while it writes, and a run reading
that registry's state waits for it first (`wait_for_writer`), so the next run finds the state the last one
left.

Nothing depends on the lock for correctness: every file of the store is replaced atomically, a state is written
after the file entries it names and a report after its state, and entries are named by their content's digest,
so a reader that did not wait (two runs at once, a writer slower than `WAIT_SECONDS`) finds an older state or
none, and is only slower. Two writers at once each write a whole state; the last one stays.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from qingdan.cache.prune import prune_when_due
from qingdan.cache.store import Store

LOCKS = "locks"
WAIT_SECONDS = 60.0  # a writer still at work after this long is not waited for (a million items take ~15 s)
_POLL_SECONDS = 0.01


class Writer:
    """Work that writes into the store, for one registry: `claim` takes the registry's lock (without waiting:
    another writer at work keeps it, and this one waits in `write`), `write` does the work and lets go."""

    def __init__(self, store: Store, key: str, work: Callable[[Store], None]) -> None:
        self.store = store
        self.key = key
        self.work = work
        self._lock: int | None = None
        self._held = False
        self._until_exit: int | None = None

    def claim(self) -> None:
        self._lock = _open_lock(self.store.folder, self.key)
        if self._lock is not None:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._held = True
            except OSError:
                self._held = False  # another writer of this registry is at work: `write` waits for it

    def write_when_done(self) -> bool:
        """Fork now (while this process is small: nothing loaded yet) a child that waits until this process has
        ended, then writes; False where no child can be had. The child is this process's descendant only while
        this process runs, and holds none of its output streams."""
        reading, writing = os.pipe()  # not inherited by what this process runs, only by what it forks
        try:
            child = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return False
        if child:
            os.close(reading)
            self._until_exit = writing  # the pipe ends when this process (and any helper it forks) has ended
            return True
        try:
            os.close(writing)
            _to_nowhere()
            while os.read(reading, 4096):
                pass
            self.write()
        finally:
            os._exit(0)

    def write(self) -> None:
        try:
            if self._lock is None:
                self._lock = _open_lock(self.store.folder, self.key)
            if self._lock is not None and not self._held:
                with contextlib.suppress(OSError):
                    fcntl.flock(self._lock, fcntl.LOCK_EX)
            self.work(self.store)
        finally:
            if self._lock is not None:
                os.close(self._lock)  # lets the lock go (the parent's copy is gone with the parent)
                self._lock = None
        prune_when_due(self.store.folder)  # once a day, with the lock let go: no run waits for it


def wait_for_writer(store: Store, key: str, seconds: float = WAIT_SECONDS) -> None:
    """Return once no writer holds the registry's lock (or after `seconds`: see the module's docstring)."""
    lock = _open_lock(store.folder, key, create=False)
    if lock is None:
        return
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return
            except OSError:
                if time.monotonic() > deadline:
                    return
                time.sleep(_POLL_SECONDS)
    finally:
        os.close(lock)


def _open_lock(folder: Path, key: str, create: bool = True) -> int | None:
    """The registry's lock file, opened (never through a link); None where there is none, or none can be made."""
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    path = folder / LOCKS / key
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return os.open(path, flags | os.O_CREAT, 0o600)
        return os.open(path, flags)
    except OSError:
        return None


def write_behind(writers: list[Writer]) -> bool:
    """Fork a child that does the writers' work (they were claimed before), and return in this process: True.
    False where no child can be had (then nothing was done)."""
    try:
        child = os.fork()
    except OSError:
        return False
    if child:
        return True
    try:
        _to_nowhere()
        for writer in writers:
            writer.write()
    finally:
        os._exit(0)


def _to_nowhere() -> None:
    """A child's standard streams on /dev/null, so that whoever reads its parent's output (a pipe, `$(…)`, CI)
    has all of it when the parent ends."""
    nowhere = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(nowhere, descriptor)
