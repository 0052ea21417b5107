"""Spreadsheets of the kinds of issue 12: an assessment result's scores are lines of one of two forms
(`区级部门:92.5`, or an indicator's `业务工作完成情况:37.5`), a report's values `指标:目标:实际`; both go out
and come back unchanged, and an edited score comes back as what the clerk typed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from helpers import found_in
from qingdan.loader.load import load_registry
from qingdan.models import AssessmentResult
from qingdan.models.kinds import (
    ANNUAL_REPORTS,
    ASSESSMENT_RESULTS,
    BY_NAME,
    INDICATOR_SETS,
    INSTITUTIONS,
    PERSONNEL,
)
from qingdan.sheets import export_sheet, import_sheet

BUNDLED = Path(__file__).parent.parent / "registry"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "registry"
    shutil.copytree(BUNDLED, target)
    return target


def rows_of(root: Path, kind: str) -> list[dict[str, str]]:
    data = export_sheet(root, kind).data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


def test_scores_of_both_forms_are_lines(registry: Path) -> None:
    rows = {row["编号"]: row for row in rows_of(registry, "assessment-results")}
    assert rows["JG-2020-01"]["得分"].splitlines() == ["区级部门:91.5", "街道(镇):93", "社会:90.6"]
    assert rows["JG-2020-06"]["得分"].splitlines()[0] == "业务工作完成情况:27.5"
    assert (rows["JG-2020-05"]["加分.分值"], rows["JG-2020-05"]["总分"]) == ("2", "95.84")
    values = {row["编号"]: row for row in rows_of(registry, "annual-reports")}
    assert values["NB-2019-05"]["公益效能指标"].splitlines()[-1] == "YY-08::2"  # no target: an empty part


@pytest.mark.parametrize(
    "kind", [ASSESSMENT_RESULTS.name, PERSONNEL.name, INSTITUTIONS.name, INDICATOR_SETS.name, ANNUAL_REPORTS.name]
)
def test_an_unchanged_sheet_changes_nothing(registry: Path, tmp_path: Path, kind: str) -> None:
    sheet = tmp_path / f"{kind}.csv"
    sheet.write_bytes(export_sheet(registry, kind).data)
    report = import_sheet(registry, sheet, kind)
    assert (report.errors, report.added, report.updated, report.written) == (0, 0, 0, [])
    assert report.unchanged == report.rows == len(load_registry(registry).of(BY_NAME[kind]))


def test_an_edited_indicator_score_is_checked_and_written(registry: Path, tmp_path: Path) -> None:
    text = export_sheet(registry, "assessment-results").data.decode("utf-8-sig")
    # JG-2020-06: 群众满意度测评 6.85 → 7.05 takes the final from 90.65 to 90.85, edited too: nothing fails
    assert text.count("群众满意度测评:6.85") == text.count("90.65") == 1
    edited = text.replace("群众满意度测评:6.85", "群众满意度测评:7.05").replace("90.65", "90.85")
    sheet = tmp_path / "results.csv"
    sheet.write_text(edited, encoding="utf-8-sig")
    report = import_sheet(registry, sheet, "assessment-results")
    assert (report.errors, report.updated) == (0, 1)
    result = load_registry(registry).by_key(ASSESSMENT_RESULTS)["JG-2020-06"]
    assert isinstance(result, AssessmentResult)
    assert [str(score.score) for score in result.scores][4] == "7.05"
    assert result.scores[4].indicator == "群众满意度测评" and result.scores[4].party is None
    assert found_in(registry, "QD4") == set()
