"""`render --format html`: the published lists as a static site that works offline.

Government intranets are often cut off, so nothing in the site points outside it: the CSS and the search
script are files next to the pages, fonts are the reader's own, and the search index is inside search.html
(a page opened from a folder may not fetch its neighbours). Each file is written atomically; pages of units
no longer published (a unit revoked since the last render) are removed, but only pages qingdan wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment

from qingdan.diff.engine import Revision
from qingdan.loader.registry import Registry
from qingdan.models.kinds import UNITS
from qingdan.publish.laws import FOLDER as LAW_PAGES
from qingdan.publish.model import Edition, Publication, build_publication
from qingdan.publish.opendata import write_datapackage
from qingdan.publish.output import write_public
from qingdan.publish.search import script_json, search_index
from qingdan.publish.templating import asset, environment, render

ASSETS = ("style.css", "search.js")
UNIT_PAGES = UNITS.name  # the units' pages (their power items) stand in a folder named after the kind
DATA_FOLDER = "data"  # the Data Package, linked from the index
GENERATOR_MARK = '<meta name="generator" content="qingdan">'


def render_site(
    registry: Registry,
    out_dir: Path,
    *,
    edition: Edition = Edition.STANDARD,
    revision: Revision | None = None,
    templates: Path | None = None,
    published: date | None = None,
) -> list[Path]:
    """Write the site into `out_dir`; returns the files written, index.html first."""
    publication = build_publication(registry, edition, revision or Revision(), published or today(registry))
    env = environment(templates)
    written = [_write(out_dir / page.path, page.make()) for page in site_pages(publication, env)]
    written += [_write(out_dir / name, asset(env, name)) for name in ASSETS]
    written += write_datapackage(registry, out_dir / DATA_FOLDER, edition)  # the lists as open data (SPEC §8.1)
    for folder in (UNIT_PAGES, LAW_PAGES, *(kind.name for kind in publication.page_kinds if kind.pages_per)):
        _remove_stale(out_dir / folder, set(written))
    return written


@dataclass(frozen=True)
class SitePage:
    """One HTML page of the site: its path in the site (`/` separators), what it shows, and how to make it.

    `shows` holds every value the page's templates read, so that two pages with equal `shows` are the same
    page (`qingdan serve` re-renders a page only when its `shows` changed); None stands for the whole
    publication. A unit's page reads its UnitView, the units' names and the frame every page shows.
    """

    path: str
    shows: tuple[Any, ...] | None
    make: Callable[[], str]


def site_pages(publication: Publication, env: Environment) -> Iterator[SitePage]:
    """Every HTML page of the site, index.html first, each rendered only when `make` is called."""
    common: dict[str, Any] = {"pub": publication, "edition": publication.edition}
    laws = publication.laws

    def made(template: str, **context: Any) -> Callable[[], str]:
        return lambda: render(env, template, **common, **context)

    for name in ["index.html", *(f"{kind.name}.html" for kind in publication.page_kinds)]:
        yield SitePage(name, None, made(name, root="", page=name))

    def search_page() -> str:
        index = script_json(search_index(publication))
        return render(env, "search.html", root="", page="search.html", search_json=index, **common)

    yield SitePage("search.html", None, search_page)
    frame = publication.frame
    for view in publication.units:
        page = made("unit.html", root="../", page="unit.html", unit=view)
        yield SitePage(f"{UNIT_PAGES}/{view.ident}.html", (frame, view, publication.names, laws.targets), page)
    for kind in publication.page_kinds:
        for unit in publication.page_units(kind):
            page = made(f"{kind.name}.unit.html", root="../", page=f"{kind.name}.html", unit=unit)
            yield SitePage(f"{kind.name}/{unit.ident}.html", None, page)
    for law in laws.pages:  # 法律依据: none in an edition that shows no legal basis
        yield SitePage(law.path, (frame, law), made("law.html", root="../", page="law.html", law=law))


def today(registry: Registry) -> date:
    """The publication date, in the registry's timezone (a list published at 07:00 in Ningbo is not dated
    the day before because the server runs on UTC)."""
    return datetime.now(registry.settings.tzinfo).date()


def _write(target: Path, text: str) -> Path:
    return write_public(target, text.encode("utf-8"))


def _remove_stale(folder: Path, written: set[Path]) -> None:
    if not folder.is_dir():
        return
    for page in folder.glob("*.html"):
        if page not in written and GENERATOR_MARK in page.read_text(encoding="utf-8", errors="replace")[:2000]:
            page.unlink()
