"""Source maps: where each key and value of a document stands, as 1-based line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from qingdan.problems import Path

Position = tuple[int, int]


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
