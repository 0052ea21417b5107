"""What checks find: a Finding says where and what, a Rule (a check's declaration: id, severity,
documentation) stamps it into a Problem, which every reporter prints. Every rule is entered once in the one
register of checks (`declare`), whoever finds its problems: the parsers and the loader (QD001–QD008), the data
checks (`qingdan.checks`), the history (QD501–QD503)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

Path = tuple[str | int, ...]
KEY_MARK = "@key"  # last element of a problem path that points at the key rather than the value


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a problem is before its line and column are known: a file and a path inside its document.

    For YAML the path is the chain of keys and list indexes (`("items", 3, "code")`); for CSV it is
    `(row_index, column_name)`. `locate` turns a Ref into line and column through the file's source map.
    """

    file: str
    path: Path = ()

    def __reduce__(self) -> tuple[type[Ref], tuple[str, Path]]:
        # Unpickled by its constructor: the dataclass default (`fields()` and a setattr for each) took 223 ms
        # instead of 135 for the 44,000 records the loader's helper hands back at 100,000 items.
        return (Ref, (self.file, self.path))


@dataclass(frozen=True, slots=True, eq=False)
class Problem:
    """One finding. Equality is (file, line, column, check) so tests survive wording changes."""

    check: str
    severity: Severity
    file: str
    line: int = 0
    column: int = 0
    key: str = ""  # message catalogue key; defaults to the check id
    args: dict[str, str] = field(default_factory=dict)
    record: str | None = None
    field: str | None = None
    path: Path = ()
    new: bool | None = None

    @property
    def message_key(self) -> str:
        return self.key or self.check

    def _identity(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.check)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.check, self.field or "")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found, before its rule stamps it: where (a Ref, the record and field) and what (the
    variant of the rule's message, `variant`, and the message's arguments). The position is filled in by
    the loader's source map unless the finder knew it (a parser does)."""

    ref: Ref
    variant: str = ""  # the message is the catalogue's `QDnnn.variant`, or `QDnnn` when empty
    args: dict[str, str] = field(default_factory=dict)
    record: str | None = None
    field: str | None = None
    at_key: bool = False  # point at the key rather than the value
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Rule:
    """A check's declaration: its stable id, default severity and documentation (the README's check table).
    Whatever finds a problem of this rule hands over a Finding; the rule alone says which check it is."""

    ident: str
    severity: Severity
    doc: str
    # The message variants whose problems have another severity than the rule's, as its documentation says
    # (QD122: a law not yet in force is a warning, a repealed one an error).
    variants: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "doc", inspect.cleandoc(self.doc))

    @property
    def summary(self) -> str:
        """The documentation's first line: what the check finds."""
        return self.doc.strip().splitlines()[0].strip()

    def stamp(self, finding: Finding) -> Problem:
        ref = finding.ref
        return Problem(
            self.ident,
            self.variants.get(finding.variant, self.severity) if self.variants else self.severity,
            ref.file,
            finding.line,
            finding.column,
            key=f"{self.ident}.{finding.variant}" if finding.variant else self.ident,
            args=finding.args,
            record=finding.record,
            field=finding.field,
            path=(*ref.path, KEY_MARK) if finding.at_key else ref.path,
        )

    def at(self, ref: Ref, variant: str = "", *, line: int = 0, column: int = 0, **args: str) -> Problem:
        """A problem of this rule found outside any check, e.g. by the loader."""
        return self.stamp(Finding(ref, variant, args, line=line, column=column))


AnyRule = TypeVar("AnyRule", bound=Rule)
_DECLARED: dict[str, Rule] = {}


def declare(rule: AnyRule) -> AnyRule:
    """Enter a check in the one register of checks (`qingdan.checks.CHECKS` reads it); two checks with one id
    are a mistake."""
    earlier = _DECLARED.get(rule.ident)
    if earlier is not None and (earlier.severity, earlier.doc) != (rule.severity, rule.doc):
        raise ValueError(f"{rule.ident} is declared twice")
    _DECLARED[rule.ident] = rule  # the same declaration again: a module imported anew (importlib.reload)
    return rule


def declared() -> tuple[Rule, ...]:
    """Every check declared so far, by id."""
    return tuple(sorted(_DECLARED.values(), key=lambda rule: rule.ident))


def found_elsewhere(ident: str, severity: Severity, doc: str) -> Rule:
    """Declare a check whose problems are found outside the data checks: by the parsers and the loader
    (QD001–QD008), by the history (QD501–QD503)."""
    return declare(Rule(ident, severity, doc))
