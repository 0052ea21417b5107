"""`diff` and `log`: the adjustment report and one record's history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import (
    RegistryOption,
    _context,
    _deliver,
    _errors_handled,
    _print_rich,
    _registry_root,
    app,
)
from qingdan.cli.publishing import _publish_report
from qingdan.errors import UsageError


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
    from qingdan.history.adjustments import Span, adjustment_report
    from qingdan.reporters.diff import render_csv, render_json, render_markdown, render_text

    with _errors_handled():
        if output is DiffFormat.pdf and out is None:
            raise UsageError("publish.out_required")
        if year is not None and (old is not None or new is not None):
            raise UsageError("usage.year_with_revisions")
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
    from qingdan.history.adjustments import record_log
    from qingdan.reporters.log import render_log_json, render_log_text

    with _errors_handled():
        entries = record_log(_registry_root(registry), key)
        if output is LogFormat.json:
            _deliver(render_log_json(key, entries), None)
        else:
            _print_rich(render_log_text(key, entries, _context.lang), None)
