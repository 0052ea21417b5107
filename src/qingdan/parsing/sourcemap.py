"""Source maps: where each key and value of a document stands, as 1-based line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qingdan.problems import Path

Position = tuple[int, int]

# A line ends at CR LF, LF or a lone CR, as in YAML, the csv module and editors.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def position_at(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset."""
    before = LINE_BREAK.split(text[:offset])
    return len(before), len(before[-1]) + 1


def line_lengths(text: str) -> list[int]:
    return [len(line) for line in LINE_BREAK.split(text)]


def clamped(lengths: list[int], line: int, column: int) -> Position:
    """Keep a position inside the text, given its line lengths (parsers place end-of-input errors just
    past the last line)."""
    if line > len(lengths):
        return len(lengths), lengths[-1] + 1
    return line, max(1, min(column, lengths[line - 1] + 1))


@dataclass
class SourceMap:
    """`values[path]` is where the node at `path` starts; `keys[path]` where its key is written."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, at_key: bool = False) -> Position:
        """The position of `path`, or of its nearest ancestor that the document has (a missing field
        is reported where its record starts)."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))
