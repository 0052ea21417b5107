"""Publications without a browser: what the pages hold, escaping, editions, template overrides and the
sandbox, revisions, and the adjustment report's HTML (SPEC §7)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from typer.testing import CliRunner, Result

from helpers import commit_all, init_repo, write_registry
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models.kinds import POWER
from qingdan.publish import Edition, PublishError, load_published, render_site
from qingdan.publish.search import script_json
from qingdan.publish.templating import PACKAGED, environment

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}</td>"
HOSTILE_POWER = f"""\
unit: scjgj
items:
  - code: XK-330205-0001
    name: "{HOSTILE}"
    type: 行政许可
    legal_basis: ["《中华人民共和国食品安全法》第三十五条：</script><!-- {{% raw %}}"]
    responsibilities: ["<b>受理</b>责任"]
"""
DAY = date(2020, 12, 31)


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output
    return result


def site(registry: Path, out: Path, edition: Edition = Edition.STANDARD, templates: Path | None = None) -> Path:
    render_site(load_registry(registry), out, edition=edition, templates=templates, published=DAY)
    return out


def page(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "hostile", {"power/scjgj.yaml": HOSTILE_POWER})


# --- what the site holds ------------------------------------------------------------------------------------


def test_every_active_unit_has_a_page_and_the_index_links_it(sample: Path, tmp_path: Path) -> None:
    out = site(sample, tmp_path / "site")
    units = {path.stem for path in (out / "units").glob("*.html")}
    assert units == {"jyj", "wjj", "mzj", "scjgj", "wenjiao", "wenjiao-sq1", "wenjiao-scjgs"}
    index = page(out, "index.html")
    assert all(f'href="units/{unit}.html"' in index for unit in units)
    for name in ("delegations.html", "community-tasks.html", "assessments.html", "search.html", "style.css"):
        assert (out / name).is_file()


def test_index_counts_by_level_type_and_unit(sample: Path, tmp_path: Path) -> None:
    text = re.sub(r"<[^>]+>", " ", page(site(sample, tmp_path / "site"), "index.html"))
    words = " ".join(text.split())
    assert "区级 4 8" in words  # 4 departments, 8 active items (jyj 5, wjj 1, mzj 1, scjgj 1; not the cancelled one)
    assert "行政许可 6" in words
    assert "区教育局 5" in words


def test_unit_page_shows_the_tree_with_legal_basis(sample: Path, tmp_path: Path) -> None:
    jyj = page(site(sample, tmp_path / "site"), "units/jyj.html")
    main, sub, grand = (
        jyj.index(f'id="{code}"') for code in ("XK-330205-0101", "XK-330205-0101-02", "XK-330205-0101-02-01")
    )
    assert main < sub < grand
    nested = jyj[main:]
    assert nested.index('class="children"') < nested.index('id="XK-330205-0101-01"')
    assert (
        "《中华人民共和国教师法》" in jyj and "第十三条第一款" in jyj and "县级以上地方人民政府教育行政部门认定" in jyj
    )
    assert "受理责任" in jyj
    assert "孙项" in jyj


def test_cancelled_items_are_never_published(sample: Path, tmp_path: Path) -> None:
    out = site(sample, tmp_path / "site")
    for path in out.rglob("*.html"):
        assert "JC-330205-0101" not in path.read_text(encoding="utf-8"), path


def test_a_revoked_unit_has_no_page_and_its_old_page_is_removed(sample: Path, tmp_path: Path) -> None:
    out = site(sample, tmp_path / "site")
    (out / "units" / "mine.html").write_text("<p>not written by qingdan</p>", encoding="utf-8")
    units = sample / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("    name: 示例社区", "    name: 示例社区\n    status: 已撤销"),
        encoding="utf-8",
    )
    site(sample, out)
    assert not (out / "units" / "wenjiao-sq1.html").exists()
    assert (out / "units" / "mine.html").exists()
    assert "示例社区" not in page(out, "index.html")


def test_simple_edition_shows_code_name_type_and_unit_only(sample: Path, tmp_path: Path) -> None:
    jyj = page(site(sample, tmp_path / "site", edition=Edition.SIMPLE), "units/jyj.html")
    assert "XK-330205-0101-02-01" in jyj and "教师资格认定（小学，补发证书）" in jyj and "行政许可" in jyj
    assert "区教育局" in jyj and "简易版" in jyj
    assert "教师法" not in jyj and "受理责任" not in jyj and "权力来源" not in jyj


def test_delegations_tasks_and_assessments_pages(sample: Path, tmp_path: Path) -> None:
    out = site(sample, tmp_path / "site")
    delegations = page(out, "delegations.html")
    assert all(label in delegations for label in ("人员", "经费", "培训", "业务指导"))
    tasks = page(out, "community-tasks.html")
    assert all(decision in tasks for decision in ("保留", "归并", "取消"))
    assessments = re.sub(r"<[^>]+>", " ", page(out, "assessments.html"))
    assert "区级部门" in assessments and "街道(镇)" in assessments and "社会" in assessments


def test_search_index_has_every_published_item_and_inherits_legal_basis(sample: Path, tmp_path: Path) -> None:
    index = _search_index(page(site(sample, tmp_path / "site"), "search.html"))
    codes = {row[0] for row in index["items"]}
    assert "JC-330205-0101" not in codes
    assert {"XK-330205-0101", "XK-330205-0101-02-01", "GF-330205-0401", "XK-330205-0201"} <= codes
    grand = next(row for row in index["items"] if row[0] == "XK-330205-0101-02-01")
    assert [index["bases"][number][0] for number in grand[4]] == ["《中华人民共和国教师法》第十三条第一款"]


# --- escaping -------------------------------------------------------------------------------------------------


def test_hostile_strings_are_escaped_in_every_page(hostile: Path, tmp_path: Path) -> None:
    out = site(hostile, tmp_path / "site")
    unit = page(out, "units/scjgj.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}&lt;/td&gt;" in unit
    assert "&lt;b&gt;受理&lt;/b&gt;责任" in unit
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>受理" not in text, path
        assert "49" not in re.sub(r"\d{4}年\d{1,2}月\d{1,2}日", "", text), path  # {{ 7*7 }} was never evaluated


def test_search_index_is_inert_inside_its_script_element(hostile: Path, tmp_path: Path) -> None:
    search = page(site(hostile, tmp_path / "site"), "search.html")
    embedded = search.split('<script type="application/json" id="search-index">', 1)[1].split("</script>", 1)[0]
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded)["items"][0][1] == HOSTILE


def test_script_json_escapes_what_could_end_a_script() -> None:
    value = {"text": "</script><!--\u2028\u2029 & 'q' \"d\" 中文"}
    made = str(script_json(value))
    assert not set("<>&\u2028\u2029") & set(made)
    assert "中文" in made  # not \\u-escaped: a 100,000-item index stays half the size
    assert json.loads(made) == value


# --- templates ------------------------------------------------------------------------------------------------


def test_packaged_templates_escape_and_user_templates_are_sandboxed(tmp_path: Path) -> None:
    packaged = environment()
    assert packaged.autoescape is True and not isinstance(packaged, SandboxedEnvironment)
    assert isinstance(environment(tmp_path), SandboxedEnvironment)
    names = {path.name for path in PACKAGED.iterdir()}
    assert {"base.html", "index.html", "unit.html", "search.html", "pdf.html", "report.html", "pdf.css"} <= names


def test_overriding_one_template_changes_only_its_page(sample: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "assessments.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        '<p id="custom">本区考核方案 {{ pub.of("assessments") | length }} 个</p>{% endblock %}',
        encoding="utf-8",
    )
    plain, custom = site(sample, tmp_path / "plain"), site(sample, tmp_path / "custom", templates=mine)
    changed = {
        path.relative_to(plain).as_posix()
        for path in plain.rglob("*")
        if path.is_file() and path.read_bytes() != (custom / path.relative_to(plain)).read_bytes()
    }
    assert changed == {"assessments.html"}
    assert '<p id="custom">本区考核方案 1 个</p>' in page(custom, "assessments.html")


def test_a_user_stylesheet_replaces_the_packaged_one(sample: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    assert page(site(sample, tmp_path / "site", templates=mine), "style.css") == "body { color: #123456; }\n"


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ pub.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.system('echo owned') }}",
    ],
)
def test_an_unsafe_user_template_is_stopped_by_the_sandbox(sample: Path, tmp_path: Path, template: str) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text(template, encoding="utf-8")
    with pytest.raises(PublishError) as raised:
        site(sample, tmp_path / "site", templates=mine)
    assert raised.value.key == "publish.security" and isinstance(raised.value.__cause__, SecurityError)
    result = run("--registry", str(sample), "render", "--out", str(tmp_path / "cli"), "--templates", str(mine))
    assert result.exit_code == 2
    assert "沙箱" in result.output and "index.html" in result.output


def test_a_broken_user_template_is_a_usage_error(sample: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "search.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ no_such_value }}{% endblock %}", encoding="utf-8"
    )
    result = run("--registry", str(sample), "render", "--out", str(tmp_path / "site"), "--templates", str(mine))
    assert result.exit_code == 2
    assert "search.html" in result.output and "no_such_value" in result.output
    (mine / "search.html").write_text("{% if %}", encoding="utf-8")
    result = run(
        "--lang", "en", "--registry", str(sample), "render", "--out", str(tmp_path / "site"), "--templates", str(mine)
    )
    assert result.exit_code == 2 and "error in template search.html:1" in result.output


# --- the command ----------------------------------------------------------------------------------------------


def test_render_command_writes_the_site_and_says_where(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("--registry", str(sample), "render", "--out", str(out))
    assert result.exit_code == 0, result.output
    # index, search, 12 kind pages, 7 unit pages, the guides and 谁来管 of 文教街道, a community's violations, and
    # 法律依据: a page for each of the 7 laws the sample's published records cite with their text in its library
    assert f"已生成 31 个页面：{out / 'index.html'}" in result.output
    assert (out / "index.html").is_file()


def test_render_refuses_a_registry_that_did_not_load_in_full(sample: Path, tmp_path: Path) -> None:
    (sample / "power" / "broken.yaml").write_text(
        "unit: scjgj\nitems:\n  - {code: XK-330205-0999, name: 缺类型}\n", encoding="utf-8"
    )
    result = run("--registry", str(sample), "render", "--out", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert "qingdan validate" in result.output
    assert not (tmp_path / "site").exists()


def test_render_into_a_file_is_a_usage_error(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("", encoding="utf-8")
    result = run("--registry", str(sample), "render", "--out", str(target))
    assert result.exit_code == 2 and "是文件" in result.output


def test_render_a_revision(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    power = "unit: scjgj\nitems:\n  - {code: XK-330205-0001, name: 食品经营许可, type: 行政许可, legal_basis: [法]}\n"
    root = write_registry(repo / "registry", {"power/scjgj.yaml": power})
    first = commit_all(repo, "初版", "2019-06-01T10:00:00+08:00")
    (root / "power" / "scjgj.yaml").write_text(power.replace("食品经营许可", "食品经营许可（更名）"), encoding="utf-8")
    registry, revision = load_published(root, "HEAD")
    assert revision.rev == first and revision.date == date(2019, 6, 1)
    assert registry.of(POWER)[0].name == "食品经营许可"
    out = tmp_path / "site"
    assert run("--registry", str(root), "render", "--rev", "HEAD", "--out", str(out)).exit_code == 0
    unit = page(out, "units/scjgj.html")
    assert "食品经营许可" in unit and "更名" not in unit and first[:10] in unit
    result = run("--registry", str(root), "render", "--rev", "--help", "--out", str(out))
    assert result.exit_code == 2


# --- the adjustment report ------------------------------------------------------------------------------------


@pytest.fixture
def history(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "repo")
    item = '  - {{code: {code}, name: "{name}", type: 行政许可, legal_basis: [《中华人民共和国行政许可法》第十二条]}}\n'
    root = write_registry(
        repo / "registry",
        {"power/scjgj.yaml": "unit: scjgj\nitems:\n" + item.format(code="XK-330205-0001", name="食品经营许可")},
    )
    commit_all(repo, "初版", "2019-06-01T10:00:00+08:00")
    renamed = item.format(code="XK-330205-0001", name=HOSTILE.replace('"', "")) + item.format(
        code="XK-330205-0002", name="食品生产许可"
    )
    (root / "power" / "scjgj.yaml").write_text("unit: scjgj\nitems:\n" + renamed, encoding="utf-8")
    commit_all(repo, "调整", "2020-06-01T10:00:00+08:00")
    return root


def test_diff_html_report_has_summary_and_every_change(history: Path, tmp_path: Path) -> None:
    result = run("--registry", str(history), "diff", "HEAD~1", "HEAD", "--format", "html")
    assert result.exit_code == 0, result.output
    html = result.output
    text = " ".join(re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1]).split())
    assert "宁波市江北区清单调整情况（2019年6月1日至2020年6月1日）" in text
    assert "调整汇总" in text and "区级" in text and "新增" in text and "更名" in text
    assert "食品生产许可" in text and "食品经营许可" in text  # the old name, beside the new one
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}&lt;/td&gt;" in html and "<script>" not in html
    assert "<link" not in html and "src=" not in html  # one self-contained file
    out = tmp_path / "report.html"
    assert (
        run("--registry", str(history), "diff", "HEAD~1", "HEAD", "--format", "html", "--out", str(out)).exit_code == 0
    )
    assert out.read_text(encoding="utf-8") == html


def test_diff_html_report_speaks_english_when_asked(history: Path) -> None:
    result = run("--lang", "en", "--registry", str(history), "diff", "HEAD~1", "HEAD", "--format", "html")
    assert result.exit_code == 0
    assert "宁波市江北区: adjustments of the lists from 2019-06-01 to 2020-06-01" in result.output
    assert "Summary" in result.output and "versions compared: " in result.output


def _search_index(search_page: str) -> dict[str, list[list[object]]]:
    embedded = search_page.split('<script type="application/json" id="search-index">', 1)[1].split("</script>", 1)[0]
    loaded: dict[str, list[list[object]]] = json.loads(embedded)
    return loaded
