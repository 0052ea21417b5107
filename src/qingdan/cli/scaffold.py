"""`init`: a new district's registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qingdan.cli.app import _context, _emit, _errors_handled, app


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="新清单库的文件夹")],
    region: Annotated[str, typer.Option("--region", help="6 位行政区划代码，如 330206")],
    name: Annotated[str, typer.Option("--name", help="地区名称，如 宁波市北仑区")],
    git: Annotated[bool, typer.Option("--git", help="把文件夹建成新的 git 仓库，清单库放在其中的 registry/")] = False,
) -> None:
    """新建一个区县的清单库：校验无误，附 JSON Schema、说明和 CI、pre-commit、编辑器配置 (a new registry)."""
    from qingdan.messages import text
    from qingdan.scaffold import scaffold

    with _errors_handled():
        done = scaffold(folder, region, name, git=git)
    lines = [text("init.git", _context.lang, root=done.root)] if done.repository_created else []
    lines.append(text("init.done", _context.lang, registry=done.registry, files=len(done.files)))
    lines.append(text("init.root", _context.lang, root=done.root))
    _emit("\n".join(lines) + "\n")
