"""Noticing saves: watchfiles watches the registry folder (inotify on Linux) from a thread of its own and
names the registry files that changed.

watchfiles yields a batch 50 ms after the last change it saw (its `step`), so an editor's write, rename and
chmod of one save come as one batch. Its default filter leaves out version control folders, editor swap
and backup files; of the rest, only qingdan.yaml, the kinds' files and folders, CSV files (the province's
catalogue may be any of them) and Markdown files (the law library's texts, in the folder qingdan.yaml names) are
registry files: any other file saved next to them changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

from qingdan.models.kinds import LAYOUT
from qingdan.sources.files import SETTINGS_FILE

_TOPS = frozenset({name for name, _ in LAYOUT.files} | {folder for folder, _ in LAYOUT.folders} | {SETTINGS_FILE})


class _RegistryFiles(DefaultFilter):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __call__(self, change: Change, path: str) -> bool:
        relative = _relative(self.root, path)
        return (
            relative is not None
            and super().__call__(change, path)
            and (relative.split("/")[0] in _TOPS or relative.lower().endswith((".csv", ".md")))
        )


class Watcher:
    """Calls `changed` with the registry paths of each batch of changes, until stopped."""

    def __init__(self, root: Path, changed: Callable[[set[str]], None]) -> None:
        self.root = root.resolve()
        self.changed = changed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="qingdan-serve-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        batches = watch(self.root, watch_filter=_RegistryFiles(self.root), stop_event=self._stop, raise_interrupt=False)
        for batch in batches:
            named = {relative for _, path in batch if (relative := _relative(self.root, path)) is not None}
            if named:
                self.changed(named)


def _relative(root: Path, path: str) -> str | None:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return None
