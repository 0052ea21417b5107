"""`catalogue`: conformance to the province's basic catalogue (八统一)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import RegistryOption, _context, _deliver, _errors_handled, _registry_root, app
from qingdan.errors import UsageError


class CatalogueFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def catalogue(
    output: Annotated[CatalogueFormat, typer.Option("--format", help="输出格式")] = CatalogueFormat.text,
    out: Annotated[Path | None, typer.Option("--out", help="写入文件（默认输出到屏幕）")] = None,
    registry: RegistryOption = None,
) -> None:
    """与省级基本目录比对：按单位列出一致、不一致、未实施和无基本编码的事项 (conformance to the basic catalogue)."""
    from qingdan.conformance import conformance
    from qingdan.loader.load import load_registry
    from qingdan.reporters.catalogue import render_csv, render_json, render_text

    with _errors_handled():
        report = conformance(load_registry(_registry_root(registry)))
        if report is None:
            raise UsageError("catalogue.none")
        rendered = {
            CatalogueFormat.text: lambda: render_text(report, _context.lang),
            CatalogueFormat.json: lambda: render_json(report),
            CatalogueFormat.csv: lambda: render_csv(report, _context.lang),
        }
        _deliver(rendered[output](), out)
