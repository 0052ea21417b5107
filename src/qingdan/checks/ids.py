"""Unique ids: units, delegations, community tasks and assessments are matched by `id` everywhere (links,
diffs, history), so one id means one record. Power item codes have their own check (QD101)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import Record
from qingdan.models.kinds import ASSESSMENTS, COMMUNITY_TASKS, DELEGATIONS, UNITS
from qingdan.problems import Finding, Severity


@check("QD901", Severity.ERROR)
def duplicate_id(registry: Registry) -> Iterator[Finding]:
    """
    Unique-id clash between units, delegations, tasks or assessments of the same kind.

    Every reference (`unit`, `delegation`, `merged_into`, `subjects`) and every diff finds a record by its
    id; two records of one kind with the same id make all of these ambiguous. Each occurrence after the
    first is reported, at its `id`, in whichever file it is. Records of different kinds may share an id.

    PASS: `- {id: wenjiao, ...}` once in units.yaml
    FAIL: `- {id: wenjiao, name: 文教街道, ...}` and later `- {id: wenjiao, name: 文教社区, ...}`
    """
    for records in (
        registry.of(UNITS),
        registry.of(DELEGATIONS),
        registry.of(COMMUNITY_TASKS),
        registry.of(ASSESSMENTS),
    ):
        yield from _clashes(records)


def _clashes(records: Iterable[Record]) -> Iterator[Finding]:
    first: dict[str, Record] = {}
    for record in records:
        earlier = first.setdefault(record.key, record)
        if earlier is not record:
            yield at(record, "id", ident=record.key, first=earlier.file)


CHECKS = (duplicate_id,)
