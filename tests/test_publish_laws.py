"""法律依据 (SPEC §7): in the 标准版 each citation the library resolves links to a page per law with the full current
text of the cited articles (anchored) and the records citing them; uncited articles are not published; the
简易版 has neither pages nor links. A real Chromium follows a link to its article."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from qingdan.citations import citations
from qingdan.loader.load import load_registry
from qingdan.publish import Edition, render_site

BUNDLED = Path(__file__).parent.parent / "registry"
DAY = date(2021, 12, 31)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    registry = load_registry(BUNDLED)
    standard, simple = tmp_path_factory.mktemp("standard"), tmp_path_factory.mktemp("simple")
    render_site(registry, standard, edition=Edition.STANDARD, published=DAY)
    render_site(registry, simple, edition=Edition.SIMPLE, published=DAY)
    return standard, simple


def _food_safety_page(standard: Path) -> Path:
    heading = "<h1>中华人民共和国食品安全法</h1>"
    (page,) = [path for path in (standard / "laws").glob("*.html") if heading in _read(path)]
    return page


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_citation_opens_its_article(sites: tuple[Path, Path]) -> None:
    standard, _ = sites
    page = _food_safety_page(standard)
    unit = _read(standard / "units" / "scjgj.html")
    assert f'<a class="law" href="../laws/{page.name}#a35"><cite>《中华人民共和国食品安全法》</cite>' in unit
    text = _read(page)
    assert '<article class="law-article" id="a35">' in text
    assert "但是，销售食用农产品和仅销售预包装食品的，不需要取得许可。" in text  # the current text, in full
    assert "审核申请人提交的本法第三十三条第一款第一项至第四项规定要求的相关资料" in text  # its second 款 too
    link = '<a href="../units/scjgj.html#XK-330205-0101"><span class="code">XK-330205-0101</span> 食品经营许可</a>'
    assert link in text
    assert "现行版本：2021年4月29日" in text
    assert 'id="a1"' not in text  # 第一条: nobody cites it
    assert "为了保证食品安全，保障公众身体健康和生命安全" not in text


def test_every_cited_article_is_published_and_no_other(sites: tuple[Path, Path]) -> None:
    standard, _ = sites
    cited: dict[str, set[str]] = {}
    for citation in citations(load_registry(BUNDLED)):
        law = citation.resolution.law
        if law is not None:
            cited.setdefault(law.title, set()).update(article.anchor for article in citation.resolution.articles)
    pages = {re.search(r"<h1>(.*?)</h1>", _read(path))[1]: _read(path) for path in (standard / "laws").glob("*.html")}
    assert set(pages) == set(cited)
    for title, anchors in cited.items():
        assert set(re.findall(r'class="law-article" id="(a[\d-]+)"', pages[title])) == anchors, title


def test_the_simple_edition_has_no_law_page_nor_link(sites: tuple[Path, Path]) -> None:
    _, simple = sites
    assert not (simple / "laws").exists()
    for path in simple.rglob("*.html"):
        assert 'class="law"' not in _read(path), path


def test_chromium_follows_a_citation_to_its_article(sites: tuple[Path, Path]) -> None:
    standard, _ = sites
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        page.goto((standard / "units" / "yjglj.html").as_uri())
        page.click('a.law[href*="#a70"]')
        page.wait_for_load_state()
        assert page.url.endswith("#a70")
        article = page.locator("#a70")
        assert "强制生产经营单位履行决定" in article.inner_text()
        box = article.bounding_box()
        assert box is not None and 0 <= box["y"] < 700  # scrolled to the article
        browser.close()
