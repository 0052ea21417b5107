"""What a check is: a stable id, a default severity, its documentation, and (for the data checks) the
function that yields its problems from a loaded registry."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qingdan.problems import KEY_MARK, Problem, Ref, Severity

if TYPE_CHECKING:
    from qingdan.models import Record
    from qingdan.registry import Registry

CheckFunction = Callable[["Registry"], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    ident: str
    severity: Severity
    doc: str
    run: CheckFunction | None = None  # None: emitted by the loader (syntax, schema, limits)

    @property
    def summary(self) -> str:
        """The docstring's first line: what the check finds."""
        return self.doc.strip().splitlines()[0].strip()


SEVERITIES: dict[str, Severity] = {}


def check(ident: str, severity: Severity) -> Callable[[CheckFunction], Check]:
    """Declare a data check; its docstring is its user documentation (what, why, PASS and FAIL)."""

    def declare(function: CheckFunction) -> Check:
        SEVERITIES[ident] = severity
        return Check(ident, severity, inspect.cleandoc(function.__doc__ or ""), function)

    return declare


def described(ident: str, severity: Severity, doc: str) -> Check:
    """Declare a check the loader performs while reading files."""
    SEVERITIES[ident] = severity
    return Check(ident, severity, inspect.cleandoc(doc))


def problem(
    check_id: str,
    ref: Ref,
    *,
    key: str = "",
    record: str | None = None,
    field: str | None = None,
    at_key: bool = False,
    **args: str,
) -> Problem:
    """A problem not yet located: `ref` says where it is; the loader's `locate` adds line and column."""
    return _unlocated(check_id, ref, key, record, field, at_key, args)


def at(
    record: Record, field: str | None = None, *subpath: str | int, check_id: str, key: str = "", **args: str
) -> Problem:
    """A problem on one field of a record (or on the record itself)."""
    ref = record.field_ref(field, *subpath) if field else record.ref
    return _unlocated(check_id, ref, key, record.key, field, False, args)


def _unlocated(
    check_id: str, ref: Ref, key: str, record: str | None, field: str | None, at_key: bool, args: dict[str, str]
) -> Problem:
    path = (*ref.path, KEY_MARK) if at_key else ref.path
    return Problem(
        check_id, SEVERITIES[check_id], ref.file, key=key or check_id, args=args, record=record, field=field, path=path
    )
