"""Service guides and internal matters published (SPEC §7): per street a booklet in the standard's three
categories (标准版) or one card per service (简易版); the 简易版 carries nothing it does not show, a card
prints on one A4 page in the browser and in the PDF, hostile text stays text; internal matters are in the
标准版 only. Chromium (through Playwright) and poppler read what was made."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from typer.testing import CliRunner

from helpers import commit_all, init_repo, write_registry
from qingdan.citations import citations
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models import Guide
from qingdan.models.kinds import GUIDES, INTERNAL_MATTERS, POWER
from qingdan.publish import Edition, render_pdf, render_site
from qingdan.publish.guides import qr_svg

BUNDLED = Path(__file__).parent.parent / "registry"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DAY = date(2020, 12, 31)
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}</td>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _site(registry: Path, out: Path, edition: Edition) -> Path:
    render_site(load_registry(registry), out, edition=edition, published=DAY)
    return out


@pytest.fixture(scope="module")
def simple_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(BUNDLED, tmp_path_factory.mktemp("simple"), Edition.SIMPLE)


@pytest.fixture(scope="module")
def standard_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(BUNDLED, tmp_path_factory.mktemp("standard"), Edition.STANDARD)


def _guide(ident: str) -> Guide:
    return load_registry(BUNDLED).by_key(GUIDES)[ident]


def _longest_card() -> Guide:
    """The bundled guide whose card has the most to print."""

    def length(guide: Guide) -> int:
        materials = sum(len(material.name) + 8 for material in guide.materials)
        return materials + sum(map(len, guide.conditions)) + len(guide.location) + len(guide.phone)

    return max(load_registry(BUNDLED).of(GUIDES), key=length)


def _article_texts() -> set[str]:
    """Every article text of a legal basis in the bundled registry (power items and internal matters)."""
    registry = load_registry(BUNDLED)
    bases = [basis for item in registry.of(POWER) for basis in item.legal_basis or ()]
    bases += [basis for matter in registry.of(INTERNAL_MATTERS) for basis in matter.basis or ()]
    return {basis.text for basis in bases if basis.text}


# --- the 简易版 card, in a browser ----------------------------------------------------------------------------


def test_a_card_shows_materials_fee_and_phone(browser: Browser, simple_site: Path) -> None:
    guide = _guide("ZN-FD-01")  # 最低生活保障申请, offered in every street
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((simple_site / "guides" / "wenjiao.html").as_uri() + "#ZN-FD-01")
    card = page.locator('article.guide-card[id="ZN-FD-01"]')
    assert card.locator("h3").inner_text() == guide.name
    assert card.locator("td.material").all_inner_texts() == [material.name for material in guide.materials]
    assert card.locator("dd.fee").inner_text() == "不收费"
    assert card.locator("dd.phone").inner_text() == guide.phone
    assert card.locator("dd.limit").inner_text() == "15 个工作日内办结"
    assert card.locator("svg.qr path").count() >= 1  # the QR code of its online address, drawn inline
    assert page.evaluate("window.scrollY") > 0  # the link to the card scrolled to it
    assert page.locator("script").count() == 0
    page.close()


def test_a_street_page_prints_one_card_a_page(browser: Browser, simple_site: Path, tmp_path: Path) -> None:
    """慈城镇 offers every bundled service, the longest card included: Chromium's print is a page a card."""
    longest = _longest_card()
    page = browser.new_page()
    page.goto((simple_site / "guides" / "cicheng.html").as_uri())
    cards = page.locator("article.guide-card").count()
    assert cards == len(load_registry(BUNDLED).of(GUIDES)) and page.locator(f'[id="{longest.ident}"]').count() == 1
    printed = tmp_path / "cicheng.pdf"
    page.pdf(path=str(printed), format="A4")
    page.close()
    pages = _pages(printed)
    assert len(pages) == cards
    on = [number for number, text in enumerate(pages) if _squeezed(longest.name) in _squeezed(text)]
    assert len(on) == 1 and _squeezed(longest.materials[-1].name) in _squeezed(pages[on[0]])


def test_the_simple_pdf_sets_each_card_on_one_page(tmp_path: Path) -> None:
    registry = load_registry(BUNDLED)
    out = tmp_path / "简易版.pdf"
    render_pdf(registry, out, edition=Edition.SIMPLE, published=DAY)
    pages = _pages(out)
    cards = [index for index, text in enumerate(pages) if "办事指南·宁波市江北区" in _squeezed(text)]
    guides = registry.of(GUIDES)
    assert len(cards) == len(guides) and cards == list(range(cards[0], cards[0] + len(guides)))
    for guide, index in zip(guides, cards, strict=True):
        text = _squeezed(pages[index])
        assert _squeezed(guide.name) in text and _squeezed(guide.phone) in text, guide.ident
        assert _squeezed(guide.materials[-1].name) in text, guide.ident
    longest = _longest_card()
    assert sum(1 for text in pages if _squeezed(longest.materials[-1].name) in _squeezed(text)) == 1


# --- what each edition's files carry ------------------------------------------------------------------------


def test_no_file_of_the_simple_site_holds_a_legal_basis_text(simple_site: Path, standard_site: Path) -> None:
    texts = _article_texts()
    assert len(texts) > 50
    files = [path for path in simple_site.rglob("*") if path.is_file()]
    assert len(files) > 50 and any(path.name == "search.html" for path in files)
    for path in files:
        content = path.read_text(encoding="utf-8")
        assert not [text for text in texts if text in content], path
    standard = "".join(path.read_text(encoding="utf-8") for path in standard_site.rglob("*.html"))
    assert sum(1 for text in texts if text in standard) > 50  # the test would see them if they were there


def test_no_file_of_the_simple_site_holds_a_law_text(simple_site: Path, standard_site: Path) -> None:
    """The cited articles' current texts (the 标准版's law pages) are nowhere in the 简易版, search index included."""
    registry = load_registry(BUNDLED)
    paragraphs = {
        paragraph
        for citation in citations(registry)
        for article in citation.resolution.articles
        for paragraph in article.paragraphs
        if len(paragraph) > 12
    }
    assert len(paragraphs) > 200
    for path in (path for path in simple_site.rglob("*") if path.is_file()):
        content = path.read_text(encoding="utf-8")
        assert not [paragraph for paragraph in paragraphs if paragraph in content], path
    laws = "".join(path.read_text(encoding="utf-8") for path in (standard_site / "laws").glob("*.html"))
    assert all(paragraph in laws for paragraph in paragraphs)


def test_internal_matters_are_in_the_standard_edition_only(simple_site: Path, standard_site: Path) -> None:
    assert (standard_site / "internal-matters.html").is_file()
    assert not (simple_site / "internal-matters.html").exists()
    matter = load_registry(BUNDLED).of(INTERNAL_MATTERS)[0]
    assert matter.name in (standard_site / "internal-matters.html").read_text(encoding="utf-8")
    for path in simple_site.rglob("*.html"):
        content = path.read_text(encoding="utf-8")
        assert "internal-matters.html" not in content and matter.name not in content, path


def test_the_standard_booklet_shows_every_field_by_category(standard_site: Path) -> None:
    page = (standard_site / "guides" / "zhuangqiao.html").read_text(encoding="utf-8")
    for heading in ("一、法定办理事项", "二、部门下放或委托至街道(镇)办理事项", "三、驻场街道(镇)办理事项"):
        assert heading in page
    guide = _guide("ZN-FD-01")
    assert "容缺受理范围" in page and guide.tolerance_scope and guide.tolerance_scope in page
    assert all(point in page for point in guide.review_points or ())
    assert "街道社会事务办、社区（村）" in page  # a step's actor
    assert "设定依据" in page and "《社会救助暂行办法》" in page
    assert 'href="../units/zhuangqiao.html#GF-330205-0881"' in page  # the street's own item
    assert "GF-330205-0801" not in page  # another street's item is not its business
    assert "ZN-ZC-05" in page and "ZN-FD-03" not in page  # 庄桥 has a 市场监管 window; 乡村建设 is 慈城镇's
    assert "收费依据：《国家发展改革委" not in page  # 不动产登记 is done in 慈城镇 only
    charged = (standard_site / "guides" / "cicheng.html").read_text(encoding="utf-8")
    assert "农村宅基地及房屋登记每件收取证书工本费10元（收费依据：《国家发展改革委" in charged


# --- hostile text, QR codes ------------------------------------------------------------------------------------

HOSTILE_GUIDE = f"""\
guides:
  - id: ZN-1
    name: 公共场所卫生许可
    category: 驻场街道(镇)办理事项
    items: [XK-330205-0201]
    streets: [wenjiao]
    applicants: [企业法人]
    conditions: [经营场所符合卫生标准]
    materials: [{{name: "{HOSTILE}", form: 原件, copies: 1}}]
    steps: [{{step: 受理}}]
    promised_limit: 即办
    handling: 即办件
    visits: 1
    fee: 不收费
    location: 文教街道便民服务中心
    hours: 工作日
    phone: "0574-87000001"
    online_url: "https://www.zjzwfw.gov.cn/?q=</svg><script>alert(2)</script>"
"""
HOSTILE_ITEMS = """\
unit: scjgj
items:
  - {code: XK-330205-0201, name: 公共场所卫生许可, type: 行政许可, legal_basis: [公共场所卫生管理条例]}
"""


def test_hostile_material_names_and_urls_stay_text(browser: Browser, tmp_path: Path) -> None:
    root = write_registry(tmp_path / "registry", {"guides/a.yaml": HOSTILE_GUIDE, "power/scjgj.yaml": HOSTILE_ITEMS})
    assert load_registry(root).problems == []
    dialogs: list[str] = []
    for edition in Edition:
        out = _site(root, tmp_path / edition.value, edition)
        html = (out / "guides" / "wenjiao.html").read_text(encoding="utf-8")
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((out / "guides" / "wenjiao.html").as_uri())
        cell = page.locator("table.materials td").first
        assert cell.text_content() == HOSTILE
        assert page.locator("script").count() == 0
        page.close()
    assert dialogs == []


def test_a_qr_code_is_drawn_for_https_only_and_holds_no_text() -> None:
    url = "https://www.zjzwfw.gov.cn/?a=<b>&c=d"
    svg = str(qr_svg(url))
    assert svg.startswith("<svg") and 'class="qr"' in svg and "<path" in svg
    assert "zjzwfw" not in svg and "<b>" not in svg  # the URL is in the modules, not in the markup
    assert str(qr_svg("http://www.zjzwfw.gov.cn/")) == ""


def test_a_plain_http_address_is_a_located_problem(tmp_path: Path) -> None:
    text = HOSTILE_GUIDE.replace('"https://www.zjzwfw.gov.cn/?q=</svg><script>alert(2)</script>"', "http://a.cn/")
    root = write_registry(tmp_path, {"guides/a.yaml": text, "power/scjgj.yaml": HOSTILE_ITEMS})
    assert {(p.file, p.line, p.column, p.check) for p in load_registry(root).problems} == {
        ("guides/a.yaml", 18, 17, "QD005")
    }


def _pages(pdf: Path) -> list[str]:
    found = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return found.stdout.decode("utf-8").split("\f")[:-1]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_bundled_registry_renders_both_editions_of_the_guides(tmp_path: Path) -> None:
    """A copy of the bundled registry, each street's booklet in both editions."""
    root = tmp_path / "registry"
    shutil.copytree(BUNDLED, root)
    registry = load_registry(root)
    for edition in Edition:
        out = _site(root, tmp_path / edition.value, edition)
        booklets = sorted(path.stem for path in (out / "guides").glob("*.html"))
        streets = ("waitan", "kongpu", "wenjiao", "yongjiang", "zhuangqiao", "hongtang", "qianjiang", "cicheng")
        assert booklets == sorted(streets)
        cards = (out / "guides" / "waitan.html").read_text(encoding="utf-8").count('class="guide-card"')
        assert cards == (18 if edition is Edition.SIMPLE else 0)
    assert len(registry.of(GUIDES)) == 28


# --- the adjustment report ------------------------------------------------------------------------------------

MATTER = """\
matters:
  - {id: NB-1, name: 社区印章刻制审核, applicant: 社区(村), handler: wenjiao, mode: 直接办理, outcome: 备案, online: 是}
"""


def test_the_adjustment_report_counts_guides_and_internal_matters(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    root = write_registry(repo / "registry", {"guides/a.yaml": HOSTILE_GUIDE, "power/scjgj.yaml": HOSTILE_ITEMS})
    commit_all(repo, "初版", "2019-06-01T10:00:00+08:00")
    adjusted = "visits: 0\n    adjustment: {type: 变更, document: 江北编〔2020〕28号}"
    changed = HOSTILE_GUIDE.replace("visits: 1", adjusted)
    (root / "guides" / "a.yaml").write_text(changed, encoding="utf-8")
    (root / "internal-matters").mkdir()
    (root / "internal-matters" / "a.yaml").write_text(MATTER, encoding="utf-8")
    commit_all(repo, "调整", "2020-06-01T10:00:00+08:00")
    result = CliRunner().invoke(app, ["--registry", str(root), "diff", "--year", "2020", "--format", "html"])
    assert result.exit_code == 0, result.output
    html = result.output
    assert '<h1 class="report-title" data-title="宁波市江北区 2020 年度清单调整情况">' in html
    rows = {" ".join(row.split()) for row in _text_rows(html)}
    assert "办事指南 1 1" in rows and "基层内部办事事项 1 1" in rows
    assert "江北编〔2020〕28号" in html


def _text_rows(html: str) -> list[str]:
    body = html.split('<table class="summary-matrix">', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", " ", row) for row in body.split("<tr>")[1:]]
