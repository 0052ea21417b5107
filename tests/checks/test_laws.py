"""QD121–QD127: legal bases against the law library (SPEC §4.17), on small hand-made libraries and on the real
LawRefBook texts of the bundled registry (registry/laws/). Positions are 1-based (line, column) of the offending
key or value in the record's file, or in the law file for QD127."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import SETTINGS, found_in, write_registry
from qingdan.cli import app
from qingdan.messages import message
from qingdan.problems import Severity
from qingdan.validation.validate import validate

BUNDLED_LAWS = Path(__file__).resolve().parents[2] / "registry" / "laws"
POWER = "power/scjgj.yaml"
LAW = "laws/法律/食品安全法(2021-04-29).md"
# A law in LawRefBook's layout: title, history up to the marker, a chapter heading, articles, 款 and 项.
TEXT = """\
# 中华人民共和国食品安全法

2009年2月28日 第十一届全国人民代表大会常务委员会第七次会议通过

2021年4月29日 第十三届全国人民代表大会常务委员会第二十八次会议第二次修正

2021年6月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了保证食品安全，保障公众身体健康和生命安全，制定本法。

第三十五条 国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。

县级以上地方人民政府食品安全监督管理部门应当审核申请人提交的相关资料：

（一）营业执照；

（二）场所证明。

第三十五条之一 仅销售预包装食品的，应当备案。
"""


def items(*bases: str, kind: str = "行政许可", extra: str = "") -> str:
    """scjgj's power file with one main item citing `bases` (YAML flow entries, one a line)."""
    lines = "".join(f"      - {basis}\n" for basis in bases)
    return (
        "unit: scjgj\nitems:\n  - code: XK-330205-0001\n    name: 食品经营许可\n"
        f"    type: {kind}\n    legal_basis:\n{lines}{extra}"
    )


def registry(tmp_path: Path, power: str, **laws: str | bytes) -> Path:
    """A registry with scjgj's items and a law library (`laws` by path under laws/, default: TEXT)."""
    files: dict[str, str | bytes] = {POWER: power}
    files.update({f"laws/{path}": text for path, text in (laws or {LAW[5:]: TEXT}).items()})
    return write_registry(tmp_path, files)


def messages(root: Path, check: str) -> list[str]:
    return [message(problem, "zh") for problem in validate(root).problems if problem.check == check]


def test_a_citation_the_library_confirms_passes(tmp_path: Path) -> None:
    power = items(
        "{law: 中华人民共和国食品安全法, article: 第三十五条第一款, text: 从事食品生产……应当依法取得许可。}",
        "《食品安全法》第三十五条第二款第（一）、（二）项：（一）营业执照；",
        "{law: <中华人民共和国 食品安全法>, article: 第三十五条之一, text: '仅销售预包装食品的,应当备案.'}",
    )
    assert found_in(registry(tmp_path, power), "QD12") == set()


def test_without_a_library_nothing_is_checked(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {POWER: items("{law: 不存在的法, article: 第零条, text: 无}")})
    assert found_in(root, "QD12") == set()


def test_qd121_unknown_law_with_the_closest_name(tmp_path: Path) -> None:
    power = items("{law: 中华人民共和国食品安全条例, article: 第一条}", "《完全不同的名称》")
    root = registry(tmp_path, power)
    assert found_in(root, "QD121") == {(POWER, 7, 15, "QD121"), (POWER, 8, 9, "QD121")}
    assert messages(root, "QD121")[0].endswith("是否指《中华人民共和国食品安全法》？")


def test_qd121_aliases_and_the_index_resolve(tmp_path: Path) -> None:
    aliased = "---\naliases: [食品卫生法]\nsource: LawRefBook\n---\n" + TEXT
    index = "名称,效力位阶,发布日期,文号,状态\n关于做好食品安全工作的通知,规范性文件,2020-01-02,甬政办发〔2020〕1号,\n"
    power = items("《食品卫生法》第一条", "《关于做好食品安全工作的通知》")
    root = registry(tmp_path, power, **{LAW[5:]: aliased, "index.csv": index})
    assert found_in(root, "QD") == set()


def test_qd122_repealed_law_is_an_error_and_a_pending_one_a_warning(tmp_path: Path) -> None:
    repealed = "---\nstatus: 已废止\nreplaced_by: 中华人民共和国民法典\n---\n" + TEXT.replace("食品安全法", "合同法")
    pending = "---\nstatus: 尚未生效\n---\n" + TEXT.replace("食品安全法", "食品安全新法")
    laws = {"法律/合同法(2021-04-29).md": repealed, "法律/食品安全新法(2021-04-29).md": pending}
    root = registry(tmp_path, items("《中华人民共和国合同法》第一条", "《食品安全新法》"), **laws)
    problems = {(p.line, p.severity) for p in validate(root).problems if p.check == "QD122"}
    assert problems == {(7, Severity.ERROR), (8, Severity.WARNING)}
    assert "已由《中华人民共和国民法典》取代" in messages(root, "QD122")[0]


def test_qd122_not_for_cancelled_records(tmp_path: Path) -> None:
    repealed = "---\nrepealed: 2021-01-01\n---\n" + TEXT
    cancelled = "    status: 已取消\n    adjustment: {type: 取消, date: 2021-02-01}\n"
    root = registry(tmp_path, items("《食品安全法》第一条", extra=cancelled), **{LAW[5:]: repealed})
    assert found_in(root, "QD12") == set()


@pytest.mark.parametrize(
    "article", ["第三十六条", "第三十五条第三款", "第三十五条第二款第（三）项", "第一条第（一）项"]
)
def test_qd123_a_part_the_current_version_lacks(tmp_path: Path, article: str) -> None:
    root = registry(tmp_path, items(f"{{law: 食品安全法, article: {article}}}"))
    assert found_in(root, "QD12") == {(POWER, 7, 31, "QD123")}
    assert f"中没有{article}" in messages(root, "QD123")[0]


@pytest.mark.parametrize("article", ["第十四条第", "第（一）款", "第零条", "第三十五条规定", "三十五"])
def test_qd123_a_reference_that_cannot_be_read(tmp_path: Path, article: str) -> None:
    root = registry(tmp_path, items(f"{{law: 食品安全法, article: {article}}}"))
    assert found_in(root, "QD12") == {(POWER, 7, 31, "QD123")}
    assert validate(root).problems[0].message_key == "QD123.unreadable"


def test_qd123_names_the_older_version_that_has_the_article(tmp_path: Path) -> None:
    older = TEXT.replace("2021年4月29日", "2015年4月24日").replace("第一条 ", "第一条 \n\n第二条 旧条文。\n\n第三条 ")
    laws = {LAW[5:]: TEXT, "法律/食品安全法(2015-04-24).md": older.replace("2021年6月1日 施行\n", "")}
    root = registry(tmp_path, items("{law: 食品安全法, article: 第二条}"), **laws)
    assert found_in(root, "QD12") == {(POWER, 7, 31, "QD123")}
    assert "（2015-04-24 版本中有" in messages(root, "QD123")[0]


def test_qd124_on_the_real_food_safety_law(tmp_path: Path) -> None:
    """The bundled registry's quotation of 食品安全法 第三十五条 before the 2021 amendment, against both real texts."""
    quoted = (
        "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。"
        "但是，销售食用农产品，不需要取得许可。"
    )
    power = items(f"{{law: 中华人民共和国食品安全法, article: 第三十五条第一款, text: {quoted}}}")
    laws = {
        f"法律/{name}": (BUNDLED_LAWS / "法律" / name).read_bytes()
        for name in ("食品安全法(2015-04-24).md", "食品安全法(2021-04-29).md")
    }
    root = registry(tmp_path, power, **laws)
    assert found_in(root, "QD12") == {(POWER, 7, 54, "QD124")}
    said = messages(root, "QD124")[0]
    assert "现行版本（2021-04-29）不一致，与 2015-04-24 版本一致" in said
    assert "销售食用农产品和仅" in said and said.endswith("……")


def test_qd124_a_sentence_left_out_without_an_ellipsis(tmp_path: Path) -> None:
    quoted = "国家对食品生产经营实行许可制度。应当依法取得许可。"
    root = registry(tmp_path, items(f"{{law: 食品安全法, article: 第三十五条, text: {quoted}}}"))
    assert found_in(root, "QD12") == {(POWER, 7, 44, "QD124")}
    said = messages(root, "QD124")[0]
    assert said.startswith("引文与《中华人民共和国食品安全法》第三十五条现行版本（2021-04-29）不一致；")


def test_qd124_fragments_must_come_in_order(tmp_path: Path) -> None:
    quoted = "应当依法取得许可……国家对食品生产经营实行许可制度"
    root = registry(tmp_path, items(f"{{law: 食品安全法, article: 第三十五条, text: {quoted}}}"))
    assert found_in(root, "QD12") == {(POWER, 7, 44, "QD124")}


def test_qd125_setting_power_by_level(tmp_path: Path) -> None:
    rule = TEXT.replace("中华人民共和国食品安全法", "食品经营许可管理办法")
    index = "名称,效力位阶\n关于加强摊贩管理的通知,规范性文件\n"
    laws = {LAW[5:]: TEXT, "部门规章/食品经营许可管理办法(2021-04-29).md": rule, "index.csv": index}
    licence = items("《食品经营许可管理办法》第一条")  # a 部门规章 cannot create a 行政许可
    penalty = items("《关于加强摊贩管理的通知》", kind="行政处罚").replace("XK-", "CF-")
    coercion = items("《食品经营许可管理办法》第一条", kind="行政强制").replace("XK-", "QZ-")
    lawful = items("《食品安全法》第一条", "《食品经营许可管理办法》第一条").replace("XK-330205-0001", "XK-330205-0002")
    sub = "  - {code: XK-330205-0001-01, name: 子项, type: 行政许可, parent: XK-330205-0001}\n"
    power = licence + sub + "\n".join(part.split("items:\n", 1)[1] for part in (penalty, coercion, lawful))
    root = registry(tmp_path, power, **laws)
    assert found_in(root, "QD125") == {(POWER, 7, 7, "QD125"), (POWER, 13, 7, "QD125"), (POWER, 19, 7, "QD125")}
    said = messages(root, "QD125")
    provision = "（《中华人民共和国行政许可法》第十四条至第十七条）"
    assert f"行政许可事项的设定依据均为部门规章，无权设定行政许可{provision}" in said
    assert any("均为规范性文件，无权设定行政处罚" in line for line in said)


def test_qd125_not_judged_while_a_level_is_unknown(tmp_path: Path) -> None:
    rule = TEXT.replace("中华人民共和国食品安全法", "食品经营许可管理办法")
    laws = {"部门规章/食品经营许可管理办法(2021-04-29).md": rule}
    root = registry(tmp_path, items("《食品经营许可管理办法》第一条", "《某个不在库中的文件》"), **laws)
    assert found_in(root, "QD125") == set()


def test_qd126_a_version_after_the_review(tmp_path: Path) -> None:
    adjusted = "    adjustment: {type: 变更, date: 2020-05-01}\n"
    power = items(
        "{law: 食品安全法, article: 第一条, checked: 2020-03-01}",
        "{law: 食品安全法, article: 第一条, checked: 2021-05-01}",
        "《食品安全法》第一条",
        extra=adjusted,
    )
    root = registry(tmp_path, power)
    assert found_in(root, "QD126") == {(POWER, 7, 45, "QD126"), (POWER, 9, 9, "QD126")}
    assert {p.message_key for p in validate(root).problems if p.check == "QD126"} == {"QD126", "QD126.adjusted"}


def test_qd126_not_judged_without_a_date(tmp_path: Path) -> None:
    assert found_in(registry(tmp_path, items("《食品安全法》第一条")), "QD126") == set()


GB18030 = "# 中华人民共和国食品安全法\n".encode("gb18030")


@pytest.mark.parametrize(
    ("path", "text", "position", "variant"),
    [
        ("法律/无题(2021-01-01).md", "2021年1月1日 通过\n\n第一条 内容。\n", (1, 1), "title"),
        ("法律/乱码(2021-01-01).md", "# 乱码法\n".encode() + b"\xff\xfe\n", (2, 1), "encoding"),
        ("法律/国标(2021-01-01).md", GB18030, (1, 3), "encoding"),
        ("法律/列表(2021-01-01).md", "---\n- status\n- 已废止\n---\n# 列表法\n", (2, 1), "front_matter"),
        ("法律/状态(2021-01-01).md", "---\nstatus: 作废\n---\n# 状态法\n", (2, 1), "front_matter_value"),
        ("法律/零条(2021-01-01).md", "# 零条法\n\n第零条 内容。\n\n第一条 内容。\n", (3, 1), "numbering"),
        ("法律/倒序(2021-01-01).md", "# 倒序法\n\n第二条 内容。\n\n第一条 内容。\n", (5, 1), "numbering"),
        ("法律/无日期.md", "# 无日期法\n\n第一条 内容。\n", (1, 1), "date"),
        ("无位阶法(2021-01-01).md", "# 无位阶法\n", (1, 1), "level"),
        ("法律/食品安全法(副本).md", TEXT, (1, 1), "duplicate"),
    ],
)
def test_qd127_library_files(
    tmp_path: Path, path: str, text: str | bytes, position: tuple[int, int], variant: str
) -> None:
    root = registry(tmp_path, items("《食品安全法》第一条"), **{LAW[5:]: TEXT, path: text})
    problems = [p for p in validate(root).problems if p.check == "QD127"]
    assert [(p.file, p.line, p.column, p.message_key) for p in problems] == [
        (f"laws/{path}", *position, f"QD127.{variant}")
    ]
    assert all(p.severity is Severity.WARNING for p in problems)


def test_qd127_a_link_out_of_the_registry_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(TEXT, encoding="utf-8")
    root = registry(tmp_path / "registry", items("《食品安全法》第一条"))
    (root / "laws" / "法律" / "链接(2021-01-01).md").symlink_to(outside)
    problems = [(p.file, p.message_key) for p in validate(root).problems if p.check == "QD127"]
    assert problems == [("laws/法律/链接(2021-01-01).md", "QD127.unreadable")]


def test_qd127_a_linked_library_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "法律").mkdir(parents=True)
    (elsewhere / "法律" / "食品安全法(2021-04-29).md").write_text(TEXT, encoding="utf-8")
    root = write_registry(tmp_path / "registry", {POWER: items("《食品安全法》第一条")})
    (root / "laws").symlink_to(elsewhere)
    # Not read: the library is empty, so the citation names no law it knows.
    assert found_in(root, "QD12") == {("laws", 1, 1, "QD127"), (POWER, 7, 9, "QD121")}


@pytest.mark.parametrize("folder", ["../laws", "/etc", "missing"])
def test_a_library_path_qingdan_yaml_cannot_use_is_a_usage_error(tmp_path: Path, folder: str) -> None:
    root = registry(tmp_path, items("《食品安全法》第一条"))
    (root / "qingdan.yaml").write_text(SETTINGS + f"laws: {folder}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--registry", str(root), "validate"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "qingdan.yaml:3:7: QD007" in result.stderr


def test_a_library_elsewhere_in_the_registry(tmp_path: Path) -> None:
    root = registry(tmp_path, items("{law: 食品安全法, article: 第九十条}"))
    shutil.move(root / "laws", root / "shared-laws")
    (root / "qingdan.yaml").write_text(SETTINGS + "laws: shared-laws\n", encoding="utf-8")
    assert found_in(root, "QD12") == {(POWER, 7, 31, "QD123")}


def test_index_rows_are_located_problems(tmp_path: Path) -> None:
    index = "名称,效力位阶,状态\n某通知,通知,\n某决定,国务院决定,作废\n"
    root = registry(tmp_path, items("《食品安全法》第一条"), **{LAW[5:]: TEXT, "index.csv": index})
    assert found_in(root, "QD00") == {("laws/index.csv", 2, 5, "QD005"), ("laws/index.csv", 3, 11, "QD005")}


def test_the_cache_gives_the_cold_answer(tmp_path: Path) -> None:
    """A second run reads headers and articles from the parse cache; a changed law text is read again."""
    root = registry(tmp_path, items("{law: 食品安全法, article: 第三十五条, text: 国家对食品生产经营实行许可制度}"))
    runner = CliRunner()
    first = runner.invoke(app, ["--registry", str(root), "validate", "--format", "json"])
    again = runner.invoke(app, ["--registry", str(root), "validate", "--format", "json"])
    assert first.exit_code == again.exit_code == 0 and first.stdout == again.stdout
    law = root / LAW
    law.write_text(TEXT.replace("实行许可制度", "实行登记制度"), encoding="utf-8")
    changed = runner.invoke(app, ["--registry", str(root), "validate", "--format", "json"])
    assert '"check": "QD124"' in changed.stdout
