"""The published site in a real browser: Debian's headless Chromium, driven by Playwright (no browser
download; a fresh profile per run). The search box filters as one types, pages draw, nothing is fetched
from outside the site, hostile names stay text, and a phone-sized window needs no sideways scrolling.

One browser serves the whole module; each test gets its own page. These tests fail, never skip, when
Chromium is missing: the publications are not tested without it.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Route, sync_playwright

from helpers import write_registry
from qingdan.diff.engine import Revision
from qingdan.loader.load import load_registry
from qingdan.publish import build_publication, render_site
from qingdan.publish.model import Edition, Publication
from qingdan.publish.search import search_index

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SAMPLE = Path(__file__).parent / "examples" / "valid" / "sample"
BUNDLED = Path(__file__).parent.parent / "registry"
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}</td>"
HOSTILE_POWER = f"""\
unit: scjgj
items:
  - code: XK-330205-0001
    name: "{HOSTILE}"
    type: 行政许可
    legal_basis: ["《中华人民共和国食品安全法》第三十五条：<img src=x onerror=alert(2)>"]
"""
DAY = date(2020, 12, 31)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium with a fresh profile: Playwright's launch() gives it a new temporary user-data-dir."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    registry = tmp_path_factory.mktemp("sample") / "registry"
    shutil.copytree(SAMPLE, registry)
    return _rendered(registry, tmp_path_factory.mktemp("sample-site"))


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rendered(BUNDLED, tmp_path_factory.mktemp("bundled-site"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    registry = write_registry(tmp_path_factory.mktemp("hostile") / "registry", {"power/scjgj.yaml": HOSTILE_POWER})
    return _rendered(registry, tmp_path_factory.mktemp("hostile-site"))


@dataclass
class Tab:
    """A page, with every request it made and every dialog it opened."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A desktop-sized page that refuses (and records) anything not from file://."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = Tab(context.new_page())
    opened.page.route("**/*", opened.route)
    opened.page.on("request", lambda request: opened.requests.append(request.url))
    opened.page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


# --- search ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("教师", {"XK-330205-0101", "XK-330205-0101-01", "XK-330205-0101-02", "XK-330205-0101-02-01"}),
        ("xk-330205-0102", {"XK-330205-0102"}),  # codes, in any case
        ("卫生健康", {"XK-330205-0201"}),  # the unit's name
        ("行政给付", {"GF-330205-0301", "GF-330205-0401"}),  # the type
        ("社会救助暂行办法", {"GF-330205-0301", "GF-330205-0401"}),  # the legal basis
        (
            "县级以上地方人民政府教育行政部门",
            {"XK-330205-0101", "XK-330205-0101-01", "XK-330205-0101-02", "XK-330205-0101-02-01"},
        ),
        ("资格 补发", {"XK-330205-0101-02-01"}),  # every word must match
        ("JC-330205-0101", set()),  # cancelled: never published
        ("没有这样的事项", set()),
    ],
)
def test_search_filters_as_you_type(tab: Tab, sample_site: Path, query: str, expected: set[str]) -> None:
    page = tab.page
    page.goto((sample_site / "search.html").as_uri())
    assert len(_visible_codes(page)) == 9  # every published item before typing
    page.locator("#q").press_sequentially(query)
    assert set(_visible_codes(page)) == expected
    assert len(_visible_codes(page)) == len(expected)
    assert page.locator("#status").inner_text().startswith(f"找到 {len(expected)} 项")


def test_search_over_the_bundled_registry(tab: Tab, bundled_site: Path) -> None:
    page = tab.page
    publication = _publication(BUNDLED)
    page.goto((bundled_site / "search.html").as_uri())
    for query in ("许可", "民政局", "社会救助", "FW-330205-08"):
        page.locator("#q").fill("")
        page.locator("#q").press_sequentially(query)
        assert sorted(_visible_codes(page)) == sorted(_matching(publication, query)), query


def test_a_search_result_links_to_its_item(tab: Tab, sample_site: Path) -> None:
    page = tab.page
    page.goto((sample_site / "search.html").as_uri())
    page.locator("#q").press_sequentially("补发证书")
    page.locator("#results tbody a").click()
    assert page.url.endswith("/units/jyj.html#XK-330205-0101-02-01")
    assert page.locator('[id="XK-330205-0101-02-01"] h3').inner_text() == "教师资格认定（小学，补发证书）"


# --- pages draw, offline ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["index.html", "units/jyj.html", "search.html", "delegations.html"])
def test_pages_draw_something(tab: Tab, sample_site: Path, name: str) -> None:
    page = tab.page
    page.goto((sample_site / name).as_uri())
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, the red masthead, rules: far from a blank page
    assert page.evaluate("getComputedStyle(document.querySelector('.masthead')).backgroundColor") == "rgb(164, 38, 44)"


def test_no_request_leaves_the_site(tab: Tab, bundled_site: Path) -> None:
    names = ["index.html", "search.html", "delegations.html", "community-tasks.html", "assessments.html"]
    names += [f"units/{path.name}" for path in sorted((bundled_site / "units").glob("*.html"))[:12]]
    for name in names:
        tab.page.goto((bundled_site / name).as_uri())  # returns once the page and all it loads have loaded
    requests = tab.requests
    assert len(requests) >= len(names)
    assert all(url.startswith("file://") for url in requests), [
        url for url in requests if not url.startswith("file://")
    ]
    assert {url.rsplit("/", 1)[1] for url in requests} >= {"style.css", "search.js"}


def test_the_request_check_sees_requests_that_leave(tab: Tab) -> None:
    """The check above is not vacuous: a page that does reach out is seen (and stopped)."""
    tab.page.set_content('<img src="http://example.invalid/pixel.png">')
    tab.page.wait_for_function("document.images[0].complete")
    assert "http://example.invalid/pixel.png" in tab.requests


@pytest.mark.parametrize("name", ["index.html", "units/scjgj.html", "search.html", "delegations.html"])
def test_readable_on_a_phone(browser: Browser, bundled_site: Path, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    phone.goto((bundled_site / name).as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 14
    context.close()


# --- hostile names ------------------------------------------------------------------------------------------


def test_hostile_names_stay_text(tab: Tab, hostile_site: Path) -> None:
    page = tab.page
    page.goto((hostile_site / "units" / "scjgj.html").as_uri())
    assert page.locator('[id="XK-330205-0001"] h3.name').text_content() == HOSTILE
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    page.goto((hostile_site / "search.html").as_uri())
    page.locator("#q").press_sequentially("script")
    assert page.locator("#results td.name").all_text_contents() == [HOSTILE]
    page.goto((hostile_site / "index.html").as_uri())
    assert tab.dialogs == []
    assert page.evaluate("typeof window.alert") == "function"


def _visible_codes(page: Page) -> list[str]:
    return [code for code in page.locator("#results tbody tr td.code").all_inner_texts() if code]


def _rendered(registry: Path, out: Path) -> Path:
    render_site(load_registry(registry), out, published=DAY)
    return out


def _publication(registry: Path) -> Publication:
    return build_publication(load_registry(registry), Edition.STANDARD, Revision(), DAY)


def _matching(publication: Publication, query: str) -> list[str]:
    """What the search page should show, worked out in Python from the same index it embeds."""
    index = search_index(publication)
    terms = query.lower().split()
    found = []
    for code, name, type_index, unit_index, bases in index["items"]:
        unit = index["holders"][unit_index]
        parts = [code, name, index["types"][type_index], *unit, *(" ".join(index["bases"][b]) for b in bases)]
        text = "\n".join(parts).lower()
        if all(term in text for term in terms):
            found.append(code)
    return found
