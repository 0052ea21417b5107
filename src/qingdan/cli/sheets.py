"""`export`, `import` and `fmt`: spreadsheets in and out, and the canonical layout."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import (
    RegistryOption,
    _context,
    _emit,
    _errors_handled,
    _registry_root,
    _shown_path,
    app,
)
from qingdan.errors import UsageError


class SheetFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    datapackage = "datapackage"  # open data: every published kind at once, into a folder (SPEC §8.1)
    parquet = "parquet"


OPEN_DATA = (SheetFormat.datapackage, SheetFormat.parquet)


class HeaderLang(StrEnum):
    zh = "zh"
    en = "en"


KindOption = Annotated[
    str,
    typer.Option("--kind", help="记录类别：文件夹名，如 power、delegations；units 即 units.yaml", show_default=False),
]


@app.command()
def export(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="记录类别：文件夹名，如 power、delegations；units 即 units.yaml", show_default=False
        ),
    ] = None,
    output: Annotated[SheetFormat, typer.Option("--format", help="文件格式")] = SheetFormat.csv,
    header: Annotated[HeaderLang, typer.Option("--header", help="表头：中文名称或英文键")] = HeaderLang.zh,
    out: Annotated[Path | None, typer.Option("--out", help="写入文件（默认输出到屏幕）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只导出这个实施主体的权力事项")] = None,
    registry: RegistryOption = None,
) -> None:
    """导出为电子表格，一条记录一行；或全部公开清单为开放数据 (a kind as a sheet, or open data)."""
    from qingdan.sheets import export_sheet

    with _errors_handled():
        root = _registry_root(registry)
        if output in OPEN_DATA:
            _export_open_data(root, output, out, kind, unit)
            return
        if kind is None:
            raise UsageError("export.kind_required")
        result = export_sheet(root, kind, fmt=output.value, header=header.value, unit=unit)
        _deliver_sheet(result.data, out, result.records)
        if result.errors:
            _note("export.skipped", errors=result.errors)


def _export_open_data(root: Path, output: SheetFormat, out: Path | None, kind: str | None, unit: str | None) -> None:
    """Every published kind into the folder `out`: a Data Package, or Parquet files."""
    from qingdan.loader.load import load_registry
    from qingdan.publish.opendata import write_datapackage
    from qingdan.publish.parquet import write_parquet

    if kind is not None or unit is not None:
        raise UsageError("export.open_data_all")
    if out is None or (out.exists() and not out.is_dir()):
        raise UsageError("export.out_dir", format=output.value)
    loaded = load_registry(root)
    written = write_datapackage(loaded, out) if output is SheetFormat.datapackage else write_parquet(loaded, out)
    _note("export.open_data", files=len(written), folder=out.as_posix())


def _deliver_sheet(data: bytes, out: Path | None, records: int) -> None:
    if out is None:
        if data.startswith(b"PK") and sys.stdout.isatty():
            raise UsageError("export.xlsx_tty")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from qingdan.writing.atomic import write_bytes

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
    from qingdan.sheets import import_sheet
    from qingdan.sheets.report import render_import

    with _errors_handled():
        root = _registry_root(registry)
        report = import_sheet(root, sheet, kind, into=into, shown=sheet.as_posix())
        shown = _shown_path(root)
        _emit(render_import(report, _context.lang, "" if shown == "." else shown + "/"), colour=True)
    raise typer.Exit(1 if report.errors else 0)


@app.command("fmt")
def fmt_command(
    check: Annotated[bool, typer.Option("--check", help="只列出需要重新排版的文件（有则退出码 1）")] = False,
    registry: RegistryOption = None,
) -> None:
    """统一 YAML 排版，保留全部注释 (canonical layout for every YAML file, comments kept)."""
    from qingdan.writing.fmt import format_registry, skipped_text

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
