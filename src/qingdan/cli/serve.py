"""`serve`: the working tree's site on this machine, validated again and reloaded on every save."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Annotated

import typer

from qingdan.cli.app import RegistryOption, _context, _emit, _errors_handled, _registry_root, _shown_path, app
from qingdan.cli.publishing import RenderEdition

if TYPE_CHECKING:
    from qingdan.serve import Event


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="端口（0：任一空闲端口）")] = 8000,
    host: Annotated[
        str | None, typer.Option("--host", help="监听地址（默认 127.0.0.1：只有本机能访问；其他地址会给出警告）")
    ] = None,
    edition: Annotated[
        RenderEdition, typer.Option("--edition", help="standard 标准版（全部字段）| simple 简易版（编码名称类型主体）")
    ] = RenderEdition.standard,
    open_browser: Annotated[bool, typer.Option("--open", help="在浏览器中打开网站")] = False,
    registry: RegistryOption = None,
) -> None:
    """在本机预览工作区的清单网站：保存即重新校验、刷新页面，显示问题与调整 (the working tree's site, live)."""
    from qingdan.publish.model import Edition
    from qingdan.serve import LOCALHOST, ServeOptions, is_loopback
    from qingdan.serve import serve as run

    stop = threading.Event()
    with _errors_handled():
        root = _registry_root(registry)
        if host is not None and not is_loopback(host):
            _say("serve.host_warning", sys.stderr, host=host)
        options = ServeOptions(root, host or LOCALHOST, port, Edition(edition.value), _context.lang)
        # Ctrl-C stops it even when started with SIGINT ignored (a shell's background job, as CI runs it).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, lambda *_: stop.set())  # `kill` ends it as Ctrl-C does
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C during the first build
            run(options, _Terminal(open_browser), stop)
    _say("serve.stopped", sys.stdout)


class _Terminal:
    """Tells the clerk what serve does, a line per event, in the user's language."""

    def __init__(self, open_browser: bool) -> None:
        self.open_browser = open_browser
        self.generation = 0  # the last one told

    def __call__(self, event: Event) -> None:
        from qingdan.serve import Building, Fault, Listening

        if isinstance(event, Building):
            _say("serve.building", sys.stdout, registry=_shown_path(event.root))
        elif isinstance(event, Listening):
            _say("serve.listening", sys.stdout, url=event.url)
            if self.open_browser:
                import webbrowser

                webbrowser.open(event.url)
        elif isinstance(event, Fault):
            _say("internal", sys.stderr, detail=f"{type(event.error).__name__}: {event.error}")
        elif event.snapshot.generation != self.generation:
            self._rebuilt(event)

    def _rebuilt(self, event: Event) -> None:
        from qingdan.serve import Rebuilt

        assert isinstance(event, Rebuilt)
        snapshot, first = event.snapshot, self.generation == 0
        self.generation = snapshot.generation
        if snapshot.broken is not None:
            _say("serve.broken", sys.stderr, why=snapshot.broken)
            for found in snapshot.problems:
                sys.stderr.write(f"  {found.where}: {found.check} {found.message}\n")
            return
        counts = {"errors": snapshot.errors, "warnings": snapshot.warnings, "seconds": f"{event.seconds:.2f}"}
        if first:
            _say("serve.built", sys.stdout, pages=event.pages, **counts)
        else:
            shown = "、".join(event.files[:3]) + (" …" if len(event.files) > 3 else "")
            _say("serve.rebuilt", sys.stdout, files=shown or "—", pages=event.pages, **counts)


def _say(key: str, stream: object, **args: object) -> None:
    from qingdan.messages import text

    line = f"[{time.strftime('%H:%M:%S')}] {text(key, _context.lang, **args)}\n"
    if stream is sys.stdout:
        _emit(line)
    else:
        sys.stderr.write(line)
        sys.stderr.flush()
