"""Cutting a YAML file of the usual layout into the texts of its records, without parsing it: consecutive
versions of a file differ in a few records, so the history and the diff parse only the records that differ."""

from __future__ import annotations

import re
from functools import cache


def items_of(raw: bytes, list_key: str) -> list[bytes] | None:
    """The texts of the records of a file in the usual layout (`list_key:`, then records starting `  - `), or None."""
    starts = _item_starts(raw)
    if not starts or _list_key(list_key).search(raw, 0, starts[0]) is None or _TOP_LEVEL.search(raw, starts[-1]):
        return None  # no list key before them, or something after the list at the top level
    return [raw[start:end] for start, end in zip(starts, [*starts[1:], len(raw)], strict=True)]


def _item_starts(raw: bytes) -> list[int]:
    """Where lines starting `  - ` begin (bytes.find: many times faster than a multiline regex)."""
    starts = [0] if raw.startswith(b"  - ") else []
    found = raw.find(b"\n  - ")
    while found >= 0:
        starts.append(found + 1)
        found = raw.find(b"\n  - ", found + 1)
    return starts


_TOP_LEVEL = re.compile(rb"\n[^ \n#]")


@cache
def _list_key(name: str) -> re.Pattern[bytes]:
    return re.compile(rb"^" + re.escape(name.encode()) + rb":[ \t]*(?:#[^\n]*)?\n", re.MULTILINE)
