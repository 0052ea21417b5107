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
from collections.abc import Collection, Iterable, Mapping, Sequence
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


@dataclass(frozen=True)
class Citing:
    """What some records' citations add to the law pages, by law (its key): the law, the articles cited with
    the records citing each, and the records citing it as a whole; and the links of those citations. Made
    once per unit's page and kept with its part (`publish.model.UnitPart`): after an edit `qingdan serve`
    makes again only the parts it touched, and joining the others' costs a step per law of a unit, not per
    citation (at 100,000 items with the 3,500-file bench library, on a loaded machine: the law pages and links
    0.55-1.35 s with every unit's citations made again, 0.013-0.027 s with one unit's)."""

    laws: dict[str, tuple[Law, dict[str, tuple[Article, list[CitingView]]], list[CitingView]]]
    targets: dict[Cited, str]


def items_citing(library: Library, items: Iterable[ShownItem], units: Collection[str]) -> Citing:
    """The citations of published power items (each on its unit's page, `units` those with a page)."""
    return _citing(
        library,
        (
            (basis, CitingView(POWER.title, item.code, item.name, _item_href(item, units)))
            for item in items
            for basis in item.legal_basis
        ),
    )


def _item_href(item: ShownItem, units: Collection[str]) -> str | None:
    return f"../{UNITS.name}/{item.unit}.html#{item.code}" if item.unit in units else None


def _citing(library: Library, cited: Iterable[tuple[LegalBasis, CitingView]]) -> Citing:
    laws: dict[str, tuple[Law, dict[str, tuple[Article, list[CitingView]]], list[CitingView]]] = {}
    targets: dict[Cited, str] = {}
    for basis, citing in cited:
        resolution = resolved(library, basis)
        law = resolution.law
        if law is None:
            continue
        _, articles, whole = laws.get(law.key) or laws.setdefault(law.key, (law, {}, []))
        for article in resolution.articles:
            articles.setdefault(article.anchor, (article, []))[1].append(citing)
        if not resolution.articles:
            whole.append(citing)
        anchor = f"#{resolution.articles[0].anchor}" if resolution.articles else ""
        targets.setdefault((basis.law, basis.article), f"{FOLDER}/{_slug(law)}.html{anchor}")
    return Citing(laws, targets)


def law_links(library: Library | None, items: Iterable[Citing], records: Mapping[str, Sequence[Record]]) -> LawLinks:
    """The law pages of the published power items (`items`: their citations, page by page in the site's order)
    and of the published `records` of the other kinds (by kind name), and the links to them."""
    if library is None:
        return NO_LAW_PAGES
    others = (
        (basis, CitingView(kind.title, record.key, record.label, f"../{kind.name}.html" if kind.page else None))
        for kind in CITING
        if kind is not POWER
        for record in records.get(kind.name, ())
        for _, _, basis in bases(record)
    )
    pages: dict[str, LawPage] = {}
    targets: dict[Cited, str] = {}
    for citing in (*items, _citing(library, others)):
        for key, (law, articles, whole) in citing.laws.items():
            page = pages.get(key) or pages.setdefault(key, _page(law))
            for article, views in articles.values():
                _article(page, article).citing.extend(views)
            page.citing.extend(whole)
        for cited, target in citing.targets.items():
            targets.setdefault(cited, target)
    return LawLinks(tuple(sorted(pages.values(), key=lambda page: page.title)), MappingProxyType(targets))


def _slug(law: Law) -> str:
    return hashlib.blake2b(name_key(law.title).encode(), digest_size=6).hexdigest()


def _page(law: Law) -> LawPage:
    level = law.level.value if law.level else ""
    return LawPage(_slug(law), law.title, level, law.current.date, law.status.value)


def _article(page: LawPage, article: Article) -> ArticleView:
    view = page.articles.get(article.anchor)
    if view is None:
        view = page.articles[article.anchor] = ArticleView(article.anchor, article.label, article.paragraphs)
    return view


def _number(anchor: str) -> tuple[int, int]:
    number, _, suffix = anchor[1:].partition("-")
    return int(number), int(suffix or 0)
