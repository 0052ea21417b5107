"""QD807: one indicator set per institution type and year, each indicator id once."""

from __future__ import annotations

from pathlib import Path

from welfare_registry import SET, SETS, welfare


def test_qd807_passes_sets_of_different_types_or_years(tmp_path: Path) -> None:
    other_year = SET.split("\n", 1)[1].replace("ZB-2019-YW", "ZB-2020-YW").replace("year: 2019", "year: 2020")
    other_type = SET.split("\n", 1)[1].replace("ZB-2019-YW", "ZB-2019-XQ").replace("type: 义务教育", "type: 学前教育")
    assert welfare(tmp_path, indicator_set=SET + other_year + other_type, prefix="QD807") == set()


def test_qd807_fails_on_a_second_set_for_one_type_and_year(tmp_path: Path) -> None:
    second = SET.split("\n", 1)[1].replace("ZB-2019-YW", "ZB-2019-YW2")
    assert welfare(tmp_path, indicator_set=SET + second, prefix="QD807") == {(SETS, 11, 11, "QD807")}


def test_qd807_fails_on_an_indicator_id_twice(tmp_path: Path) -> None:
    text = SET.replace("{id: YW-03,", "{id: YW-02,")
    # the report's YW-03 is now unknown to the set (QD802) too
    assert welfare(tmp_path, indicator_set=text, prefix="QD80") == {
        (SETS, 8, 14, "QD807"),
        ("annual-reports/2019.yaml", 10, 21, "QD802"),
    }
