"""The catalogue the province's districts are held against (SPEC §4.16), as the three base tables of the SQL.

`--catalogue FILE` names it. Without it, the districts' own catalogue is taken when every registry that names one
names the same (the same bytes, wherever the file lies); registries naming different catalogues (a district still
on last year's edition) make the choice the user's: the run stops and lists them. Exports carry no catalogue, so
a province of exports only is compared with none unless `--catalogue` names one: the tables across districts
(同码不同名, 同名不同码) need none, the conformance columns stay 0.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from qingdan.errors import UsageError
from qingdan.models.catalogue import CatalogueEntry
from qingdan.models.settings import CatalogueSettings
from qingdan.problems import Problem
from qingdan.province.staging import District
from qingdan.sources.files import Folder as FileFolder


@dataclass(frozen=True)
class Chosen:
    path: Path | None  # None: no catalogue
    digest: str = ""  # of its bytes: part of the report's cache key

    @cached_property
    def loaded(self) -> tuple[tuple[CatalogueEntry, ...], tuple[Problem, ...]]:
        """Its entries, and the problems of the rows that could not be read (left out); read when first asked
        (a report taken from the cache never reads it)."""
        from qingdan.loader.load import load_catalogue

        if self.path is None:
            return (), ()
        try:
            catalogue, problems = load_catalogue(FileFolder(self.path.parent), CatalogueSettings(file=self.path.name))
        except ValueError:  # a file name the settings' pattern refuses (a dot first, no .csv)
            raise UsageError("province.no_catalogue", path=str(self.path)) from None
        return catalogue.entries, tuple(problems)


def choose(explicit: Path | None, districts: list[District]) -> Chosen:
    if explicit is not None:
        return _load(explicit)
    named: dict[str, list[District]] = {}
    for district in districts:
        if district.catalogue is not None:
            named.setdefault(district.catalogue.digest, []).append(district)
    if not named:
        return Chosen(None)
    if len(named) > 1:
        listed = "; ".join(
            f"{group[0].catalogue.path} ({', '.join(d.code for d in group)})"
            for group in named.values()
            if group[0].catalogue
        )
        raise UsageError("province.catalogues", count=len(named), catalogues=listed)
    first = next(iter(named.values()))[0]
    assert first.catalogue is not None  # grouped above by it
    return _load(first.catalogue.path)


def _load(path: Path) -> Chosen:
    if not path.is_file():
        raise UsageError("province.no_catalogue", path=str(path))
    return Chosen(path, hashlib.sha256(path.read_bytes()).hexdigest())


def tables(chosen: Chosen) -> dict[str, Any]:
    """catalogue, catalogue_levels, catalogue_laws as Arrow tables (empty without a catalogue)."""
    import pyarrow as pa

    entries, _ = chosen.loaded
    catalogue = pa.table(
        {
            "code": [entry.code for entry in entries],
            "name": [entry.name for entry in entries],
            "type": [entry.item_type.value for entry in entries],
            "department": [entry.department for entry in entries],
            "parent": [entry.parent for entry in entries],
            "status": [entry.status.value for entry in entries],
        },
        schema=pa.schema([(name, pa.string()) for name in ("code", "name", "type", "department", "parent", "status")]),
    )
    levels = [(entry.code, level.value) for entry in entries for level in entry.levels]
    laws = [(entry.code, law) for entry in entries for law in entry.laws or ()]
    return {
        "catalogue": catalogue,
        "catalogue_levels": _pairs(pa, levels, "level"),
        "catalogue_laws": _pairs(pa, laws, "law"),
    }


def _pairs(pa: Any, rows: list[tuple[str, str]], column: str) -> Any:
    return pa.table(
        {"code": [code for code, _ in rows], column: [value for _, value in rows]},
        schema=pa.schema([("code", pa.string()), (column, pa.string())]),
    )
