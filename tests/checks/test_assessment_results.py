"""QD410–QD413: assessment results. Positions are 1-based (line, column) of the offending key or value; columns
count characters, so 区级部门 is four columns wide."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from helpers import UNITS, found_in, write_registry
from qingdan.models.assessment_result import grade_of
from qingdan.validation.validate import validate

SCHEMES = "assessments/2020.yaml"
RESULTS = "assessment-results/2020.yaml"

SCHEME = """\
assessments:
  - id: KH-2020-07
    year: 2020
    subjects: [wenjiao-scjgs]
    bonus_max: 2
    parties:
      - {party: 区级部门, weight: 60, assessor: scjgj}
      - {party: 街道(镇), weight: 30, assessor: wenjiao}
      - {party: 社会, weight: 10}
    indicators:
      - {name: 业务工作完成情况, party: 区级部门, weight: 40}
      - {name: 队伍建设, party: 区级部门, weight: 20}
      - {name: 配合街道（镇）中心工作, party: 街道(镇), weight: 30}
      - {name: 群众满意度测评, party: 社会, weight: 10}
  - id: KH-2020-08
    year: 2020
    subjects: [zhuangqiao-scjgs]
    parties:
      - {party: 区级部门, weight: 50}
      - {party: 街道(镇), weight: 50}
"""
MORE_UNITS = UNITS + (
    "  - {id: zhuangqiao-scjgs, name: 庄桥市场监管所, kind: 派驻机构, parent: scjgj, stationed_in: zhuangqiao}\n"
)

# 92.5 × 60% + 88 × 30% + 95.25 × 10% = 55.5 + 26.4 + 9.525 = 91.425, half-up 91.43 (half-even would say 91.42)
BY_PARTY = """\
results:
  - id: JG-2020-07
    assessment: KH-2020-07
    subject: wenjiao-scjgs
    scores:
      - {party: 区级部门, score: 92.5}
      - {party: 街道(镇), score: 88}
      - {party: 社会, score: 95.25}
    final: 91.43
    grade: 优秀
"""
# 37.5 + 18 + 27.75 + 9.2 = 92.45, plus a bonus of 1.5 = 93.95
BY_INDICATOR = """\
results:
  - id: JG-2020-07
    assessment: KH-2020-07
    subject: wenjiao-scjgs
    scores:
      - {indicator: 业务工作完成情况, score: 37.5}
      - {indicator: 队伍建设, score: 18}
      - {indicator: 配合街道（镇）中心工作, score: 27.75}
      - {indicator: 群众满意度测评, score: 9.2}
    bonus: {score: 1.5, reason: 牵头完成全区食品安全示范街道创建}
    final: 93.95
    grade: 优秀
"""


def results(
    tmp_path: Path, text: str, prefix: str = "QD41", settings: str | None = None
) -> set[tuple[str, int, int, str]]:
    files = {SCHEMES: SCHEME, RESULTS: text, "units.yaml": MORE_UNITS}
    if settings is not None:
        files["qingdan.yaml"] = settings
    return found_in(write_registry(tmp_path, files), prefix)


def args_of(root: Path, check: str) -> list[dict[str, str]]:
    return [problem.args for problem in validate(root).problems if problem.check == check]


def test_sound_results_pass_every_check(tmp_path: Path) -> None:
    assert results(tmp_path / "party", BY_PARTY, "QD") == set()
    assert results(tmp_path / "indicator", BY_INDICATOR, "QD") == set()


# --- QD410 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [BY_PARTY, BY_INDICATOR], ids=["party", "indicator"])
def test_qd410_fails_on_a_final_off_by_one_cent(tmp_path: Path, text: str) -> None:
    exact = "91.43" if text is BY_PARTY else "93.95"
    off = "91.42" if text is BY_PARTY else "93.96"
    line = 9 if text is BY_PARTY else 11
    assert results(tmp_path, text.replace(f"final: {exact}", f"final: {off}"), "QD410") == {
        (RESULTS, line, 12, "QD410")
    }
    assert args_of(tmp_path, "QD410") == [{"final": off, "expected": exact}]


def test_qd410_rounds_half_up_not_half_even(tmp_path: Path) -> None:
    # 91.425 lies exactly between two cents: half-up says 91.43, and 91.42 is wrong
    assert results(tmp_path, BY_PARTY.replace("final: 91.43", "final: 91.42"), "QD410") == {(RESULTS, 9, 12, "QD410")}


def test_qd410_writes_the_final_as_a_clerk_would(tmp_path: Path) -> None:
    # 100 × 60% + 100 × 30% + 100 × 10% = 100: the message says 100.00, the computed value to the cent
    text = BY_PARTY.replace("92.5}", "100}").replace("88}", "100}").replace("95.25}", "100}")
    assert results(tmp_path, text.replace("final: 91.43", "final: 99"), "QD410") == {(RESULTS, 9, 12, "QD410")}
    assert args_of(tmp_path, "QD410") == [{"final": "99", "expected": "100.00"}]
    assert results(tmp_path / "exact", text.replace("final: 91.43", "final: 100"), "QD410") == set()


def test_qd410_fails_on_a_bonus_above_the_cap_and_counts_only_the_cap(tmp_path: Path) -> None:
    text = BY_INDICATOR.replace("score: 1.5,", "score: 3,").replace("final: 93.95", "final: 94.45")
    # the bonus is capped at 2: 92.45 + 2 = 94.45 is the right final, the bonus itself is wrong
    assert results(tmp_path, text, "QD410") == {(RESULTS, 10, 20, "QD410")}
    assert args_of(tmp_path, "QD410") == [{"bonus": "3", "cap": "2"}]
    uncapped = text.replace("final: 94.45", "final: 95.45")
    assert results(tmp_path / "uncapped", uncapped, "QD410") == {(RESULTS, 10, 20, "QD410"), (RESULTS, 11, 12, "QD410")}


def test_qd410_without_bonus_max_no_bonus_is_allowed(tmp_path: Path) -> None:
    text = BY_PARTY.replace("assessment: KH-2020-07", "assessment: KH-2020-08").replace(
        "wenjiao-scjgs", "zhuangqiao-scjgs"
    )
    text = text.replace("      - {party: 社会, score: 95.25}\n", "").replace("final: 91.43", "final: 90.25")
    assert results(tmp_path, text, "QD4") == set()  # 92.5 × 50% + 88 × 50% = 90.25; with a bonus of 2:
    bonus = text.replace("    final:", "    bonus: {score: 2, reason: 专项工作}\n    final:")
    assert results(tmp_path / "bonus", bonus, "QD410") == {(RESULTS, 8, 20, "QD410")}
    assert args_of(tmp_path / "bonus", "QD410") == [{"bonus": "2", "cap": "0"}]


def test_qd410_is_silent_when_the_scores_cannot_be_counted(tmp_path: Path) -> None:
    text = BY_PARTY.replace("{party: 社会, score: 95.25}", "{indicator: 群众满意度测评, score: 9}")
    # the indicator score is of the other form, and 社会 has no party score
    assert results(tmp_path, text) == {(RESULTS, 8, 9, "QD411"), (RESULTS, 5, 5, "QD411")}


def test_a_score_with_three_places_is_a_schema_error(tmp_path: Path) -> None:
    text = BY_PARTY.replace("score: 88}", "score: 27.555}")
    assert results(tmp_path, text, "QD") == {(RESULTS, 7, 31, "QD005")}


# --- QD411 ---------------------------------------------------------------------------------------


def test_qd411_fails_on_scores_out_of_range(tmp_path: Path) -> None:
    party = BY_PARTY.replace("score: 95.25}", "score: 105}")
    assert results(tmp_path / "party", party, "QD411") == {(RESULTS, 8, 28, "QD411")}
    assert args_of(tmp_path / "party", "QD411") == [{"score": "105", "top": "100"}]
    indicator = BY_INDICATOR.replace("score: 9.2}", "score: 12}")
    assert results(tmp_path / "indicator", indicator, "QD411") == {(RESULTS, 9, 37, "QD411")}
    assert args_of(tmp_path / "indicator", "QD411") == [{"score": "12", "top": "10"}]


def test_qd411_passes_the_bounds_themselves(tmp_path: Path) -> None:
    text = BY_INDICATOR.replace("score: 9.2}", "score: 10}").replace("score: 37.5}", "score: 0}")
    assert results(tmp_path, text, "QD411") == set()


def test_qd411_fails_on_a_missing_party_at_the_scores_key(tmp_path: Path) -> None:
    text = BY_PARTY.replace("      - {party: 社会, score: 95.25}\n", "")
    assert results(tmp_path, text) == {(RESULTS, 5, 5, "QD411")}
    assert args_of(tmp_path, "QD411") == [{"missing": "社会"}]


def test_qd411_fails_on_a_party_scored_twice_or_not_assessing(tmp_path: Path) -> None:
    twice = BY_PARTY.replace("{party: 社会, score: 95.25}", "{party: 街道(镇), score: 95.25}")
    assert results(tmp_path / "twice", twice) == {(RESULTS, 8, 17, "QD411"), (RESULTS, 5, 5, "QD411")}
    scheme_08 = BY_PARTY.replace("KH-2020-07", "KH-2020-08").replace("wenjiao-scjgs", "zhuangqiao-scjgs")
    assert results(tmp_path / "unknown", scheme_08) == {(RESULTS, 8, 17, "QD411")}  # KH-2020-08 has no 社会


def test_qd411_fails_on_unknown_indicators_and_mixed_forms(tmp_path: Path) -> None:
    unknown = BY_INDICATOR.replace("{indicator: 队伍建设,", "{indicator: 队伍建设情况,")
    assert results(tmp_path / "unknown", unknown) == {(RESULTS, 7, 21, "QD411"), (RESULTS, 5, 5, "QD411")}
    mixed = BY_INDICATOR.replace("{indicator: 群众满意度测评, score: 9.2}", "{party: 社会, score: 92}")
    assert results(tmp_path / "mixed", mixed) == {(RESULTS, 9, 9, "QD411"), (RESULTS, 5, 5, "QD411")}


def test_qd411_fails_on_a_score_that_names_nothing_or_both(tmp_path: Path) -> None:
    neither = BY_PARTY.replace("{party: 社会, score: 95.25}", "{score: 95.25}")
    assert results(tmp_path / "neither", neither) == {(RESULTS, 8, 9, "QD411"), (RESULTS, 5, 5, "QD411")}
    both = BY_PARTY.replace("{party: 社会, score: 95.25}", "{party: 社会, indicator: 群众满意度测评, score: 95.25}")
    assert results(tmp_path / "both", both) == {(RESULTS, 8, 9, "QD411")}


def test_qd411_indicator_scores_need_a_scheme_with_indicators(tmp_path: Path) -> None:
    text = BY_INDICATOR.replace("KH-2020-07", "KH-2020-08").replace("wenjiao-scjgs", "zhuangqiao-scjgs")
    assert results(tmp_path, text) == {(RESULTS, 6, 21, "QD411")}


# --- QD412 ---------------------------------------------------------------------------------------


def test_qd412_fails_on_a_grade_the_final_does_not_reach(tmp_path: Path) -> None:
    # 89.99 misses 优秀 by a cent (and is not what the scores make: QD410, not asked here)
    text = BY_PARTY.replace("final: 91.43", "final: 89.99")
    assert results(tmp_path, text, "QD412") == {(RESULTS, 10, 12, "QD412")}
    assert args_of(tmp_path, "QD412") == [{"grade": "优秀", "expected": "良好", "final": "89.99"}]
    assert results(tmp_path / "good", text.replace("grade: 优秀", "grade: 良好"), "QD412") == set()


def test_qd412_follows_the_bands_of_qingdan_yaml(tmp_path: Path) -> None:
    settings = 'qingdan: 1\nregion: {code: "330205", name: 宁波市江北区}\ngrades: {优秀: 95, 良好: 85, 一般: 70}\n'
    assert results(tmp_path, BY_PARTY, "QD412", settings) == {(RESULTS, 10, 12, "QD412")}
    assert args_of(tmp_path, "QD412") == [{"grade": "优秀", "expected": "良好", "final": "91.43"}]


def test_grade_bands_meet_at_their_bounds() -> None:
    bands = {"优秀": Decimal(90), "良好": Decimal(80), "一般": Decimal(60)}
    assert [grade_of(Decimal(v), bands) for v in ("90", "89.99", "80", "60", "59.99", "0")] == [
        "优秀",
        "良好",
        "良好",
        "一般",
        "较差",
        "较差",
    ]


# --- QD413 ---------------------------------------------------------------------------------------


def test_qd413_fails_on_a_subject_the_scheme_does_not_assess(tmp_path: Path) -> None:
    text = BY_PARTY.replace("subject: wenjiao-scjgs", "subject: zhuangqiao-scjgs")
    assert results(tmp_path, text, "QD413") == {(RESULTS, 4, 14, "QD413")}


def test_qd413_fails_on_an_unknown_scheme(tmp_path: Path) -> None:
    text = BY_PARTY.replace("assessment: KH-2020-07", "assessment: KH-2020-99")
    assert results(tmp_path, text) == {(RESULTS, 3, 17, "QD413")}


def test_qd413_fails_on_a_second_result_for_one_subject(tmp_path: Path) -> None:
    second = BY_PARTY.split("\n", 1)[1].replace("JG-2020-07", "JG-2020-07b")
    assert results(tmp_path, BY_PARTY + second, "QD413") == {(RESULTS, 13, 14, "QD413")}
    other = BY_PARTY.split("\n", 1)[1].replace("JG-2020-07", "JG-2020-08").replace("KH-2020-07", "KH-2020-08")
    other = other.replace("wenjiao-scjgs", "zhuangqiao-scjgs")
    assert results(tmp_path / "other", BY_PARTY + other, "QD413") == set()


# --- CSV -----------------------------------------------------------------------------------------

CSV = (
    "编号,考核方案,考核对象,得分,加分.分值,加分.理由,总分,等次\n"
    'JG-2020-07,KH-2020-07,wenjiao-scjgs,"区级部门:92.5\n街道（镇）:88\n社会:95.25",,,91.43,优秀\n'
    'JG-2020-08,KH-2020-07,wenjiao-scjgs,"业务工作完成情况:37.5\n队伍建设:18\n配合街道（镇）中心工作:27.75\n'
    '群众满意度测评:9.2",1.5,牵头完成示范街道创建,93.95,优秀\n'
)


def test_a_csv_cell_holds_party_or_indicator_scores(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {SCHEMES: SCHEME, "assessment-results/2020.csv": CSV, "units.yaml": MORE_UNITS})
    # the full-width 街道（镇） is a party (normalised, QD006, at its cell), not an indicator; the second row,
    # by indicator and with a bonus, is the same subject again (QD413, at its 考核对象 cell); nothing else
    assert found_in(root, "QD") == {
        ("assessment-results/2020.csv", 2, 37, "QD006"),
        ("assessment-results/2020.csv", 5, 23, "QD413"),
    }
