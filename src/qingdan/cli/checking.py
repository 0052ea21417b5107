"""`validate`, `stats` and `schema`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from qingdan.cli.app import (
    RegistryOption,
    _context,
    _emit,
    _errors_handled,
    _leave_behind,
    _print_rich,
    _registry_root,
    _report_options,
    _shown_path,
    app,
)
from qingdan.errors import UsageError
from qingdan.reporters import FORMATS

# The formats of the reporters' registry: typer offers a Literal's values as the choices of `--format`.
if TYPE_CHECKING:
    ValidateFormat = str
else:
    ValidateFormat = Literal[tuple(FORMATS)]


@app.command()
def validate(
    output: Annotated[ValidateFormat, typer.Option("--format", help="输出格式")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为失败（退出码 1）")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不读也不写缓存")] = False,
    base: Annotated[str | None, typer.Option("--base", help="对照此版本：加做历史检查，并标出新出现的问题")] = None,
    registry: RegistryOption = None,
) -> None:
    """运行全部检查 (run every check)."""
    from qingdan.reporters import reporter
    from qingdan.validation.runcache import answer

    with _errors_handled():
        root = _registry_root(registry)
        writer = None
        if base is not None:
            from qingdan.validation.baseline import validate_against

            report = validate_against(root, base, label=_shown_path(root), use_cache=not no_cache)
        else:
            found = answer(root, label=_shown_path(root), use_cache=not no_cache, detached=_context.behind is not None)
            report, writer = found.report, found.writer
        options = _report_options(root)
        _emit(reporter(output)(report, options), colour=output == "text")
        if writer is not None:
            _leave_behind(writer)  # the cache, once the report is out
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

    from qingdan.loader.load import load_registry
    from qingdan.stats import registry_stats

    with _errors_handled():
        loaded = load_registry(_registry_root(registry))
        counts = registry_stats(loaded)
        if output is StatsFormat.json:
            _emit(json.dumps(counts, ensure_ascii=False, indent=2) + "\n")
        else:
            from qingdan.models.kinds import UNITS
            from qingdan.reporters.stats_text import render

            names = {unit.ident: unit.name for unit in loaded.of(UNITS)}
            _print_rich(render(counts, _context.lang, names), None)


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="units|power|delegations|community-tasks|assessments|settings")
    ] = None,
    record: Annotated[bool, typer.Option("--record", help="只输出单条记录的模式（而非整个文件）")] = False,
    write: Annotated[Path | None, typer.Option("--write", help="把每个文件类别的模式写入此目录")] = None,
) -> None:
    """输出 JSON Schema，供编辑器和其他校验工具使用 (JSON Schema of a file shape or record kind)."""
    from qingdan.reporters import jsonschema

    with _errors_handled():
        if kind is not None and kind not in jsonschema.SCHEMA_NAMES:
            raise UsageError("usage.unknown_kind", kind=kind, choices=", ".join(jsonschema.SCHEMA_NAMES))
        if write is not None:
            for path in jsonschema.write_schemas(write):
                sys.stdout.write(f"{path}\n")
            return
        build = jsonschema.record_schema if record and kind != "settings" else jsonschema.file_schema
        names = [kind] if kind else list(jsonschema.SCHEMA_NAMES)
        schemas = {name: build(name) for name in names}
        _emit(jsonschema.dumps(schemas[kind] if kind else schemas))
