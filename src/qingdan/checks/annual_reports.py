"""Annual reports of the 公益效能 pilot: each institution states, for every indicator of its type's set, what it
should have done (target) and what it did (actual), so that its sponsor and the public can compare."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import AnnualReport, IndicatorSet, InstitutionType, SetIndicator
from qingdan.models.kinds import ANNUAL_REPORTS, INDICATOR_SETS, INSTITUTIONS
from qingdan.models.welfare import number
from qingdan.problems import Finding, Severity

_HUNDRED = 100


def _set_of(registry: Registry, report: AnnualReport) -> IndicatorSet | None:
    """The set a report answers: its institution's type and its year (None when either is missing); the
    first, should there be two (QD807)."""
    institution = registry.by_key(INSTITUTIONS).get(report.institution)
    if institution is None:
        return None
    sets = registry.grouped(INDICATOR_SETS, _type_and_year).get(_type_year(institution.institution_type, report.year))
    return sets[0] if sets else None


def _type_and_year(indicator_set: IndicatorSet) -> tuple[str]:
    return (_type_year(indicator_set.institution_type, indicator_set.year),)


def _type_year(institution_type: InstitutionType, year: int) -> str:
    return f"{institution_type.value}\0{year}"


@check("QD801", Severity.ERROR, each=ANNUAL_REPORTS)
def report_has_a_set(report: AnnualReport, registry: Registry) -> Iterator[Finding]:
    """
    A report for an institution whose type has no indicator set for the report's year.

    What a report must state is fixed per institution type and year (indicator-sets/); without a set for
    the report's year, nobody can say whether it is complete. The report's `institution` must be an
    institution of institutions/.

    PASS: a 2019 report of an institution of type 义务教育, with a 义务教育 set for 2019
    FAIL: the same report with `year: 2018` and no 2018 set; `institution: no-such-school`
    """
    institution = registry.by_key(INSTITUTIONS).get(report.institution)
    if institution is None:
        if report.institution not in registry.broken:
            yield at(report, "institution", variant="unknown", institution=report.institution)
    elif _set_of(registry, report) is None:
        kind = institution.institution_type.value
        yield at(report, "year", type=kind, year=str(report.year), institution=institution.name)


@check("QD802", Severity.ERROR, each=ANNUAL_REPORTS)
def values_match_the_set(report: AnnualReport, registry: Registry) -> Iterator[Finding]:
    """
    A required indicator without a value, a value for an unknown indicator, or one indicator twice.

    Each value names an indicator of the set by its `id`. Every indicator the set requires (`required`, 是
    unless it says 否) gets exactly one value.

    PASS: values for YW-01 … YW-07, each once, where the set has YW-01 … YW-07
    FAIL: YW-03 left out; `indicator: YW-09` (not in the set); YW-02 twice
    """
    found_set = _set_of(registry, report)
    if found_set is not None:
        yield from _value_problems(report, found_set)


def _value_problems(report: AnnualReport, found_set: IndicatorSet) -> Iterator[Finding]:
    known = {indicator.ident: indicator for indicator in found_set.indicators}
    seen: set[str] = set()
    for index, value in enumerate(report.values):
        if value.indicator not in known:
            yield at(
                report, "values", index, "indicator", variant="unknown", indicator=value.indicator, set=found_set.ident
            )
        elif value.indicator in seen:
            yield at(report, "values", index, "indicator", variant="twice", indicator=value.indicator)
        seen.add(value.indicator)
    missing = [f"{key} {item.name}" for key, item in known.items() if item.is_required and key not in seen]
    if missing:
        ref = report.field_ref("values")
        yield found(ref, variant="missing", record=report.key, field="values", at_key=True, missing="、".join(missing))


@check("QD803", Severity.ERROR, each=ANNUAL_REPORTS)
def values_are_numbers(report: AnnualReport, registry: Registry) -> Iterator[Finding]:
    """
    A value that is not a number, a `%` value outside 0–100, a negative count.

    Targets and actual values are plain decimal numbers in the indicator's unit: the unit is the set's to
    give, so `96.4%` is written `96.4` for an indicator in `%`, and an estimate (`约95`) is no value. A
    percentage lies between 0 and 100; nothing an institution counts or measures (人, 次, 元, 天) is
    negative, nor are its `complaints` and `lawsuits`.

    PASS: `{indicator: YW-02, target: "95", actual: "97.3"}` where YW-02 is in `%`
    FAIL: `actual: 96.4%`; `actual: 约95`; `actual: "104"` in `%`; `actual: "-3"`; `complaints: -1`
    """
    found_set = _set_of(registry, report)
    known = {item.ident: item for item in found_set.indicators} if found_set else {}
    for index, value in enumerate(report.values):
        indicator = known.get(value.indicator)
        for field in ("target", "actual"):
            text = getattr(value, field)
            if text is not None:
                yield from _value_problem(report, (index, field), text, indicator)
    for field in ("complaints", "lawsuits"):
        count = getattr(report, field)
        if count is not None and count < 0:
            yield at(report, field, variant="negative", value=str(count))


def _value_problem(
    report: AnnualReport, where: tuple[int, str], text: str, indicator: SetIndicator | None
) -> Iterator[Finding]:
    index, field = where
    value = number(text)
    if value is None:
        yield at(report, "values", index, field, variant="number", value=text)
    elif indicator is not None and indicator.is_percent and not 0 <= value <= _HUNDRED:
        yield at(report, "values", index, field, variant="percent", value=text)
    elif value < 0:
        yield at(report, "values", index, field, variant="negative", value=text)


@check("QD804", Severity.WARNING, each=ANNUAL_REPORTS)
def submitted_in_time(report: AnnualReport, registry: Registry) -> Iterator[Finding]:
    """
    A report submitted outside 1 January – 31 March of the following year.

    Institutions report on a year in the first quarter of the next (2019's report between 2020-01-01 and
    2020-03-31): earlier, the year was not over; later, the report is overdue. A warning.

    PASS: `year: 2019`, `submitted: 2020-03-20`
    FAIL: `year: 2019`, `submitted: 2020-04-08` (late) or `submitted: 2019-12-20` (before the year ended)
    """
    submitted = report.submitted
    if submitted is None or report.year < 1 or report.year >= date.max.year:
        return
    opens, closes = date(report.year + 1, 1, 1), date(report.year + 1, 3, 31)
    if not opens <= submitted <= closes:
        yield at(
            report,
            "submitted",
            submitted=submitted.isoformat(),
            opens=opens.isoformat(),
            closes=closes.isoformat(),
        )


@check("QD806", Severity.ERROR)
def one_report_a_year(registry: Registry) -> Iterator[Finding]:
    """
    Two reports for one institution and year.

    An institution publishes one annual report a year; a second one for the same year leaves the public to
    guess which figures hold. The second is reported.

    PASS: `NB-2019-01` for (zhongcheng-school, 2019) and `NB-2020-01` for (zhongcheng-school, 2020)
    FAIL: `NB-2019-01` and `NB-2019-09`, both for (zhongcheng-school, 2019)
    """
    first: dict[tuple[str, int], str] = {}
    for report in registry.of(ANNUAL_REPORTS):
        earlier = first.setdefault((report.institution, report.year), report.ident)
        if earlier != report.ident:
            yield at(report, "year", institution=report.institution, year=str(report.year), first=earlier)
