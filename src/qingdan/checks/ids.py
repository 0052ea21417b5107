"""Unique keys: records are matched by their `id` (or a grid event by its `code`) everywhere (links, diffs,
history), so one key means one record. Power item codes have their own check (QD101)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import Record
from qingdan.models.kinds import KINDS, POWER
from qingdan.problems import Finding, Severity


@check("QD901", Severity.ERROR)
def duplicate_id(registry: Registry) -> Iterator[Finding]:
    """
    Unique-id clash between records of the same kind (every kind keyed by `id` or `code`).

    Every reference (`unit`, `delegation`, `merged_into`, `subjects`) and every diff finds a record by its
    id; two records of one kind with the same id make all of these ambiguous. Each occurrence after the
    first is reported, at its `id`, in whichever file it is. Records of different kinds may share an id.
    The basic catalogue's 基本编码 are checked the same way (an item's `catalog_code` must name one entry).

    PASS: `- {id: wenjiao, ...}` once in units.yaml
    FAIL: `- {id: wenjiao, name: 文教街道, ...}` and later `- {id: wenjiao, name: 文教社区, ...}`
    """
    for kind in KINDS:
        if kind is not POWER:  # QD101
            yield from _clashes(registry.of(kind), kind.key_field)
    if registry.catalogue is not None:
        for clash in _clashes(registry.catalogue.entries, "code"):
            yield replace(clash, variant="catalogue")


def _clashes(records: Iterable[Record], key_field: str) -> Iterator[Finding]:
    first: dict[str, Record] = {}
    for record in records:
        earlier = first.setdefault(record.key, record)
        if earlier is not record:
            yield at(record, key_field, ident=record.key, first=earlier.file)
