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

from qingdan.models.catalogue import LEVEL_IN_CATALOGUE, CatalogueLevel, EntryStatus
from qingdan.models.common import Level
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


LEVELS = tuple(Level)  # numbered from 1 in this order: the items carry the number


def _level_id(level: Level) -> int:
    return LEVELS.index(level) + 1


def _unit_level(column: str, catalogue_level: bool) -> str:
    cases = " ".join(
        f"WHEN '{kind.value}' THEN '{(LEVEL_IN_CATALOGUE[kind.level] if catalogue_level else kind.level).value}'"
        for kind in UnitKind
    )
    return f"CASE {column} {cases} END"


def _per_level(template: str) -> str:
    """One column per level: `template` with {id} (the level's number) and {column} (its column name)."""
    columns = {Level.DISTRICT: "district_level", Level.STREET: "street_level", Level.COMMUNITY: "community_level"}
    return ",\n       ".join(template.format(id=_level_id(level), column=columns[level]) for level in LEVELS)


def _catalogue_flags(column: str) -> str:
    """1 where a row of the group names the catalogue's county, township or village level."""
    flags = {CatalogueLevel.COUNTY: "county", CatalogueLevel.TOWNSHIP: "township", CatalogueLevel.VILLAGE: "village"}
    return ",\n         ".join(
        f"max(CASE WHEN {column} = '{level.value}' THEN 1 ELSE 0 END) AS {name}" for level, name in flags.items()
    )


def _numbered(column: str, source: str) -> str:
    """A number for each row, ordered by `column`, which must tell every row apart (a view is evaluated again by
    every query that reads it, and ties are numbered differently each time)."""
    return f"CAST(row_number() OVER (ORDER BY {column}) AS INTEGER) AS {source}"


@dataclass(frozen=True)
class View:
    name: str
    doc: str  # what a row is
    query: str
    report: bool = True  # a table of the report (else a step on the way)
    order: str = ""  # how the report lists its rows
    # Computed once into a table when the report runs (the engine's choice; `--sql` and the DuckDB file keep
    # every view a view). False for a view as large as the items that one query reads (or, for
    # `implementations`, only the JSON and CSV formats): storing 14,000,000 rows costs more than reading them.
    stored: bool = True


_LEVELS_TABLE = " UNION ALL ".join(
    f"SELECT {_level_id(level)} AS level_id, '{level.value}' AS level" if index == 0 else
    f"SELECT {_level_id(level)}, '{level.value}'"
    for index, level in enumerate(LEVELS)
)  # fmt: skip


def _same_code(dictionary: str, word: str, element: str, differs_by: str) -> View:
    """同码不同名 / 同码不同类: each basic code carried under more than one name (told apart as compared) or type,
    every value with each district using it."""
    alias = dictionary[0]
    return View(
        f"same_code_{dictionary}",
        f"同码不同{word}: each basic code carried under more than one {element}, every {element} with each district "
        "using it",
        f"""SELECT c.code, {alias}.{element}, d.district, v.items
FROM (
  SELECT code_id, {element}_id, district_id, count(*) AS items
  FROM items
  WHERE code_id IN (SELECT code_id FROM form_facts GROUP BY code_id HAVING count(DISTINCT {differs_by}) > 1)
  GROUP BY code_id, {element}_id, district_id
) v
JOIN codes c ON c.code_id = v.code_id
JOIN district_ids d ON d.district_id = v.district_id
LEFT JOIN {dictionary} {alias} ON {alias}.{element}_id = v.{element}_id""",
        order=f"code, {element}, district",
    )


# The items are read from the districts' files twice: once grouped into their forms (a few hundred thousand distinct
# (code, name, type, legal basis) in a country of 14,000,000 items), where every comparison with the catalogue is
# made, and once into `items`, which holds numbers only: a form, a district, a level. Every report table reads
# these two. (Comparing each item with its entry took 26 of the country's 65 CPU seconds; joining five
# dictionaries to 14,000,000 items costs twice what grouping them does, and DuckDB writes a column of 14,000,000
# short texts in six times the time of one of integers.)
_FORM = "catalog_code, name, type, legal_basis"  # what tells one form of an item from another
DICTIONARIES: tuple[View, ...] = (
    View("levels", "the levels of a unit, numbered", _LEVELS_TABLE, report=False),
    View(
        "unit_levels",
        "each unit's level (its number, and as the catalogue names it)",
        f"""SELECT u.district, u.id AS unit, u.name AS unit_name, l.level_id, l.level,
       {_unit_level("u.kind", True)} AS catalogue_level
FROM units u LEFT JOIN levels l ON l.level = {_unit_level("u.kind", False)}""",
        report=False,
    ),
    View(
        "district_ids",
        "each district, numbered",
        f"SELECT district, {_numbered('district', 'district_id')} FROM districts",
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
)

FORMS: tuple[View, ...] = (
    View(
        "inherited",
        "each sub-item citing no law, with what the items need of it and the legal basis it counts with: its "
        "parent's, else its grandparent's (the parents are looked up among the items sub-items name as parent)",
        """WITH orphans AS (
  SELECT district, code, name, type, unit, parent, catalog_code
  FROM power WHERE legal_basis IS NULL AND parent IS NOT NULL
), parents AS (
  SELECT p.district, p.code, p.parent, p.legal_basis
  FROM power p JOIN (SELECT DISTINCT district, parent FROM orphans) o ON o.district = p.district AND o.parent = p.code
)
SELECT o.district, o.code, o.name, o.type, o.unit, o.catalog_code,
       coalesce(p.legal_basis, g.legal_basis) AS legal_basis
FROM orphans o
LEFT JOIN parents p ON p.district = o.district AND p.code = o.parent
LEFT JOIN parents g ON g.district = p.district AND g.code = p.parent""",
        report=False,
    ),
    View(
        "published",
        "each published item with the legal basis it counts with (its own list of citations, or inherited)",
        """SELECT district, code, name, type, unit, catalog_code, legal_basis
FROM power WHERE legal_basis IS NOT NULL OR parent IS NULL
UNION ALL
SELECT district, code, name, type, unit, catalog_code, legal_basis FROM inherited""",
        report=False,
        stored=False,
    ),
    View(
        "forms",
        "each distinct form an item takes (basic code, name, type, legal basis), numbered, with its items",
        # Numbered in the order of the whole key: with ties, each query reading the view numbered them anew, in
        # an order of its own, and a district was given another's legal basis.
        f"""SELECT {_FORM}, count(*) AS items, {_numbered(_FORM, "form_id")}
FROM published
GROUP BY {_FORM}""",
        report=False,
    ),
    View(
        "names",
        "each distinct item name, the name as compared, and a number for each (normalised once per name, not "
        "per item: translate costs 6 µs a call in DuckDB)",
        f"""SELECT name, name_key, {_numbered("name", "name_id")},
       CAST(dense_rank() OVER (ORDER BY name_key) AS INTEGER) AS key_id
FROM (SELECT name, {normal("name")} AS name_key FROM (SELECT DISTINCT name FROM forms) n) k""",
        report=False,
    ),
    View(
        "types",
        "each distinct item type, numbered",
        f"SELECT type, {_numbered('type', 'type_id')} FROM (SELECT DISTINCT type FROM forms) t",
        report=False,
    ),
    View(
        "codes",
        "each basic code that items carry, numbered, with its entry (none: not in the catalogue)",
        f"""SELECT c.catalog_code AS code, {_numbered("c.catalog_code", "code_id")},
       e.name AS entry_name, e.name_key AS entry_name_key, e.type AS entry_type, e.status, e.law_count
FROM (SELECT DISTINCT catalog_code FROM forms WHERE catalog_code IS NOT NULL) c
LEFT JOIN entries e ON e.code = c.catalog_code""",
        report=False,
    ),
    View(
        "pair_citations",
        "each citation of each distinct (entry, legal basis) pair",
        """SELECT p.catalog_code, p.legal_basis, c.citation
FROM (SELECT DISTINCT catalog_code, legal_basis FROM forms
      WHERE catalog_code IS NOT NULL AND legal_basis IS NOT NULL) p
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
        "pair_verdicts",
        "per (entry, legal basis) pair: how many laws it cites, and how many of them the entry names",
        """SELECT p.catalog_code, p.legal_basis, count(*) AS cited, count(e.law) AS common
FROM pair_laws p
LEFT JOIN entry_laws e ON e.code = p.catalog_code AND e.law = p.law
GROUP BY p.catalog_code, p.legal_basis""",
        report=False,
    ),
    View(
        "form_facts",
        "each form with the numbers of its name, type and code, and against its entry: known (an entry in use), "
        "and 1 where an element differs",
        f"""SELECT f.form_id, f.catalog_code, f.name, f.type, f.legal_basis, f.items,
       n.name_id, n.key_id, t.type_id, c.code_id,
       CASE WHEN c.status = '{IN_USE}' THEN 1 ELSE 0 END AS known,
       CASE WHEN c.status = '{IN_USE}' AND n.name_key <> c.entry_name_key THEN 1 ELSE 0 END AS name_differs,
       CASE WHEN c.status = '{IN_USE}' AND f.type <> c.entry_type THEN 1 ELSE 0 END AS type_differs,
       CASE WHEN c.status = '{IN_USE}'
                 AND (coalesce(v.cited, 0) <> c.law_count OR coalesce(v.common, 0) <> c.law_count)
            THEN 1 ELSE 0 END AS laws_differ
FROM forms f
LEFT JOIN names n ON n.name = f.name
LEFT JOIN types t ON t.type = f.type
LEFT JOIN codes c ON c.code = f.catalog_code
LEFT JOIN pair_verdicts v ON v.catalog_code = f.catalog_code AND v.legal_basis = f.legal_basis""",
        report=False,
    ),
)

ITEMS: tuple[View, ...] = (
    View(
        "items",
        "each published item by numbers: its district, level and form, and the numbers of its form's code, name "
        "and type; its code only where a table lists the item (no basic code, or one naming no entry in use), its "
        "unit only without a basic code",
        """SELECT d.district_id, u.level_id, f.form_id, f.code_id, f.name_id, f.key_id, f.type_id,
       CASE WHEN f.code_id IS NULL OR f.known = 0 THEN p.code END AS code,
       CASE WHEN f.code_id IS NULL THEN p.unit END AS unit
FROM published p
JOIN district_ids d ON d.district = p.district
JOIN form_facts f
  ON f.catalog_code IS NOT DISTINCT FROM p.catalog_code AND f.name IS NOT DISTINCT FROM p.name
 AND f.type IS NOT DISTINCT FROM p.type AND f.legal_basis IS NOT DISTINCT FROM p.legal_basis
LEFT JOIN unit_levels u ON u.district = p.district AND u.unit = p.unit""",
        report=False,
    ),
    View(
        "exceptions",
        "the items with a basic code that names no entry in use or differs from its entry, with their texts: all "
        "that `unknown_codes` and `differences` list (one item in a hundred in the bench's country)",
        """SELECT d.district, i.code, f.name, f.type, f.catalog_code, f.legal_basis, c.entry_name, c.entry_type,
       f.known, f.name_differs, f.type_differs, f.laws_differ
FROM items i
JOIN form_facts f ON f.form_id = i.form_id
JOIN codes c ON c.code_id = f.code_id
JOIN district_ids d ON d.district_id = i.district_id
WHERE f.known = 0 OR f.name_differs + f.type_differs + f.laws_differ > 0""",
        report=False,
    ),
    View(
        "entry_districts",
        "per basic code, each district implementing it, with 1 for each level it implements it at",
        f"""SELECT code_id, district_id,
       {_per_level("max(CASE WHEN level_id = {id} THEN 1 ELSE 0 END) AS {column}")}
FROM items WHERE code_id IS NOT NULL
GROUP BY code_id, district_id""",
        report=False,
    ),
)

REPORT: tuple[View, ...] = (
    View(
        "unknown_codes",
        "items whose catalog_code names no entry in use (not in the catalogue, or cancelled there)",
        """SELECT district, code, name, catalog_code FROM exceptions WHERE known = 0""",
        order="district, code",
    ),
    View(
        "differences",
        "per entry and district, each value of an element that differs from the catalogue (legal_basis: a law "
        "cited and not in the entry, or in the entry and not cited), with the number of items",
        """SELECT catalog_code AS entry, district, 'name' AS element, name AS district_value,
       entry_name AS catalogue_value, count(*) AS items
FROM exceptions WHERE name_differs = 1 GROUP BY catalog_code, district, name, entry_name
UNION ALL
SELECT catalog_code, district, 'type', type, entry_type, count(*)
FROM exceptions WHERE type_differs = 1 GROUP BY catalog_code, district, type, entry_type
UNION ALL
SELECT c.catalog_code, c.district, 'legal_basis', p.law, NULL, count(*)
FROM exceptions c
JOIN pair_laws p ON p.catalog_code = c.catalog_code AND p.legal_basis = c.legal_basis
WHERE c.laws_differ = 1
  AND NOT EXISTS (SELECT 1 FROM entry_laws e WHERE e.code = c.catalog_code AND e.law = p.law)
GROUP BY c.catalog_code, c.district, p.law
UNION ALL
SELECT c.catalog_code, c.district, 'legal_basis', NULL, e.law, count(*)
FROM exceptions c
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
        """SELECT c.code AS entry, d.district, l.level, i.items
FROM (
  SELECT code_id, district_id, level_id, count(*) AS items
  FROM items WHERE code_id IS NOT NULL
  GROUP BY code_id, district_id, level_id
) i
JOIN codes c ON c.code_id = i.code_id
JOIN district_ids d ON d.district_id = i.district_id
LEFT JOIN levels l ON l.level_id = i.level_id""",
        order="entry, district, level",
        stored=False,
    ),
    View(
        "entry_summary",
        "per catalogue entry: the districts implementing it (at each level) and those differing from it",
        f"""WITH differing AS (SELECT entry, count(DISTINCT district) AS districts FROM differences GROUP BY entry),
implementing AS (
  SELECT code_id, count(*) AS districts,
         {_per_level("count(CASE WHEN {column} = 1 THEN 1 END) AS {column}")}
  FROM entry_districts GROUP BY code_id
)
SELECT e.code, e.name, e.type, e.department, e.status,
       coalesce(i.districts, 0) AS districts, coalesce(i.district_level, 0) AS district_level,
       coalesce(i.street_level, 0) AS street_level, coalesce(i.community_level, 0) AS community_level,
       coalesce(d.districts, 0) AS differing
FROM entries e
LEFT JOIN codes c ON c.code = e.code
LEFT JOIN implementing i ON i.code_id = c.code_id
LEFT JOIN differing d ON d.entry = e.code""",
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
  SELECT district_id, count(*) AS items,
         {_per_level("sum(CASE WHEN level_id = {id} THEN 1 ELSE 0 END) AS {column}")},
         sum(CASE WHEN code_id IS NULL THEN 1 ELSE 0 END) AS uncoded, count(code_id) AS coded
  FROM items GROUP BY district_id
), exceptional AS (
  SELECT district, sum(CASE WHEN known = 0 THEN 1 ELSE 0 END) AS unknown,
         sum(CASE WHEN name_differs + type_differs + laws_differ > 0 THEN 1 ELSE 0 END) AS differing
  FROM exceptions GROUP BY district
), entry_flags AS (
  SELECT e.code, c.code_id,
         {_catalogue_flags("l.level")}
  FROM entries e JOIN catalogue_levels l ON l.code = e.code LEFT JOIN codes c ON c.code = e.code
  WHERE e.status = '{IN_USE}' GROUP BY e.code, c.code_id
), patterns AS (
  SELECT county, township, village, count(*) AS entries FROM entry_flags GROUP BY county, township, village
), district_flags AS (
  SELECT d.district_id,
         {_catalogue_flags("u.catalogue_level")}
  FROM unit_levels u JOIN district_ids d ON d.district = u.district GROUP BY d.district_id
), expected AS (
  SELECT d.district_id, sum(p.entries) AS entries
  FROM district_flags d
  JOIN patterns p ON d.county * p.county + d.township * p.township + d.village * p.village > 0
  GROUP BY d.district_id
), implemented AS (
  SELECT i.district_id, count(*) AS entries
  FROM entry_districts i
  JOIN entry_flags f ON f.code_id = i.code_id
  JOIN district_flags d ON d.district_id = i.district_id
  WHERE d.county * f.county + d.township * f.township + d.village * f.village > 0
  GROUP BY i.district_id
)
SELECT d.district, d.name, d.source, d.synthetic, d.errors, d.warnings,
       coalesce(n.items, 0) AS items, coalesce(n.district_level, 0) AS district_level,
       coalesce(n.street_level, 0) AS street_level, coalesce(n.community_level, 0) AS community_level,
       coalesce(n.coded, 0) AS coded,
       coalesce(n.coded, 0) - coalesce(c.unknown, 0) - coalesce(c.differing, 0) AS matching,
       coalesce(c.differing, 0) AS differing, coalesce(c.unknown, 0) AS unknown,
       coalesce(x.entries, 0) - coalesce(m.entries, 0) AS not_implemented,
       coalesce(n.uncoded, 0) AS uncoded
FROM districts d
JOIN district_ids i ON i.district = d.district
LEFT JOIN counts n ON n.district_id = i.district_id
LEFT JOIN exceptional c ON c.district = d.district
LEFT JOIN expected x ON x.district_id = i.district_id
LEFT JOIN implemented m ON m.district_id = i.district_id""",
        order="district",
    ),
    _same_code("names", "名", "name", "key_id"),
    _same_code("types", "类", "type", "type_id"),
    View(
        "same_name_codes",
        "同名不同码: each name carried under more than one basic code, every code with each district using it",
        """SELECT k.name_key AS name, c.code, d.district, v.items
FROM (
  SELECT key_id, code_id, district_id, count(*) AS items
  FROM items
  WHERE code_id IS NOT NULL
    AND key_id IN (SELECT key_id FROM form_facts GROUP BY key_id HAVING count(DISTINCT code_id) > 1)
  GROUP BY key_id, code_id, district_id
) v
JOIN codes c ON c.code_id = v.code_id
JOIN district_ids d ON d.district_id = v.district_id
JOIN (SELECT DISTINCT key_id, name_key FROM names) k ON k.key_id = v.key_id""",
        order="name, code, district",
    ),
    View(
        "should_carry_code",
        "items without a catalog_code whose name is an entry's (in use): they should carry its code",
        f"""SELECT d.district, i.code, n.name, i.unit, l.level, e.code AS entry
FROM items i
JOIN names n ON n.name_id = i.name_id
JOIN entries e ON e.name_key = n.name_key AND e.status = '{IN_USE}'
JOIN district_ids d ON d.district_id = i.district_id
LEFT JOIN levels l ON l.level_id = i.level_id
WHERE i.code_id IS NULL""",
        order="district, code, entry",
    ),
)

VIEWS: tuple[View, ...] = (*DICTIONARIES, *FORMS, *ITEMS, *REPORT)

BY_NAME = {view.name: view for view in VIEWS}
REPORT_TABLES = tuple(view.name for view in VIEWS if view.report)


def script() -> str:
    """Every view as `CREATE VIEW`, in order, each with what its rows are: what `--sql` prints."""
    header = "\n".join(f"-- {line}" if line else "--" for line in (__doc__ or "").strip().splitlines())
    parts = [header]
    for view in VIEWS:
        parts.append(f"-- {view.name}: {view.doc}\nCREATE VIEW {view.name} AS\n{view.query};")
    return "\n\n".join(parts) + "\n"
