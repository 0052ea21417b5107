"""The province report as a static site in the publications' design (their style.css and base template): an
index, a page per district, a page per entry that some district diverges from, the list of entries, the names
carried under several codes, and the entries no district implements.

The tables are read from DuckDB once each and grouped here (a page per entry of 20,000 would be one query per
page otherwise); an entry page lists the districts implementing it only for entries with a divergence. What grows
with the districts is cut on a page (`SHOWN` rows, `LISTED` district names), and a country's pages are rendered
by two processes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from jinja2 import Environment

from qingdan.models.common import Level
from qingdan.province.run import Province
from qingdan.publish.templating import asset, environment, render

ELEMENTS = {"name": "事项名称", "type": "事项类型", "legal_basis": "设定依据"}
SOURCES = {"registry": "清单库", "datapackage": "数据包导出", "parquet": "Parquet 导出"}
LISTED = 100  # districts named on an entry's page up to this many districts in all
# Rows of a table on a page, beyond which the page says how many there are and shows the first: every other
# format holds every row. A country's names page had 219,000 rows (19 of the site's 46 s, a 30 MB page).
SHOWN = 500
# From this many pages on, two processes render them, one per core: starting the second costs about a second, and
# the country's 3,165 pages took 11 s in one process (loaded machine).
TWO_FROM = 1_000
Page = tuple[str, str, dict[str, Any]]  # file, template, context
DIVERGENCE = {"differences": "与目录不一致", "same_code_names": "同码不同名", "same_code_types": "同码不同类"}


@dataclass
class View:
    """What every page shows in its frame, and the tables the index needs."""

    title: str
    catalogue: str | None
    districts: list[dict[str, Any]]
    skipped: list[str]
    generated: date = field(default_factory=date.today)
    entries_in_use: int = 0
    diverging: list[dict[str, Any]] = field(default_factory=list)
    names: int = 0  # names carried under several codes
    should_carry: dict[str, int] = field(default_factory=dict)
    names_of: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=lambda: SOURCES)
    elements: dict[str, str] = field(default_factory=lambda: ELEMENTS)


def write_site(province: Province, out: Path, lang: str) -> int:
    """The site in `out`; returns the number of pages."""
    view = _view(province, lang)
    pages: list[Page] = []

    def page(name: str, template: str, **context: Any) -> None:
        pages.append((name, template, context))

    page("index.html", "province-index.html")
    _district_pages(province, view, page)
    _entry_pages(province, view, page)
    _lists(province, view, page)
    _write(out / "style.css", asset(_environment(), "style.css"))
    if len(pages) < TWO_FROM or (os.cpu_count() or 1) < 2:
        return _render(out, view, pages)
    # Spawned, not forked: DuckDB's threads are running, and a fork would count its memory twice.
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        other = pool.submit(_render, out, view, pages[1::2])
        return _render(out, view, pages[::2]) + other.result()


def _environment() -> Environment:
    env = environment()
    env.filters["law_or_value"] = _law_or_value
    return env


def _render(out: Path, view: View, pages: list[Page]) -> int:
    """`pages` rendered into `out` (all of them, or every other one in each of two processes)."""
    env = _environment()
    for name, template, context in pages:
        root = "../" * name.count("/")
        _write(out / name, render(env, template, report=view, root=root, page=name, **context))
    return len(pages)


@dataclass(frozen=True)
class Shown:
    """The first rows of a table, and how many it has (the page says so when it shows fewer)."""

    rows: list[Any]
    total: int

    @classmethod
    def of(cls, rows: list[Any], *, everything: bool = False) -> Shown:
        return cls(rows if everything else rows[:SHOWN], len(rows))

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


def _write(path: Path, text: str) -> None:
    """Plainly: the whole folder is moved into place once complete (`province.output`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _view(province: Province, lang: str) -> View:
    districts = province.rows("district_summary")
    entries = province.rows("entry_summary")
    view = View(
        title=_title(province.folder, [row["name"] for row in districts]),
        catalogue=str(province.catalogue.path) if province.catalogue.path else None,
        districts=districts,
        skipped=[reason.localized(lang) for reason in province.skipped],
        entries_in_use=sum(1 for entry in entries if entry["status"] == "在用"),
        names=province.count("same_name_codes", "name"),
        names_of={row["district"]: row["name"] for row in districts},
    )
    carry = province.grouped("should_carry_code", "district")
    view.should_carry = {district: len(rows) for district, rows in carry.items()}
    view.diverging = _diverging(province, {entry["code"]: entry for entry in entries})
    return view


def _title(folder: Path, names: list[str]) -> str:
    """The province as its districts' names say (宁波市江北区, 宁波市北仑区 → 宁波市), else the folder's name."""
    common = os.path.commonprefix(names) if len(names) > 1 else ""  # noqa: RUF071 (names, not paths)
    for suffix in ("省", "市", "州", "盟", "地区"):
        if suffix in common:
            return common[: common.rindex(suffix) + len(suffix)]
    return folder.resolve().name


def _diverging(province: Province, entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every entry code with a divergence (from the catalogue, or across districts), with what kinds."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for table, label in DIVERGENCE.items():
        key = "entry" if table == "differences" else "code"
        for code in province.connection.execute(f"SELECT DISTINCT {key} FROM {table} ORDER BY 1").fetchall():
            kinds[code[0]].append(label)
    blank = {"name": None, "districts": 0, "differing": 0}
    return [{**entries.get(code, blank), "code": code, "kinds": labels} for code, labels in sorted(kinds.items())]


def _district_pages(province: Province, view: View, page: Any) -> None:
    differences = province.grouped("differences", "district")
    carry = province.grouped("should_carry_code", "district")
    unknown = province.grouped("unknown_codes", "district")
    for row in view.districts:
        code = row["district"]
        page(
            f"districts/{code}.html",
            "province-district.html",
            d=row,
            differences=Shown.of(differences.get(code, [])),
            carry=Shown.of(carry.get(code, [])),
            unknown=Shown.of(unknown.get(code, [])),
        )


def _entry_pages(province: Province, view: View, page: Any) -> None:
    codes = [entry["code"] for entry in view.diverging]
    if not codes:
        return
    province.connection.execute("CREATE TEMP TABLE diverging AS SELECT unnest(?) AS code", [codes])
    differences = province.grouped("differences", "entry")
    # A province's 90 district names fit on an entry's page; a country's 2,800 do not (the counts by level do,
    # and every output but the site holds the whole `implementations` table).
    listed = len(view.districts) <= LISTED
    implementations = _in_diverging(province, "implementations", "entry") if listed else {}
    names = _in_diverging(province, "same_code_names", "code")
    types = _in_diverging(province, "same_code_types", "code")
    levels = _in_diverging(province, "catalogue_levels", "code")
    laws = _in_diverging(province, "catalogue_laws", "code")
    for entry in view.diverging:
        code = entry["code"]
        page(
            f"entries/{code}.html",
            "province-entry.html",
            e=entry,
            levels=[row["level"] for row in levels.get(code, [])],
            laws=[row["law"] for row in laws.get(code, [])],
            implementing=_by_level(implementations.get(code, []), view.names_of) if listed else _counts(entry),
            differences=Shown.of(differences.get(code, [])),
            names=_variants(names.get(code, []), "name", view.names_of if listed else None),
            types=_variants(types.get(code, []), "type", view.names_of if listed else None),
        )


def _in_diverging(province: Province, table: str, key: str) -> dict[str, list[dict[str, Any]]]:
    cursor = province.connection.execute(f"SELECT t.* FROM {table} t JOIN diverging d ON d.code = t.{key}")
    names = [column[0] for column in cursor.description]
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        grouped[record[key]].append(record)
    return grouped


def _by_level(rows: list[dict[str, Any]], names_of: dict[str, str]) -> dict[str, list[str] | int]:
    found: dict[str, list[str]] = {level.value: [] for level in Level}
    for row in sorted(rows, key=lambda row: row["district"]):
        found.setdefault(row["level"] or "—", []).append(names_of.get(row["district"], row["district"]))
    return {level: districts for level, districts in found.items() if districts}


def _counts(entry: dict[str, Any]) -> dict[str, list[str] | int]:
    counts = (entry.get("district_level", 0), entry.get("street_level", 0), entry.get("community_level", 0))
    return {level.value: count for level, count in zip(Level, counts, strict=True) if count}


def _variants(rows: list[dict[str, Any]], column: str, names_of: dict[str, str] | None) -> dict[str, list[str] | int]:
    """Each value with the districts writing it, or (`names_of` None: too many districts) their number."""
    if names_of is None:
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            counts[row[column]] += 1
        return dict(sorted(counts.items()))
    found: dict[str, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda row: (row[column], row["district"])):
        found[row[column]].append(names_of.get(row["district"], row["district"]))
    return dict(found)


def _lists(province: Province, view: View, page: Any) -> None:
    linked = {entry["code"] for entry in view.diverging}
    entries = province.rows("entry_summary")
    columns = ("code", "name", "type", "districts", "district_level", "street_level", "community_level", "differing")
    page(
        "entries.html",
        "province-list.html",
        title="目录条目",
        table="entry_summary",
        lead="基本目录的每个条目：实施它的区县数（按层级），与目录不一致的区县数。有不一致的条目可点开。",
        labels=("基本编码", "名称", "类型", "实施区县", "区级", "街道(镇)", "社区(村)", "不一致区县"),
        rows=Shown.of([[entry[column] for column in columns] for entry in entries], everything=True),
        linked=linked,
    )
    total = province.count("same_name_codes")
    rows = [
        [row["name"], row["code"], view.names_of.get(row["district"], row["district"]), row["items"]]
        for row in province.rows("same_name_codes", limit=SHOWN)
    ]
    page(
        "names.html",
        "province-list.html",
        title="同名不同码",
        table="same_name_codes",
        lead="同一事项名称在各区县带着不同的基本编码：应为同一条目，或名称应当区分。",
        labels=("事项名称", "基本编码", "区县", "事项数"),
        rows=Shown(rows, total),
        linked=set(),
    )
    unimplemented = province.rows("unimplemented")
    page(
        "unimplemented.html",
        "province-list.html",
        title="无区县实施的条目",
        table="unimplemented",
        lead="在用而没有任何区县实施的目录条目。",
        labels=("基本编码", "名称", "类型", "主管部门"),
        rows=Shown.of([[row["code"], row["name"], row["type"], row["department"] or ""] for row in unimplemented]),
        linked=set(),
    )


def _law_or_value(value: str | None, element: str) -> str:
    if value is None:
        return "—"
    return f"《{value}》" if element == "legal_basis" else value


__all__ = ["write_site"]
