"""QD801–QD804, QD806: annual reports of the 公益效能 pilot against their indicator set."""

from __future__ import annotations

from pathlib import Path

import pytest
from welfare_registry import REPORT, REPORTS, welfare

from qingdan.models.welfare import Direction, number, target_met
from qingdan.validation.validate import validate


def test_a_sound_report_passes_every_check(tmp_path: Path) -> None:
    assert welfare(tmp_path) == set()


# --- QD801 ---------------------------------------------------------------------------------------


def test_qd801_fails_on_a_year_without_a_set(tmp_path: Path) -> None:
    text = REPORT.replace("year: 2019", "year: 2018").replace("submitted: 2020-03-20", "submitted: 2019-03-20")
    assert welfare(tmp_path, report=text) == {(REPORTS, 4, 11, "QD801")}


def test_qd801_fails_on_a_type_without_a_set(tmp_path: Path) -> None:
    from welfare_registry import INSTITUTION

    text = INSTITUTION.replace("type: 义务教育", "type: 学前教育")
    assert welfare(tmp_path, institution=text) == {(REPORTS, 4, 11, "QD801")}


def test_qd801_fails_on_an_unknown_institution(tmp_path: Path) -> None:
    text = REPORT.replace("institution: zhongcheng-school", "institution: no-such-school")
    assert welfare(tmp_path, report=text) == {(REPORTS, 3, 18, "QD801")}


# --- QD802 ---------------------------------------------------------------------------------------


def test_qd802_optional_indicators_may_be_left_out_or_given(tmp_path: Path) -> None:
    given = REPORT.replace("    complaints:", '      - {indicator: YW-04, actual: "1320"}\n    complaints:')
    assert welfare(tmp_path, report=given) == set()


def test_qd802_fails_on_a_required_indicator_left_out(tmp_path: Path) -> None:
    text = REPORT.replace('      - {indicator: YW-02, target: "95", actual: "97.3"}\n', "")
    assert welfare(tmp_path, report=text) == {(REPORTS, 7, 5, "QD802")}
    [problem] = validate(tmp_path).problems
    assert problem.args == {"missing": "YW-02 学生体质健康测试合格率"}


def test_qd802_fails_on_an_unknown_indicator_and_one_given_twice(tmp_path: Path) -> None:
    extra = '      - {indicator: YW-09, actual: "3"}\n      - {indicator: YW-01, actual: "16"}\n'
    text = REPORT.replace("    complaints:", extra + "    complaints:")
    assert welfare(tmp_path, report=text) == {(REPORTS, 11, 21, "QD802"), (REPORTS, 12, 21, "QD802")}


# --- QD803 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "variant"),
    [("96.4%", "number"), ("约95", "number"), ("９５", "number"), ("104", "percent"), ("-0.5", "percent")],
)
def test_qd803_fails_on_a_value_that_is_not_a_sound_percentage(tmp_path: Path, actual: str, variant: str) -> None:
    text = REPORT.replace('actual: "97.3"', f'actual: "{actual}"')
    assert welfare(tmp_path, report=text) == {(REPORTS, 9, 50, "QD803")}
    [problem] = validate(tmp_path).problems
    assert (problem.message_key, problem.args) == (f"QD803.{variant}", {"value": actual})


def test_qd803_fails_on_a_negative_count_and_a_bad_target(tmp_path: Path) -> None:
    text = REPORT.replace('actual: "16.4"', 'actual: "-16.4"').replace('target: "90"', 'target: "90分"')
    text = text.replace("complaints: 2", "complaints: -1")
    assert welfare(tmp_path, report=text) == {
        (REPORTS, 8, 50, "QD803"),
        (REPORTS, 10, 36, "QD803"),
        (REPORTS, 11, 17, "QD803"),
    }


def test_qd803_passes_the_bounds_of_a_percentage(tmp_path: Path) -> None:
    text = REPORT.replace('actual: "97.3"', 'actual: "100"').replace('actual: "93.6"', 'actual: "0"')
    assert welfare(tmp_path, report=text, prefix="QD803") == set()


def test_report_values_as_numbers_and_targets_met_by_direction() -> None:
    assert number("97.30") == number("97.3") and number("96.4%") is None and number(None) is None
    higher, lower = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
    assert target_met(higher, number("95"), number("97.3")) is True
    assert target_met(lower, number("17"), number("16.4")) is True
    assert target_met(lower, number("17"), number("17.2")) is False
    assert target_met(higher, number("95"), number("95")) is True
    assert target_met(None, number("95"), number("97")) is None
    assert target_met(higher, None, number("97")) is None


# --- QD804 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2020-01-01", "2020-03-31"])
def test_qd804_passes_the_first_quarter(tmp_path: Path, day: str) -> None:
    assert welfare(tmp_path, report=REPORT.replace("2020-03-20", day)) == set()


@pytest.mark.parametrize("day", ["2019-12-31", "2020-04-01"])
def test_qd804_warns_outside_the_first_quarter(tmp_path: Path, day: str) -> None:
    assert welfare(tmp_path, report=REPORT.replace("2020-03-20", day)) == {(REPORTS, 5, 16, "QD804")}
    [problem] = validate(tmp_path).problems
    assert problem.severity.value == "warning"
    assert problem.args == {"submitted": day, "opens": "2020-01-01", "closes": "2020-03-31"}


# --- QD806 ---------------------------------------------------------------------------------------


def test_qd806_fails_on_a_second_report_for_the_year(tmp_path: Path) -> None:
    second = REPORT.split("\n", 1)[1].replace("NB-2019-01", "NB-2019-09")
    assert welfare(tmp_path, report=REPORT + second) == {(REPORTS, 15, 11, "QD806")}
    [problem] = validate(tmp_path).problems
    assert problem.args == {"institution": "zhongcheng-school", "year": "2019", "first": "NB-2019-01"}


def test_qd806_passes_reports_of_two_years(tmp_path: Path) -> None:
    second = REPORT.split("\n", 1)[1].replace("NB-2019-01", "NB-2020-01").replace("year: 2019", "year: 2020")
    second = second.replace("2020-03-20", "2021-03-20")
    assert welfare(tmp_path, report=REPORT + second, prefix="QD806") == set()
