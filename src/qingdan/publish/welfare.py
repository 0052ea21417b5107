"""What the 公益效能 page shows, built from a Publication: per type and year the institutions' reports, each
indicator's target beside its actual value with whether the target was met (the way the indicator counts: a
lower 门诊次均费用 is better), and a comparison chart as inline SVG.

The chart is drawn here, as numbers, so that the template only writes them out: no script draws it, so it reads
the same in a browser, offline, printed and in the PDF (WeasyPrint draws inline SVG). One group per indicator,
in it one bar per institution of the type, each to the scale of the largest value or target of that indicator
(units differ from one indicator to the next, so the scales do too); a tick marks each institution's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from qingdan.models import AnnualReport, Direction, IndicatorSet, Institution, SetIndicator
from qingdan.models.kinds import ANNUAL_REPORTS, INDICATOR_SETS, INSTITUTIONS
from qingdan.models.welfare import number, sets_by_type_and_year, target_met
from qingdan.publish.model import Publication

# Chart geometry, in SVG user units (about CSS pixels on the site; the PDF scales the viewBox to the page).
WIDTH = 680
LABEL_WIDTH = 190  # institution names, right-aligned before their bars
VALUE_WIDTH = 90  # the value written after each bar
HEADING = 26  # an indicator's name above its bars
BAR = 14
GAP = 5
GROUP_GAP = 12
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10


@dataclass(frozen=True)
class ValueRow:
    indicator: SetIndicator
    target: str | None
    actual: str | None  # None: the report gives no value (an optional indicator)
    met: bool | None  # None: nothing to judge (no target, no direction, or not a number)

    @property
    def mark(self) -> str:
        return {True: "达标", False: "未达标", None: ""}[self.met]

    @property
    def state(self) -> str:
        """For CSS classes: met, unmet or plain."""
        return {True: "met", False: "unmet", None: "plain"}[self.met]


@dataclass(frozen=True)
class InstitutionReport:
    institution: Institution
    report: AnnualReport
    sponsor: str  # the sponsor's name
    short_name: str  # the name without the region (宁波市江北区中城小学 → 中城小学), for the chart
    rows: tuple[ValueRow, ...]

    @property
    def judged(self) -> int:
        return sum(1 for row in self.rows if row.met is not None)

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.met)


@dataclass(frozen=True)
class Bar:
    institution: str  # id
    label: str
    value: str  # as written, with its unit
    y: int
    width: float
    target_x: float | None  # where the target tick goes, from the bar area's left edge
    state: str  # met, unmet or plain
    fill: str  # an SVG presentation attribute: inline styles are refused by the site's CSP


@dataclass(frozen=True)
class BarGroup:
    indicator: SetIndicator
    y: int  # of the heading's baseline
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    groups: tuple[BarGroup, ...]
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    bar_height: int = BAR


@dataclass(frozen=True)
class TypeYear:
    type_name: str
    year: int
    indicator_set: IndicatorSet
    reports: tuple[InstitutionReport, ...]
    chart: Chart

    @property
    def anchor(self) -> str:
        return f"{self.indicator_set.ident}"


FILLS = {"met": "#2f7d4f", "unmet": "#c2571a", "plain": "#7a8796"}


def welfare_views(pub: Publication) -> list[TypeYear]:
    """Every indicator set with reports, in the order of indicator-sets/, its reports in institution order."""
    institutions = {record.key: record for record in pub.of(INSTITUTIONS.name) if isinstance(record, Institution)}
    sets = sets_by_type_and_year(record for record in pub.of(INDICATOR_SETS.name) if isinstance(record, IndicatorSet))
    grouped: dict[str, list[InstitutionReport]] = {}
    order = list(institutions)
    reports = [record for record in pub.of(ANNUAL_REPORTS.name) if isinstance(record, AnnualReport)]
    for report in sorted(reports, key=lambda r: order.index(r.institution) if r.institution in order else 0):
        institution = institutions.get(report.institution)
        found = sets.get((institution.institution_type, report.year)) if institution else None
        if institution is not None and found is not None:
            view = _report_view(pub, institution, report, found)
            grouped.setdefault(found.ident, []).append(view)
    views = []
    for found in sets.values():
        if found.ident in grouped:
            rows = tuple(grouped[found.ident])
            views.append(TypeYear(found.institution_type.value, found.year, found, rows, _chart(found, rows)))
    return views


def _report_view(
    pub: Publication, institution: Institution, report: AnnualReport, found: IndicatorSet
) -> InstitutionReport:
    values = {value.indicator: value for value in report.values}
    rows = []
    for indicator in found.indicators:
        value = values.get(indicator.ident)
        target, actual = (value.target, value.actual) if value else (None, None)
        rows.append(
            ValueRow(indicator, target, actual, target_met(indicator.direction, number(target), number(actual)))
        )
    sponsor = pub.names.get(institution.sponsor, institution.sponsor)
    short = institution.name.removeprefix(pub.region) or institution.name
    return InstitutionReport(institution, report, sponsor, short, tuple(rows))


def _chart(found: IndicatorSet, reports: tuple[InstitutionReport, ...]) -> Chart:
    groups, y = [], 0
    for index, indicator in enumerate(found.indicators):
        rows = [report.rows[index] for report in reports]
        scale = max([value for row in rows for value in _numbers(row)] + [Decimal(0)]) or Decimal(1)
        y += HEADING
        heading_y = y - 8
        bars = []
        for report, row in zip(reports, rows, strict=True):
            actual, target = number(row.actual), number(row.target)
            width = _length(actual, scale)
            shown = f"{row.actual}{_unit(indicator)}" if row.actual is not None else "—"
            tick = _length(target, scale) if target is not None else None
            bars.append(
                Bar(report.institution.ident, report.short_name, shown, y, width, tick, row.state, FILLS[row.state])
            )
            y += BAR + GAP
        groups.append(BarGroup(indicator, heading_y, tuple(bars)))
        y += GROUP_GAP
    return Chart(WIDTH, y, tuple(groups))


def _numbers(row: ValueRow) -> list[Decimal]:
    return [value for value in (number(row.actual), number(row.target)) if value is not None and value > 0]


def _length(value: Decimal | None, scale: Decimal) -> float:
    if value is None or value <= 0:
        return 0.0
    return round(float(value / scale) * BAR_AREA, 1)


def _unit(indicator: SetIndicator) -> str:
    return "" if indicator.unit == "比" else indicator.unit


def direction_text(direction: Direction | None) -> str:
    return {Direction.HIGHER_IS_BETTER: "越高越好", Direction.LOWER_IS_BETTER: "越低越好", None: ""}[direction]
