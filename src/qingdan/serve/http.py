"""The HTTP side of `serve`: the standard library's threading server, kept small and strict.

- Read-only: GET and HEAD are answered, every other method gets 405; nothing a request says is written.
- A request target is decoded once and refused (403) if any segment is `.` or `..`, if it holds a
  backslash, a NUL or an empty segment (`//etc/passwd`), or is not a path at all; what remains is looked up
  among the pages in memory (`serve.routes`), never opened as a file, so no path and no link can leave the
  site. Browsers normalise `/../` away; the tests send it over a raw socket.
- Bound to 127.0.0.1 unless `--host` says otherwise; while on a loopback address, a request whose Host is
  not a loopback name is refused (421), so a web page cannot reach the server through DNS rebinding.
- Quiet: requests are not logged (the terminal tells the clerk's loop, in the clerk's language), and a
  client that goes away mid-answer is no error.
- Each open page holds one event stream (`/_events`); each stream wakes for every new state of the site
  and at least every 15 s (a comment line), so a closed page frees its thread and Ctrl-C ends them all.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from qingdan.errors import QingdanError
from qingdan.messages import text
from qingdan.serve.routes import Reply, Routes
from qingdan.serve.worker import News

EVENTS = "_events"
KEEPALIVE_SECONDS = 15.0
SECURITY_HEADERS = {
    "Cache-Control": "no-store",  # a reload must show the new state, never a cached one
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def site_path(target: str) -> str | None:
    """The path within the site that a request target names ("" for the home page), or None: refused."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    try:
        decoded = unquote(urlsplit(target).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    parts = decoded.split("/")[1:]
    if "\\" in decoded or "\0" in decoded or any(part in (".", "..") for part in parts) or "" in parts[:-1]:
        return None
    return "/".join(parts)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


class Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close waits for the request threads: Ctrl-C leaves none behind
    block_on_close = True

    def __init__(self, host: str, port: int, routes: Routes, news: News, fault: Callable[[Exception], None]) -> None:
        try:
            family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
            self.address_family = family
            super().__init__((str(address[0]), int(address[1])), Handler)
        except OSError as error:
            key = "serve.port_busy" if error.errno == errno.EADDRINUSE else "serve.cannot_bind"
            raise QingdanError(key, host=host, port=port, detail=error.strerror or str(error)) from error
        self.routes = routes
        self.news = news
        self.fault = fault  # told of an error serve did not expect while answering
        self.guarded = is_loopback(host)  # Host headers are checked while only this machine may connect

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if self.address_family == socket.AF_INET6 else host
        return f"http://{shown}:{port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer: nothing to report (answers catch everything else)."""


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "qingdan"
    sys_version = ""
    timeout = 30  # seconds a connection may stay silent: a client that sends nothing does not keep a thread

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # POST, PUT, DELETE and every other method
            return self._not_allowed
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the standard library's name)
        """Requests are not logged (see the module docstring)."""

    def _not_allowed(self) -> None:
        self._plain(HTTPStatus.METHOD_NOT_ALLOWED, head=False, extra={"Allow": "GET, HEAD"})

    def _answer(self, head: bool) -> None:
        if self.server.guarded and not is_loopback(_host_name(self.headers.get("Host"))):
            self._plain(HTTPStatus.MISDIRECTED_REQUEST, head)
            return
        path = site_path(self.path)
        if path is None:
            self._plain(HTTPStatus.FORBIDDEN, head)
        elif path == EVENTS and not head:
            self._events()
        else:
            try:
                reply = self.server.routes.reply(path)
            except Exception as error:  # a fault of serve's own: told on the terminal, the server goes on
                self.server.fault(error)
                self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, head)
                return
            self._send(reply, head)

    def _send(self, reply: Reply, head: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        headers = {"Content-Type": reply.content_type, "Content-Length": str(len(reply.body))}
        if reply.location is not None:
            headers["Location"] = reply.location
        for name, value in {**headers, **SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

    def _plain(self, status: HTTPStatus, head: bool, extra: dict[str, str] | None = None) -> None:
        sentence = text(f"serve.http.{status.value}", self.server.routes.lang)
        self._send(Reply(status.value, (sentence + "\n").encode("utf-8"), "text/plain; charset=utf-8"), head, extra)

    def _events(self) -> None:
        """Server-sent events: the generation of the site now, then each next one (`live.js` reloads)."""
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        for name, value in {"Content-Type": "text/event-stream", **SECURITY_HEADERS}.items():
            self.send_header(name, value)
        self.end_headers()
        seen: int | None = None
        try:
            while (generation := self.server.news.wait(seen, KEEPALIVE_SECONDS)) is not None:
                self.wfile.write(b": keepalive\n\n" if generation == seen else f"data: {generation}\n\n".encode())
                self.wfile.flush()
                seen = generation
        except OSError:  # the page was closed or reloaded
            return


def _host_name(header: str | None) -> str:
    """The host of a Host header, without its port (`[::1]:8000` → `[::1]`); a request without one is from
    no browser, so it passes as local."""
    if not header:
        return "localhost"
    if header.startswith("["):
        return header[: header.find("]") + 1]
    return header.rsplit(":", 1)[0]
