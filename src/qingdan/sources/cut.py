"""Cutting a YAML file of the usual layout into the texts of its records, without parsing it: consecutive versions
of a file differ in a few records, so the history and the diff parse only the records that differ, and the run
cache tells a changed record from an unchanged one by the fingerprint of its text.

The usual layout: the list key at column 0 (`items:`), then the list in block style, every entry starting with
`- ` at the list's indentation and every other line of it indented deeper; the list ends at the next line at
column 0 that is not a comment. A line that only looks like an entry (inside a quoted text) would cut one
entry in two: whoever relies on the cut compares the number of entries with what the parser found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_FIRST_ENTRY = re.compile(rb"\n( *)-(?:[ \r\n]|\Z)")
_TOP_LEVEL = re.compile(rb"\n[^ \t\r\n#-]")  # a line at column 0 that is a key (or text), after the list


@dataclass(frozen=True, slots=True)
class Cut:
    """The record list of a file: `raw[start:end]`, split before each entry (`pieces[0]` holds the first
    entry's `- ` and indentation, every later piece starts after its own: `raw[start:end]` is the pieces
    joined by `separator`)."""

    start: int
    end: int
    separator: bytes  # a newline, the list's indentation and `- `
    pieces: list[bytes]

    def entries(self) -> list[bytes]:
        """Each entry's own text, from its indentation to the end of its last line."""
        head = self.separator[1:]  # the indentation and `- ` that every later entry starts with
        last = len(self.pieces) - 1
        return [
            (head if index else b"") + piece + (b"\n" if index < last else b"")
            for index, piece in enumerate(self.pieces)
        ]


def cut(raw: bytes, list_key: str) -> Cut | None:
    """The record list of a YAML file, found by its key; None if the file has no such list in block style."""
    key = _key_line(list_key).search(raw)
    first = _FIRST_ENTRY.search(raw, key.end()) if key is not None else None
    if first is None:
        return None
    start = first.start() + 1
    tail = _TOP_LEVEL.search(raw, start)
    end = tail.start() + 1 if tail is not None else len(raw)
    separator = b"\n" + first.group(1) + b"- "
    return Cut(start, end, separator, raw[start:end].split(separator))  # bytes.split: C speed


def items_of(raw: bytes, list_key: str) -> list[bytes] | None:
    """The texts of a file's records, each one line-complete, when the list is the last thing in the file (the
    header before it is `raw[:len(raw) - sum(lengths)]`); None for any other layout."""
    found = cut(raw, list_key)
    if found is None or found.end != len(raw):
        return None
    return found.entries()


@cache
def _key_line(name: str) -> re.Pattern[bytes]:
    return re.compile(rb"(?:\A|\n)%s:[ \t]*(?:#[^\r\n]*)?\r?(?=\n)" % re.escape(name.encode()))
