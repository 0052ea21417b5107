"""A law file's optional front matter (SPEC §4.17): a YAML mapping between `---` lines at the very top.

qingdan reads `status` (现行有效 by default, 已废止, 尚未生效), `repealed` (a date), `replaced_by` (a law's name)
and `aliases` (other names citations use); keys it does not know are ignored (LawRefBook writes some of its
own). A value qingdan cannot read is a flaw at its line and is left out; the rest of the file still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from qingdan.laws.flaw import Flaw
from qingdan.laws.terms import LawStatus
from qingdan.parsing import yamldoc

FENCE = "---"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FrontMatter:
    status: LawStatus | None = None  # None: not said (现行有效, unless `repealed` is given)
    repealed: date | None = None
    replaced_by: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def effective_status(self) -> LawStatus:
        """As written, else 已废止 when a repeal date is given, else 现行有效."""
        if self.status is not None:
            return self.status
        return LawStatus.REPEALED if self.repealed is not None else LawStatus.IN_FORCE


def read_front_matter(text: str) -> tuple[FrontMatter, int, list[Flaw]]:
    """(front matter, index of the first line after it, flaws); no front matter: (empty, 0, [])."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return FrontMatter(), 0, []
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == FENCE), None)
    if end is None:
        return FrontMatter(), 0, [Flaw(1, 1, "front_matter_open")]
    inner = lines[1:end]
    document = yamldoc.parse("\n".join(inner).encode("utf-8") + b"\n")
    flaws = [Flaw(finding.line + 1, finding.column, "front_matter_syntax") for finding in document.findings]
    data = document.data
    if flaws:
        return FrontMatter(), end + 1, flaws
    if data is None:
        return FrontMatter(), end + 1, []
    if not isinstance(data, dict):
        return FrontMatter(), end + 1, [Flaw(2, 1, "front_matter")]
    values: dict[str, Any] = {}
    for key, reader in _READERS.items():
        if key in data:
            value = reader(data[key])
            if value is None:
                flaws.append(Flaw(_key_line(inner, key), 1, "front_matter_value", (("key", key),)))
            else:
                values[key] = value
    return FrontMatter(**values), end + 1, flaws


def _key_line(inner: list[str], key: str) -> int:
    """The file line of `key:` in the front matter (the first inner line if it cannot be found)."""
    for index, line in enumerate(inner):
        if line.startswith(f"{key}:"):
            return index + 2
    return 2


def _status(value: Any) -> LawStatus | None:
    try:
        return LawStatus(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _name(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _aliases(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(alias, str) and alias.strip() for alias in value):
        return None
    return tuple(alias.strip() for alias in value)


_READERS = {"status": _status, "repealed": _date, "replaced_by": _name, "aliases": _aliases}
