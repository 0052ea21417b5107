"""The problem type: what every check yields and every reporter prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

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
