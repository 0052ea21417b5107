"""The Typer app, the global options and what every command shares: finding the registry, printing,
and turning exceptions into one sentence and an exit code."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from qingdan.errors import QingdanError, RegistryError

if TYPE_CHECKING:
    from qingdan.cache.writer import Writer
    from qingdan.reporters import ReportOptions


app = typer.Typer(
    name="qingdan",
    help="清单：权责清单等官方清单的校验、比对与发布 (validate, diff and publish official lists).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"


@dataclass
class Context:
    lang: str
    registry: Path | None
    debug: bool
    # Work left for after the output (writing the cache), done by a child once this process has answered; None
    # outside the console script (Typer's test runner, a library caller): then it is done at once.
    behind: list[Writer] | None = None


_context = Context("zh", None, False)


@app.callback()
def main_options(
    lang: Annotated[Lang | None, typer.Option("--lang", help="消息语言 zh|en（也可设 QINGDAN_LANG）")] = None,
    registry: Annotated[Path | None, typer.Option("--registry", help="清单库目录（含 qingdan.yaml）")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示 Python 回溯")] = False,
) -> None:
    from qingdan.messages import language

    _context.lang = language(lang.value if lang else None)
    _context.registry = registry
    _context.debug = debug


# Also accepted after the command (`qingdan validate --registry PATH`), as users and hooks tend to write it.
RegistryOption = Annotated[Path | None, typer.Option("--registry", help="清单库目录（含 qingdan.yaml）")]


def _deliver(output: str, out: Path | None) -> None:
    """To stdout, or atomically to a file (the CSV report carries its own BOM, for Excel)."""
    if out is None:
        _emit(output)
        return
    from qingdan.writing.atomic import write_text

    write_text(out, output)


def _print_rich(renderable: object, out: Path | None) -> None:
    from rich.console import Console

    if out is None:
        Console(highlight=False).print(renderable)
        return
    from io import StringIO

    buffer = StringIO()
    Console(file=buffer, highlight=False, width=160, color_system=None).print(renderable)
    _deliver(buffer.getvalue(), out)


def _registry_root(explicit: Path | None = None) -> Path:
    from qingdan.loader.load import find_registry

    return find_registry(explicit or _context.registry, Path.cwd())


def _shown_path(root: Path) -> str:
    """The registry as the user would type it: relative to the working directory when inside it."""
    try:
        return root.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return root.as_posix()


def _report_options(root: Path) -> ReportOptions:
    from qingdan.reporters import ReportOptions

    shown = _shown_path(root)
    return ReportOptions(lang=_context.lang, display_root="" if shown == "." else shown, repo_root=_repo_prefix(root))


def _repo_prefix(root: Path) -> str:
    """The registry folder relative to its git repository (found by its .git, without running git)."""
    resolved = root.resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / ".git").exists():
            relative = resolved.relative_to(folder).as_posix()
            return "" if relative == "." else relative
    shown = _shown_path(root)  # no repository: paths relative to the working directory, without "./"
    return "" if shown == "." else shown


def _emit(output: str, colour: bool = False) -> None:
    if colour and sys.stdout.isatty():
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(_coloured(output), end="")
    else:
        sys.stdout.write(output)
        sys.stdout.flush()


def _coloured(output: str) -> object:
    from rich.text import Text

    rich_text = Text(output)
    rich_text.highlight_regex(r" (错误|error) QD\d{3}", "bold red")
    rich_text.highlight_regex(r" (警告|warning) QD\d{3}", "bold yellow")
    return rich_text


@contextmanager
def _errors_handled() -> Iterator[None]:
    """Exceptions become one sentence and exit code 2; --debug shows the traceback too."""
    try:
        yield
    except typer.Exit:
        raise
    except RegistryError as error:
        _fail(error, _registry_error_text(error))
    except QingdanError as error:
        _fail(error, error.localized(_context.lang))
    except Exception as error:
        from qingdan.messages import text

        _fail(error, text("internal", _context.lang, detail=f"{type(error).__name__}: {error}"))


def _registry_error_text(error: RegistryError) -> str:
    if not error.problems:
        return error.localized(_context.lang)
    from qingdan.messages import message

    return "\n".join(
        f"{found.file}:{found.line}:{found.column}: {found.check} {message(found, _context.lang)}"
        for found in error.problems
    )


def _fail(error: BaseException, sentence: str) -> NoReturn:
    if _context.debug:
        import traceback

        traceback.print_exception(error)
    sys.stderr.write(sentence + "\n")
    raise typer.Exit(2)


def _leave_behind(writer: Writer) -> None:
    """Have `writer` write once the output is out: by a child of the console script after this process has
    answered, or at once (see `Context.behind`). The writer claims its lock now, before any fork."""
    writer.claim()
    if _context.behind is None:
        writer.write()
    else:
        _context.behind.append(writer)


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):  # Chinese output even on a C-locale terminal or in CI
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    # A command is short-lived and what it loads lives until it exits: the cyclic collector would only
    # rescan the registry again and again (the checks run after loading, with the collector back on).
    gc.disable()
    _context.behind = []
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    else:
        code = 0
    # Leave without tearing down the loaded registry object by object: freeing 100,000 records took 0.3 s,
    # and a command has nothing left to clean up (every write is already complete and atomic, and what is
    # left for after the output is written by a child).
    sys.stdout.flush()
    sys.stderr.flush()
    if _context.behind:
        from qingdan.cache.writer import write_behind

        if not write_behind(_context.behind):  # no child to be had: written here, before leaving
            for writer in _context.behind:
                writer.write()
    os._exit(code)
