"""`laws`: the law library and the registry's citations of it (SPEC §4.17, §6)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import RegistryOption, _context, _deliver, _errors_handled, _registry_root, app
from qingdan.errors import UsageError


class LawsFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def laws(
    name: Annotated[str | None, typer.Argument(help="一部法律法规的名称：列出引用它的记录")] = None,
    changed_since: Annotated[
        datetime | None, typer.Option("--changed-since", formats=["%Y-%m-%d"], help="列出此日期后有新版本的法律法规")
    ] = None,
    output: Annotated[LawsFormat, typer.Option("--format", help="输出格式")] = LawsFormat.text,
    out: Annotated[Path | None, typer.Option("--out", help="写入文件（默认输出到屏幕）")] = None,
    registry: RegistryOption = None,
) -> None:
    """法规库：各法律法规的版本和引用；NAME：引用它的记录；--changed-since：待复核清单 (the law library)."""
    from qingdan.cache.store import Store, cache_dir
    from qingdan.citations import CITING
    from qingdan.lawlist import changed_since as worklist
    from qingdan.lawlist import law_entry, laws_report
    from qingdan.loader.load import load_registry
    from qingdan.reporters.laws import render_csv, render_json, render_text

    with _errors_handled():
        # Only the kinds that cite laws are read, as the report is of their citations: at 100,000 items the others
        # are 77 of 318 files but 4 % of the bytes, so this saves little time; it spares `laws` their problems.
        report = laws_report(load_registry(_registry_root(registry), Store(cache_dir()), CITING, laws_ahead=True))
        if report is None:
            raise UsageError("laws.none")
        entry = law_entry(report, name) if name is not None else None
        changed = worklist(report, changed_since.date(), entry) if changed_since is not None else None
        shown = entry if changed is None else None
        rendered = {
            LawsFormat.text: lambda: render_text(report, _context.lang, shown, changed),
            LawsFormat.json: lambda: render_json(report, shown, changed),
            LawsFormat.csv: lambda: render_csv(report, _context.lang, shown, changed),
        }
        _deliver(rendered[output](), out)
