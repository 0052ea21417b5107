"""The parts of `qingdan serve` behind the browser test (tests/test_serve.py), on a copy of the bundled
registry: what a rebuild reads again and renders again, what a half-edited file shows, where a problem
links to, and the panel in English."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from qingdan.publish.model import Edition
from qingdan.serve.build import Builder
from qingdan.serve.inject import Views, widened
from qingdan.serve.live import LiveRegistry
from qingdan.serve.routes import _record_place

BUNDLED = Path(__file__).parent.parent / "registry"
POWER_FILE = "power/scjgj.yaml"
OTHER_UNIT_PAGE = "units/jyj.html"
TYPE_OF_CHILD = "    type: 行政许可\n    parent: XK-330205-0101\n"  # of XK-330205-0101-01


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return shutil.copytree(BUNDLED, tmp_path / "registry")


@pytest.fixture
def builders() -> Iterator[Callable[..., Builder]]:
    """Builders over a registry, their validating processes ended after the test."""
    made: list[Builder] = []

    def build(registry: Path, lang: str = "zh") -> Builder:
        made.append(Builder(registry, Edition.STANDARD, lang))
        return made[-1]

    yield build
    for builder in made:
        builder.close()


def _edit(registry: Path, before: str, after: str, relative: str = POWER_FILE) -> None:
    path = registry / relative
    content = path.read_text(encoding="utf-8")
    assert before in content
    path.write_text(content.replace(before, after, 1), encoding="utf-8")


def test_only_the_edited_units_page_is_made_again(registry: Path, builders: Callable[..., Builder]) -> None:
    builder = builders(registry)
    first = builder.rebuild().snapshot
    assert first.site is not None
    for page in first.site.pages.values():
        page.rendered()
    unit_pages = [path for path in first.site.pages if path.startswith("units/")]
    other = first.site.pages[OTHER_UNIT_PAGE].html

    _edit(registry, "name: 食品经营许可（新办）", "name: 食品经营许可（首次申请）")
    rebuilt = builder.rebuild({POWER_FILE})
    site = rebuilt.snapshot.site
    assert site is not None
    assert rebuilt.files == (POWER_FILE,)
    assert site.pages[OTHER_UNIT_PAGE].html is other  # kept as rendered: its unit did not change
    made_again = [path for path in unit_pages if site.pages[path].html is not first.site.pages[path].html]
    assert made_again == list(site.again) == ["units/scjgj.html"]  # already: it had been seen
    assert "食品经营许可（首次申请）" in (site.pages["units/scjgj.html"].html or b"").decode()
    assert site.pages["index.html"].html is None  # counts and the like: made again, when opened


def test_a_save_that_changes_nothing_shown_reloads_nothing(registry: Path, builders: Callable[..., Builder]) -> None:
    builder = builders(registry)
    generation = builder.rebuild().snapshot.generation
    _edit(registry, "unit: scjgj\n", "unit: scjgj  # 注释\n")
    rebuilt = builder.rebuild({POWER_FILE})
    assert rebuilt.pages == 0
    assert rebuilt.snapshot.generation == generation
    _edit(registry, "name: 食品经营许可（新办）", "name: 食品经营许可（首次申请）")
    assert builder.rebuild({POWER_FILE}).snapshot.generation == generation + 1


def test_a_file_with_errors_shows_its_last_good_version(registry: Path) -> None:
    live = LiveRegistry(registry)
    codes = {item.code for item in live.refresh().registry.records["power"]}
    _edit(registry, "  - code: XK-330205-0101-01\n", "  - code: [XK-330205-0101-01\n")  # a YAML syntax error
    refreshed = live.refresh()
    assert refreshed.changed == (POWER_FILE,)
    assert refreshed.held == (POWER_FILE,)
    assert {item.code for item in refreshed.registry.records["power"]} == codes
    _edit(registry, "  - code: [XK-330205-0101-01\n", "  - code: XK-330205-0101-01\n    item_kind: 主项\n")  # QD003
    assert live.refresh().held == (POWER_FILE,)
    _edit(registry, "    item_kind: 主项\n", "")
    mended = live.refresh()
    assert mended.held == ()
    assert {item.code for item in mended.registry.records["power"]} == codes


def test_problems_link_to_their_records_place(registry: Path, builders: Callable[..., Builder]) -> None:
    _edit(registry, TYPE_OF_CHILD, TYPE_OF_CHILD.replace("行政许可", "行政确认"))  # QD107, QD112
    snapshot = builders(registry).rebuild().snapshot
    assert snapshot.site is not None
    mistake = next(found for found in snapshot.problems if found.check == "QD107")
    assert mistake.where == f"{POWER_FILE}:22:11"
    assert mistake.href == "/units/scjgj.html#XK-330205-0101-01"
    delegation = snapshot.site.publication.of("delegations")[0].key
    assert _record_place(snapshot.site, "delegations", delegation) == f"/delegations.html#{delegation}"
    guide = snapshot.site.publication.of("guides")[0].key
    assert re.fullmatch(rf"/guides/[a-z-]+\.html#{guide}", _record_place(snapshot.site, "guides", guide) or "")
    assert _record_place(snapshot.site, "personnel", "RS-2020-001") is None  # never published


def test_the_panel_speaks_the_users_language(registry: Path, builders: Callable[..., Builder]) -> None:
    _edit(registry, TYPE_OF_CHILD, TYPE_OF_CHILD.replace("行政许可", "行政确认"))  # QD107, QD112
    snapshot = builders(registry, "en").rebuild().snapshot
    page = Views("en").served("<html><head></head><body>页面</body></html>", snapshot, None)
    assert "the registry has 2 errors, 2 warnings" in page
    assert "all problems" in page
    assert "error</span> <code>QD107</code>" in page
    assert "sub-item" in next(found.message for found in snapshot.problems if found.check == "QD107")
    assert "错误" not in page
    assert "警告" not in page


def test_served_pages_allow_only_this_server_for_the_reload() -> None:
    policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"
    assert widened(policy) == (
        "default-src 'none'; style-src 'unsafe-inline' 'self'; base-uri 'none'; script-src 'self'; connect-src 'self'"
    )
    assert widened("script-src 'self'") == "script-src 'self'; style-src 'self'; connect-src 'self'"


def test_a_validating_process_that_died_is_replaced(registry: Path, builders: Callable[..., Builder]) -> None:
    """Killed while idle (or while writing the cache, after its report): the next save has a new one."""
    builder = builders(registry)
    assert builder.rebuild().snapshot.broken is None
    (validating,) = multiprocessing.active_children()
    validating.kill()
    validating.join()
    time.sleep(0.5)  # the pool's thread has seen it go
    _edit(registry, TYPE_OF_CHILD, TYPE_OF_CHILD.replace("行政许可", "行政确认"))  # QD107, QD112
    snapshot = builder.rebuild({POWER_FILE}).snapshot
    assert snapshot.broken is None and {found.check for found in snapshot.problems} >= {"QD107", "QD112"}
