"""`render`: the published lists as a website or a PDF."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qingdan.cli.app import (
    RegistryOption,
    _context,
    _deliver,
    _emit,
    _errors_handled,
    _registry_root,
    app,
)

if TYPE_CHECKING:
    from qingdan.diff.engine import Diff


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

    with _errors_handled():
        target = out or Path("site" if output is RenderFormat.html else "qingdan.pdf")
        root = _registry_root(registry)
        written = publish_registry(root, target, output.value, Edition(edition.value), rev=rev, templates=templates)
    done = "render.site" if output is RenderFormat.html else "render.pdf"
    _emit(_publication_text(done, pages=written.pages, path=written.path) + "\n")


def _publish_report(report: Diff, fmt: str, out: Path | None) -> None:
    """`diff --format html|pdf`: HTML to stdout or --out, a PDF to --out."""
    from qingdan.publish import publish_report

    html = publish_report(report, fmt, out, _context.lang)
    if html is not None:
        _deliver(html, out)


def _publication_text(key: str, **args: object) -> str:
    from qingdan.messages import text

    return text(key, _context.lang, **args)
