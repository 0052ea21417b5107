"""法律依据 (SPEC §7, 标准版 only): a page per cited law — its title, level, current version date and the full
current text of each article the published records cite, anchored so that a citation opens at its article,
with the records citing it. Articles nobody cites are not published; the 简易版 has no law page and no link.

The citations on every page link here through `law_href(basis)`, a template global (`templates/_items.html`):
it answers for the page being written, whose depth the site sets before each page (`LawLinks.root`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from qingdan.citations import Citation, citations
from qingdan.laws.document import Article
from qingdan.laws.library import Law
from qingdan.laws.terms import name_key
from qingdan.loader.registry import Registry
from qingdan.models import LegalBasis, PowerItem
from qingdan.models.kinds import UNITS
from qingdan.publish.model import Edition

FOLDER = "laws"  # the law pages, `laws/<slug>.html`


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
    def ordered(self) -> list[ArticleView]:
        return sorted(self.articles.values(), key=lambda view: _number(view.anchor))


class LawLinks:
    """A citation's link to its law page, relative to the page being written (`root`: "" or "../")."""

    def __init__(self, targets: dict[tuple[str, str | None], str] | None = None) -> None:
        self.targets = targets or {}  # (law, article) as cited → path from the site's root
        self.root = ""

    def __call__(self, basis: LegalBasis) -> str | None:
        target = self.targets.get((basis.law, basis.article))
        return f"{self.root}{target}" if target else None


def no_law_page(basis: LegalBasis) -> str | None:
    """The default `law_href`: no link (the PDF, the 简易版, a registry without a library)."""
    return None


def law_pages(registry: Registry, edition: Edition, units: set[str]) -> tuple[LawLinks, list[LawPage]]:
    """The law pages of the edition and the links to them: none in the 简易版 or without a library. `units`: the
    units that have a page (a citing power item links to its place there)."""
    links = LawLinks()
    if edition is not Edition.STANDARD or registry.laws is None:
        return links, []
    pages: dict[str, LawPage] = {}
    for citation in citations(registry):
        law = citation.resolution.law
        if law is None or not _published(citation, edition):
            continue
        page = pages.get(law.key) or pages.setdefault(law.key, _page(law))
        citing = _citing(citation, units)
        anchors = [_article(page, article).anchor for article in citation.resolution.articles]
        for anchor in anchors:
            page.articles[anchor].citing.append(citing)
        if not anchors:
            page.citing.append(citing)
        target = f"{FOLDER}/{page.slug}.html" + (f"#{anchors[0]}" if anchors else "")
        links.targets.setdefault((citation.basis.law, citation.basis.article), target)
    return links, sorted(pages.values(), key=lambda page: page.title)


def _published(citation: Citation, edition: Edition) -> bool:
    kind = citation.kind
    shown = kind.public_fields is None or citation.field in kind.public_fields
    return kind.published and edition.value in kind.editions and shown


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


def _citing(citation: Citation, units: set[str]) -> CitingView:
    record = citation.record
    href = None
    if isinstance(record, PowerItem) and record.unit in units:
        href = f"../{UNITS.name}/{record.unit}.html#{record.code}"
    elif citation.kind.page:
        href = f"../{citation.kind.name}.html"
    return CitingView(citation.kind.title, record.key, record.label, href)


def _number(anchor: str) -> tuple[int, int]:
    number, _, suffix = anchor[1:].partition("-")
    return int(number), int(suffix or 0)
