"""A citation against the library (SPEC §4.17): which law it names, whether the 条, 款 and 项 it names exist in
the current version, and whether its quotation is what they say — and, when not, which older version it
was written against. Worked out once per distinct (law, article, text) of a library and kept in its memo:
a province's 100,000 items cite a few thousand distinct articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from qingdan.laws.document import Article, Articles
from qingdan.laws.index import IndexEntry
from qingdan.laws.library import Known, Law, Library, Version
from qingdan.laws.numerals import chinese
from qingdan.laws.quotes import comparable, fragments, quoted_in
from qingdan.laws.references import Target, parse_reference
from qingdan.laws.terms import LawLevel, LawStatus


@dataclass(frozen=True, eq=False)
class Resolution:
    """What the library says of one citation. What the checks ask of every citation of every record is a
    plain field, worked out once here (reading it through the law's versions and front matter for each of
    100,000 items doubled QD122's time)."""

    known: Known | None  # the law (or indexed document) it names; None: QD121
    unreadable: bool = False  # the article reference cannot be read (QD123)
    missing: str = ""  # the first part the reference names that the current version lacks (QD123)
    articles: tuple[Article, ...] = ()  # the current version's articles it names
    quoted: bool | None = None  # its quotation is in them; None: nothing to compare
    older: Version | None = None  # an older version in which the reference exists and the quotation matches
    law: Law | None = field(init=False)
    title: str = field(init=False)
    level: LawLevel | None = field(init=False)
    status: LawStatus | None = field(init=False)
    version_date: date | None = field(init=False)  # the current version's (a text's), or the index's 发布日期

    def __post_init__(self) -> None:
        known, law = self.known, self.known if isinstance(self.known, Law) else None
        set_field = object.__setattr__
        set_field(self, "law", law)
        set_field(self, "title", known.name if isinstance(known, IndexEntry) else law.title if law else "")
        set_field(self, "level", known.level if known is not None else None)
        set_field(self, "status", known.status if known is not None else None)
        set_field(self, "version_date", law.current.date if law else None)

    @property
    def broken_reference(self) -> bool:
        """QD123: the reference cannot be read, or names what the current version lacks."""
        return self.unreadable or bool(self.missing)

    @property
    def current_text(self) -> str:
        return "\n".join(article.text for article in self.articles)


def resolve(library: Library, law: str, article: str | None, text: str | None) -> Resolution:
    """The library's answer for one citation (memoised in the library)."""
    key = (law, article, text)
    found = library.memo.get(key)
    if found is None:
        found = library.memo[key] = _resolve(library, law, article, text)
    assert isinstance(found, Resolution)
    return found


def _resolve(library: Library, name: str, article: str | None, text: str | None) -> Resolution:
    known = library.find(name)
    if not article or not isinstance(known, Law):
        return Resolution(known)
    targets = parse_reference(article)
    if targets is None:
        return Resolution(known, unreadable=True)
    articles, missing = locate(library.articles(known.current), targets)
    parts = fragments(text) if text else ()
    quoted = _quoted(articles, parts) if parts and not missing else None
    older = None
    if missing or quoted is False:
        older = next((version for version in known.older() if _fits(library, version, targets, parts)), None)
    return Resolution(known, missing=missing, articles=tuple(articles), quoted=quoted, older=older)


def locate(articles: Articles, targets: tuple[Target, ...]) -> tuple[list[Article], str]:
    """The articles the targets name, in order, and the first part none exists for ("" when all do)."""
    found: dict[tuple[int, int], Article] = {}
    for target in targets:
        current = articles.by_number.get(target.article)
        if current is None:
            return list(found.values()), label(target.article)
        if target.clause is not None and target.clause > len(current.clauses):
            return list(found.values()), label(target.article, target.clause)
        if target.item is not None and target.item > len(_items(current, target.clause)):
            return list(found.values()), label(target.article, target.clause, target.item)
        found.setdefault(target.article, current)
    return list(found.values()), ""


def _items(article: Article, clause: int | None) -> tuple[str, ...]:
    """The 项 of a 款; without one, of the article's first 款 that has 项."""
    if clause is not None:
        return article.clauses[clause - 1][1]
    return next((items for _, items in article.clauses if items), ())


def label(number: tuple[int, int], clause: int | None = None, item: int | None = None) -> str:
    """`第三十五条之一第二款第（三）项`."""
    shown = f"第{chinese(number[0])}条" + (f"之{chinese(number[1])}" if number[1] else "")
    shown += f"第{chinese(clause)}款" if clause is not None else ""
    return shown + (f"第（{chinese(item)}）项" if item is not None else "")


def _quoted(articles: list[Article], parts: tuple[str, ...]) -> bool:
    return quoted_in(parts, comparable("".join("".join(article.paragraphs) for article in articles)))


def _fits(library: Library, version: Version, targets: tuple[Target, ...], parts: tuple[str, ...]) -> bool:
    """Whether the citation holds in this version: its reference exists, and its quotation matches."""
    articles, missing = locate(library.articles(version), targets)
    return not missing and (not parts or _quoted(articles, parts))
