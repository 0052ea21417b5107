"""The pages `serve` answers with, made from one publication after another: a page is rendered when it is
first asked for, and kept across publications for as long as what it shows is unchanged.

After an edit of one power file only that unit's page differs among the unit pages; the pages that show
the whole publication (the index, the search page, the other kinds' pages) are rendered again only if the
publication changed, and only when someone opens them. Rendering every page of 100,000 items takes about
9 s; the page a clerk is looking at takes 5 to 15 ms.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from qingdan.loader.registry import Registry
from qingdan.publish.model import Publication
from qingdan.publish.opendata import write_datapackage
from qingdan.publish.site import ASSETS, DATA_FOLDER, SitePage, site_pages
from qingdan.publish.templating import asset, environment


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
    data: dict[str, bytes] = field(default_factory=dict)  # the Data Package, made on first request

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
        same_publication = before is not None and before.publication == publication
        pages: dict[str, Page] = {}
        changed = 0
        for made in site_pages(publication, self.env):
            kept = before.pages.get(made.path) if before is not None else None
            if kept is not None and _same(kept, made, same_publication):
                pages[made.path] = Page(made.shows, made.make, kept.html)  # not holding on to the old publication
            else:
                pages[made.path] = Page(made.shows, made.make)
                changed += 1
        self.last = Site(publication, registry, pages, self.assets, changed)
        return self.last


def _same(kept: Page, made: SitePage, same_publication: bool) -> bool:
    if made.shows is None:
        return kept.shows is None and same_publication
    return kept.shows == made.shows
