"""The law library's parts (SPEC §4.17): numerals, article references, quotations, a file's header and articles,
on hand-made texts and on real LawRefBook texts; and any bytes become flaws, never exceptions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan.laws.document import read_articles, read_header
from qingdan.laws.numerals import chinese, parse_number
from qingdan.laws.quotes import comparable, fragments, quoted_in
from qingdan.laws.references import Target, parse_reference
from qingdan.laws.terms import LawStatus, name_key

BUNDLED_LAWS = Path(__file__).resolve().parent.parent / "registry" / "laws"


@pytest.mark.parametrize("number", [1, 10, 14, 20, 99, 100, 105, 110, 119, 1000, 1001, 1010, 1260])
def test_numerals_round_trip(number: int) -> None:
    assert parse_number(chinese(number)) == number


@pytest.mark.parametrize("text", ["零", "", "一二", "十十", "十四条", "0", "abc"])
def test_numerals_refuse_what_is_no_number(text: str) -> None:
    assert parse_number(text) is None


def test_references() -> None:
    assert parse_reference("第十四条至第十七条") == tuple(Target((n, 0)) for n in range(14, 18))
    assert parse_reference("第十、十一条") == (Target((10, 0)), Target((11, 0)))
    assert parse_reference("第三十五条之一第二款") == (Target((35, 1), 2),)
    assert parse_reference("第十条第一款第（一）至（三）项") == tuple(Target((10, 0), 1, item) for item in (1, 2, 3))
    assert parse_reference("第 十 条　第二款") == (Target((10, 0), 2),)  # spaces, full-width too
    for unreadable in ("第十四条第", "第（一）款", "第零条", "第十七条至第十四条", "第三十五条规定", "、第一条"):
        assert parse_reference(unreadable) is None, unreadable


def test_names_as_compared() -> None:
    assert name_key("《中华人民共和国 食品安全法》") == name_key("食品安全法") == "食品安全法"
    assert name_key("浙江省实施〈中华人民共和国老年人权益保障法〉办法") == name_key(
        "浙江省实施<中华人民共和国老年人权益保障法>办法"
    )


def test_quotations() -> None:
    article = comparable(
        "违反本条例第十六条第一款规定，个人未分类投放生活垃圾的，由市容环境卫生主管部门责令改正；拒不改正的，处二十元以上二百元以下罚款。"
    )
    assert fragments("……个人未分类投放生活垃圾的…拒不改正的,处二十元以上二百元以下罚款。") == (
        "个人未分类投放生活垃圾的",
        "拒不改正的。处二十元以上二百元以下罚款。",
    )
    assert quoted_in(fragments("……个人未分类投放生活垃圾的……拒不改正的，处二十元以上二百元以下罚款。"), article)
    assert quoted_in(fragments("个人未分类投放生活垃圾的⋯⋯处二十元以上 二百元以下罚款"), article)
    assert not quoted_in(fragments("个人未分类投放生活垃圾的，处二十元以上二百元以下罚款"), article)  # no ellipsis
    assert not quoted_in(fragments("拒不改正的……个人未分类投放生活垃圾的"), article)  # not in order


def test_a_real_header_and_its_articles() -> None:
    raw = (BUNDLED_LAWS / "法律" / "土地管理法(2019-08-26).md").read_bytes()
    header = read_header(raw, "土地管理法(2019-08-26).md")
    assert header.title == "中华人民共和国土地管理法" and header.version_date == date(2019, 8, 26)
    assert header.flaws == () and header.articles == 87
    assert [when.year for when, _ in header.history] == [1986, 1988, 1998, 2004, 2019]
    articles = read_articles(raw)
    assert [article.number for article in articles.articles] == list(range(1, 88))
    land_use = articles.by_number[(62, 0)]
    assert len(land_use.clauses) == 7 and land_use.label == "第六十二条"


def test_version_dates_and_front_matter() -> None:
    front = "---\naliases: 旧名称法\nrepealed: 2021-01-01\nsource: elsewhere\n---\n"
    text = front + "# 某法\n\n2019年1月1日 通过\n\n2020年1月1日 施行\n\n<!-- INFO END -->\n"
    header = read_header(text.encode(), "某法.md")
    assert header.version_date == date(2019, 1, 1)  # the 施行 line is not a version
    assert header.front.aliases == ("旧名称法",) and header.front.effective_status is LawStatus.REPEALED
    named = read_header("# 某法\n\n第一条 内容。\n".encode(), "某法(2018-05-01).md")
    assert named.version_date == date(2018, 5, 1) and named.flaws == ()  # no history: the file name's date


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda text: ("---\n" + text).encode()))
def test_any_bytes_are_read_without_an_exception(raw: bytes) -> None:
    header = read_header(raw, "any.md")
    assert all(flaw.line >= 1 and flaw.column >= 1 for flaw in header.flaws)
    read_articles(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第一二三十百零条款项之（）()、,至 1", max_size=30))
def test_any_reference_reads_or_is_refused(text: str) -> None:
    found = parse_reference(text)
    assert found is None or all(target.article[0] > 0 for target in found)
