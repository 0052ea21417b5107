"""QD805: institutions' credit codes (GB 32100-2015) and sponsors."""

from __future__ import annotations

from pathlib import Path

import pytest
from welfare_registry import INSTITUTION, INSTITUTIONS, welfare

from qingdan.models.credit_code import check_character, credit_code_fault
from qingdan.validation.validate import validate

# Codes as their holders publish them (business licences, annual reports): the algorithm must accept them.
PUBLISHED = {
    "91330100716105852F": "阿里巴巴（中国）有限公司",
    "914403001922038216": "华为技术有限公司",
    "9144030071526726XG": "深圳市腾讯计算机系统有限公司",
    "91110108551385082Q": "北京小米科技有限责任公司",
}


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_valid(code: str) -> None:
    assert credit_code_fault(code) is None
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", PUBLISHED)
def test_any_single_changed_character_is_caught(code: str) -> None:
    for position in range(18):
        for replacement in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if replacement != code[position]:
                changed = code[:position] + replacement + code[position + 1 :]
                assert credit_code_fault(changed) is not None, changed


def test_a_check_value_of_31_is_written_0() -> None:
    # a weighted sum that is a multiple of 31 gives 31 − 0 = 31, which GB 32100 writes as 0
    assert check_character("0" * 17) == "0"


def test_the_bundled_institution_passes(tmp_path: Path) -> None:
    assert welfare(tmp_path, prefix="QD805") == set()


@pytest.mark.parametrize(
    ("code", "variant", "detail"),
    [
        ("12330205419520013Q", "check", "R"),
        ("1233020541952O013R", "character", "O"),
        ("12330205419520013r", "character", "r"),
        ("12330205419520013", "length", "17"),
        ("12330205419520013RR", "length", "19"),
    ],
)
def test_qd805_fails_on_a_bad_code_and_says_why(tmp_path: Path, code: str, variant: str, detail: str) -> None:
    text = INSTITUTION.replace("12330205419520013R", code)
    assert welfare(tmp_path, institution=text, prefix="QD805") == {(INSTITUTIONS, 4, 18, "QD805")}
    [problem] = [p for p in validate(tmp_path).problems if p.check == "QD805"]
    assert (problem.message_key, problem.args["detail"]) == (f"QD805.{variant}", detail)


def test_qd805_fails_on_a_sponsor_of_the_wrong_kind(tmp_path: Path) -> None:
    for sponsor in ("wenjiao-scjgs", "tiancheng", "nobody"):
        text = INSTITUTION.replace("sponsor: jyj", f"sponsor: {sponsor}")
        assert welfare(tmp_path / sponsor, institution=text, prefix="QD805") == {(INSTITUTIONS, 5, 14, "QD805")}


def test_qd805_a_street_may_sponsor(tmp_path: Path) -> None:
    text = INSTITUTION.replace("sponsor: jyj", "sponsor: wenjiao")
    assert welfare(tmp_path, institution=text, prefix="QD805") == set()
