"""Assessments of dispatched agencies (派驻机构双向考核): the district department, the street or town and
society each weigh in, and their weights make up exactly 100. Weights are Decimals: never floats."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import Assessment, Party, UnitKind
from qingdan.models.kinds import ASSESSMENTS, UNITS
from qingdan.problems import Finding, Severity

HUNDRED = Decimal(100)


def _number(value: Decimal) -> str:
    """A weight as a clerk writes it: `105`, `33.5`, never `1.05E+2` or `100.00`."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@check("QD401", Severity.ERROR, each=ASSESSMENTS)
def weights_total(assessment: Assessment, registry: Registry) -> Iterator[Finding]:
    """
    Party weights do not add up to exactly 100.

    The three assessing parties (区级部门, 街道(镇), 社会) share one score of 100. The sum is computed
    exactly, so `33.33 + 33.33 + 33.33` is 99.99, not 100.

    PASS: `parties: [{party: 区级部门, weight: 50}, {party: 街道(镇), weight: 30}, {party: 社会, weight: 20}]`
    FAIL: the same with `weight: 25` for 社会 (they add up to 105)
    """
    total = sum((party.weight for party in assessment.parties), Decimal(0))
    if total != HUNDRED:
        ref = assessment.field_ref("parties")
        yield found(ref, record=assessment.key, field="parties", at_key=True, total=_number(total))


@check("QD402", Severity.ERROR, each=ASSESSMENTS)
def weight_range_and_parties(assessment: Assessment, registry: Registry) -> Iterator[Finding]:
    """
    Weight not in (0, 100], or a party listed twice.

    A party (or an indicator) that counts for nothing, for less than nothing or for more than the whole
    score is a typo; a party listed twice splits its weight in a way nobody can read. Applies to the
    weights of `parties` and of `indicators`.

    PASS: `{party: 社会, weight: 20}`, once
    FAIL: `{party: 社会, weight: 0}`, `{party: 社会, weight: 120}`, two entries with `party: 社会`
    """
    seen: set[Party] = set()
    for index, entry in enumerate(assessment.parties):
        if entry.party in seen:
            yield at(assessment, "parties", index, "party", variant="twice", party=entry.party.value)
        seen.add(entry.party)
        yield from _weight_in_range(assessment, ("parties", index), entry.weight)
    for index, indicator in enumerate(assessment.indicators or ()):
        yield from _weight_in_range(assessment, ("indicators", index), indicator.weight)


def _weight_in_range(assessment: Assessment, where: tuple[str, int], weight: Decimal) -> Iterator[Finding]:
    if not Decimal(0) < weight <= HUNDRED:
        name, index = where
        yield at(assessment, name, index, "weight", weight=_number(weight))


@check("QD403", Severity.ERROR, each=ASSESSMENTS)
def subject_not_agency(assessment: Assessment, registry: Registry) -> Iterator[Finding]:
    """
    Subject is not a 派驻机构.

    The two-way assessment is of agencies a district department dispatched to a street or town (派驻机构),
    such as a market supervision station; departments, streets and communities are assessed otherwise.

    PASS: `subjects: [wenjiao-scjgs]` where wenjiao-scjgs has `kind: 派驻机构`
    FAIL: `subjects: [scjgj]` (a 部门), `subjects: [wenjiao-xxx]` (no such unit)
    """
    for index, subject in enumerate(assessment.subjects):
        unit = registry.by_key(UNITS).get(subject)
        if unit is None and subject not in registry.broken:
            yield at(assessment, "subjects", index, variant="unknown", unit=subject)
        elif unit is not None and unit.kind is not UnitKind.AGENCY:
            yield at(assessment, "subjects", index, unit=subject, kind=unit.kind.value)


@check("QD404", Severity.ERROR, each=ASSESSMENTS)
def indicator_weights(assessment: Assessment, registry: Registry) -> Iterator[Finding]:
    """
    Indicator weights of a party do not add up to that party's weight.

    When `indicators` are given, they break each party's weight down: the indicators of 区级部门 add up to
    the weight of 区级部门, and so on; an indicator of a party not among `parties` has no weight to share.

    PASS: `{party: 社会, weight: 20}` with indicators of 社会 weighing 15 and 5
    FAIL: `{party: 社会, weight: 20}` with indicators of 社会 weighing 15 and 10 (25, not 20)
    """
    if assessment.indicators:
        yield from _indicator_sums(assessment)


def _indicator_sums(assessment: Assessment) -> Iterator[Finding]:
    weights: dict[Party, Decimal] = {}
    for entry in assessment.parties:
        weights.setdefault(entry.party, entry.weight)  # a party listed twice is QD402's finding
    sums = dict.fromkeys(weights, Decimal(0))
    for index, indicator in enumerate(assessment.indicators or ()):
        if indicator.party in sums:
            sums[indicator.party] += indicator.weight
        else:
            party = indicator.party.value
            yield at(assessment, "indicators", index, "party", variant="no_party", party=party)
    ref = assessment.field_ref("indicators")
    for party, total in sums.items():
        if total != weights[party]:
            args = {"party": party.value, "total": _number(total), "weight": _number(weights[party])}
            yield found(ref, record=assessment.key, field="indicators", at_key=True, **args)
