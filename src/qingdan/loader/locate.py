"""Where a problem stands: line and column through the file's source map, built only for files that have a
problem (most files have none, and a source map costs a second, precise parse)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from qingdan.models.catalogue import CatalogueEntry
from qingdan.models.columns import header_map
from qingdan.models.kinds import kind_of_path
from qingdan.parsing import csvdoc, yamldoc
from qingdan.parsing.sourcemap import SourceMap, clamped, line_lengths
from qingdan.problems import KEY_MARK, Problem
from qingdan.problems import Path as DocPath
from qingdan.sources.files import Source


def locate(problems: Iterable[Problem], raw: bytes, fmt: str, columns: list[DocPath]) -> list[Problem]:
    """Give each problem of one file its line and column, building the file's source map only if needed."""
    smap: SourceMap | None = None
    lengths: list[int] = []
    located = []
    for found in problems:
        if found.line:
            located.append(found)
            continue
        if smap is None:
            smap = csvdoc.source_map(raw, columns) if fmt == "csv" else yamldoc.source_map(raw)
            lengths = line_lengths(raw.decode("utf-8", errors="replace"))
        located.append(_placed(found, smap, lengths))
    return located


def _placed(found: Problem, smap: SourceMap, lengths: list[int]) -> Problem:
    path = found.path
    at_key = bool(path) and path[-1] == KEY_MARK
    if at_key:
        path = path[:-1]
    line, column = clamped(lengths, *smap.position(path, at_key=at_key))
    return replace(found, line=line, column=column, path=path)


def locate_in_file(source: Source, relative: str, problems: list[Problem]) -> list[Problem]:
    """Locate problems that checks found in one file after loading (the file is read again)."""
    if all(found.line for found in problems):
        return problems
    raw = source.read(relative)
    if isinstance(raw, Problem):
        return [replace(found, line=found.line or 1, column=found.column or 1) for found in problems]
    if not relative.lower().endswith(".csv"):
        return locate(problems, raw, "yaml", [])
    kind = kind_of_path(relative)
    document, _ = csvdoc.parse(raw)
    by_header = header_map(kind.model if kind else CatalogueEntry)  # the only CSV outside the kinds' folders
    columns = [by_header.get(header.strip(), (header,)) for header in (document.header if document else [])]
    return locate(problems, raw, "csv", columns)
