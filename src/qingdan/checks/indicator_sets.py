"""Indicator sets of the 公益效能 pilot: for each institution type and year, what an annual report must state."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import InstitutionType
from qingdan.models.kinds import INDICATOR_SETS
from qingdan.problems import Finding, Severity


@check("QD807", Severity.ERROR)
def one_set_per_type_and_year(registry: Registry) -> Iterator[Finding]:
    """
    Two indicator sets for one institution type and year, or an indicator id twice in one set.

    A report is judged against the one set of its institution's type and its year, and its values name the
    set's indicators by `id`: a second set, or an id used twice, leaves open which one a value answers.

    PASS: sets `ZB-2019-YW` (义务教育, 2019) and `ZB-2019-XQ` (学前教育, 2019), each with distinct indicator ids
    FAIL: a second set for 义务教育 2019; two indicators with `id: YW-01` in one set
    """
    seen: dict[tuple[InstitutionType, int], str] = {}
    for indicator_set in registry.of(INDICATOR_SETS):
        pair = (indicator_set.institution_type, indicator_set.year)
        first = seen.setdefault(pair, indicator_set.ident)
        if first != indicator_set.ident:
            yield at(
                indicator_set,
                "type",
                variant="set_twice",
                type=indicator_set.institution_type.value,
                year=str(indicator_set.year),
                first=first,
            )
        ids: set[str] = set()
        for index, indicator in enumerate(indicator_set.indicators):
            if indicator.ident in ids:
                yield at(indicator_set, "indicators", index, "id", indicator=indicator.ident)
            ids.add(indicator.ident)
