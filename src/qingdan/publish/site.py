"""`render --format html`: the published lists as a static site that works offline.

Government intranets are often cut off, so nothing in the site points outside it: the CSS and the search
script are files next to the pages, fonts are the reader's own, and the search index is inside search.html
(a page opened from a folder may not fetch its neighbours). Each file is written atomically; pages of units
no longer published (a unit revoked since the last render) are removed, but only pages qingdan wrote.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from qingdan.diff.engine import Revision
from qingdan.loader.registry import Registry
from qingdan.models.kinds import UNITS
from qingdan.publish.laws import FOLDER as LAW_PAGES
from qingdan.publish.laws import law_pages
from qingdan.publish.model import Edition, build_publication
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
    links, laws = law_pages(registry, edition, {view.ident for view in publication.units})
    env.globals["law_href"] = links

    def page(target: Path, template: str, root: str, **context: Any) -> Path:
        links.root = root  # the citations' links are relative to the page
        return _write(target, render(env, template, root=root, pub=publication, edition=edition, **context))

    written: list[Path] = []
    for name in ["index.html", *(f"{kind.name}.html" for kind in publication.page_kinds), "search.html"]:
        extra = {"search_json": script_json(search_index(publication))} if name == "search.html" else {}
        written.append(page(out_dir / name, name, "", page=name, **extra))
    for view in publication.units:
        written.append(
            page(out_dir / UNIT_PAGES / f"{view.ident}.html", "unit.html", "../", page="unit.html", unit=view)
        )
    for kind in publication.page_kinds:
        for unit in publication.page_units(kind):
            target = out_dir / kind.name / f"{unit.ident}.html"
            written.append(page(target, f"{kind.name}.unit.html", "../", page=f"{kind.name}.html", unit=unit))
    for law in laws:  # 法律依据 (标准版)
        written.append(page(out_dir / LAW_PAGES / f"{law.slug}.html", "law.html", "../", page="law.html", law=law))
    written += [_write(out_dir / name, asset(env, name)) for name in ASSETS]
    written += write_datapackage(registry, out_dir / DATA_FOLDER, edition)  # the lists as open data (SPEC §8.1)
    for folder in (UNIT_PAGES, LAW_PAGES, *(kind.name for kind in publication.page_kinds if kind.pages_per)):
        _remove_stale(out_dir / folder, set(written))
    return written


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
