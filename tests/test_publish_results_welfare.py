"""What the publications show of assessment results (grades only), personnel changes (nothing, anywhere) and the
公益效能 reports (targets beside actual values, a comparison chart per type and year), in Chromium and in the PDF."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from qingdan.diff.engine import Change, ChangeClass, Diff, FieldChange, diff_registries
from qingdan.loader.load import load_registry
from qingdan.models import AnnualReport, AssessmentResult, Institution, PersonnelChange
from qingdan.models.kinds import ANNUAL_REPORTS, ASSESSMENT_RESULTS, INSTITUTIONS, PERSONNEL, UNITS
from qingdan.publish import render_pdf, render_site
from qingdan.publish.report import published_changes, render_report_html, report_view
from qingdan.publish.templating import cn_date
from qingdan.publish.texts import strings
from test_publish_html import CHROMIUM, CHROMIUM_ARGS

BUNDLED = Path(__file__).parent.parent / "registry"
DAY = date(2020, 12, 31)
REGISTRY = load_registry(BUNDLED)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render_site(REGISTRY, out, published=DAY)
    return out


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("pdf") / "清单.pdf"
    render_pdf(REGISTRY, out, published=DAY)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, encoding="utf-8", check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser: Browser, site: Path) -> Page:
    opened = browser.new_page(viewport={"width": 1200, "height": 900})
    opened.goto((site / "annual-reports.html").as_uri())
    return opened


def site_text(site: Path) -> str:
    """Every file of the site, as written (markup and attributes too)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(site.rglob("*")) if path.is_file())


def shown_text(site: Path) -> str:
    """What the site's pages show: their text without the markup (a chart's coordinates are no scores)."""
    pages = (path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html")))
    return "\n".join(re.sub(r"<[^>]*>", " ", page) for page in pages)


# --- 公益效能 -------------------------------------------------------------------------------------------------


def test_an_indicators_target_stands_beside_its_actual_value(page: Page) -> None:
    row = page.locator('article#qu-rmyy tr[data-indicator="YY-03"]')  # 门诊次均费用, lower is better
    assert row.locator("th").inner_text().startswith("门诊次均费用")
    assert (row.locator("td.target").inner_text(), row.locator("td.actual").inner_text()) == ("230", "226.4")
    assert row.locator("td.mark").inner_text() == "达标"  # 226.4 元 is below the target: met
    costly = page.locator('article#qu-rmyy tr[data-indicator="YY-04"]')  # 住院次均费用 10125 > 9800
    assert costly.locator("td.mark").inner_text() == "未达标"
    short = page.locator('article#hongtang-xx tr[data-indicator="YW-04"]')  # 合格率 93.4 < 95, higher is better
    assert short.locator("td.mark").inner_text() == "未达标"
    count = page.locator('article#qu-rmyy tr[data-indicator="YY-01"]')  # 门急诊人次: no direction, no judgement
    assert count.locator("td.mark").inner_text() == "—"


def test_a_chart_per_type_with_one_bar_per_institution(page: Page) -> None:
    institutions = [record for record in REGISTRY.of(INSTITUTIONS) if isinstance(record, Institution)]
    for kind in ("义务教育", "学前教育", "公立医院", "基层社区卫生服务"):
        expected = [i.ident for i in institutions if i.institution_type.value == kind]
        chart = page.locator(f'svg.chart-svg[data-type="{kind}"][data-year="2019"]')
        assert chart.count() == 1 and chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 200
        groups = chart.locator("g.indicator")
        assert groups.count() >= 6
        for index in range(groups.count()):
            bars = groups.nth(index).locator("rect.bar")
            assert [bars.nth(n).get_attribute("data-institution") for n in range(bars.count())] == expected
    assert page.locator("script").count() == 0  # drawn without a script


def test_bars_are_to_scale_and_coloured_by_the_mark(page: Page) -> None:
    group = page.locator('svg[data-type="公立医院"] g.indicator[data-indicator="YY-02"]')  # 出院人次
    widths = [float(group.locator("rect.bar").nth(n).get_attribute("width") or 0) for n in range(2)]
    assert widths[1] / widths[0] == pytest.approx(4356 / 18742, rel=0.01)
    unmet = page.locator('svg[data-type="公立医院"] g.indicator[data-indicator="YY-04"] rect.bar').first
    assert "unmet" in (unmet.get_attribute("class") or "")
    assert page.evaluate("getComputedStyle(document.querySelector('rect.bar.unmet')).fill") == "rgb(194, 87, 26)"


def test_the_pdf_reads_the_charts_and_the_values(pdf_text: str) -> None:
    text = "".join(pdf_text.split())
    assert "门诊次均费用（元，越低越好）" in text  # a chart's heading, drawn as text
    assert "人民医院226.4元" in text or "226.4元" in text  # a bar's value
    assert "宁波市江北区甬江街道社区卫生服务中心" in text and "达标" in text and "未达标" in text


@pytest.mark.parametrize("name", ["annual-reports.html", "assessment-results.html"])
def test_readable_on_a_phone(browser: Browser, site: Path, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    phone.goto((site / name).as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # wide charts and tables scroll in place
    if name == "annual-reports.html":  # and a chart keeps its text readable rather than shrinking it
        assert phone.evaluate("document.querySelector('svg.chart-svg').getBoundingClientRect().width") >= 540
    context.close()


# --- assessment results: grades only ------------------------------------------------------------------------


def test_results_show_subject_and_grade_and_no_score(site: Path, pdf_text: str) -> None:
    page = (site / "assessment-results.html").read_text(encoding="utf-8")
    main = re.sub(r"<[^>]*>", " ", page.split("<main", 1)[1].split("</main>", 1)[0])
    assert "区综合行政执法局庄桥中队" in main and "较差" in main
    assert re.findall(r"\d+\.\d+", main) == []  # no decimal anywhere: scores and totals stay internal
    appendix = pdf_text.split("附录四", 2)[-1].split("附录五", 1)[0]
    assert "较差" in appendix and re.findall(r"\d+\.\d+", appendix) == []
    everything = shown_text(site) + pdf_text
    for result in REGISTRY.of(ASSESSMENT_RESULTS):
        assert isinstance(result, AssessmentResult)
        assert not re.search(rf"(?<![\d.]){re.escape(format(result.final, 'f'))}(?![\d])", everything), result.key
        assert result.bonus is None or result.bonus.reason not in everything


# --- personnel: never published ---------------------------------------------------------------------------------


def personnel_texts() -> set[str]:
    """Every text of every personnel record but unit ids and vocabulary terms (which name other things too),
    with its dates also as a publication writes them."""
    units = set(REGISTRY.by_key(UNITS))
    found: set[str] = set()
    for change in REGISTRY.of(PERSONNEL):
        assert isinstance(change, PersonnelChange)
        dumped: dict[str, Any] = change.model_dump(mode="json", by_alias=True, exclude_none=True)
        terms = {change.rank.value, change.action.value}
        terms |= {change.consulted.opinion.value} if change.consulted else set()
        found |= {text for text in strings(dumped) if text not in units and text not in terms}
        days = [change.date, *(part.date for part in (change.consulted, change.notified, change.motion) if part)]
        found |= {cn_date(day) for day in days}
    return found


def test_no_personnel_text_reaches_any_rendered_file(site: Path, pdf_text: str) -> None:
    texts = personnel_texts()
    assert len(texts) > 20 and {"中队长", "RS-2020-02", "2020-09-14", "2020年9月14日"} <= texts
    rendered = site_text(site)
    squeezed = "".join(pdf_text.split())
    assert [text for text in texts if text in rendered] == []
    assert [text for text in texts if "".join(text.split()) in squeezed] == []


def test_the_published_adjustment_report_leaves_out_personnel_and_scores(tmp_path: Path) -> None:
    empty = load_registry(_empty_registry(tmp_path))
    diff: Diff = diff_registries(empty, REGISTRY)
    assert any(change.kind == PERSONNEL.report_key for change in diff.changes)  # the diff itself has them
    view = report_view(diff, "zh")
    assert PERSONNEL.title not in [title for title, _ in view.sections]
    html = render_report_html(diff, "zh")
    assert [text for text in personnel_texts() if text in html] == []
    reports = [record for record in REGISTRY.of(ANNUAL_REPORTS) if isinstance(record, AnnualReport)]
    assert reports and "派驻机构考核结果" in html  # results are there, as added records, without their scores
    for result in REGISTRY.of(ASSESSMENT_RESULTS):
        assert isinstance(result, AssessmentResult)
        assert format(result.final, "f") not in html


def _empty_registry(tmp_path: Path) -> Path:
    """A registry with the bundled region and nothing else (not even the catalogue its qingdan.yaml names)."""
    (tmp_path / "qingdan.yaml").write_text(
        'qingdan: 1\nregion: {code: "330205", name: 宁波市江北区}\n', encoding="utf-8"
    )
    return tmp_path


def test_a_published_report_shows_a_changed_grade_but_never_a_changed_score() -> None:
    scores = (FieldChange("scores", "区级部门: 90", "区级部门: 92.5"), FieldChange("final", "90.43", "91.43"))
    grade = (FieldChange("grade", "良好", "优秀"),)
    key = ASSESSMENT_RESULTS.report_key
    diff = Diff(
        [
            Change(key, "JG-2020-01", ChangeClass.CHANGED, "KH-2020-01 kongpu-pcs", scores + grade),
            Change(key, "JG-2020-02", ChangeClass.CHANGED, "KH-2020-02 wenjiao-pcs", scores),
            Change(PERSONNEL.report_key, "RS-2020-01", ChangeClass.ADDED, "所长任职"),
        ]
    )
    shown = published_changes(diff).changes
    assert [(change.key, [field.field for field in change.fields]) for change in shown] == [("JG-2020-01", ["grade"])]
