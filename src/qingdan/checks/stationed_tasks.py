"""Tasks of dispatched agencies (派驻机构工作任务): each task is an agency's, and what it is assessed on is an
indicator of that agency's assessment."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import Assessment, StationedTask, UnitKind
from qingdan.models.kinds import ASSESSMENTS, STATIONED_TASKS, UNITS
from qingdan.problems import Finding, Severity


@check("QD604", Severity.ERROR, each=STATIONED_TASKS)
def agency_and_indicator(task: StationedTask, registry: Registry) -> Iterator[Finding]:
    """
    A stationed task whose agency is not a 派驻机构, or whose `indicator` is in no assessment of that agency.

    The list says what the agencies a department stations in a street or town (派出所, 市场监管所, 执法中队 …)
    do under the street's local management; a department or a street is not such an agency, and an active
    task of a revoked agency has nobody to do it. A task assessed by an `indicator` names an indicator of an
    assessment (派驻机构考核) whose subjects include the agency, so the street can score it.

    PASS: `agency: wenjiao-scjgs` (a 派驻机构), `indicator: 食品安全日常监管` of the 2020 scheme for wenjiao-scjgs
    FAIL: `agency: scjgj` (a 部门), `agency: wenjiao-xxx` (no such unit), `indicator: 群众满意度` in no scheme of it
    """
    agency = registry.by_key(UNITS).get(task.agency)
    if agency is None:
        if task.agency not in registry.broken:
            yield at(task, "agency", variant="unknown", unit=task.agency)
    elif agency.kind is not UnitKind.AGENCY:
        yield at(task, "agency", unit=task.agency, kind=agency.kind.value)
    elif task.active and not agency.active:
        yield at(task, "agency", variant="revoked", unit=task.agency)
    if task.indicator is not None and not _assessed_on(registry, task.agency, task.indicator):
        yield at(task, "indicator", variant="indicator", indicator=task.indicator, unit=task.agency)


def _assessed_on(registry: Registry, agency: str, indicator: str) -> bool:
    """Whether an assessment of the agency has this indicator."""
    assessments = registry.grouped(ASSESSMENTS, _subjects).get(agency, ())
    return any(entry.name == indicator for assessment in assessments for entry in assessment.indicators or ())


def _subjects(assessment: Assessment) -> list[str]:
    return assessment.subjects
