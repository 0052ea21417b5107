"""The SQL of `qingdan province`: every table of the report as a view over seven base tables, in plain SQL that
DuckDB runs here and Trino or Spark SQL run unchanged over the same Parquet files (`qingdan province --sql`).

Base tables (`district` is the region code, the key of a district everywhere):

    districts(district, name, source, synthetic, errors, warnings)   one row per district read
    power(district, code, name, type, unit, parent, legal_basis, catalog_code)   the published items
                                                   (export --format parquet's power.parquet; legal_basis a list
                                                   of citations, 《law》article：text)
    units(district, id, name, kind)                export's units.parquet
    catalogue(code, name, type, department, parent, status)   the province's basic catalogue (SPEC §4.16)
    catalogue_levels(code, level)                  one row per 行使层级 of an entry
    catalogue_laws(code, law)                      one row per law of an entry's 设定依据

What the SQL uses is what all three engines have alike: joins, GROUP BY, CASE, count(DISTINCT), UNION ALL,
EXISTS, trim, translate, substring, position(… IN …), LIKE. Two things are not alike and are kept out:
- string aggregation (DuckDB's string_agg, Trino's listagg … WITHIN GROUP, Spark's collect_list): the views
  stay long (one row per district, per law), and the report gathers the lists;
- NFKC (only Trino has normalize()): names and laws are compared after full-width forms become half-width
  (translate, the part of NFKC that occurs in names) and trimming.
The one line that differs is the unnesting of the citation lists in `citations`: `CROSS JOIN UNNEST(…) AS
c(citation)` is the SQL standard's, which DuckDB and Trino run; Spark writes `LATERAL VIEW explode(…) c AS
citation` (the --sql output says so where it stands).
"""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.models.catalogue import LEVEL_IN_CATALOGUE, EntryStatus
from qingdan.models.unit import UnitKind

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space, as NFKC reads them.
_FULL = "".join(chr(code) for code in range(0xFF01, 0xFF5F)) + "\u3000"
_HALF = "".join(chr(code) for code in range(0x21, 0x7F)) + " "
IN_USE = EntryStatus.IN_USE.value


def normal(column: str) -> str:
    """A name as compared: full-width forms half-width, trimmed (models.catalogue.normal_text's NFKC, in SQL)."""
    return f"trim(translate({column}, '{_FULL}', '{_HALF.replace(chr(39), chr(39) * 2)}'))"


def law_of(citation: str) -> str:
    """The law a citation names: between the leading 《》, else the whole text (models.catalogue.law_name)."""
    inner = f"CASE WHEN {citation} LIKE '《%》%' THEN substring({citation}, 2, position('》' IN {citation}) - 2)"
    return normal(f"{inner} ELSE {citation} END")


def _unit_level(column: str, catalogue_level: bool) -> str:
    cases = " ".join(
        f"WHEN '{kind.value}' THEN '{(LEVEL_IN_CATALOGUE[kind.level] if catalogue_level else kind.level).value}'"
        for kind in UnitKind
    )
    return f"CASE {column} {cases} END"


@dataclass(frozen=True)
class View:
    name: str
    doc: str  # what a row is
    query: str
    report: bool = True  # a table of the report (else a step on the way)
    order: str = ""  # how the report lists its rows
    big: bool = False  # a row per item: left a view when the report runs (scanned again where used, not stored)


VIEWS: tuple[View, ...] = (
    View(
        "unit_levels",
        "each unit's level, as the registry and as the catalogue name it",
        f"""SELECT district, id AS unit, name AS unit_name, {_unit_level("kind", False)} AS level,
       {_unit_level("kind", True)} AS catalogue_level
FROM units""",
        report=False,
    ),
    View(
        "name_keys",
        "each distinct item name and the name as compared (normalised once per name, not per item: translate "
        "costs 6 µs a call in DuckDB)",
        f"""SELECT name, {normal("name")} AS name_key FROM (SELECT DISTINCT name FROM power) n""",
        report=False,
    ),
    View(
        "items",
        "each published item with its level and its name as compared",
        """SELECT p.district, p.code, p.name, k.name_key, p.type, p.unit, p.parent,
       p.catalog_code, u.level, u.catalogue_level
FROM power p
LEFT JOIN name_keys k ON k.name = p.name
LEFT JOIN unit_levels u ON u.district = p.district AND u.unit = p.unit""",
        report=False,
        big=True,
    ),
    View(
        "coded_items",
        "each item with a catalog_code, with the legal basis it counts with: its own list of citations, or (a "
        "sub-item citing none) its parent's, else its grandparent's",
        """SELECT district, code, name, type, unit, catalog_code, legal_basis
FROM power WHERE catalog_code IS NOT NULL AND (legal_basis IS NOT NULL OR parent IS NULL)
UNION ALL
SELECT s.district, s.code, s.name, s.type, s.unit, s.catalog_code, coalesce(g.legal_basis, gg.legal_basis)
FROM power s
LEFT JOIN power g ON g.district = s.district AND g.code = s.parent
LEFT JOIN power gg ON gg.district = g.district AND gg.code = g.parent
WHERE s.catalog_code IS NOT NULL AND s.legal_basis IS NULL AND s.parent IS NOT NULL""",
        report=False,
        big=True,
    ),
    View(
        "pair_citations",
        "each citation of each distinct (entry, legal basis) pair: items repeat their entry's citations across "
        "districts, so the laws are read once per pair, not once per item",
        """SELECT p.catalog_code, p.legal_basis, c.citation
FROM (SELECT DISTINCT catalog_code, legal_basis FROM coded_items WHERE legal_basis IS NOT NULL) p
-- Spark SQL: LATERAL VIEW explode(p.legal_basis) c AS citation
CROSS JOIN UNNEST(p.legal_basis) AS c(citation)""",
        report=False,
    ),
    View(
        "pair_laws",
        "the laws each (entry, legal basis) pair cites, as compared",
        f"""WITH laws AS (
  SELECT citation, {law_of("citation")} AS law FROM (SELECT DISTINCT citation FROM pair_citations) c
)
SELECT DISTINCT p.catalog_code, p.legal_basis, l.law
FROM pair_citations p JOIN laws l ON l.citation = p.citation""",
        report=False,
    ),
    View(
        "entry_laws",
        "each law of an entry, as compared",
        f"SELECT DISTINCT code, {law_of('law')} AS law FROM catalogue_laws",
        report=False,
    ),
    View(
        "entries",
        "each catalogue entry with its name as compared and how many laws it names",
        f"""SELECT c.code, c.name, {normal("c.name")} AS name_key, c.type, c.department, c.parent, c.status,
       coalesce(l.law_count, 0) AS law_count
FROM catalogue c
LEFT JOIN (SELECT code, count(*) AS law_count FROM entry_laws GROUP BY code) l ON l.code = c.code""",
        report=False,
    ),
    View(
        "pair_verdicts",
        "per (entry, legal basis) pair: how many laws it cites, and how many of them the entry names",
        """SELECT p.catalog_code, p.legal_basis, count(*) AS cited, count(e.law) AS common
FROM pair_laws p
LEFT JOIN entry_laws e ON e.code = p.catalog_code AND e.law = p.law
GROUP BY p.catalog_code, p.legal_basis""",
        report=False,
    ),
    View(
        "conformance",
        "each item with a catalog_code against its entry: known (an entry in use), and 1 where an element differs",
        f"""SELECT c.district, c.code, c.name, c.type, u.level, c.catalog_code, c.legal_basis,
       e.name AS entry_name, e.type AS entry_type,
       CASE WHEN e.status = '{IN_USE}' THEN 1 ELSE 0 END AS known,
       CASE WHEN e.status = '{IN_USE}' AND k.name_key <> e.name_key THEN 1 ELSE 0 END AS name_differs,
       CASE WHEN e.status = '{IN_USE}' AND c.type <> e.type THEN 1 ELSE 0 END AS type_differs,
       CASE WHEN e.status = '{IN_USE}' AND (coalesce(v.cited, 0) <> e.law_count OR coalesce(v.common, 0) <> e.law_count)
            THEN 1 ELSE 0 END AS laws_differ
FROM coded_items c
LEFT JOIN name_keys k ON k.name = c.name
LEFT JOIN unit_levels u ON u.district = c.district AND u.unit = c.unit
LEFT JOIN entries e ON e.code = c.catalog_code
LEFT JOIN pair_verdicts v ON v.catalog_code = c.catalog_code AND v.legal_basis = c.legal_basis""",
        report=False,
        big=True,
    ),
    View(
        "unknown_codes",
        "items whose catalog_code names no entry in use (not in the catalogue, or cancelled there)",
        """SELECT district, code, name, catalog_code FROM conformance WHERE known = 0""",
        order="district, code",
    ),
    View(
        "differences",
        "per entry and district, each value of an element that differs from the catalogue (legal_basis: a law "
        "cited and not in the entry, or in the entry and not cited), with the number of items",
        """SELECT catalog_code AS entry, district, 'name' AS element, name AS district_value,
       entry_name AS catalogue_value, count(*) AS items
FROM conformance WHERE name_differs = 1 GROUP BY catalog_code, district, name, entry_name
UNION ALL
SELECT catalog_code, district, 'type', type, entry_type, count(*)
FROM conformance WHERE type_differs = 1 GROUP BY catalog_code, district, type, entry_type
UNION ALL
SELECT c.catalog_code, c.district, 'legal_basis', p.law, NULL, count(*)
FROM conformance c
JOIN pair_laws p ON p.catalog_code = c.catalog_code AND p.legal_basis = c.legal_basis
WHERE c.laws_differ = 1
  AND NOT EXISTS (SELECT 1 FROM entry_laws e WHERE e.code = c.catalog_code AND e.law = p.law)
GROUP BY c.catalog_code, c.district, p.law
UNION ALL
SELECT c.catalog_code, c.district, 'legal_basis', NULL, e.law, count(*)
FROM conformance c
JOIN entry_laws e ON e.code = c.catalog_code
WHERE c.laws_differ = 1
  AND NOT EXISTS (SELECT 1 FROM pair_laws p
                  WHERE p.catalog_code = c.catalog_code AND p.legal_basis = c.legal_basis AND p.law = e.law)
GROUP BY c.catalog_code, c.district, e.law""",
        order="entry, district, element, district_value, catalogue_value",
    ),
    View(
        "implementations",
        "per entry, each district implementing it and at which level, with the number of items",
        """SELECT catalog_code AS entry, district, level, count(*) AS items
FROM items WHERE catalog_code IS NOT NULL
GROUP BY catalog_code, district, level""",
        order="entry, district, level",
    ),
    View(
        "entry_summary",
        "per catalogue entry: the districts implementing it (at each level) and those differing from it",
        """WITH differing AS (SELECT entry, count(DISTINCT district) AS districts FROM differences GROUP BY entry)
SELECT e.code, e.name, e.type, e.department, e.status,
       count(DISTINCT i.district) AS districts,
       count(DISTINCT CASE WHEN i.level = '区级' THEN i.district END) AS district_level,
       count(DISTINCT CASE WHEN i.level = '街道(镇)' THEN i.district END) AS street_level,
       count(DISTINCT CASE WHEN i.level = '社区(村)' THEN i.district END) AS community_level,
       coalesce(d.districts, 0) AS differing
FROM entries e
LEFT JOIN implementations i ON i.entry = e.code
LEFT JOIN differing d ON d.entry = e.code
GROUP BY e.code, e.name, e.type, e.department, e.status, d.districts""",
        order="code",
    ),
    View(
        "unimplemented",
        "entries in use that no district implements",
        f"""SELECT code, name, type, department FROM entry_summary
WHERE status = '{IN_USE}' AND districts = 0""",
        order="code",
    ),
    View(
        "district_summary",
        "per district: active items by level, validation errors and warnings, and conformance to the catalogue "
        "(items with a code, matching, differing, naming no entry in use; entries of its levels not implemented; "
        "items without a code)",
        f"""WITH counts AS (
  SELECT district, count(*) AS items,
         sum(CASE WHEN level = '区级' THEN 1 ELSE 0 END) AS district_level,
         sum(CASE WHEN level = '街道(镇)' THEN 1 ELSE 0 END) AS street_level,
         sum(CASE WHEN level = '社区(村)' THEN 1 ELSE 0 END) AS community_level,
         sum(CASE WHEN catalog_code IS NULL THEN 1 ELSE 0 END) AS uncoded
  FROM items GROUP BY district
), coded AS (
  SELECT district, count(*) AS coded, sum(known) AS known,
         sum(CASE WHEN known = 1 AND name_differs + type_differs + laws_differ = 0 THEN 1 ELSE 0 END) AS matching,
         sum(CASE WHEN name_differs + type_differs + laws_differ > 0 THEN 1 ELSE 0 END) AS differing
  FROM conformance GROUP BY district
), entry_flags AS (
  SELECT e.code,
         max(CASE WHEN l.level = '县级' THEN 1 ELSE 0 END) AS county,
         max(CASE WHEN l.level = '乡镇级' THEN 1 ELSE 0 END) AS township,
         max(CASE WHEN l.level = '村级' THEN 1 ELSE 0 END) AS village
  FROM entries e JOIN catalogue_levels l ON l.code = e.code
  WHERE e.status = '{IN_USE}' GROUP BY e.code
), patterns AS (
  SELECT county, township, village, count(*) AS entries FROM entry_flags GROUP BY county, township, village
), district_flags AS (
  SELECT district,
         max(CASE WHEN catalogue_level = '县级' THEN 1 ELSE 0 END) AS county,
         max(CASE WHEN catalogue_level = '乡镇级' THEN 1 ELSE 0 END) AS township,
         max(CASE WHEN catalogue_level = '村级' THEN 1 ELSE 0 END) AS village
  FROM unit_levels GROUP BY district
), expected AS (
  SELECT d.district, sum(p.entries) AS entries
  FROM district_flags d
  JOIN patterns p ON d.county * p.county + d.township * p.township + d.village * p.village > 0
  GROUP BY d.district
), implemented AS (
  SELECT i.district, count(*) AS entries
  FROM (SELECT DISTINCT district, catalog_code FROM items WHERE catalog_code IS NOT NULL) i
  JOIN entry_flags f ON f.code = i.catalog_code
  JOIN district_flags d ON d.district = i.district
  WHERE d.county * f.county + d.township * f.township + d.village * f.village > 0
  GROUP BY i.district
)
SELECT d.district, d.name, d.source, d.synthetic, d.errors, d.warnings,
       coalesce(n.items, 0) AS items, coalesce(n.district_level, 0) AS district_level,
       coalesce(n.street_level, 0) AS street_level, coalesce(n.community_level, 0) AS community_level,
       coalesce(c.coded, 0) AS coded, coalesce(c.matching, 0) AS matching, coalesce(c.differing, 0) AS differing,
       coalesce(c.coded, 0) - coalesce(c.known, 0) AS unknown,
       coalesce(x.entries, 0) - coalesce(m.entries, 0) AS not_implemented,
       coalesce(n.uncoded, 0) AS uncoded
FROM districts d
LEFT JOIN counts n ON n.district = d.district
LEFT JOIN coded c ON c.district = d.district
LEFT JOIN expected x ON x.district = d.district
LEFT JOIN implemented m ON m.district = d.district""",
        order="district",
    ),
    View(
        "same_code_names",
        "同码不同名: each basic code carried under more than one name, every name with each district using it",
        """SELECT catalog_code AS code, name, district, count(*) AS items
FROM items
WHERE catalog_code IN (
  SELECT catalog_code FROM items WHERE catalog_code IS NOT NULL
  GROUP BY catalog_code HAVING count(DISTINCT name_key) > 1)
GROUP BY catalog_code, name, district""",
        order="code, name, district",
    ),
    View(
        "same_code_types",
        "同码不同类: each basic code carried under more than one type, every type with each district using it",
        """SELECT catalog_code AS code, type, district, count(*) AS items
FROM items
WHERE catalog_code IN (
  SELECT catalog_code FROM items WHERE catalog_code IS NOT NULL
  GROUP BY catalog_code HAVING count(DISTINCT type) > 1)
GROUP BY catalog_code, type, district""",
        order="code, type, district",
    ),
    View(
        "same_name_codes",
        "同名不同码: each name carried under more than one basic code, every code with each district using it",
        """SELECT name_key AS name, catalog_code AS code, district, count(*) AS items
FROM items
WHERE catalog_code IS NOT NULL AND name_key IN (
  SELECT name_key FROM items WHERE catalog_code IS NOT NULL
  GROUP BY name_key HAVING count(DISTINCT catalog_code) > 1)
GROUP BY name_key, catalog_code, district""",
        order="name, code, district",
    ),
    View(
        "should_carry_code",
        "items without a catalog_code whose name is an entry's (in use): they should carry its code",
        f"""SELECT i.district, i.code, i.name, i.unit, i.level, e.code AS entry
FROM items i
JOIN entries e ON e.name_key = i.name_key AND e.status = '{IN_USE}'
WHERE i.catalog_code IS NULL""",
        order="district, code, entry",
    ),
)

BY_NAME = {view.name: view for view in VIEWS}
REPORT_TABLES = tuple(view.name for view in VIEWS if view.report)


def script() -> str:
    """Every view as `CREATE VIEW`, in order, each with what its rows are: what `--sql` prints."""
    header = "\n".join(f"-- {line}" if line else "--" for line in (__doc__ or "").strip().splitlines())
    parts = [header]
    for view in VIEWS:
        parts.append(f"-- {view.name}: {view.doc}\nCREATE VIEW {view.name} AS\n{view.query};")
    return "\n\n".join(parts) + "\n"
