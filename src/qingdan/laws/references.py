"""Article references as citations write them (SPEC §4.17): `第十四条`, `第三十五条第一款`,
`第一百一十条第（一）项`, `第十条第一款第（二）项`, lists (`第十四条、第十五条`, `第一、二款`, `第（一）、（二）项`) and
ranges (`第十四条至第十七条`, `第十四至十七条`). A reference that does not read as such is None (QD123)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from qingdan.laws.numerals import NUMERAL_CHARACTERS, parse_number

_NUMBER = rf"(?:[{NUMERAL_CHARACTERS}]+|\d+)"
_JOIN = r"(?:、|,|至|到)"
_ITEM_NUMBER = rf"\(?{_NUMBER}\)?"
_TOKEN = re.compile(
    rf"第(?P<article>{_NUMBER}(?:{_JOIN}{_NUMBER})*)条(?:之(?P<suffix>{_NUMBER}))?"
    rf"|第(?P<clause>{_NUMBER}(?:{_JOIN}{_NUMBER})*)款"
    rf"|第(?P<item>{_ITEM_NUMBER}(?:{_JOIN}{_ITEM_NUMBER})*)项"
    r"|(?P<range>至|到|~|-|—)"
    r"|(?P<separator>、|,|;|和|及|以及|或者|或)"
)
_RANGE_WORDS = ("至", "到")
_SPACE = re.compile(r"\s+")
Number = tuple[int, int]  # an article's number and its 之 suffix (0 for none)


@dataclass(frozen=True)
class Target:
    """One part of a law a reference names: an article, or one of its 款, or one 项 (of a 款, or of the
    article's first 款 with items when no 款 is given)."""

    article: Number
    clause: int | None = None
    item: int | None = None


@dataclass
class _Group:
    article: Number
    clauses: list[tuple[int | None, list[int]]] = field(default_factory=list)


class _Unreadable(Exception):
    pass


@lru_cache(maxsize=1 << 14)
def parse_reference(text: str) -> tuple[Target, ...] | None:
    """Every part the reference names, in order; None if it cannot be read."""
    compact = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    try:
        groups = _groups(compact)
    except _Unreadable:
        return None
    targets: list[Target] = []
    for group in groups:
        if not group.clauses:
            targets.append(Target(group.article))
        for clause, items in group.clauses:
            targets += [Target(group.article, clause, item) for item in items] or [Target(group.article, clause)]
    return tuple(targets) or None


def _groups(compact: str) -> list[_Group]:
    groups: list[_Group] = []
    position, ranged, last = 0, False, ""
    while position < len(compact):
        match = _TOKEN.match(compact, position)
        if match is None:
            raise _Unreadable
        position = match.end()
        if match["range"] or match["separator"]:
            if not last or ranged:
                raise _Unreadable
            ranged = bool(match["range"])
            continue
        if match["article"]:
            _articles(groups, match["article"], match["suffix"], ranged and last == "article")
            last = "article"
        elif match["clause"]:
            _clauses(groups, match["clause"], ranged and last == "clause")
            last = "clause"
        else:
            _items(groups, match["item"], ranged and last == "item")
            last = "item"
        ranged = False
    if ranged or not groups:
        raise _Unreadable
    return groups


def _articles(groups: list[_Group], numbers: str, suffix: str | None, extends: bool) -> None:
    found = [(number, 0) for number in _numbers(numbers)]
    if suffix is not None:
        parsed = _number(suffix)
        found[-1] = (found[-1][0], parsed)
    if extends:  # `第十四条至第十七条`: from the article before to this one
        start = groups.pop().article
        found = [(number, 0) for number in _span(start[0], found[0][0])] + found[1:]
    groups.extend(_Group(article) for article in found)


def _clauses(groups: list[_Group], numbers: str, extends: bool) -> None:
    if not groups:
        raise _Unreadable
    clauses = groups[-1].clauses
    found = _numbers(numbers)
    if extends:
        start = clauses.pop()[0]
        if start is None:
            raise _Unreadable
        found = _span(start, found[0]) + found[1:]
    clauses.extend((clause, []) for clause in found)


def _items(groups: list[_Group], numbers: str, extends: bool) -> None:
    if not groups:
        raise _Unreadable
    clauses = groups[-1].clauses
    if not clauses:
        clauses.append((None, []))
    items = clauses[-1][1]
    found = _numbers(numbers.replace("(", "").replace(")", ""))
    if extends:
        if not items:
            raise _Unreadable
        found = _span(items.pop(), found[0]) + found[1:]
    items.extend(found)


def _numbers(text: str) -> list[int]:
    """`十四、十五` → [14, 15]; `十四至十七` → [14, 15, 16, 17]."""
    parts = re.split(r"(、|,|至|到)", text)
    found: list[int] = []
    for index in range(0, len(parts), 2):
        number = _number(parts[index])
        if index and parts[index - 1] in _RANGE_WORDS:
            found += _span(found.pop(), number)
        else:
            found.append(number)
    return found


def _number(text: str) -> int:
    number = parse_number(text)
    if number is None:
        raise _Unreadable
    return number


def _span(start: int, end: int) -> list[int]:
    if end < start or end - start > 500:
        raise _Unreadable
    return list(range(start, end + 1))
