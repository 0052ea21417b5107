"""The pages `serve` answers with, made from one publication after another: a page is rendered when it is
first asked for, and kept across publications for as long as what it shows is unchanged.

After an edit of one power file only that unit's page differs among the unit pages; the pages that show
the whole publication (the index, the search page, the other kinds' pages) are rendered again only if the
publication changed, and only when someone opens them. Rendering every unit page of 100,000 items took 2.9 s
on a busy machine (calibration 1.4 s, `bench/jobs.py`): 13 ms for the page a clerk is looking at. That page,
a unit's page seen before the save, is rendered again at once (`Site.render_again`), while the validating
process works, so that it is ready when it reloads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from jinja2 import Environment

from qingdan.loader.registry import Registry
from qingdan.publish.model import Publication
from qingdan.publish.opendata import write_datapackage
from qingdan.publish.site import ASSETS, DATA_FOLDER, site_pages
from qingdan.publish.templating import asset, environment

AGAIN = 3  # pages rendered again at once after a save (an edit of units.yaml changes every unit's page)


@dataclass
class Page:
    """One page of one publication: rendered on first request (by the worker), then kept."""

    shows: object
    make: Callable[[], str]
    html: bytes | None = None

    def rendered(self) -> bytes:
        if self.html is None:
            self.html = self.make().encode("utf-8")
        return self.html


@dataclass(frozen=True)
class Site:
    """The pages of one publication by their path in the site, and what else the site serves."""

    publication: Publication
    registry: Registry
    pages: Mapping[str, Page]
    assets: Mapping[str, bytes]
    changed: int  # pages that differ from the previous site's (all of them for the first)
    again: tuple[str, ...] = ()  # units' pages that differ from the previous site's, which had been rendered
    data: dict[str, bytes] = field(default_factory=dict)  # the Data Package, made on first request

    def render_again(self) -> None:
        """Render now the units' pages that changed and had been seen, a few at most: `serve` does it while
        the validating process works, so the page a clerk is looking at is made by the time it reloads
        (a unit page of 500 items took 0.06 to 0.2 s on a loaded machine, calibration 1.3 to 3 s)."""
        for path in self.again[:AGAIN]:
            self.pages[path].rendered()

    def data_files(self) -> dict[str, bytes]:
        """`data/…`: the open-data package of this registry (the index links to it), written once."""
        if not self.data:
            with tempfile.TemporaryDirectory(prefix="qingdan-serve-") as folder:
                for path in write_datapackage(self.registry, Path(folder), self.publication.edition):
                    self.data[f"{DATA_FOLDER}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
        return self.data


class SiteMaker:
    """Makes each next Site from the previous one: unchanged pages keep what they rendered."""

    def __init__(self) -> None:
        self.env: Environment = environment()
        self.assets = {name: asset(self.env, name).encode("utf-8") for name in ASSETS}
        self.last: Site | None = None

    def next(self, publication: Publication, registry: Registry) -> Site:
        before = self.last
        made = list(site_pages(publication, self.env))
        pages: dict[str, Page] = {}
        for page in sorted(made, key=lambda page: page.shows is None):  # the pages that show a part first
            kept = before.pages.get(page.path) if before is not None else None
            if kept is not None and kept.shows is not None and kept.shows == page.shows:
                pages[page.path] = Page(page.shows, page.make, kept.html)  # not holding on to the old publication
        parts_same = len(pages) == sum(1 for page in made if page.shows is not None)
        whole_same = before is not None and parts_same and _same_publication(before.publication, publication)
        for page in made:
            kept = before.pages.get(page.path) if before is not None else None
            if page.shows is None and kept is not None and kept.shows is None and whole_same:
                pages[page.path] = Page(None, page.make, kept.html)
        changed = len(made) - len(pages)
        seen = before.pages if before is not None else {}
        again = tuple(
            page.path
            for page in made
            if page.path not in pages and page.shows is not None and (old := seen.get(page.path)) and old.html
        )
        for page in made:
            pages.setdefault(page.path, Page(page.shows, page.make))
        ordered = {page.path: pages[page.path] for page in made}
        self.last = Site(publication, registry, ordered, self.assets, changed, again)
        return self.last


def _same_publication(before: Publication, after: Publication) -> bool:
    """Whether two publications are equal, given that their units' pages are: the item views (100,000 of
    them) are compared once, page by page, not a second time here (0.07 to 0.09 s on a busy machine)."""
    if _order(before) != _order(after):
        return False
    return all(getattr(before, name) == getattr(after, name) for name in _FIELDS)


def _order(publication: Publication) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((level.name, tuple(unit.ident for unit in level.units)) for level in publication.levels)


_FIELDS = tuple(field.name for field in fields(Publication) if field.name != "levels")
