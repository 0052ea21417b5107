"""Which checks are read as decomposable (rerun per file) and which as global: any doubt makes a check global."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qingdan.checks import BY_ID, DATA_CHECKS
from qingdan.checks.base import at, check, found
from qingdan.checks.units import NAMING_UNITS
from qingdan.loader.registry import Registry
from qingdan.models import Record
from qingdan.models.kinds import KINDS, POWER, STATIONED_TASKS, UNITS
from qingdan.problems import Finding, Ref, Severity
from qingdan.validation.shapes import shape_of

_NAMES = {"scjgj": "市场监管"}  # a table of constants, only read
_SEEN: set[str] = set()  # state kept between records, by mistake


def _unit_of(registry: Registry, code: str) -> str | None:
    item = registry.by_key(POWER).get(code)
    return item.unit if item else None


def _remember(code: str) -> bool:
    _SEEN.add(code)
    return True


@check("QD990", Severity.ERROR)
def per_record(registry: Registry) -> Iterator[Finding]:
    """One record at a time, through lookups and a helper."""
    for item in registry.of(POWER):
        unit = _unit_of(registry, item.code)
        if unit in _NAMES and not item.parent:
            yield at(item, "unit")
        for index, duty in enumerate(item.responsibilities or ()):
            if not duty:
                yield at(item, "responsibilities", index)
    for unit in registry.of(UNITS):
        if unit.parent is None and unit.kind.value == "社区":
            yield at(unit, "parent")


@check("QD991", Severity.ERROR)
def remembers(registry: Registry) -> Iterator[Finding]:
    """A set built over the records: findings depend on earlier records."""
    seen = set()
    for item in registry.of(POWER):
        if item.name in seen:
            yield at(item, "name")
        seen.add(item.name)


@check("QD992", Severity.ERROR)
def carries(registry: Registry) -> Iterator[Finding]:
    """A name assigned on some records only, read on the next."""
    for item in registry.of(POWER):
        if item.parent:
            parent = item.parent
        if parent == item.code:
            yield at(item, "parent")


@check("QD993", Severity.ERROR)
def through_a_helper_with_state(registry: Registry) -> Iterator[Finding]:
    """A helper that keeps module-level state."""
    for item in registry.of(POWER):
        if _remember(item.code):
            yield at(item, "code")


@check("QD994", Severity.ERROR)
def breaks_out(registry: Registry) -> Iterator[Finding]:
    """Stops at the first record: the others' findings depend on it."""
    for item in registry.of(POWER):
        if item.parent:
            yield at(item, "parent")
            break


@check("QD995", Severity.ERROR)
def writes_module_state(registry: Registry) -> Iterator[Finding]:
    """Writes into a module-level table."""
    for item in registry.of(POWER):
        _NAMES[item.code] = item.name
        yield at(item, "name")


def _settings_findings(region: str) -> Iterator[Finding]:
    if not region:
        yield found(Ref("qingdan.yaml", ("region",)))


@check("QD996", Severity.ERROR)
def with_a_prologue(registry: Registry) -> Iterator[Finding]:
    """Findings on the settings alone, then a loop."""
    yield from _settings_findings(registry.settings.region.code)
    for item in registry.of(POWER):
        if item.code == registry.settings.region.code:
            yield at(item, "code")


@check("QD997", Severity.ERROR)
def reads_records_first(registry: Registry) -> Iterator[Finding]:
    """A "prologue" that reads records: not one."""
    yield from _settings_findings(str(len(registry.of(UNITS))))
    for item in registry.of(POWER):
        yield at(item, "code")


def test_a_prologue_on_the_settings_alone_keeps_a_check_decomposable() -> None:
    shape = shape_of(with_a_prologue)
    assert shape.decomposable and shape.prologue, shape.reason
    assert not shape_of(reads_records_first).decomposable
    assert not shape_of(per_record).prologue


def test_a_loop_over_records_is_decomposable() -> None:
    shape = shape_of(per_record)
    assert shape.decomposable, shape.reason
    assert len(shape.lines) == 2
    assert shape.loop_at(shape.lines[0][0]) == 0
    assert shape.loop_at(shape.lines[1][0]) == 1


@pytest.mark.parametrize("checked", [remembers, carries, through_a_helper_with_state, breaks_out, writes_module_state])
def test_state_between_records_makes_a_check_global(checked: object) -> None:
    shape = shape_of(checked)  # type: ignore[arg-type]
    assert not shape.decomposable
    assert shape.reason


def test_todays_checks() -> None:
    """The checks kept as wholes are those that compare records with each other; a duplicate code (QD101) and
    the depth of the tree (QD104) are found per item, through lookups of the first record of a code; the code
    templates (QD102) per item, after a prologue on qingdan.yaml's templates."""
    global_ = {check.ident for check in DATA_CHECKS if not shape_of(check).decomposable}
    assert {"QD901"} <= global_
    per_record = {"QD101", "QD102", "QD103", "QD104", "QD105", "QD106", "QD107", "QD108", "QD109", "QD201", "QD203"}
    assert per_record.isdisjoint(global_)
    assert shape_of(BY_ID["QD102"]).prologue  # an invalid template, on qingdan.yaml


def test_qd105_loops_over_every_kind_that_names_units() -> None:
    """QD105 has one loop per kind whose records name units (`Record.unit_refs`); a kind that starts naming
    units must get its loop there (stationed tasks leave their agency to QD604)."""
    overriding = {kind for kind in KINDS if kind.model.unit_refs is not Record.unit_refs}
    assert overriding - set(NAMING_UNITS) == {STATIONED_TASKS}
    assert len(shape_of(BY_ID["QD105"]).lines) == 2 + len(NAMING_UNITS)  # power items, units, then these
