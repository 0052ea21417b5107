"""QD401–QD404: assessments. Positions are 1-based (line, column) of the offending key or value; columns
count characters, so 区级部门 is four columns wide."""

from __future__ import annotations

from pathlib import Path

from helpers import found, found_in, write_registry
from qingdan.validation.validate import validate

ASSESSMENTS = "assessments/2020.yaml"

SCHEME = """\
assessments:
  - id: KH-2020-11
    year: 2020
    subjects: [wenjiao-scjgs]
    parties:
      - {party: 区级部门, weight: 50, assessor: scjgj}
      - {party: 街道(镇), weight: 30, assessor: wenjiao}
      - {party: 社会, weight: 20}
"""

INDICATORS = """\
    indicators:
      - {name: 业务工作, party: 区级部门, weight: 50}
      - {name: 属地管理, party: 街道(镇), weight: 30}
      - {name: 群众满意度, party: 社会, weight: 15}
      - {name: 服务评议, party: 社会, weight: 5}
"""


def assessed(tmp_path: Path, text: str, check_prefix: str = "QD4") -> set[tuple[str, int, int, str]]:
    return found_in(write_registry(tmp_path, {ASSESSMENTS: text}), check_prefix)


def test_a_sound_scheme_passes(tmp_path: Path) -> None:
    assert assessed(tmp_path, SCHEME) == set()
    assert assessed(tmp_path / "indicators", SCHEME + INDICATORS) == set()


# --- QD401 ---------------------------------------------------------------------------------------


def test_qd401_spec_example(sample: Path) -> None:
    path = sample / ASSESSMENTS
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 20", "weight: 25"), encoding="utf-8")
    # (the sample's assessment result no longer adds up either: QD410, tested in test_assessment_results.py)
    assert {problem for problem in found(sample) if problem[3] != "QD410"} == {(ASSESSMENTS, 5, 5, "QD401")}
    [problem] = [p for p in validate(sample).problems if p.check == "QD401"]
    assert problem.args == {"total": "105"}


def test_qd401_pass_decimal_weights(tmp_path: Path) -> None:
    text = SCHEME.replace("weight: 50", "weight: 49.5").replace("weight: 20", "weight: 20.50")
    assert assessed(tmp_path, text) == set()


def test_qd401_fail_thirds_are_not_exact(tmp_path: Path) -> None:
    text = SCHEME.replace("weight: 50", "weight: 33.34").replace("weight: 30", "weight: 33.33")
    text = text.replace("weight: 20", "weight: 33.32")
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 5, 5, "QD401")}
    [problem] = [p for p in validate(tmp_path).problems if p.check == "QD401"]
    assert problem.args == {"total": "99.99"}


# --- QD402 ---------------------------------------------------------------------------------------


def test_qd402_pass_a_party_may_weigh_100(tmp_path: Path) -> None:
    text = SCHEME.replace("weight: 50", "weight: 100").replace("weight: 30", "weight: 0.01")
    assert assessed(tmp_path, text, "QD402") == set()


def test_qd402_fail_weight_out_of_range(tmp_path: Path) -> None:
    for weight in ("0", "-5", "100.01"):
        text = SCHEME.replace("weight: 20", f"weight: {weight}")
        assert assessed(tmp_path / weight, text, "QD402") == {(ASSESSMENTS, 8, 29, "QD402")}


def test_qd402_fail_party_listed_twice_at_the_second(tmp_path: Path) -> None:
    text = SCHEME.replace("{party: 社会, weight: 20}", "{party: 区级部门, weight: 20}")
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 8, 17, "QD402")}


def test_qd402_fail_indicator_weight_out_of_range(tmp_path: Path) -> None:
    text = SCHEME + INDICATORS.replace("party: 社会, weight: 5}", "party: 社会, weight: 0}")
    # 服务评议 (13) weighs 0 (QD402), so 社会's indicators add up to 15, not 20 (QD404)
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 13, 41, "QD402"), (ASSESSMENTS, 9, 5, "QD404")}


# --- QD403 ---------------------------------------------------------------------------------------


def test_qd403_fail_subjects_that_are_not_dispatched_agencies(tmp_path: Path) -> None:
    text = SCHEME.replace("subjects: [wenjiao-scjgs]", "subjects: [scjgj, nosuch, wenjiao-scjgs]")
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 4, 16, "QD403"), (ASSESSMENTS, 4, 23, "QD403")}


# --- QD404 ---------------------------------------------------------------------------------------


def test_qd404_fail_indicators_do_not_add_up_to_the_party_weight(tmp_path: Path) -> None:
    text = SCHEME + INDICATORS.replace("weight: 5}", "weight: 10}")
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 9, 5, "QD404")}
    [problem] = [p for p in validate(tmp_path).problems if p.check == "QD404"]
    assert problem.args == {"party": "社会", "total": "25", "weight": "20"}


def test_qd404_fail_a_party_without_indicators(tmp_path: Path) -> None:
    text = SCHEME + INDICATORS.replace("      - {name: 业务工作, party: 区级部门, weight: 50}\n", "")
    assert assessed(tmp_path, text) == {(ASSESSMENTS, 9, 5, "QD404")}
    [problem] = [p for p in validate(tmp_path).problems if p.check == "QD404"]
    assert problem.args == {"party": "区级部门", "total": "0", "weight": "50"}


def test_qd404_fail_indicators_of_a_party_not_assessing(tmp_path: Path) -> None:
    text = SCHEME.replace("      - {party: 社会, weight: 20}\n", "") + INDICATORS
    # the scheme now lacks 社会 (QD401: 80); its two indicators have no weight to share
    assert assessed(tmp_path, text, "QD404") == {(ASSESSMENTS, 11, 30, "QD404"), (ASSESSMENTS, 12, 29, "QD404")}
