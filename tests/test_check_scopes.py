"""Checks declare their scope and keep no state: what the incremental engine relies on, without reading their code."""

from __future__ import annotations
import __future__

import dataclasses
import datetime
import decimal
import enum
import functools
import importlib
import pkgutil
import re
import types
from typing import Any, TypeVar

import pytest

import qingdan.checks
from qingdan.checks import BY_ID, CHECKS, DATA_CHECKS
from qingdan.checks.units import NAMING_UNITS
from qingdan.citations import CITING
from qingdan.models import Record
from qingdan.models.kinds import DUTIES, INTERNAL_MATTERS, KINDS, POWER, STATIONED_TASKS, UNITS, VIOLATIONS
from qingdan.problems import Rule, Severity, declare, found_elsewhere

_SCALARS = (str, bytes, int, float, bool, type(None), decimal.Decimal, datetime.date, re.Pattern, enum.Enum, range)
_CODE = (types.FunctionType, types.BuiltinFunctionType, functools._lru_cache_wrapper, type, types.ModuleType)
_FROZEN_KINDS = (*_SCALARS, *_CODE, TypeVar, types.GenericAlias, __future__._Feature)


def _frozen(value: Any) -> bool:
    """Whether a value cannot change: scalars, and tuples, frozensets and read-only mappings of such values,
    frozen dataclasses (kinds, rules, checks), code."""
    if isinstance(value, _FROZEN_KINDS):
        return True
    if isinstance(value, tuple | frozenset):
        return all(_frozen(element) for element in value)
    if isinstance(value, types.MappingProxyType):
        return all(_frozen(key) and _frozen(element) for key, element in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.__dataclass_params__.frozen  # type: ignore[attr-defined]
    return False


def _modules() -> list[types.ModuleType]:
    names = [info.name for info in pkgutil.walk_packages(qingdan.checks.__path__, "qingdan.checks.")]
    return [qingdan.checks, *(importlib.import_module(name) for name in names)]


@pytest.mark.parametrize("module", _modules(), ids=lambda module: module.__name__)
def test_no_mutable_state_at_module_level(module: types.ModuleType) -> None:
    """A check run on one record must not see what it saw on another: no module-level dict, list or set (or
    any other value that can change) in `checks/`, nor in the classes defined there. A table is a tuple, a
    frozenset or a `MappingProxyType`."""
    values = {name: value for name, value in vars(module).items() if not name.startswith("__")}
    for cls in [value for value in values.values() if isinstance(value, type) and value.__module__ == module.__name__]:
        values.update({f"{cls.__name__}.{name}": v for name, v in vars(cls).items() if not name.startswith("__")})
    mutable = {name for name, value in values.items() if not _frozen(value) and not isinstance(value, property)}
    assert not mutable, f"{module.__name__} keeps mutable state: {sorted(mutable)}"


def test_the_ban_finds_state() -> None:
    assert not _frozen({"a": 1}) and not _frozen([1]) and not _frozen({1}) and not _frozen((1, [2]))
    assert _frozen(types.MappingProxyType({"a": (1, frozenset({2}))})) and _frozen(POWER)


def test_every_check_is_declared_once_in_the_register() -> None:
    """Importing the package imports every module: each data check is in the register, by id."""
    assert [rule.ident for rule in CHECKS] == sorted(BY_ID) and len(BY_ID) == len(CHECKS)
    assert {"QD001", "QD008", "QD101", "QD501", "QD901"} <= set(BY_ID)
    assert all(check.run is not None and check.summary for check in DATA_CHECKS)
    with pytest.raises(ValueError, match="QD101"):
        declare(Rule("QD101", Severity.WARNING, "Another check with the same id.\n\nWhy.\n\nPASS: a\nFAIL: b"))
    again = BY_ID["QD001"]
    assert found_elsewhere(again.ident, again.severity, again.doc) == again  # the same declaration: a reload


def test_scopes_are_declared() -> None:
    """Per record wherever a check looks at one record at a time; over the whole registry only where it
    compares records with each other. Settings read per record are no reason to go whole (QD412, QD415,
    QD603); QD102 says that it finds on qingdan.yaml's templates alone."""
    whole = {check.ident for check in DATA_CHECKS if not check.each}
    assert whole == {"QD114", "QD115", "QD116", "QD127", "QD413", "QD608", "QD806", "QD807", "QD901"}
    assert BY_ID["QD102"].settings is not None  # type: ignore[attr-defined]
    assert {"QD412", "QD415", "QD603"}.isdisjoint(whole)


def test_qd105_covers_every_kind_that_names_units() -> None:
    """QD105 runs on every kind whose records name units (`Record.unit_refs`); a kind that starts naming units
    must join its scope (stationed tasks leave their agency to QD604)."""
    overriding = {kind for kind in KINDS if kind.model.unit_refs is not Record.unit_refs}
    assert overriding - set(NAMING_UNITS) == {STATIONED_TASKS}
    assert BY_ID["QD105"].each == (POWER, UNITS, *NAMING_UNITS)  # type: ignore[attr-defined]


def test_the_law_checks_run_on_every_kind_that_cites_laws() -> None:
    """QD121–QD124 and QD126 run per record on the kinds whose models carry legal bases (found from the field
    types: a kind that gains one joins them), QD125 on power items; QD127 reads the library's files alone."""
    assert CITING == (POWER, INTERNAL_MATTERS, DUTIES, VIOLATIONS)
    for ident in ("QD121", "QD122", "QD123", "QD124", "QD126"):
        assert BY_ID[ident].each == CITING, ident  # type: ignore[attr-defined]
    assert BY_ID["QD125"].each == (POWER,)  # type: ignore[attr-defined]
    assert BY_ID["QD122"].variants == {"pending": Severity.WARNING}  # 尚未生效: a warning, declared with the check
