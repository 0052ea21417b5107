"""What a data check is, and how one is declared: a Rule (stable id, default severity, documentation) with the
function that finds its problems, and the scope that function works on. The function yields Findings; the
engine stamps them with the rule.

    @check("QD601", Severity.ERROR, each=DUTIES)
    def lead_and_partners(duty: Duty, registry: Registry) -> Iterator[Finding]:
        '''A duty with a unit both leading and assisting … (the docstring: what, why, PASS and FAIL)'''

A check declares its scope, and the engine runs it in that scope, never guessing:

- `each=KIND` or `each=(KIND, …)`: per record. The function gets one record of those kinds (kind after kind,
  each in file order) and the registry, and yields that record's findings. It may look up anything else
  (`registry.by_key(UNITS).get(code)`, `registry.broken`, `registry.settings`, `registry.grouped(…)`, even
  `registry.of(KIND)`); the incremental engine writes down what each file's records looked up, and reruns the
  check only for the records of the files that changed and of the files whose lookups hit a changed key (or a
  kind read whole that changed). A setting is read where it is needed: a change of qingdan.yaml redoes
  everything anyway.
- no `each`: the registry as a whole, `fn(registry)`, for the checks that compare records with each other (the
  second of two equal ids, a topic no requirement covers). It is rerun whole when something it read changed.
- `settings=fn`: findings on qingdan.yaml alone, `fn(settings)`, made before the others (QD102: a `codes`
  template that cannot be compiled is reported in qingdan.yaml).
- `variants={"pending": Severity.WARNING}`: the message variants whose problems have another severity than the
  check's (QD122: a law not yet in force is a warning, a repealed one an error), declared with the check.

A check written as a loop over one kind converts mechanically:

    @check("QD601", Severity.ERROR)                 @check("QD601", Severity.ERROR, each=DUTIES)
    def f(registry):                          →      def f(duty, registry):
        for duty in registry.of(DUTIES):                 <body>  (`continue` becomes `return`)
            <body>

Several loops over different kinds become one `each=(…)` whose function tells its records apart
(`isinstance`), or stay a whole-registry check if they carry anything from one record to the next.

`@check` enters the check in the one register of checks (`problems.declare`): importing the `qingdan.checks`
package imports every module of it, so a check is declared once, where it is written. Nothing in `checks/`
keeps state between calls at module level (a test walks the modules: tables are tuples, frozensets or
read-only mappings), so a per-record check's findings on a record depend on that record and what it looks up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from qingdan.problems import Finding, Problem, Ref, Rule, Severity, declare

if TYPE_CHECKING:
    from qingdan.loader.registry import Registry
    from qingdan.models import Record, Settings
    from qingdan.models.kinds import Kind

R = TypeVar("R", bound="Record")
WholeFunction = Callable[["Registry"], Iterable[Finding]]
RecordFunction = Callable[[R, "Registry"], Iterable[Finding]]
SettingsFunction = Callable[["Settings"], Iterable[Finding]]


@dataclass(frozen=True)
class Check(Rule):
    """A data check: its rule, its function and its scope (see the module's docstring)."""

    run: Callable[..., Iterable[Finding]] | None = None  # fn(record, registry) with `each`, else fn(registry)
    each: tuple[Kind[Record], ...] = ()  # the kinds it runs on record by record; () for the registry as a whole
    settings: SettingsFunction | None = None  # findings on qingdan.yaml alone, made first

    @property
    def per_record(self) -> bool:
        return bool(self.each)

    def findings(self, registry: Registry) -> Iterator[Finding]:
        """Everything the check finds in a registry, in the order a run makes it."""
        if self.settings is not None:
            yield from self.settings(registry.settings)
        assert self.run is not None
        if not self.each:
            yield from self.run(registry)
            return
        run = self.run
        for kind in self.each:
            for record in registry.of(kind):
                yield from run(record, registry)

    def problems(self, registry: Registry) -> Iterator[Problem]:
        return map(self.stamp, self.findings(registry))


@overload
def check(
    ident: str,
    severity: Severity,
    *,
    settings: SettingsFunction | None = None,
    variants: Mapping[str, Severity] | None = None,
) -> Callable[[WholeFunction], Check]: ...


@overload
def check(
    ident: str,
    severity: Severity,
    *,
    each: Kind[R] | tuple[Kind[R], ...],
    settings: SettingsFunction | None = None,
    variants: Mapping[str, Severity] | None = None,
) -> Callable[[RecordFunction[R]], Check]: ...


def check(
    ident: str,
    severity: Severity,
    *,
    each: Any = (),
    settings: SettingsFunction | None = None,
    variants: Mapping[str, Severity] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Check]:
    """Declare a data check over `each` record of some kinds, or over the registry as a whole; its docstring is
    its user documentation (what, why, PASS and FAIL). `variants`: the severity of the message variants that
    differ from `severity`."""
    kinds = each if isinstance(each, tuple) else (each,)
    differing = MappingProxyType(dict(variants or {}))

    def declare_check(function: Callable[..., Iterable[Finding]]) -> Check:
        doc = function.__doc__ or ""
        return declare(Check(ident, severity, doc, differing, run=function, each=kinds, settings=settings))

    return declare_check


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
