"""The command line: the only place that prints or exits. Each command calls one library function."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from qingdan.errors import QingdanError, RegistryError, UsageError

if TYPE_CHECKING:
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


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"
    junit = "junit"


@dataclass
class Context:
    lang: str
    registry: Path | None
    debug: bool


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


@app.command()
def validate(
    output: Annotated[ValidateFormat, typer.Option("--format", help="输出格式")] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为失败（退出码 1）")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不读也不写缓存")] = False,
    base: Annotated[str | None, typer.Option("--base", help="对照此版本：加做历史检查，并标出新出现的问题")] = None,
    registry: RegistryOption = None,
) -> None:
    """运行全部检查 (run every check)."""
    from qingdan.cache import validate_cached
    from qingdan.reporters import reporter

    with _errors_handled():
        root = _registry_root(registry)
        if base is not None:
            from qingdan.baseline import validate_against

            report = validate_against(root, base, label=_shown_path(root), use_cache=not no_cache)
        else:
            report = validate_cached(root, label=_shown_path(root), use_cache=not no_cache)
        options = _report_options(root)
        _emit(reporter(output.value)(report, options), colour=output is ValidateFormat.text)
    raise typer.Exit(1 if report.failed(strict) else 0)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def stats(
    output: Annotated[StatsFormat, typer.Option("--format", help="输出格式")] = StatsFormat.text,
    registry: RegistryOption = None,
) -> None:
    """按层级、单位、类型、状态统计 (counts by level, unit, type and status)."""
    import json

    from qingdan.loader import load_registry
    from qingdan.stats import registry_stats

    with _errors_handled():
        loaded = load_registry(_registry_root(registry))
        counts = registry_stats(loaded)
        if output is StatsFormat.json:
            _emit(json.dumps(counts, ensure_ascii=False, indent=2) + "\n")
        else:
            from qingdan.stats_text import render

            names = {unit.ident: unit.name for unit in loaded.units}
            _print_rich(render(counts, _context.lang, names), None)


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


@app.command()
def diff(
    old: Annotated[str | None, typer.Argument(help="旧版本（默认 HEAD）")] = None,
    new: Annotated[str | None, typer.Argument(help="新版本（默认工作区）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="某一年度的调整：上年底与本年底相比")] = None,
    since: Annotated[datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="起始日期")] = None,
    until: Annotated[datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="截止日期")] = None,
    output: Annotated[DiffFormat, typer.Option("--format", help="输出格式")] = DiffFormat.text,
    out: Annotated[Path | None, typer.Option("--out", help="写入文件（默认输出到屏幕）")] = None,
    registry: RegistryOption = None,
) -> None:
    """清单调整报告：两个版本之间的新增、取消、变更等 (the adjustment report between two states)."""
    from qingdan.adjustments import Span, adjustment_report
    from qingdan.diff_reports import render_csv, render_json, render_markdown, render_text

    with _errors_handled():
        if output is DiffFormat.pdf and out is None:
            raise UsageError(_publication_text("publish.out_required"))
        if year is not None and (old is not None or new is not None):
            raise UsageError("--year 不能与版本参数同用 (--year excludes OLD and NEW)")
        span = Span(old, new, year, since.date() if since else None, until.date() if until else None)
        report = adjustment_report(_registry_root(registry), span)
        if output is DiffFormat.text:
            _print_rich(render_text(report, _context.lang), out)
            return
        if output in (DiffFormat.html, DiffFormat.pdf):
            _publish_report(report, output.value, out)
            return
        renderers = {
            DiffFormat.json: lambda: render_json(report),
            DiffFormat.csv: lambda: render_csv(report, _context.lang),
            DiffFormat.markdown: lambda: render_markdown(report, _context.lang),
        }
        _deliver(renderers[output](), out)


class LogFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def log(
    key: Annotated[str, typer.Argument(help="事项编码或记录编号")],
    output: Annotated[LogFormat, typer.Option("--format", help="输出格式")] = LogFormat.text,
    registry: RegistryOption = None,
) -> None:
    """一条记录在历史中的每一次变更 (every change of one record across history)."""
    from qingdan.adjustments import record_log
    from qingdan.log_report import render_log_json, render_log_text

    with _errors_handled():
        entries = record_log(_registry_root(registry), key)
        if output is LogFormat.json:
            _deliver(render_log_json(key, entries), None)
        else:
            _print_rich(render_log_text(key, entries, _context.lang), None)


# --- render command (publications) ---


if TYPE_CHECKING:
    from qingdan.diff import Diff


class RenderFormat(StrEnum):
    html = "html"
    pdf = "pdf"


class RenderEdition(StrEnum):
    standard = "standard"
    simple = "simple"


@app.command()
def render(
    rev: Annotated[str | None, typer.Option("--rev", help="发布某一版本的清单（默认工作区）")] = None,
    edition: Annotated[
        RenderEdition, typer.Option("--edition", help="standard 标准版（全部字段）| simple 简易版（编码名称类型主体）")
    ] = RenderEdition.standard,
    output: Annotated[RenderFormat, typer.Option("--format", help="html 离线网站 | pdf 文件")] = RenderFormat.html,
    out: Annotated[
        Path | None, typer.Option("--out", help="输出文件夹（html，默认 site）或文件（pdf，默认 qingdan.pdf）")
    ] = None,
    templates: Annotated[
        Path | None, typer.Option("--templates", help="自定义模板文件夹：逐个文件覆盖内置模板，在沙箱中运行")
    ] = None,
    registry: RegistryOption = None,
) -> None:
    """发布清单：离线静态网站或 PDF (publications: an offline HTML site or one PDF)."""
    from qingdan.publish import Edition, publish_registry

    with _errors_handled(), _publication_errors():
        target = out or Path("site" if output is RenderFormat.html else "qingdan.pdf")
        root = _registry_root(registry)
        written = publish_registry(root, target, output.value, Edition(edition.value), rev=rev, templates=templates)
    done = "render.site" if output is RenderFormat.html else "render.pdf"
    _emit(_publication_text(done, pages=written.pages, path=written.path) + "\n")


def _publish_report(report: Diff, fmt: str, out: Path | None) -> None:
    """`diff --format html|pdf`: HTML to stdout or --out, a PDF to --out."""
    from qingdan.publish import publish_report

    with _publication_errors():
        html = publish_report(report, fmt, out, _context.lang)
    if html is not None:
        _deliver(html, out)


@contextmanager
def _publication_errors() -> Iterator[None]:
    """Publication errors in the user's language (the library's own text is Chinese)."""
    from qingdan.publish import PublishError

    try:
        yield
    except PublishError as error:
        raise QingdanError(error.localized(_context.lang)) from error


def _publication_text(key: str, **args: object) -> str:
    from qingdan.messages import text

    return text(key, _context.lang, **args)


# --- import, export and fmt commands (spreadsheets) ---


class SheetKind(StrEnum):
    units = "units"
    power = "power"
    delegations = "delegations"
    community_tasks = "community-tasks"
    assessments = "assessments"


class SheetFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class HeaderLang(StrEnum):
    zh = "zh"
    en = "en"


KindOption = Annotated[SheetKind, typer.Option("--kind", help="记录类别", show_default=False)]


@app.command()
def export(
    kind: KindOption,
    output: Annotated[SheetFormat, typer.Option("--format", help="文件格式")] = SheetFormat.csv,
    header: Annotated[HeaderLang, typer.Option("--header", help="表头：中文名称或英文键")] = HeaderLang.zh,
    out: Annotated[Path | None, typer.Option("--out", help="写入文件（默认输出到屏幕）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只导出这个实施主体的权力事项")] = None,
    registry: RegistryOption = None,
) -> None:
    """导出为电子表格，一条记录一行 (export a record kind as a CSV or xlsx sheet)."""
    from qingdan.sheets import CommandError, export_sheet

    with _errors_handled():
        root = _registry_root(registry)
        try:
            result = export_sheet(root, kind.value, fmt=output.value, header=header.value, unit=unit)
        except CommandError as error:
            raise UsageError(error.render(_context.lang)) from error
        _deliver_sheet(result.data, out, result.records)
        if result.errors:
            _note("export.skipped", errors=result.errors)


def _deliver_sheet(data: bytes, out: Path | None, records: int) -> None:
    if out is None:
        if data.startswith(b"PK") and sys.stdout.isatty():
            from qingdan.messages import text

            raise UsageError(text("export.xlsx_tty", _context.lang))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from qingdan.atomic import write_bytes

    write_bytes(out, data)
    _note("export.done", records=records, file=out.as_posix())


def _note(key: str, **args: object) -> None:
    from qingdan.messages import text

    sys.stderr.write(text(key, _context.lang, **args) + "\n")


@app.command("import")
def import_command(
    sheet: Annotated[Path, typer.Argument(help="CSV（UTF-8 或 GB18030）或 xlsx 文件", show_default=False)],
    kind: KindOption,
    into: Annotated[Path | None, typer.Option("--into", help="新记录写入此文件（默认按惯例的文件）")] = None,
    registry: RegistryOption = None,
) -> None:
    """从电子表格导入：逐行校验，全部通过才按编码写回 (import a sheet: checked row by row, all or nothing)."""
    from qingdan.sheets import CommandError, import_sheet
    from qingdan.sheets.report import render_import

    with _errors_handled():
        root = _registry_root(registry)
        try:
            report = import_sheet(root, sheet, kind.value, into=into, shown=sheet.as_posix())
        except CommandError as error:
            raise UsageError(error.render(_context.lang)) from error
        shown = _shown_path(root)
        _emit(render_import(report, _context.lang, "" if shown == "." else shown + "/"), colour=True)
    raise typer.Exit(1 if report.errors else 0)


@app.command("fmt")
def fmt_command(
    check: Annotated[bool, typer.Option("--check", help="只列出需要重新排版的文件（有则退出码 1）")] = False,
    registry: RegistryOption = None,
) -> None:
    """统一 YAML 排版，保留全部注释 (canonical layout for every YAML file, comments kept)."""
    from qingdan.fmt import format_registry, skipped_text

    with _errors_handled():
        root = _registry_root(registry)
        result = format_registry(root, check=check)
        shown = _shown_path(root)
        prefix = "" if shown == "." else shown + "/"
        _emit("".join(f"{prefix}{relative}\n" for relative in result.changed))
        for relative, key, args in result.skipped:
            sys.stderr.write(f"{prefix}{relative}: {skipped_text(key, args, _context.lang)}\n")
        if not result.changed:
            _note("fmt.clean", files=result.files - len(result.skipped))
        else:
            _note("fmt.would" if check else "fmt.done", count=len(result.changed))
    raise typer.Exit(1 if (check and result.changed) or result.skipped else 0)


def _deliver(output: str, out: Path | None) -> None:
    """To stdout, or atomically to a file (the CSV report carries its own BOM, for Excel)."""
    if out is None:
        _emit(output)
        return
    from qingdan.atomic import write_text

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


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="units|power|delegations|community-tasks|assessments|settings")
    ] = None,
    record: Annotated[bool, typer.Option("--record", help="只输出单条记录的模式（而非整个文件）")] = False,
    write: Annotated[Path | None, typer.Option("--write", help="把每个文件类别的模式写入此目录")] = None,
) -> None:
    """输出 JSON Schema，供编辑器和其他校验工具使用 (JSON Schema of a file shape or record kind)."""
    from qingdan import jsonschema

    with _errors_handled():
        if kind is not None and kind not in jsonschema.SCHEMA_NAMES:
            raise UsageError(f"未知类别 {kind}（可选：{', '.join(jsonschema.SCHEMA_NAMES)}）")
        if write is not None:
            for path in jsonschema.write_schemas(write):
                sys.stdout.write(f"{path}\n")
            return
        build = jsonschema.record_schema if record and kind != "settings" else jsonschema.file_schema
        names = [kind] if kind else list(jsonschema.SCHEMA_NAMES)
        schemas = {name: build(name) for name in names}
        _emit(jsonschema.dumps(schemas[kind] if kind else schemas))


def _registry_root(explicit: Path | None = None) -> Path:
    from qingdan.loader import find_registry

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
        _fail(error, str(error))
    except Exception as error:
        from qingdan.messages import text

        _fail(error, text("internal", _context.lang, detail=f"{type(error).__name__}: {error}"))


def _registry_error_text(error: RegistryError) -> str:
    if not error.problems:
        return str(error)
    from qingdan.messages import message

    return "\n".join(
        f"{found.file}:{found.line}:{found.column}: QD007 {message(found, _context.lang)}" for found in error.problems
    )


def _fail(error: BaseException, sentence: str) -> NoReturn:
    if _context.debug:
        import traceback

        traceback.print_exception(error)
    sys.stderr.write(sentence + "\n")
    raise typer.Exit(2)


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):  # Chinese output even on a C-locale terminal or in CI
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    # A command is short-lived and what it loads lives until it exits: the cyclic collector would only
    # rescan the registry again and again (the checks run after loading, with the collector back on).
    gc.disable()
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    else:
        code = 0
    # Leave without tearing down the loaded registry object by object: freeing 100,000 records took 0.3 s,
    # and a command has nothing left to clean up (every write is already complete and atomic).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
