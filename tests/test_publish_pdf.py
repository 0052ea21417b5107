"""The PDF, read back with poppler (pdftotext, pdffonts): Chinese text that can be extracted, CJK fonts
embedded, a contents page listing every unit with the right page numbers, page numbers and running headers;
hostile names printed literally; a character the fonts lack is an error naming the record; WeasyPrint reads
nothing but the fonts. Also the adjustment report's PDF."""

from __future__ import annotations

import re
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers import commit_all, init_repo, write_registry
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models.kinds import POWER, UNITS
from qingdan.publish import Edition, MissingGlyphError, PublishError, render_pdf
from qingdan.publish.fonts import coverage, find_faces
from qingdan.publish.weasy import FontsOnlyFetcher, RefusedURL

BUNDLED = Path(__file__).parent.parent / "registry"
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}</td>"
DAY = date(2020, 12, 31)


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output
    return result


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"], capture_output=True, encoding="utf-8", check=True
    ).stdout


def pages_of(pdf: Path) -> list[str]:
    """Each page's text (pdftotext ends every page with a form feed)."""
    return pdftotext(pdf).split("\f")[:-1]


def squeezed(text: str) -> str:
    """Without white space: lines wrap anywhere in Chinese text."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def bundled_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    registry = load_registry(BUNDLED)
    out = tmp_path_factory.mktemp("pdf") / "清单.pdf"
    started = time.perf_counter()
    render_pdf(registry, out, published=DAY)
    return out, time.perf_counter() - started


def test_chinese_text_is_extractable(bundled_pdf: tuple[Path, float]) -> None:
    lines = pdftotext(bundled_pdf[0])
    text = squeezed(lines)
    registry = load_registry(BUNDLED)
    assert all(squeezed(item.name) in text for item in registry.of(POWER) if item.active)
    headings = set(re.findall(r"^([A-Z]{2}-\d{6}-[\d-]+)$", lines, re.MULTILINE))  # an item's code opens its entry
    assert headings == {item.code for item in registry.of(POWER) if item.active}  # cancelled ones only in reasons
    assert "《中华人民共和国民办教育促进法》" in text


def test_cjk_fonts_are_embedded(bundled_pdf: tuple[Path, float]) -> None:
    listing = subprocess.run(["pdffonts", str(bundled_pdf[0])], capture_output=True, encoding="utf-8", check=True)
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    cjk = [row for row in rows if "CJK" in row[0]]
    assert {row[0].split("+", 1)[1] for row in cjk} >= {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}
    assert all(row[-5] == "yes" for row in cjk)  # emb
    assert all("CJK" in row[0] for row in rows)  # nothing fell back to another font


def test_cover_then_contents_listing_every_unit_with_its_page(bundled_pdf: tuple[Path, float]) -> None:
    pages = pages_of(bundled_pdf[0])
    cover = squeezed(pages[0])
    assert "宁波市江北区" in cover and "权责清单" in cover and "标准版" in cover and "2020年12月31日" in cover
    assert "工作区" in cover  # the revision: the working tree here
    contents = [page for page in pages if "目录" in squeezed(page)]
    assert contents and pages.index(contents[0]) == 1
    listed = squeezed("".join(contents))
    units = [unit for unit in load_registry(BUNDLED).of(UNITS) if unit.active]
    for unit in units:
        match = re.search(re.escape(unit.name) + r"（\d+项）\.*(\d+)", listed)
        assert match, unit.name
        number = int(match[1])
        assert squeezed(pages[number - 1]).find(unit.name) >= 0, (unit.name, number)  # the page it points to


def test_page_numbers_and_running_headers(bundled_pdf: tuple[Path, float]) -> None:
    pages = pages_of(bundled_pdf[0])
    assert "—1—" not in squeezed(pages[0])  # the cover has none
    for number in (3, 10, len(pages)):
        page = pages[number - 1]
        assert f"—{number}—" in squeezed(page)
        assert "宁波市江北区权责清单（标准版）" in squeezed(page)
    assert "区教育局" in squeezed(pages[next(i for i, page in enumerate(pages) if "教师资格认定" in page)])


def test_simple_edition_leaves_the_details_out(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "simple.pdf"
    render_pdf(load_registry(sample), out, edition=Edition.SIMPLE, published=DAY)
    text = squeezed(pdftotext(out))
    assert "简易版" in text and "教师资格认定（小学，补发证书）" in text and "XK-330205-0101-02-01" in text
    assert "设定依据" not in text and "教师法" not in text and "受理责任" not in text


def test_hostile_names_print_literally(tmp_path: Path) -> None:
    power = f'unit: scjgj\nitems:\n  - {{code: XK-330205-0001, name: "{HOSTILE}", type: 行政许可, legal_basis: [法]}}\n'
    registry = write_registry(tmp_path / "registry", {"power/scjgj.yaml": power})
    out = tmp_path / "hostile.pdf"
    render_pdf(load_registry(registry), out, published=DAY)
    assert HOSTILE in pdftotext(out).splitlines()


def test_a_missing_glyph_is_an_error_naming_the_record(tmp_path: Path) -> None:
    power = "unit: scjgj\nitems:\n  - {code: XK-330205-0001, name: 食品经营许可, type: 行政许可, legal_basis: [法]}\n"
    power += '  - {code: XK-330205-0002, name: "\ue000食品生产许可", type: 行政许可, legal_basis: [法]}\n'
    registry = write_registry(tmp_path / "registry", {"power/scjgj.yaml": power})
    out = tmp_path / "boxes.pdf"
    with pytest.raises(MissingGlyphError) as raised:
        render_pdf(load_registry(registry), out)
    assert "XK-330205-0002" in str(raised.value) and "事项名称" in str(raised.value) and "U+E000" in str(raised.value)
    assert "XK-330205-0001" not in str(raised.value)
    assert not out.exists()
    result = run("--registry", str(registry), "render", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 2 and "XK-330205-0002" in result.output
    result = run("--lang", "en", "--registry", str(registry), "render", "--format", "pdf", "--out", str(out))
    assert "field name: character U+E000" in result.output


def test_the_glyph_check_reads_the_characters_fonttools_reads() -> None:
    from fontTools.ttLib import TTFont

    for face in find_faces():
        with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
            assert coverage(face.path, face.index) == frozenset(font.getBestCmap()), face
    assert {ord("权"), ord("《"), ord("A")} <= coverage(face.path, face.index) and 0xE000 not in coverage(
        face.path, face.index
    )


def test_weasyprint_reads_only_the_fonts(tmp_path: Path) -> None:
    faces = find_faces()
    fetcher = FontsOnlyFetcher({face.path for face in faces})
    assert fetcher.fetch(faces[0].url).read(4) == b"ttcf"
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    for url in (secret.as_uri(), "http://example.invalid/x.css", "data:text/css,body{}", "file://host/etc/passwd"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_a_template_reaching_outside_stops_the_pdf(tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "registry", {})
    mine = tmp_path / "mine"
    mine.mkdir()
    reaching = '<html lang="zh-CN"><body><img src="file:///etc/hostname">权责</body></html>'
    (mine / "pdf.html").write_text(reaching, encoding="utf-8")
    with pytest.raises(PublishError) as raised:
        render_pdf(load_registry(registry), tmp_path / "out.pdf", templates=mine)
    assert raised.value.key == "publish.refused" and "/etc/hostname" in str(raised.value)
    assert not (tmp_path / "out.pdf").exists()


def test_pdf_command(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "清单.pdf"
    result = run("--registry", str(sample), "render", "--format", "pdf", "--edition", "simple", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert re.search(r"已生成 PDF（\d+ 页）：", result.output) and out.read_bytes().startswith(b"%PDF-")
    result = run("--registry", str(sample), "render", "--format", "pdf", "--out", str(tmp_path))
    assert result.exit_code == 2 and "文件夹" in result.output


def test_adjustment_report_pdf(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    item = "  - {{code: {code}, name: {name}, type: 行政许可, legal_basis: [《中华人民共和国行政许可法》第十二条]}}\n"
    power = "unit: scjgj\nitems:\n" + item.format(code="XK-330205-0001", name="食品经营许可")
    root = write_registry(repo / "registry", {"power/scjgj.yaml": power})
    commit_all(repo, "初版", "2019-06-01T10:00:00+08:00")
    power = power.replace("食品经营许可", "食品经营许可（含备案）") + item.format(
        code="XK-330205-0002", name="食品生产许可"
    )
    (root / "power" / "scjgj.yaml").write_text(power, encoding="utf-8")
    commit_all(repo, "调整", "2020-06-01T10:00:00+08:00")
    out = tmp_path / "报告.pdf"
    result = run("--registry", str(root), "diff", "--year", "2020", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = squeezed(pdftotext(out))
    assert "宁波市江北区2020年度清单调整情况" in text and "调整汇总" in text and "区级" in text
    assert re.search(r"比较版本：[0-9a-f]{10}\(2019-06-01\)→[0-9a-f]{10}\(2020-06-01\)", text)
    assert "食品生产许可" in text and "食品经营许可（含备案）" in text and "更名" in text and "新增" in text
    assert "—1—" in text
    result = run("--registry", str(root), "diff", "--year", "2020", "--format", "pdf")
    assert result.exit_code == 2 and "--out" in result.output
