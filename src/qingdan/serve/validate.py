"""The working tree's problems, from a process of its own that validates through the run cache like any
`qingdan validate` (only what a save touched is checked again), while serve rebuilds the pages.

Why a process: the two then run at once on two cores (at 100,000 items on a loaded machine, calibration 3 s,
validating a one-file edit took 0.45 to 0.9 s and making the publication again 0.1 to 0.2 s); validation
puts hooks on the record models while it runs (`validation.hooks`), which the pages' records never meet
there; and its garbage stays there. Why one that lives as long as serve: starting Python and importing the
checks for each save took 0.3 s, more than validating an edit of the bundled registry. It is spawned, not
forked: serve has threads by then.

The report comes first, and what the next run needs is written after it, as the console script does: the
writer is the process's next job, queued as soon as the report is out, so that serve shows the site while
it writes (at 100,000 items the first run's writer loads and checks the registry again, writing down what
each check reads: the first build took 40.8 s with it and 22.6 s without, on a loaded machine, calibration
1.8 to 2 s); a save made meanwhile is validated once it is done.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.errors import QingdanError
from qingdan.messages import message, text
from qingdan.problems import Problem

if TYPE_CHECKING:
    from qingdan.cache.writer import Writer

# How long one validation may take before serve gives up on it: a cold run of a large province (1,000,000
# items, 30 s on a quiet machine) with room for a busy one.
TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class Found:
    """A problem, its message said in the user's language (the fields of SPEC §6.1 that the panel shows)."""

    file: str
    line: int
    column: int
    check: str
    severity: str  # error | warning
    message: str
    record: str | None

    @classmethod
    def of(cls, found: Problem, lang: str) -> Found:
        where = (found.file, found.line, found.column)
        return cls(*where, found.check, found.severity.value, message(found, lang), found.record)


@dataclass(frozen=True)
class Validated:
    problems: tuple[Found, ...]
    errors: int
    warnings: int


class Validator:
    def __init__(self, root: Path, lang: str) -> None:
        self.root = root
        self.lang = lang
        self._pool = _pool()

    def start(self) -> Future[Validated | str]:
        try:
            return self._pool.submit(_validate, self.root, self.lang)
        except BrokenProcessPool:  # it died since its last report (writing the cache): a new one
            self._pool = _pool()
            return self._pool.submit(_validate, self.root, self.lang)

    def result(self, started: Future[Validated | str]) -> Validated:
        """The run's report; QingdanError with the reason if validation could not run."""
        try:
            done = started.result(timeout=TIMEOUT_SECONDS)
        except BrokenProcessPool:  # the process died (killed, out of memory): a new one for the next save
            self._pool = _pool()
            raise QingdanError("serve.validate_failed", detail="") from None
        if isinstance(done, str):
            raise QingdanError("serve.validate_failed", detail=done)
        with contextlib.suppress(BrokenProcessPool):  # the next start makes a new one
            self._pool.submit(_write)
        return done

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_started)


def _started() -> None:
    """In the validating process. Ctrl-C reaches the whole process group; serve ends this process itself,
    without a traceback. A serve killed outright (`kill -9`) cannot: the pool's pipes, held open here too,
    would keep this process waiting for ever, so it ends as soon as serve has."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve = multiprocessing.parent_process()
    if serve is not None:
        threading.Thread(target=_end_with, args=(serve.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(0)  # a cache file half-written stays under its temporary name (`cache.store`)


_writer: Writer | None = None  # in the validating process: what the last run leaves for the next, once out


def _validate(root: Path, lang: str) -> Validated | str:
    """In the validating process: the report, or why there is none."""
    from qingdan.validation.runcache import answer

    global _writer
    try:
        found = answer(root, label=str(root))
        report, _writer = found.report, found.writer
        if _writer is not None:
            _writer.claim()  # the next run waits for it
    except QingdanError as error:
        return error.localized(lang)
    except Exception as error:  # said in the panel; serve goes on
        return text("internal", lang, detail=f"{type(error).__name__}: {error}")
    return Validated(tuple(Found.of(found, lang) for found in report.problems), report.errors, report.warnings)


def _write() -> None:
    """In the validating process: write what the last run leaves for the next (a failure only makes the next run
    slower: the cache is rebuilt as a cold run's)."""
    global _writer
    writer, _writer = _writer, None
    if writer is not None:
        writer.write()
