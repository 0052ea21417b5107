"""The pages of 配权 (SPEC §7): 谁来管 per street in a real browser (Debian's Chromium through Playwright, as in
test_publish_html.py), the illegal-prone matters per community in both editions, the standard by topic, and
their PDF appendices read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from peiquan import peiquan_registry
from qingdan.loader.load import load_registry
from qingdan.publish import render_pdf, render_site
from qingdan.publish.model import Edition
from test_publish_html import CHROMIUM, CHROMIUM_ARGS

BUNDLED = Path(__file__).parent.parent / "registry"
DAY = date(2020, 12, 31)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled-site")
    render_site(load_registry(BUNDLED), out, published=DAY)
    return out


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    assert all(url.startswith("file://") for url in requests), requests  # nothing leaves the site
    context.close()


def _words(text: str) -> str:
    return " ".join(text.split())


# --- 谁来管 --------------------------------------------------------------------------------------------------


def test_who_manages_shows_a_duty_with_its_lead_and_partners(page: Page, bundled_site: Path) -> None:
    """洪塘街道 leads the safety duty of the 高新区 that lies in it; the zone and 区应急管理局 assist."""
    page.goto((bundled_site / "duties" / "hongtang.html").as_uri())
    assert page.locator("h1").inner_text().startswith("谁来管")
    duty = page.locator('[id="FG-2020-29"]')
    assert duty.locator("h3.name").inner_text() == "园区安全生产属地监管"
    assert duty.locator("dd.lead-share strong").inner_text() == "洪塘街道"
    partners = duty.locator("ul.shares li strong").all_inner_texts()
    assert partners == ["宁波（江北）高新技术产业园区", "区应急管理局"]
    # the matrix: the duty's row has 主 under 洪塘街道 and 配 under the zone and 区应急管理局
    headers = page.locator("table.matrix thead th").all_inner_texts()
    row = page.locator("table.matrix tbody tr", has=page.locator('a[href="#FG-2020-29"]'))
    roles = dict(
        zip((_words(h).replace(" ", "") for h in headers[1:]), row.locator("td").all_inner_texts(), strict=True)
    )
    assert roles["洪塘街道"] == "主"
    assert roles["宁波（江北）高新技术产业园区"] == roles["区应急管理局"] == "配"
    assert {
        role for name, role in roles.items() if name not in ("洪塘街道", "宁波（江北）高新技术产业园区", "区应急管理局")
    } == {""}
    row.locator("a").click()
    assert page.url.endswith("#FG-2020-29")


def test_who_manages_shows_a_grid_event_with_its_handler_and_time_limit(page: Page, bundled_site: Path) -> None:
    page.goto((bundled_site / "duties" / "zhuangqiao.html").as_uri())
    event = page.locator('tr[id="02-01"]')
    assert event.locator("td.name").inner_text().startswith("在建违法建筑")
    assert event.locator("td.handler").inner_text() == "庄桥街道"  # 属地街道(镇) on 庄桥街道's page
    assert event.locator("td.limit").inner_text() == "4工作时"
    assert event.locator("td.escalation").inner_text() == "超过1工作日，报区综合行政执法局"
    major = page.locator('[id="event-02"] h3').inner_text()
    assert _words(major) == "02 违法建设（4 个小类）"
    department = page.locator('tr[id="02-02"]')
    assert (department.locator("td.handler").inner_text(), department.locator("td.limit").inner_text()) == (
        "区综合行政执法局",
        "20工作日",
    )


def test_who_manages_shows_the_agencies_stationed_there_by_platform(page: Page, bundled_site: Path) -> None:
    page.goto((bundled_site / "duties" / "cicheng.html").as_uri())
    agencies = [_words(text) for text in page.locator("section.agency h3").all_inner_texts()]
    assert [name.split("（")[0] for name in agencies] == [
        "宁波市公安局江北分局慈城派出所",
        "区市场监督管理局慈城市场监督管理所",
        "区综合行政执法局慈城中队",
        "宁波市自然资源和规划局江北分局慈城自然资源和规划所",
    ]
    platforms = page.locator('[id="cicheng-scjgs"] th.platform').all_inner_texts()
    assert platforms == ["市场监管", "便民服务"]


def test_who_manages_reads_on_a_phone(browser: Browser, bundled_site: Path) -> None:
    """The matrix scrolls inside its frame; the page itself needs no sideways scrolling."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for name in ("duties/hongtang.html", "grid-events.html", "violations/waitan-fushi.html", "platform-standard.html"):
        phone.goto((bundled_site / name).as_uri())
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, name
    context.close()


# --- the other pages -------------------------------------------------------------------------------------


def test_a_communitys_matters_say_whom_to_tell(page: Page, bundled_site: Path) -> None:
    page.goto((bundled_site / "violations" / "zhuangqiao-lijia.html").as_uri())
    assert page.locator("h1").inner_text() == "李家村易发违法事项"
    assert page.locator('[id="WF-2020-01"] dd.report-to').inner_text() == "庄桥街道"  # 所在街道(镇)
    assert page.locator('[id="WF-2020-13"] dd.report-to').inner_text() == "区应急管理局"
    assert "《烟花爆竹安全管理条例》" in page.locator('[id="WF-2020-13"]').inner_text()  # 标准版: the rule itself


def test_the_standard_by_topic_links_to_its_lists(page: Page, bundled_site: Path) -> None:
    page.goto((bundled_site / "platform-standard.html").as_uri())
    topics = [_words(text) for text in page.locator("section.topic h2").all_inner_texts()]
    assert topics == [
        "组织架构（11 项）",
        "指挥体系（11 项）",
        "运行机制（14 项）",
        "属地管理（12 项）",
        "网格建设（13 项）",
        "信息平台（10 项）",
    ]
    assert page.locator("section.topic tbody tr").count() == 71
    page.locator('[id="SD-06"] td.lists a').click()
    assert page.url.endswith("/duties.html")


def test_the_index_counts_the_new_lists(page: Page, bundled_site: Path) -> None:
    page.goto((bundled_site / "index.html").as_uri())
    card = page.locator('.link-cards a[href="grid-events.html"]').inner_text()
    assert _words(card) == "网格事件分类处置标准 43 项：大类 8，小类 35"


# --- editions: the simple one leaves legal bases and power items out of every file ----------------------------


def test_the_simple_edition_says_what_is_forbidden_and_whom_to_tell_and_nothing_more(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path / "registry")
    registry = load_registry(root)
    simple, standard = tmp_path / "simple", tmp_path / "standard"
    render_site(registry, simple, edition=Edition.SIMPLE, published=DAY)
    render_site(registry, standard, edition=Edition.STANDARD, published=DAY)
    community = "violations/tiancheng.html"
    assert "庄桥街道" in (simple / community).read_text(encoding="utf-8")  # whom to tell: its street
    assert "城市道路管理条例" in (standard / community).read_text(encoding="utf-8")
    assert "CF-330205-0201" in (standard / "duties/zhuangqiao.html").read_text(encoding="utf-8")
    for name in (community, "violations.html", "duties.html", "duties/zhuangqiao.html", "grid-events.html"):
        text = (simple / name).read_text(encoding="utf-8")
        assert "城市道路管理条例" not in text and "CF-330205-0201" not in text, name


# --- PDF ---------------------------------------------------------------------------------------------------


def test_the_pdf_has_an_appendix_for_each_list_and_a_who_manages_section_per_street(tmp_path: Path) -> None:
    root = peiquan_registry(tmp_path / "registry")
    out = tmp_path / "lists.pdf"
    render_pdf(load_registry(root), out, published=DAY)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True).stdout.decode()
    words = _words(text)
    for title in ("基层治理四平台标准", "职责分工", "派驻机构工作任务", "社区(村)易发违法事项", "网格事件分类处置标准"):
        assert re.search(rf"附录[一二三四五六七八九十]+ {re.escape(title)} ?\.+ \d+", words), title
    assert "谁来管：文教街道" in words and "谁来管：庄桥街道" in words
    [row] = [line for line in text.splitlines() if line.startswith("01-01")]  # the grid-event table's row
    assert _words(row).startswith("01-01 占道经营") and "1工作日" in row and "超过2工作日，报区综" in row
    assert "《城市道路管理条例》第二十七条第（六）项" in words
