"""The problems of the working tree as the panel shows them: where (`file:line:column`), the check, the
message in the user's language, and a link to the record's place on the site.

A power item is shown on its unit's page, under an anchor of its code, and a unit has its own page: those
links are made here. Other records stand on their kind's pages in ways each template decides, so their link
goes through `/_record/<kind>/<key>`, which the server answers by finding the page with that anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from qingdan.messages import text
from qingdan.models.kinds import LAYOUT, POWER, UNITS
from qingdan.publish.model import Publication
from qingdan.publish.site import UNIT_PAGES
from qingdan.serve.validate import Found

RECORD_PATH = "_record"


@dataclass(frozen=True)
class ProblemView:
    where: str  # file:line:column, the file relative to the registry
    severity: str  # "error" or "warning" (a CSS class)
    label: str  # 错误 / 警告
    check: str
    message: str
    href: str | None  # where the record is shown; None when the problem is about no record
    page: str | None  # the page that shows the record, when known without rendering (power items, units)


def problem_views(problems: Iterable[Found], publication: Publication | None, lang: str) -> tuple[ProblemView, ...]:
    return tuple(_view(found, publication, lang) for found in problems)


def _view(found: Found, publication: Publication | None, lang: str) -> ProblemView:
    page = _page(found, publication)
    href = f"/{page}#{quote(found.record or '')}" if page else _record_href(found)
    where = f"{found.file}:{found.line}:{found.column}" if found.line else found.file
    return ProblemView(where, found.severity, text(found.severity, lang), found.check, found.message, href, page)


def _page(found: Found, publication: Publication | None) -> str | None:
    if publication is None or found.record is None:
        return None
    kind = LAYOUT.kind_of(found.file)
    if kind == POWER.name and found.record in publication.item_units:
        return f"{UNIT_PAGES}/{publication.item_units[found.record]}.html"
    if kind == UNITS.name and any(view.ident == found.record for view in publication.units):
        return f"{UNIT_PAGES}/{found.record}.html"
    return None


def _record_href(found: Found) -> str | None:
    kind = LAYOUT.kind_of(found.file)
    if found.record is None or kind is None:
        return None
    return f"/{RECORD_PATH}/{quote(kind)}/{quote(found.record, safe='')}"
