"""What the publications show of the service guides (办事指南): each guide in force with the streets that offer
it and the items that implement it there, and — for window staff only — the legal bases of those items.

Rules decided here:
- The streets of a guide are its `streets` (`全部街道(镇)`: every active 街道 and 镇) and the streets whose
  items it lists; each of them has the guide in its booklet. The guide's text is the standard's, the same in
  every street (its `location` says where the window is).
- The legal bases shown in the 标准版 are those of the guide's items in force (a sub-item's inherited from
  its parent), each once. A view holds the guide and its items as the edition publishes them
  (`Kind.public`): the 简易版 is for citizens, and its views carry no legal basis, item or step at all, so no
  page, index or PDF of that edition can print one, whatever its templates do.
- A QR code is drawn only for an `online_url` that is https (the schema admits nothing else; a URL a
  citizen's phone would open unencrypted is never put on a card).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup

from qingdan.loader.registry import Registry
from qingdan.models import ALL_TOWNSHIPS, TOWNSHIP_KINDS, Guide, GuideCategory, LegalBasis, PowerItem
from qingdan.models.kinds import GUIDES, UNITS
from qingdan.models.public import Public
from qingdan.models.time_limit import TimeLimit

CATEGORIES = tuple(category.value for category in GuideCategory)
# How a citizen reads a limit on a card: 8工作日 → 8 个工作日内办结.
_LIMIT_WORDS = {"工作日": "个工作日", "日": "天", "工作时": "个工作小时", "小时": "小时"}


@dataclass(frozen=True, slots=True)
class GuideView:
    guide: Guide
    streets: tuple[str, ...]  # ids of the streets that offer it, in units.yaml order
    items: tuple[PowerItem, ...]  # its items in force, where the edition publishes a guide's items
    bases: tuple[LegalBasis, ...]  # the legal bases of those items, where the edition publishes them

    @property
    def ident(self) -> str:
        return self.guide.ident

    @property
    def category(self) -> str:
        return self.guide.category.value

    def offered_in(self, street: str) -> bool:
        return street in self.streets

    def items_of(self, street: str) -> tuple[PowerItem, ...]:
        """The items a street holds for this guide; for a 驻场 guide, the department's."""
        own = tuple(item for item in self.items if item.unit == street)
        return own or (self.items if self.guide.category is GuideCategory.STATIONED else ())


def guide_views(
    registry: Registry, guides: Public, items: Public, by_code: Mapping[str, PowerItem]
) -> tuple[GuideView, ...]:
    """Every guide in force, in file order, as `guides` and `items` (the edition's views of guides and of power
    items) show them; `by_code`: the registry's power items by code (`Registry.by_key`)."""
    units = registry.by_key(UNITS)
    townships = [unit.ident for unit in registry.of(UNITS) if unit.active and unit.kind in TOWNSHIP_KINDS]
    views = []
    for guide in registry.of(GUIDES):
        if not guide.active:
            continue
        found = tuple(item for code in guide.items if (item := by_code.get(code)) and item.active)
        named = set(guide.streets or ())
        offered = {item.unit for item in found if (unit := units.get(item.unit)) and unit.kind in TOWNSHIP_KINDS}
        streets = tuple(ident for ident in townships if ALL_TOWNSHIPS in named or ident in named | offered)
        shown = found if guides.shows("items") else ()
        bases = _bases(by_code, shown) if items.shows("legal_basis") else ()
        views.append(GuideView(guides.cut(guide), streets, tuple(items.cut(item) for item in shown), bases))
    return tuple(views)


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    number: int  # the category's place in the standard: 1 法定, 2 下放或委托, 3 驻场
    name: str
    views: tuple[GuideView, ...]


def by_category(views: tuple[GuideView, ...]) -> list[CategoryGroup]:
    """The guides under the standard's three categories, in its order; empty categories left out."""
    grouped = [
        CategoryGroup(number, category, tuple(view for view in views if view.category == category))
        for number, category in enumerate(CATEGORIES, 1)
    ]
    return [group for group in grouped if group.views]


def limit_words(limit: TimeLimit) -> str:
    """A promised limit as a citizen reads it: `即办（当场办结）`, `8 个工作日内办结`."""
    if limit.immediate:
        return "即办（当场办结）"
    return f"{limit.amount} {_LIMIT_WORDS[limit.unit]}内办结"


def _bases(by_code: Mapping[str, PowerItem], items: tuple[PowerItem, ...]) -> tuple[LegalBasis, ...]:
    found: dict[str, LegalBasis] = {}
    for item in items:
        for basis in _inherited(by_code, item):
            found.setdefault(basis.citation, basis)
    return tuple(found.values())


def _inherited(by_code: Mapping[str, PowerItem], item: PowerItem) -> list[LegalBasis]:
    seen, current = {item.code}, item
    while not current.legal_basis and current.parent and current.parent not in seen:
        parent = by_code.get(current.parent)
        if parent is None:
            break
        seen.add(parent.code)
        current = parent
    return list(current.legal_basis or ())


@cache
def qr_svg(url: str) -> Markup:
    """The QR code of an https URL as inline SVG (no file to fetch, no script); empty for anything else."""
    if not url.startswith("https://"):
        return Markup("")
    import segno

    code = segno.make_qr(url, error="m")
    # segno writes only the code's modules as paths; the URL itself is not in the markup.
    svg = code.svg_inline(scale=4, border=2, dark="#111", light="#fff", omitsize=True, svgclass="qr")
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="二维码" ', 1))
