"""`qingdan serve` as a library function: build the site, listen, and rebuild on every save until told to
stop; then stop the watcher, the event streams, the server, the worker and the validating process, in that
order, and return.

The first build runs before serve's threads start, as loading a large registry forks a helper process
(`loader.helper`), which is only safe in a process of one thread. Saves made during it are caught by a
second build right after the threads start (it reads only the files that changed meanwhile). What
happens is told through `tell` (the CLI prints it), never printed here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qingdan.publish.model import Edition
from qingdan.serve.build import Builder, Rebuilt
from qingdan.serve.http import Server
from qingdan.serve.routes import Routes
from qingdan.serve.watch import Watcher
from qingdan.serve.worker import News, Worker

LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = LOCALHOST
    port: int = 8000
    edition: Edition = Edition.STANDARD
    lang: str = "zh"


@dataclass(frozen=True)
class Building:
    """The address is had; the first build begins."""

    root: Path


@dataclass(frozen=True)
class Listening:
    url: str


@dataclass(frozen=True)
class Fault:
    """An error serve did not expect while answering a request; it goes on serving."""

    error: Exception


Event = Building | Rebuilt | Listening | Fault


def serve(options: ServeOptions, tell: Callable[[Event], None], stop: threading.Event) -> None:
    """Serve until `stop` is set (or Ctrl-C); QingdanError if the address cannot be had."""
    worker, news = Worker(), News()
    builder = Builder(options.root, options.edition, options.lang)
    routes = Routes(options.root, builder, worker, options.lang)
    with contextlib.ExitStack() as running:  # taken down in the reverse order
        running.callback(builder.close)
        running.callback(worker.stop)
        server = Server(options.host, options.port, routes, news, lambda error: tell(Fault(error)))
        running.callback(server.server_close)  # waits for the request threads (event streams end on news.close)
        tell(Building(options.root))
        first = builder.rebuild()
        news.announce(first.snapshot.generation)  # what the first pages are served with
        tell(first)
        rebuilds = _Rebuilds(builder, worker, news, tell)
        watcher = Watcher(options.root, rebuilds.ask)
        listener = threading.Thread(target=server.serve_forever, args=(0.2,), name="qingdan-serve-http")
        worker.start()
        listener.start()
        running.callback(server.shutdown)
        running.callback(news.close)
        watcher.start()
        running.callback(watcher.stop)
        rebuilds.ask(set())
        tell(Listening(server.url))
        with contextlib.suppress(KeyboardInterrupt):
            while not stop.wait(0.5):
                pass


class _Rebuilds:
    """Rebuilds asked for while one is waiting join it: a burst of saves makes one rebuild, not many."""

    def __init__(self, builder: Builder, worker: Worker, news: News, tell: Callable[[Event], None]) -> None:
        self.builder = builder
        self.worker = worker
        self.news = news
        self.tell = tell
        self._lock = threading.Lock()
        self._named: set[str] = set()
        self._waiting = False

    def ask(self, named: set[str]) -> None:
        with self._lock:
            self._named |= named
            if self._waiting:
                return
            self._waiting = True
        self.worker.submit(self._run)

    def _run(self) -> None:
        with self._lock:
            named, self._named, self._waiting = self._named, set(), False
        rebuilt = self.builder.rebuild(named)
        self.news.announce(rebuilt.snapshot.generation)
        self.tell(rebuilt)
