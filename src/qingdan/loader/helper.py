"""Loading a large registry on two cores: a forked process loads the last files completely.

The helper reads, parses and types its share of the files exactly as the main process would (`load_file`),
and hands back each file's result pickled; the main process meanwhile loads the first files, then unpickles
the helper's (a third of the cost of loading them). Records are pickled as their field values, rebuilt
without validating again (`_rebuild`): they were validated by the same code a moment ago. The pickles come
through a pipe from a child of this very process, never from a file, so they are trusted as the process's
own objects are. Files are handed back one pickle each, so the helper keeps bytes rather than records.

A registry under 4 MiB is loaded in one process (a second costs more than it saves), and so is one read
from git (`sources.git`, already one `git cat-file` process).
"""

from __future__ import annotations

import contextlib
import copyreg
import marshal
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from pydantic import BaseModel

from qingdan.problems import Problem
from qingdan.sources.files import DataFile, Folder, Source, read

PARALLEL_BYTES = 4 * 1024 * 1024
# Loading a file and pickling it costs the helper about 1.4 times what loading it costs here, and
# unpickling it costs a third: the helper takes a little under half, and ends a little before this
# process needs its files, so that a busy machine does not make this process wait.
HELPER_SHARE = 0.42

Load = Callable[[Path, DataFile, bytes | Problem], Any]
T = TypeVar("T")


def _rebuild(cls: type[BaseModel], values: dict[str, Any], names: set[str], private: Any) -> BaseModel:
    """A model from the state of a validated one (the helper's), as pydantic's own copy makes it."""
    model = cls.__new__(cls)
    setter = object.__setattr__
    setter(model, "__dict__", values)
    setter(model, "__pydantic_fields_set__", names)
    setter(model, "__pydantic_extra__", None)
    setter(model, "__pydantic_private__", private)
    return model


def _reduce(model: BaseModel) -> str | tuple[Any, ...]:
    if model.__pydantic_extra__:
        return model.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # never for qingdan's models: extra is forbidden
    return (_rebuild, (type(model), model.__dict__, model.__pydantic_fields_set__, model.__pydantic_private__))


def _models(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _models(sub)


def dumps(value: Any) -> bytes:
    """Pickle a value holding models, each as its field values (pydantic's own pickling copies them twice)."""
    import io

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table = dict(copyreg.dispatch_table)
    table.update(dict.fromkeys(_models(BaseModel), _reduce))
    pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getvalue()


class Helper:
    """`result(path)`: the helper's outcome for a file (the value `load` returned there), or None if the file
    is not the helper's, or the helper failed: then the caller loads it itself."""

    def __init__(self, source: Source, files: list[DataFile], load: Load) -> None:
        self._child = 0
        self._pipe = -1
        self._done: dict[str, bytes] | None = None
        self._theirs: frozenset[str] = frozenset()
        if not isinstance(source, Folder):
            return
        root = source.root
        sizes = [_size(root / data_file.path) for data_file in files]
        if not _worth_a_process(sizes):
            return
        split, taken = len(files), 0
        while split > 0 and taken < HELPER_SHARE * sum(sizes):
            split -= 1
            taken += sizes[split]
        self._theirs = frozenset(data_file.path for data_file in files[split:])
        self._fork(root, files[split:], load)

    def _fork(self, root: Path, files: list[DataFile], load: Load) -> None:
        reading, writing = os.pipe()
        self._child = os.fork()
        if self._child == 0:  # the helper: load, pickle, write, and leave without running any exit handlers
            status = 1
            try:
                os.close(reading)
                done = {data_file.path: dumps(load(root, data_file, read(root, data_file.path))) for data_file in files}
                with os.fdopen(writing, "wb") as pipe:
                    pipe.write(marshal.dumps(done))
                status = 0
            finally:
                os._exit(status)
        os.close(writing)
        self._pipe = reading

    def result(self, path: str) -> Any:
        if path not in self._theirs:
            return None
        if self._done is None:
            self._done = self._collect()
        blob = self._done.pop(path, None)  # each file is asked for once: let its bytes go after
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # a helper that died halfway only costs time
            return None

    def _collect(self) -> dict[str, bytes]:
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                self._pipe = -1
                result = marshal.loads(pipe.read())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return result if isinstance(result, dict) else {}

    def __enter__(self) -> Helper:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pipe >= 0:
            os.close(self._pipe)  # the helper, if still writing, gets EPIPE and leaves
        if self._child:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._child, 0)


def _worth_a_process(sizes: list[int]) -> bool:
    return sum(sizes) >= PARALLEL_BYTES and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


def slow_to_load(source: Source, files: list[DataFile]) -> bool:
    """Whether loading these files takes long enough to do other work beside it in a second process."""
    if not isinstance(source, Folder):
        return False
    return _worth_a_process([_size(source.root / data_file.path) for data_file in files])


def ahead(work: Callable[[], T]) -> Callable[[], T | None]:
    """`work` done now by a forked process while this one goes on; the function returned waits for its value,
    once, and gives None if that process failed (the caller then does the work itself). The value comes
    pickled through a pipe from this process's own child, so it is trusted as `Helper`'s are."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the second process: work, pickle, write, and leave without running any exit handlers
        status = 1
        try:
            os.close(reading)
            blob = dumps(work())
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(blob)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)

    def result() -> T | None:
        try:
            with os.fdopen(reading, "rb") as pipe:
                value: T = pickle.loads(pipe.read())
            return value
        except Exception:  # a process that died halfway only costs time
            return None
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, 0)

    return result


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0
