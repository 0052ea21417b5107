"""The checks made while files are read (QD001–QD008): syntax, shape, vocabulary and safety limits.

They are declared here, below the whole pipeline, because the sources, the parsers and the loader each find
some of them; `found_elsewhere` enters them in the one register of checks, as `@check` does the data checks."""

from __future__ import annotations

from qingdan.problems import Severity, found_elsewhere

SYNTAX = found_elsewhere(
    "QD001",
    Severity.ERROR,
    """
    YAML/CSV syntax error, or a file that cannot be decoded.

    Registries are read as plain data: YAML tags (`!!python/...`), anchors and aliases, merge keys (`<<`),
    `%YAML` directives and multi-document streams are refused, so a file means exactly what it shows.
    YAML must be UTF-8; CSV may be UTF-8 (with or without BOM) or GB18030.

    PASS: `name: 食品经营许可`
    FAIL: `name: &n 食品经营许可` (an anchor), `legal_basis: [《食品安全法》` (unclosed bracket)
""",
)

DUPLICATE_KEY = found_elsewhere(
    "QD002",
    Severity.ERROR,
    """
    Duplicate key in a mapping (or a duplicate CSV column).

    YAML parsers silently keep one of two equal keys; the clerk meant one of them and must choose.

    PASS: `code: XK-330205-0001` once per item
    FAIL: `name: 食品经营许可` followed by `name: 食品生产许可` in the same item
""",
)

UNKNOWN_KEY = found_elsewhere(
    "QD003",
    Severity.ERROR,
    """
    Unknown key (or unknown CSV column).

    A misspelt key would otherwise be dropped without a word, and the field it meant left empty.

    PASS: `legal_basis: [《中华人民共和国食品安全法》第三十五条]`
    FAIL: `legal_bases: [...]`
""",
)

MISSING_FIELD = found_elsewhere(
    "QD004",
    Severity.ERROR,
    """
    Missing required field, or a required field left empty.

    The required fields are the ● ones of SPEC §4: a record without them cannot be published.

    PASS: an item with `code`, `name`, `type` and `unit` (or the file's `unit:`)
    FAIL: an item without `type`
""",
)

WRONG_VALUE = found_elsewhere(
    "QD005",
    Severity.ERROR,
    """
    Wrong type, or a value that is not in the vocabulary.

    Vocabulary values are the Chinese terms exactly as published; dates are YYYY-MM-DD; weights are
    decimals with at most two places; names are at most 200 characters without surrounding spaces.

    PASS: `type: 行政许可`
    FAIL: `type: 许可`, `date: 2020/04/01`, `weight: 33.333`
""",
)

VARIANT_FORM = found_elsewhere(
    "QD006",
    Severity.WARNING,
    """
    Vocabulary value normalised from a full-width or variant form.

    `街道（镇）` with full-width brackets reads the same to a person but is a different string to a
    computer; it is accepted as `街道(镇)` and the clerk is told, so the file can be fixed.

    PASS: `party: 街道(镇)`
    FAIL: `party: 街道（镇）` (warning)
""",
)

SETTINGS = found_elsewhere(
    "QD007",
    Severity.ERROR,
    """
    qingdan.yaml missing, unreadable or invalid.

    Without the registry's settings (format version, region, code templates) nothing else can be checked,
    so this stops the command with exit code 2.

    PASS: `qingdan: 1` and `region: {code: "330205", name: 宁波市江北区}`
    FAIL: `qingdan: 2`, or no `region`
""",
)

LIMITS = found_elsewhere(
    "QD008",
    Severity.ERROR,
    """
    A file over a safety limit, or not a regular file inside the registry.

    Files over 8 MiB, nesting deeper than 32 levels, and symbolic links that lead out of the registry
    (e.g. to /etc/passwd) are refused before they are parsed: a registry comes from many hands.

    PASS: `power/scjgj.yaml`, a regular file of a few hundred kilobytes
    FAIL: `power/evil.yaml -> /etc/passwd`
""",
)
