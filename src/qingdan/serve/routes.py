"""What `serve` answers for each path of the site, apart from the HTTP plumbing (`serve.http`).

Everything it serves is in memory: the pages of the current site, its stylesheet and search script, the
Data Package, and serve's own pages under `_`: `/_problems` (every problem), `/_changes` (the adjustment
report of the working tree against HEAD), `/_record/<kind>/<key>` (to the record's place on the site) and
`/_serve/…` (the panel's script and stylesheet). No path reaches the file system, so none can leave the
site; `serve.http` refuses the ones that try before they get here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from qingdan.errors import QingdanError
from qingdan.history.adjustments import Span, adjustment_report
from qingdan.messages import text
from qingdan.publish.report import render_report_html
from qingdan.publish.site import DATA_FOLDER, UNIT_PAGES
from qingdan.serve.build import Builder, Snapshot
from qingdan.serve.inject import OWN_FILES, Views
from qingdan.serve.pages import Site
from qingdan.serve.problems import RECORD_PATH
from qingdan.serve.worker import Worker

HTML = "text/html; charset=utf-8"
TYPES = {
    ".html": HTML,
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
}
OWN = "_serve/"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = HTML
    location: str | None = None


class Routes:
    def __init__(self, root: Path, builder: Builder, worker: Worker, lang: str) -> None:
        self.root = root
        self.builder = builder
        self.worker = worker
        self.lang = lang
        self.views = Views(lang)
        self._changes: tuple[int, str, bool] | None = None  # generation, HTML or the reason, whether a report

    def reply(self, path: str) -> Reply:
        """The answer for a path of the site ("" for the home page), as `serve.http.site_path` gives it."""
        snapshot = self.builder.snapshot
        if path.startswith("_"):
            return self._own(path, snapshot)
        site = snapshot.site
        if site is None:  # the registry has not loaded yet: the reason, and the page reloads when it does
            return self._page(503, snapshot, text("serve.broken.title", self.lang), snapshot.broken or "", True)
        name = path or "index.html"
        if name in site.assets:
            return Reply(200, site.assets[name], _type(name))
        page = site.pages.get(name)
        if page is not None:
            rendered = page.html if page.html is not None else self.worker.call(page.rendered)
            return Reply(200, self.views.served(rendered.decode("utf-8"), snapshot, name).encode("utf-8"))
        if name.startswith(f"{DATA_FOLDER}/") and name in (data := self.worker.call(site.data_files)):
            return Reply(200, data[name], _type(name))
        return self._not_found(snapshot, name)

    def _own(self, path: str, snapshot: Snapshot) -> Reply:
        if path == "_problems":
            return self._page(200, snapshot, text("serve.problems.title", self.lang), problems=True)
        if path == "_changes":
            return self._changes_page(snapshot)
        if path.startswith(OWN) and path[len(OWN) :] in OWN_FILES:
            name = path[len(OWN) :]
            return Reply(200, self.views.own[name], OWN_FILES[name])
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == RECORD_PATH and snapshot.site is not None:
            site, kind, key = snapshot.site, unquote(parts[1]), unquote(parts[2])
            found = self.worker.call(lambda: _record_place(site, kind, key))
            if found is not None:
                return Reply(302, b"", location=found)
            return self._page(404, snapshot, text("serve.record.unpublished", self.lang, key=key))
        return self._not_found(snapshot, path)

    def _changes_page(self, snapshot: Snapshot) -> Reply:
        _, made, is_report = self.worker.call(lambda: self._report(snapshot.generation))
        if is_report:
            return Reply(200, self.views.served(made, snapshot, None).encode("utf-8"))
        return self._page(200, snapshot, text("serve.changes.title", self.lang), made)

    def _report(self, generation: int) -> tuple[int, str, bool]:
        """The adjustment report of the working tree against HEAD, made once per state (on the worker)."""
        if self._changes is None or self._changes[0] != generation:
            try:
                made = render_report_html(adjustment_report(self.root, Span()), self.lang)
                self._changes = (generation, made, True)
            except QingdanError as error:
                self._changes = (generation, error.localized(self.lang), False)
        return self._changes

    def _not_found(self, snapshot: Snapshot, path: str) -> Reply:
        return self._page(404, snapshot, text("serve.not_found", self.lang, path=path))

    def _page(self, status: int, snapshot: Snapshot, title: str, sentence: str = "", problems: bool = False) -> Reply:
        page = self.views.own_page(snapshot, title, sentence, problems)
        return Reply(status, page.encode("utf-8"))


def _record_place(site: Site, kind: str, key: str) -> str | None:
    """The first page with an anchor for the record, its kind's own pages first (on the worker: it may
    render pages). Unit pages anchor power items only."""
    anchor = f'id="{html.escape(key)}"'.encode()
    own = (f"{kind}.html", f"{kind}/")
    candidates = sorted(
        (path for path in site.pages if not path.startswith(f"{UNIT_PAGES}/")),
        key=lambda path: not path.startswith(own),
    )
    for path in candidates:
        if anchor in site.pages[path].rendered():
            return f"/{path}#{quote(key)}"
    return None


def _type(name: str) -> str:
    return TYPES.get(Path(name).suffix, "application/octet-stream")
