"""Power item codes: unique in the registry (QD101) and shaped by the `codes` templates (QD102)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem, PowerType
from qingdan.models.kinds import POWER, UNITS
from qingdan.models.settings import CodeTemplates, Settings
from qingdan.problems import Finding, Ref, Severity


@check("QD101", Severity.ERROR, each=POWER)
def duplicate_code(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Duplicate power item code.

    A code names one item for good: diffs, delegations and the published list all find an item by its
    code, so two items with one code make every one of them ambiguous. Every occurrence after the first
    (in file order) is reported, at its code. A cancelled item keeps its code, so a new item needs a new one.

    PASS: `code: XK-330205-0001` and `code: XK-330205-0002`
    FAIL: `code: XK-330205-0001` on two items, in the same file or in two files
    """
    # `by_key` keeps the first record of each code in file order: every other one is a later duplicate.
    if registry.by_key(POWER).get(item.code) is not item:
        yield at(item, "code", code=item.code)


# `{name}` or `{name:N}`; whatever else stands in a template is literal text.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::(\d+))?\}")
# What each placeholder may look like, before it is compared with what it should be for this item.
_SHAPES = MappingProxyType(
    {
        "type": "[A-Z]{2}",
        "type_num": "[0-9]{2}",
        "region": "[0-9]{6}",
        "unit": "[A-Z0-9]{2,8}",
        "parent": ".+",
    }
)
_SEQ = "seq"

Segment = tuple[str, str]  # ("text", literal) or (placeholder name, digits of {seq:N} or "")


@dataclass(frozen=True, eq=False)  # compiled once per text (`_compiled`): compared and hashed by identity
class CodeTemplate:
    """A `codes` template compiled once per run: a regex that captures every placeholder by its shape."""

    text: str
    segments: tuple[Segment, ...]
    pattern: re.Pattern[str]
    names: frozenset[str]  # the placeholders it uses

    def mismatch(self, code: str, expected: Mapping[str, str]) -> tuple[str, str] | None:
        """None if `code` fits; else the first placeholder that differs and what it holds ("" if the code
        does not have the template's shape at all)."""
        match = self.pattern.fullmatch(code)
        if match is None:
            return "", ""
        wrong = [(name, match[name]) for name, value in expected.items() if match[name] != value]
        if not wrong or _exact(self, tuple(expected.items())).fullmatch(code):
            return None  # another reading of the code (e.g. a shorter {parent}) fits exactly
        return wrong[0]


class TemplateError(ValueError):
    """A `codes` template that cannot be compiled: what is wrong (QD102's message detail), and the placeholder
    at fault if any."""

    def __init__(self, variant: str, placeholder: str = "") -> None:
        super().__init__(variant)
        self.variant, self.placeholder = variant, placeholder


def compile_template(text: str, allowed: frozenset[str]) -> CodeTemplate:
    """Split `text` into literals and placeholders, and build its regex; TemplateError if it is not valid."""
    segments: list[Segment] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        segments.append(("text", text[position : match.start()]))
        name, digits = match[1], match[2] or ""
        if name not in allowed or (digits and name != _SEQ):
            raise TemplateError("placeholder", match[0])
        segments.append((name, digits))
        position = match.end()
    segments.append(("text", text[position:]))
    literal = "".join(value for name, value in segments if name == "text")
    if "{" in literal or "}" in literal:
        raise TemplateError("brace")
    parts = tuple(segment for segment in segments if segment != ("text", ""))
    names = frozenset(name for name, _ in parts if name != "text")
    return CodeTemplate(text, parts, re.compile(_regex(parts, {}), re.DOTALL), names)


def _regex(segments: tuple[Segment, ...], expected: Mapping[str, str]) -> str:
    """The template as a regex: known values literally, the other placeholders as named groups (a
    placeholder written twice must hold the same text twice)."""
    pieces: list[str] = []
    named: set[str] = set()
    for name, value in segments:
        if name == "text":
            pieces.append(re.escape(value))
        elif name == _SEQ:
            pieces.append(f"[0-9]{{{value}}}" if value else "[0-9]+")
        elif name in expected:
            pieces.append(re.escape(expected[name]))
        elif name in named:
            pieces.append(f"(?P={name})")
        else:
            named.add(name)
            pieces.append(f"(?P<{name}>{_SHAPES[name]})")
    return "".join(pieces)


@lru_cache(maxsize=1024)
def _exact(template: CodeTemplate, expected: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile(_regex(template.segments, dict(expected)), re.DOTALL)


def _exact_for(registry: Registry, item: PowerItem, template: CodeTemplate) -> re.Pattern[str] | None:
    """The template with every placeholder but {parent} and {seq} filled in for this item's type and unit;
    None where the unit's abbr is needed but unknown (the full check explains that)."""
    abbr = ""
    if "unit" in template.names:
        unit = registry.by_key(UNITS).get(item.unit)
        if unit is None or not unit.abbr:
            return None
        abbr = unit.abbr
    return _pattern(template, item.item_type, registry.settings.region.code, abbr)


# The common case costs one regex match: patterns are cached per (template, type, region, unit abbr).
@lru_cache(maxsize=4096)
def _pattern(template: CodeTemplate, item_type: PowerType, region: str, abbr: str) -> re.Pattern[str]:
    known = (("type", item_type.letters), ("type_num", item_type.number), ("region", region), ("unit", abbr))
    return _exact(template, tuple((name, value) for name, value in known if name in template.names))


ITEM_PLACEHOLDERS = frozenset({"type", "type_num", "region", "unit", _SEQ})
CHILD_PLACEHOLDERS = ITEM_PLACEHOLDERS | {"parent"}
LEVELS = ((False, "item", ITEM_PLACEHOLDERS), (True, "child", CHILD_PLACEHOLDERS))


@lru_cache(maxsize=64)
def _compiled(text: str, allowed: frozenset[str]) -> CodeTemplate | TemplateError:
    """A template compiled once per text, or what is wrong with it."""
    try:
        return compile_template(text, allowed)
    except TemplateError as error:
        return error


def template_errors(settings: Settings) -> Iterator[Finding]:
    """The templates of qingdan.yaml that cannot be compiled, reported there (QD102 on the settings alone)."""
    for _is_child, name, allowed in LEVELS:
        text = getattr(settings.codes, name)
        compiled = _compiled(text, allowed)
        if isinstance(compiled, TemplateError):
            where = Ref("qingdan.yaml", ("codes", name))
            yield found(where, variant=compiled.variant, field=name, template=text, placeholder=compiled.placeholder)


def _template_of(codes: CodeTemplates, is_child: bool) -> CodeTemplate | None:
    compiled = _compiled(codes.child, CHILD_PLACEHOLDERS) if is_child else _compiled(codes.item, ITEM_PLACEHOLDERS)
    return compiled if isinstance(compiled, CodeTemplate) else None


@check("QD102", Severity.ERROR, each=POWER, settings=template_errors)
def code_template(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Code does not follow the `codes` templates of qingdan.yaml.

    Codes are built, not invented: a main item's code follows `codes.item` (default
    `{type}-{region}-{seq:4}`), a sub-item's or grand-sub-item's follows `codes.child` (default
    `{parent}-{seq:2}`), so that a code alone tells the item's type, region and place in the tree.
    `{type}` is the two-letter type code (XK for 行政许可), `{type_num}` its two-digit code (01),
    `{region}` the region code of qingdan.yaml, `{unit}` the `abbr` of the item's unit, `{parent}` the
    parent's code and `{seq:N}` exactly N digits (`{seq}`: any number of digits). A template with an
    unknown placeholder is reported in qingdan.yaml; a unit without `abbr` under a `{unit}` template in
    units.yaml.

    PASS: `code: XK-330205-0102` for a 行政许可; `code: XK-330205-0101-02` under `parent: XK-330205-0101`
    FAIL: `code: JC-330205-0102` for a 行政许可 (JC is 行政检查); `code: XK-330205-102` (`{seq:4}` is 4 digits)
    """
    template = _template_of(registry.settings.codes, item.parent is not None)
    if template is None:
        return
    pattern = _exact_for(registry, item, template)
    match = pattern.fullmatch(item.code) if pattern is not None else None
    if match is None or ("parent" in template.names and match["parent"] != item.parent):
        yield from _check_code(registry, item, template)


def _check_code(registry: Registry, item: PowerItem, template: CodeTemplate) -> Iterator[Finding]:
    values = {"type": item.item_type.letters, "type_num": item.item_type.number}
    values["region"] = registry.settings.region.code
    parent = item.parent
    if parent is not None and (parent in registry.by_key(POWER) or parent in registry.broken):
        values["parent"] = parent  # an unknown parent is QD103's: one mistake, one problem
    unit = registry.by_key(UNITS).get(item.unit)  # an unknown unit is QD105's; its {unit} is only shape-checked
    if "unit" in template.names and unit is not None:
        if unit.abbr:
            values["unit"] = unit.abbr
        else:
            yield at(unit, variant="abbr", unit=unit.ident, template=template.text)
    expected = {name: value for name, value in values.items() if name in template.names}
    wrong = template.mismatch(item.code, expected)
    if wrong is None:
        return
    name, found = wrong
    args = {"code": item.code, "template": template.text, "found": found, "expected": expected.get(name, "")}
    yield at(item, "code", variant=name, **args)
