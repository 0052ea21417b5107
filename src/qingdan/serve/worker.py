"""The one thread that does serve's work, and the news of each new state for the open pages.

Rebuilding, rendering a page, the adjustment report and the Data Package run here, one after the other, and
the request threads wait for their answer: a page asked for during a rebuild comes after it (the reload
follows anyway), work that threads would share only takes turns at the GIL, and what the site maker keeps
has one writer. When the thread has been idle a moment it collects the cyclic garbage the last jobs left
and freezes what survives (`gc.freeze`), so that the next collection does not walk the 100,000 records
again: qingdan runs with the collector off (`cli.app.main`).
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
IDLE_SECONDS = 1.0  # before collecting garbage: the page a reload asks for comes first
Job = tuple[Callable[[], Any], "Future[Any]"] | None


class Worker:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._untidy = False
        self._thread = threading.Thread(target=self._run, name="qingdan-serve-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, job: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def call(self, job: Callable[[], T]) -> T:
        """Run `job` on the worker and wait for it (never from the worker itself)."""
        return self.submit(job).result()

    def stop(self) -> None:
        """Finish the jobs already asked for, then end the thread."""
        self._jobs.put(None)
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                self._tidy()
                continue
            if job is None:
                return
            work, future = job
            self._untidy = True
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(work())
                except BaseException as error:  # handed to the thread waiting for it
                    future.set_exception(error)

    def _tidy(self) -> None:
        if self._untidy:
            gc.collect()
            gc.freeze()
            self._untidy = False


class News:
    """The generation of the site now served; the event streams of open pages wait here for the next."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._generation = 0
        self._closed = False

    def announce(self, generation: int) -> None:
        with self._changed:
            self._generation = generation
            self._changed.notify_all()

    def wait(self, seen: int | None, timeout: float) -> int | None:
        """The generation once it is not `seen` (or after `timeout`, unchanged); None once serve is ending."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._generation != seen, timeout)
            return None if self._closed else self._generation

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
