"""Forgetting what no run has used for a month. Without it the cache grows with every edit (each version of
each file keeps an entry), every upgrade (entries are keyed by the code) and every district staged.

An entry's time is when a run last wrote or used it, to the day: `Store.load` refreshes it, and `province`
touches the districts and reports it reuses. At most once a day, after a run's report is out, the entries of
the cache's areas (`store.Area`) older than `UNUSED_DAYS` are removed, with what runs stopped half-way left
under a temporary name (a dot first) more than a day ago. A removed entry is only a miss: whatever needs it
computes it again. Only a folder holding the user's signing key is pruned, and in it only the areas qingdan
names: a `QINGDAN_CACHE_DIR` pointed at a folder of other things loses none of them. Lock files are kept (one
removed while held would let a second writer in).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from qingdan.cache.store import KEY_FILE, USED_REFRESH_SECONDS, Area, read_key

UNUSED_DAYS = 30
STAMP = ".pruned"  # its time: when the cache was last pruned
NESTED = {Area.PROVINCE: ("reports",)}  # folders of an area that hold entries, rather than being one
DAY = USED_REFRESH_SECONDS  # a day: how stale an entry's time may get while in use, and how often to prune


def prune_when_due(folder: Path, now: float | None = None) -> None:
    """Prune the cache in `folder` unless a run did in the last day."""
    now = time.time() if now is None else now
    stamp = folder / STAMP
    try:
        if now - stamp.stat().st_mtime < DAY:
            return
    except FileNotFoundError:
        pass  # never pruned
    except OSError:
        return  # a cache that cannot be read is not pruned either
    if read_key(folder / KEY_FILE) is None:
        return  # not a cache of this user's (or none yet)
    try:
        stamp.touch()  # first: two runs at once do not both walk the cache
        os.utime(stamp, (now, now))
    except OSError:
        return
    prune(folder, now)


def prune(folder: Path, now: float) -> None:
    for area in Area:
        for entry in _entries(folder / area, NESTED.get(area, ())):
            try:
                info = entry.lstat()
            except OSError:
                continue
            limit = DAY if entry.name.startswith(".") else UNUSED_DAYS * DAY
            if now - info.st_mtime > limit:
                _remove(entry, info)


def _entries(area: Path, nested: tuple[str, ...]) -> Iterator[Path]:
    try:
        children = list(area.iterdir())
    except OSError:
        return
    for child in children:
        if child.name in nested:
            yield from _entries(child, ())
        else:
            yield child


def _remove(entry: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(entry, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            entry.unlink()
