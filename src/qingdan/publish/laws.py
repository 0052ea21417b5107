"""法律依据 (SPEC §7): a page per cited law — its title, level, current version date and the full current text
of each article the published records cite, anchored so that a citation opens at its article, with the records
citing it. Articles nobody cites are not published.

The pages are made from the records as the publication shows them (`Kind.public(edition)`, through
`publish.public`), never from the registry: the 简易版 shows no legal basis of any kind, so it has no law page and
no link, and no writer decides that a second time. The citations on every page of the site link here
(`templates/_items.html`'s `basis_list`, through the publication's `LawLinks.href` and the page's depth); the PDF
has no law pages and its citations no links.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Protocol

from qingdan.citations import CITING, bases, resolved
from qingdan.laws.document import Article
from qingdan.laws.library import Law, Library
from qingdan.laws.terms import name_key
from qingdan.models import LegalBasis, Record
from qingdan.models.kinds import POWER, UNITS

FOLDER = "laws"  # the law pages, `laws/<slug>.html`

Cited = tuple[str, str | None]  # (law, article) as a legal basis writes them


@dataclass(frozen=True)
class CitingView:
    kind: str  # its kind's title
    key: str
    name: str
    href: str | None  # to its place in the site, from a law page


@dataclass
class ArticleView:
    anchor: str
    label: str
    paragraphs: tuple[str, ...]
    citing: list[CitingView] = field(default_factory=list)


@dataclass
class LawPage:
    slug: str
    title: str
    level: str
    date: date | None
    status: str
    articles: dict[str, ArticleView] = field(default_factory=dict)  # by anchor, in the law's order once sorted
    citing: list[CitingView] = field(default_factory=list)  # citations of the whole law (no article)

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.slug}.html"

    @property
    def ordered(self) -> list[ArticleView]:
        return sorted(self.articles.values(), key=lambda view: _number(view.anchor))


@dataclass(frozen=True)
class LawLinks:
    """The law pages of a publication, and where each citation links: (law, article) as cited → the path of its
    page (and article) from the site's root. Empty without a library, and in an edition that shows no basis."""

    pages: tuple[LawPage, ...] = ()
    targets: Mapping[Cited, str] = field(default_factory=lambda: MappingProxyType({}))

    def href(self, basis: LegalBasis, root: str = "") -> str | None:
        """A citation's link from a page `root` away from the site's root ("" or "../"); None: no page."""
        target = self.targets.get((basis.law, basis.article))
        return f"{root}{target}" if target else None


NO_LAW_PAGES = LawLinks()


class ShownItem(Protocol):
    """A power item as a publication shows it (`publish.model.ItemView`): its own bases, cut to the edition."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def legal_basis(self) -> tuple[LegalBasis, ...]: ...


def law_links(
    library: Library | None, items: Iterable[ShownItem], records: Mapping[str, Sequence[Record]], units: set[str]
) -> LawLinks:
    """The law pages of the published `items` (each on its unit's page, `units` those with a page) and of the
    published `records` of the other kinds (by kind name), and the links to them."""
    if library is None:
        return NO_LAW_PAGES
    pages: dict[str, LawPage] = {}
    targets: dict[Cited, str] = {}

    def cite(basis: LegalBasis, citing: CitingView) -> None:
        resolution = resolved(library, basis)
        law = resolution.law
        if law is None:
            return
        page = pages.get(law.key) or pages.setdefault(law.key, _page(law))
        anchors = [_article(page, article).anchor for article in resolution.articles]
        for anchor in anchors:
            page.articles[anchor].citing.append(citing)
        if not anchors:
            page.citing.append(citing)
        targets.setdefault((basis.law, basis.article), page.path + (f"#{anchors[0]}" if anchors else ""))

    for item in items:
        href = f"../{UNITS.name}/{item.unit}.html#{item.code}" if item.unit in units else None
        for basis in item.legal_basis:
            cite(basis, CitingView(POWER.title, item.code, item.name, href))
    for kind in CITING:
        for record in records.get(kind.name, ()) if kind is not POWER else ():
            href = f"../{kind.name}.html" if kind.page else None
            for _, _, basis in bases(record):
                cite(basis, CitingView(kind.title, record.key, record.label, href))
    return LawLinks(tuple(sorted(pages.values(), key=lambda page: page.title)), MappingProxyType(targets))


def _page(law: Law) -> LawPage:
    slug = hashlib.blake2b(name_key(law.title).encode(), digest_size=6).hexdigest()
    current = law.current
    level = law.level.value if law.level else ""
    return LawPage(slug, law.title, level, current.date, law.status.value)


def _article(page: LawPage, article: Article) -> ArticleView:
    view = page.articles.get(article.anchor)
    if view is None:
        view = page.articles[article.anchor] = ArticleView(article.anchor, article.label, article.paragraphs)
    return view


def _number(anchor: str) -> tuple[int, int]:
    number, _, suffix = anchor[1:].partition("-")
    return int(number), int(suffix or 0)
