"""The C++ half of parsing a large registry, done for most of its files in a forked process.

rapidyaml's parse and JSON emission need no Python objects, so a forked process can run them and hand
back one string per file, which costs almost nothing to send; decoding and typing stay in the main process,
which meanwhile works through the rest. Sending parsed data or typed models back instead was
measured to cost more than it saved, and so did multiprocessing.Pool, whose helper threads compete with
the main thread for the GIL: hence a bare fork and a pipe that is read only when the results are needed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from types import TracebackType

from qingdan.parsing import yamldoc
from qingdan.sources.files import DataFile, Folder, Source, read

PARALLEL_BYTES = 4 * 1024 * 1024  # below this a second process costs more than it saves
# The main process still decodes and types the child's files, so the child takes the larger share; it
# stays ahead as long as its part of the work (about a third of the whole per file) finishes first.
CHILD_SHARE = 0.65


class Prefetch:
    """`emitted(path)`: the file's `yamldoc.fast_json` if the forked process did it, else None (the
    caller then parses the file itself, exactly as without a second process)."""

    def __init__(self, source: Source, files: list[DataFile]) -> None:
        self._child = 0
        self._pipe = -1
        self._done: dict[str, str | None] | None = None
        self._theirs: frozenset[str] = frozenset()
        if not isinstance(source, Folder):
            return  # a git revision is read through one `git cat-file` process: nothing to share
        root = source.root
        paths = [data_file.path for data_file in files if not data_file.path.lower().endswith(".csv")]
        sizes = [_size(root / path) for path in paths]
        if sum(sizes) < PARALLEL_BYTES or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
            return
        split, taken = len(paths), 0
        while split > 0 and taken < CHILD_SHARE * sum(sizes):
            split -= 1
            taken += sizes[split]
        self._theirs = frozenset(paths[split:])
        self._fork(root, paths[split:])

    def _fork(self, root: Path, paths: list[str]) -> None:
        reading, writing = os.pipe()
        self._child = os.fork()
        if self._child == 0:  # the child: compute, write, and leave without running any exit handlers
            status = 1
            try:
                os.close(reading)
                with os.fdopen(writing, "wb") as pipe:
                    pipe.write(marshal.dumps(_emit(root, paths)))
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        self._pipe = reading

    def emitted(self, path: str) -> str | None:
        if path not in self._theirs:
            return None
        if self._done is None:
            self._done = self._collect()
        return self._done.pop(path, None)  # each file is asked for once: let its text go after

    def _collect(self) -> dict[str, str | None]:
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                self._pipe = -1
                result = marshal.loads(pipe.read())
        except (OSError, EOFError, ValueError, TypeError):
            return {}  # a failed child only costs time: the files are parsed here instead
        return result if isinstance(result, dict) else {}

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)  # the child, if still writing, gets EPIPE and leaves
        if self._child:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._child, 0)


def _emit(root: Path, paths: list[str]) -> dict[str, str | None]:
    emitted: dict[str, str | None] = {}
    for path in paths:
        raw = read(root, path)
        emitted[path] = yamldoc.fast_json(raw) if isinstance(raw, bytes) else None
    return emitted


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0
