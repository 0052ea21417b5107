"""What a data check is: a Rule (stable id, default severity, documentation) with the function that finds
its problems in a loaded registry. The function yields Findings; the engine stamps them with the rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qingdan.problems import Finding, Problem, Ref, Rule, Severity

if TYPE_CHECKING:
    from qingdan.loader.registry import Registry
    from qingdan.models import Record

CheckFunction = Callable[["Registry"], Iterable[Finding]]


@dataclass(frozen=True)
class Check(Rule):
    run: CheckFunction | None = None  # None: found elsewhere (the history checks of `validate --base`)

    def problems(self, registry: Registry) -> Iterator[Problem]:
        assert self.run is not None
        return (self.stamp(finding) for finding in self.run(registry))


def check(ident: str, severity: Severity) -> Callable[[CheckFunction], Check]:
    """Declare a data check; its docstring is its user documentation (what, why, PASS and FAIL)."""

    def declare(function: CheckFunction) -> Check:
        return Check(ident, severity, function.__doc__ or "", function)

    return declare


def found(
    ref: Ref,
    *,
    variant: str = "",
    record: str | None = None,
    field: str | None = None,
    at_key: bool = False,
    **args: str,
) -> Finding:
    """A finding at `ref`; the loader's source map gives it its line and column."""
    return Finding(ref, variant, args, record, field, at_key)


def at(record: Record, field: str | None = None, *subpath: str | int, variant: str = "", **args: str) -> Finding:
    """A finding on one field of a record (or on the record itself)."""
    ref = record.field_ref(field, *subpath) if field else record.ref
    return Finding(ref, variant, args, record.key, field)
