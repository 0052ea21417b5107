"""Service guides (办事指南): each service of the 街道(镇) standard, in its category, with the power items that
implement it, a limit it can keep, its materials and fee written one way, and every service a citizen applies
for at a street covered. Cancelled guides (已取消) are not checked."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import (
    ALL_TOWNSHIPS,
    FREE,
    TOWNSHIP_KINDS,
    Guide,
    GuideCategory,
    Handling,
    PowerItem,
    PowerType,
    Record,
    UnitKind,
)
from qingdan.models.kinds import GUIDES, POWER, UNITS
from qingdan.problems import Finding, Severity

_STATIONED_HOLDERS = frozenset({UnitKind.DEPARTMENT, UnitKind.AGENCY})
# Items a citizen or enterprise applies for (依申请): each one a street holds needs its guide (QD705).
ON_APPLICATION = frozenset(
    {
        PowerType.LICENSING,
        PowerType.BENEFIT,
        PowerType.CONFIRMATION,
        PowerType.REWARD,
        PowerType.ADJUDICATION,
        PowerType.PUBLIC_SERVICE,
    }
)


@check("QD701", Severity.ERROR, each=GUIDES)
def category_and_items(guide: Guide, registry: Registry) -> Iterator[Finding]:
    """
    A guide's category contradicts its items, or a 驻场 guide says nowhere where its window is.

    The standard sorts services by where their power comes from. A 法定办理事项 is done by the street in its
    own right: its items are street items sourced 法定本级行使. A 部门下放或委托至街道(镇)办理事项 is a
    department's duty the street took over: its street items are sourced 上级下放 or 上级委托. A
    驻场街道(镇)办理事项 is done by a department (or its 派驻机构) at a window in the street's service
    centre: its items are that 部门's or 派驻机构's, and `streets` names the streets with such a window (each a
    街道 or 镇, or `全部街道(镇)`).

    PASS: `category: 法定办理事项` with `items: [GF-330205-0801]`, a 法定本级行使 item of 外滩街道
    FAIL: `category: 法定办理事项` with `items: [FW-330205-0811]` (held 上级下放); a 驻场 guide without `streets`
    """
    if not guide.active:
        return
    if guide.category is GuideCategory.STATIONED and not guide.streets:
        yield at(guide, "category", variant="no_streets")
    for index, code in enumerate(guide.items):
        yield from _item_category(registry, guide, index, code)
    for index, street in enumerate(guide.streets or ()):
        unit = registry.by_key(UNITS).get(street)
        if street != ALL_TOWNSHIPS and street not in registry.broken and (unit is None or not unit.active):
            yield at(guide, "streets", index, variant="unknown_street", unit=street)
        elif unit is not None and unit.kind not in TOWNSHIP_KINDS:
            yield at(guide, "streets", index, variant="street_kind", unit=street, kind=unit.kind.value)


def _item_category(registry: Registry, guide: Guide, index: int, code: str) -> Iterator[Finding]:
    item = registry.by_key(POWER).get(code)
    unit = registry.by_key(UNITS).get(item.unit) if item else None
    if item is None or unit is None:
        return  # QD703 (unknown item), QD105 (unknown unit)
    category, source = guide.category, item.source
    if category is GuideCategory.STATIONED:
        if unit.kind not in _STATIONED_HOLDERS:
            yield at(guide, "items", index, variant="stationed", code=code, unit=item.unit, kind=unit.kind.value)
    elif unit.kind in TOWNSHIP_KINDS and source.needs_delegation != (category is GuideCategory.DELEGATED):
        variant = "delegated" if category is GuideCategory.DELEGATED else "statutory"
        yield at(guide, "items", index, variant=variant, code=code, source=source.value)


@check("QD702", Severity.ERROR, each=GUIDES)
def limits(guide: Guide, registry: Registry) -> Iterator[Finding]:
    """
    Promised limit longer than the legal limit; 即办件 with a limit other than 即办, or 承诺件 with 即办.

    The street promises to finish within `promised_limit`, which may be shorter than the law's
    `legal_limit` (that is the point of the promise) but never longer. Limits compare within one calendar
    (1 工作日 = 8 工作时, 1 日 = 24 小时); a 工作日 limit and a 日 limit are not compared. A 即办件 is done on
    the spot (`promised_limit: 即办`); a 承诺件 is one the applicant comes back for, so it has a limit.

    PASS: `legal_limit: 20工作日`, `promised_limit: 10工作日`, `handling: 承诺件`
    FAIL: `promised_limit: 25工作日` over `legal_limit: 20工作日`; a 即办件 promising 3工作日; a 承诺件 promising 即办
    """
    if not guide.active:
        return
    promised, legal = guide.promised_limit, guide.legal_limit
    if legal is not None and promised.compare(legal) == 1:
        yield at(guide, "promised_limit", variant="longer", promised=str(promised), legal=str(legal))
    if guide.handling is Handling.IMMEDIATE and not promised.immediate:
        yield at(guide, "handling", variant="immediate", promised=str(promised))
    elif guide.handling is Handling.PROMISED and promised.immediate:
        yield at(guide, "handling", variant="promised")


@check("QD703", Severity.ERROR, each=GUIDES)
def guide_items(guide: Guide, registry: Registry) -> Iterator[Finding]:
    """
    A guide item unknown or cancelled, or not a 街道(镇) item (法定/下放), or two items of one street.

    A guide governs the power items that implement its service, so each code in `items` names an item in
    force. A 法定 or 下放 guide lists the items of the streets that offer the service, one per street (a
    department's item belongs in a 驻场 guide; its category is QD701's).

    PASS: `items: [GF-330205-0801, GF-330205-0821]` (外滩街道's and 孔浦街道's item)
    FAIL: `items: [GF-330205-9999]` (no such item); a 已取消 item; an item of 区民政局 in a 法定 guide
    """
    if not guide.active:
        return
    seen: dict[str, str] = {}
    for index, code in enumerate(guide.items):
        item = registry.by_key(POWER).get(code)
        if item is None:
            if code not in registry.broken:
                yield at(guide, "items", index, variant="unknown", code=code)
            continue
        if not item.active:
            yield at(guide, "items", index, variant="cancelled", code=code)
            continue
        if guide.category is GuideCategory.STATIONED:
            continue
        unit = registry.by_key(UNITS).get(item.unit)
        if unit is not None and unit.kind not in TOWNSHIP_KINDS:
            yield at(guide, "items", index, variant="not_street", code=code, unit=item.unit)
        elif item.unit in seen:
            yield at(guide, "items", index, variant="same_street", code=code, other=seen[item.unit])
        seen.setdefault(item.unit, code)


@check("QD704", Severity.ERROR, each=GUIDES)
def materials_and_fee(guide: Guide, registry: Registry) -> Iterator[Finding]:
    """
    `tolerance_scope` missing while a material is 容缺; a material listed twice; a fee written otherwise.

    容缺受理 lets a window accept an application while a minor material is still missing; the guide must
    then say when that applies (`tolerance_scope`), or each window decides for itself. A material listed
    twice (the same name) asks the citizen for it twice. `fee` is `不收费`, or the `basis` and `standard` of
    what is charged: `无` or `免费` leave the reader guessing whether nothing is charged or nothing is known.

    PASS: `fee: 不收费`; `fee: {basis: 《…》第十条, standard: 每件10元}`; a 容缺 material and `tolerance_scope`
    FAIL: `fee: 无`; a material with `tolerance: 是` and no `tolerance_scope`; `居民身份证` listed twice
    """
    if not guide.active:
        return
    tolerated = [index for index, material in enumerate(guide.materials) if material.tolerated]
    if tolerated and not guide.tolerance_scope:
        yield at(guide, "materials", tolerated[0], "tolerance", variant="scope")
    named: set[str] = set()
    for index, material in enumerate(guide.materials):
        name = _comparable(material.name)
        if name in named:
            yield at(guide, "materials", index, "name", variant="twice", name=material.name)
        named.add(name)
    if isinstance(guide.fee, str) and guide.fee.strip() != FREE:
        yield at(guide, "fee", variant="fee", value=guide.fee)


def _comparable(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


@check("QD705", Severity.WARNING, each=(GUIDES, POWER))
def visits_and_coverage(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    More than one visit (最多跑一次), or an active 依申请 street item covered by no guide.

    Under 最多跑一次 a citizen comes to the window at most once (`visits` 0 or 1). Once a registry keeps
    guides, every service a citizen or enterprise applies for at a street — an active item of a 街道 or 镇
    of type 行政许可, 行政给付, 行政确认, 行政奖励, 行政裁决 or 公共服务 — needs a guide naming it (or an
    item above or below it) among its `items`, or windows work it out each their own way. A registry
    without any guide, or with a guide file that does not load, is not checked for this.

    PASS: `visits: 1`; every street's 最低生活保障 item listed in the guide of that service
    FAIL: `visits: 2`; 庄桥街道's XK-330205-0882 农村村民住宅用地审批 in no guide
    """
    if isinstance(record, PowerItem):
        # Most items are not applied for: they are passed over here, without a helper's generator for each.
        if record.item_type in ON_APPLICATION and record.active:
            yield from _coverage(registry, record)
    elif isinstance(record, Guide) and record.active and record.visits > 1:
        yield at(record, "visits", variant="visits", visits=str(record.visits))


def _coverage(registry: Registry, item: PowerItem) -> Iterator[Finding]:
    unit = registry.by_key(UNITS).get(item.unit)
    if unit is None or unit.kind not in TOWNSHIP_KINDS:
        return
    covering = registry.grouped(GUIDES, _listed)  # empty: no guide in force, nothing is checked
    if covering and not registry.load_errors(GUIDES) and not _covered(registry, item, covering):
        yield at(item, "code", variant="uncovered", code=item.code, name=item.name)


def _listed(guide: Guide) -> list[str]:
    """The codes a guide covers: those it lists while in force."""
    return guide.items if guide.active else []


def _covered(registry: Registry, item: PowerItem, covered: Mapping[str, list[Guide]]) -> bool:
    """The item, an item above it, or an item below it is in a guide."""
    if item.code in covered or any(child.code in covered for child in registry.children.get(item.code, ())):
        return True
    seen, current = {item.code}, registry.by_key(POWER).get(item.code)
    while current is not None and current.parent and current.parent not in seen:
        if current.parent in covered:
            return True
        seen.add(current.parent)
        current = registry.by_key(POWER).get(current.parent)
    return False
