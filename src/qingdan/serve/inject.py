"""What `serve` adds to each page it answers with: the problems panel, its stylesheet and the script that
reloads the page. The published site stays free of scripts but its search; these go only into responses.

A page's own Content-Security-Policy would refuse the script, its connection back to the server and the
panel's stylesheet, so each of `script-src`, `style-src` and `connect-src` is widened by `'self'` (this
server) in served pages, and nothing else: no inline script, nothing from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from qingdan.messages import text
from qingdan.serve.build import Snapshot
from qingdan.serve.problems import ProblemView

ASSETS = Path(__file__).resolve().parent / "assets"
OWN_FILES = {"live.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}
PANEL_LIMIT = 20  # problems listed on a page; /_problems has them all
HEAD_EXTRA = '<link rel="stylesheet" href="/_serve/serve.css">\n<script src="/_serve/live.js" defer></script>\n'
_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_WIDENED = ("script-src", "style-src", "connect-src")


@dataclass(frozen=True)
class Panel:
    generation: int
    state: str  # clean, warning, error: the panel's colour
    headline: str  # the count, in the panel's header
    open: bool
    broken: str | None
    held: tuple[str, ...]
    shown: tuple[ProblemView, ...]  # the page's own problems first
    more: int  # problems not listed here
    page: str | None
    lang_tag: str


class Views:
    """serve's own templates (the panel, its pages), in the user's language, every value escaped."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.env = Environment(
            loader=FileSystemLoader(ASSETS, encoding="utf-8"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        translate: Callable[..., str] = lambda key, **args: text(key, lang, **args)  # noqa: E731
        self.env.globals["t"] = translate
        self.own = {name: (ASSETS / name).read_bytes() for name in OWN_FILES}

    def served(self, html: str, snapshot: Snapshot, page: str | None) -> str:
        """A page of the site (or the adjustment report) with the panel, its stylesheet and the script."""
        html = _CSP.sub(lambda found: found[1] + widened(found[2]) + found[3], html, count=1)
        head = html.lower().find("</head>")
        html = html[:head] + HEAD_EXTRA + html[head:] if head >= 0 else HEAD_EXTRA + html
        panel = self.env.get_template("panel.html").render(panel=self.panel(snapshot, page))
        body = _BODY.search(html)
        return html[: body.end()] + "\n" + panel + html[body.end() :] if body else panel + html

    def own_page(self, snapshot: Snapshot, title: str, sentence: str = "", problems: bool = False) -> str:
        listed = snapshot.problems if problems else ()
        page = self.env.get_template("page.html").render(
            title=title, sentence=sentence, problems=listed, lang_tag=self._tag
        )
        return self.served(page, snapshot, None)

    def panel(self, snapshot: Snapshot, page: str | None) -> Panel:
        ordered = sorted(snapshot.problems, key=lambda found: found.page != page or page is None)
        failing = snapshot.errors > 0 or snapshot.broken is not None
        state = "error" if failing else "warning" if snapshot.warnings else "clean"
        if snapshot.broken is not None:
            headline = text("serve.panel.broken", self.lang)
        elif snapshot.problems:
            headline = text("serve.panel.count", self.lang, errors=snapshot.errors, warnings=snapshot.warnings)
        else:
            headline = text("serve.panel.clean", self.lang)
        return Panel(
            generation=snapshot.generation,
            state=state,
            headline=headline,
            open=failing,
            broken=snapshot.broken,
            held=snapshot.held,
            shown=tuple(ordered[:PANEL_LIMIT]),
            more=max(0, len(ordered) - PANEL_LIMIT),
            page=page,
            lang_tag=self._tag,
        )

    @property
    def _tag(self) -> str:
        return "zh-CN" if self.lang == "zh" else self.lang


def widened(policy: str) -> str:
    """The policy with `'self'` allowed for scripts, stylesheets and connections (see the module docstring)."""
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    names = [directive.split()[0] for directive in directives]
    for name in _WIDENED:
        if name not in names:
            directives.append(f"{name} 'self'")
        elif "'self'" not in directives[names.index(name)].split():
            directives[names.index(name)] += " 'self'"
    return "; ".join(directives)
