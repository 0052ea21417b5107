"""`province`: 八统一 across the districts of a province."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import _context, _emit, _errors_handled, app
from qingdan.errors import UsageError
from qingdan.province import Format


@app.command()
def province(
    folder: Annotated[Path, typer.Argument(help="全省文件夹：每个区县一个子文件夹（清单库或其开放数据导出）")],
    catalogue: Annotated[
        Path | None, typer.Option("--catalogue", help="基本目录 CSV（默认：各区县清单库共用的目录）")
    ] = None,
    output: Annotated[
        Format, typer.Option("--format", help="html 网站 | json | csv 文件夹 | duckdb 数据库文件")
    ] = Format.html,
    out: Annotated[Path | None, typer.Option("--out", help="输出位置（json 默认输出到屏幕）")] = None,
    sql: Annotated[bool, typer.Option("--sql", help="只输出比对所用的 SQL（可在 Spark SQL、Trino 上运行）")] = False,
) -> None:
    """跨区县比对清单（八统一）：各区县、各目录条目、同码不同名、同名不同码 (the province report, on DuckDB)."""
    from qingdan.messages import text
    from qingdan.province.report import province_report
    from qingdan.province.sql import script

    if sql:
        _emit(script())
        return
    with _errors_handled():
        if out is None and output is not Format.json:
            raise UsageError("province.out_required", format=output.value)
        done = province_report(folder, catalogue, output, out, _context.lang)
    for reason in done.province.skipped:
        sys.stderr.write(reason.localized(_context.lang) + "\n")
    if done.text is not None:
        _emit(done.text)
    closing = text(
        "province.done",
        _context.lang,
        districts=done.districts,
        items=done.items,
        differing=done.differing,
        out=out if out is not None else "-",
    )
    (sys.stderr.write if out is None else sys.stdout.write)(closing + "\n")
    raise typer.Exit(1 if done.province.failed else 0)
