"""What leaves the building (SPEC §4.6, §4.7, §7), decided by `Kind.public` alone: a small registry whose
assessment results and personnel changes carry values found nowhere else is rendered (both editions, HTML and
PDF), exported as open data (Data Package and Parquet) and reported (`diff --format html|pdf`), and every file
written is read back as its reader would read it — text, the PDF's text, the Parquet's values — for them. None
may be there; nor may the simple edition's files hold a legal basis. The clerk's own sheet keeps every field."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from helpers import UNITS, write_registry
from qingdan.cli import app
from qingdan.diff.engine import diff_registries
from qingdan.loader.load import load_registry
from qingdan.models import AssessmentResult, Grade
from qingdan.models.kinds import ASSESSMENT_RESULTS, KINDS, PERSONNEL, POWER, SIMPLE, STANDARD
from qingdan.models.public import Public
from qingdan.publish import Edition, render_pdf, render_report_html, render_report_pdf, render_site

DAY = date(2020, 12, 31)
# 71.37 × 60% + 88.13 × 30% + 64.29 × 10% + 1.83 = 77.52 (一般); 95.21, 92.66, 90.18 → 93.94, which earns 优秀
RESULT_SECRETS = ("71.37", "88.13", "64.29", "1.83", "77.52", "95.21", "92.66", "90.18", "93.94")
RESULT_SECRETS += ("加分理由甲乙丙", "结果备注丁戊己", "得分", "总分")
PERSONNEL_SECRETS = ("RS-2020-77", "岗位庚辛壬", "动议理由癸子丑", "动议结果寅卯辰", "人事备注巳午未", "2020-09-14")
PERSONNEL_SECRETS += ("2020年9月14日", "2020-08-20", "2020年8月20日", "晋升考察")
LEGAL_SECRETS = ("法规甲乙法", "条文文字申酉戌", "准入依据亥子丑")

FILES = {
    "units.yaml": UNITS
    + """\
  - {id: zhuangqiao-scjgs, name: 庄桥市场监管所, kind: 派驻机构, parent: scjgj, stationed_in: zhuangqiao}
""",
    "power/scjgj.yaml": """\
    unit: scjgj
    items:
      - code: XK-330205-0001
        name: 食品经营许可
        type: 行政许可
        legal_basis: [{law: 法规甲乙法, article: 第九条, text: 条文文字申酉戌}]
    """,
    "community-tasks/2020.yaml": """\
    tasks:
      - {id: SQ-01, name: 食品安全宣传, requested_by: scjgj, category: 日常管理, decision: 保留,
         criteria: {legal_basis: 准入依据亥子丑, practical_need: 社区需要}}
    """,
    "assessments/2020.yaml": """\
    assessments:
      - id: KH-2020-01
        year: 2020
        subjects: [wenjiao-scjgs, zhuangqiao-scjgs]
        parties:
          - {party: 区级部门, weight: 60, assessor: scjgj}
          - {party: 街道(镇), weight: 30}
          - {party: 社会, weight: 10}
        bonus_max: 3
    """,
    "assessment-results/2020.yaml": """\
    results:
      - id: JG-2020-01
        assessment: KH-2020-01
        subject: wenjiao-scjgs
        scores: [{party: 区级部门, score: 71.37}, {party: 街道(镇), score: 88.13}, {party: 社会, score: 64.29}]
        bonus: {score: 1.83, reason: 加分理由甲乙丙}
        final: 77.52
        grade: 一般
        note: 结果备注丁戊己
      - id: JG-2020-02
        assessment: KH-2020-01
        subject: zhuangqiao-scjgs
        scores: [{party: 区级部门, score: 95.21}, {party: 街道(镇), score: 92.66}, {party: 社会, score: 90.18}]
        final: 93.94
    """,
    "personnel/2020.yaml": """\
    changes:
      - id: RS-2020-77
        agency: zhuangqiao-scjgs
        post: 岗位庚辛壬
        rank: 科级领导干部
        action: 晋升考察
        date: 2020-09-14
        motion: {street: zhuangqiao, date: 2020-08-20, reason: 动议理由癸子丑, result: 动议结果寅卯辰}
        note: 人事备注巳午未
    """,
}


@pytest.fixture(scope="module")
def registry_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_registry(tmp_path_factory.mktemp("registry"), FILES)
    assert not load_registry(root).problems  # it loads: what follows is about publishing, not about errors
    return root


@pytest.fixture(scope="module")
def written(registry_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every file each publication writes, by edition (the report and the open data count as 标准版)."""
    out = tmp_path_factory.mktemp("out")
    registry = load_registry(registry_root)
    files: dict[str, list[Path]] = {STANDARD: [], SIMPLE: []}
    for edition in Edition:
        files[edition.value] += render_site(registry, out / f"site-{edition.value}", edition=edition, published=DAY)
        render_pdf(registry, out / f"{edition.value}.pdf", edition=edition, published=DAY)
        files[edition.value].append(out / f"{edition.value}.pdf")
    for output in ("datapackage", "parquet"):
        run("--registry", str(registry_root), "export", "--format", output, "--out", str(out / output))
        files[STANDARD] += sorted((out / output).iterdir())
    report = diff_registries(load_registry(write_registry(out / "empty", {})), registry)
    (out / "report.html").write_text(render_report_html(report, "zh"), encoding="utf-8")
    render_report_pdf(report, out / "report.pdf", "zh")
    files[STANDARD] += [out / "report.html", out / "report.pdf"]
    return files


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def read(path: Path) -> str:
    """A file as its reader gets it: the PDF's text, a Parquet file's values, any other file's text."""
    if path.suffix == ".pdf":
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    if path.suffix == ".parquet":
        table = pq.read_table(path)
        return f"{table.schema}\n{table.to_pylist()}"
    return path.read_text(encoding="utf-8")


def found(files: list[Path], secrets: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for path in files:
        text = read(path)
        squeezed = "".join(text.split())  # a PDF line may break inside a value
        for secret in secrets:
            if secret in text or secret in squeezed:
                yield path.name, secret


def test_every_kind_of_file_is_written(written: dict[str, list[Path]]) -> None:
    suffixes = {path.suffix for paths in written.values() for path in paths}
    assert {".html", ".js", ".json", ".csv", ".parquet", ".pdf"} <= suffixes
    assert any(path.name == "assessment-results.parquet" for path in written[STANDARD])


def test_no_score_and_no_personnel_record_leaves_in_any_file(written: dict[str, list[Path]]) -> None:
    everything = written[STANDARD] + written[SIMPLE]
    assert list(found(everything, RESULT_SECRETS + PERSONNEL_SECRETS)) == []


def test_no_file_of_the_simple_edition_holds_a_legal_basis(written: dict[str, list[Path]]) -> None:
    assert list(found(written[SIMPLE], LEGAL_SECRETS)) == []
    assert {secret for _, secret in found(written[STANDARD], LEGAL_SECRETS)} == set(LEGAL_SECRETS)  # seen if there


def test_results_go_out_as_id_assessment_subject_and_grade(written: dict[str, list[Path]]) -> None:
    table = next(path for path in written[STANDARD] if path.name == "assessment-results.csv")
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows == [  # a result without a grade goes out with the one its final score earns
        {"id": "JG-2020-01", "assessment": "KH-2020-01", "subject": "wenjiao-scjgs", "grade": "一般"},
        {"id": "JG-2020-02", "assessment": "KH-2020-01", "subject": "zhuangqiao-scjgs", "grade": "优秀"},
    ]
    parquet = next(path for path in written[STANDARD] if path.name == "assessment-results.parquet")
    assert pq.read_table(parquet).column_names == ["id", "assessment", "subject", "grade"]
    page = next(path for path in written[STANDARD] if path.name == "assessment-results.html")
    assert "庄桥市场监管所" in read(page) and "优秀" in read(page)


def test_the_clerks_own_sheet_keeps_every_field(registry_root: Path) -> None:
    sheet = run("--registry", str(registry_root), "export", "--kind", "assessment-results", "--header", "en")
    for secret in ("71.37", "加分理由甲乙丙", "77.52", "结果备注丁戊己"):
        assert secret in sheet


def test_one_owner_says_what_each_edition_shows() -> None:
    assert ASSESSMENT_RESULTS.public(STANDARD) == ASSESSMENT_RESULTS.public(SIMPLE)
    assert ASSESSMENT_RESULTS.public(STANDARD).fields == {"id", "assessment", "subject", "grade"}
    assert PERSONNEL.public(STANDARD).empty and PERSONNEL.public(SIMPLE).empty
    assert POWER.public(SIMPLE).fields == {"code", "name", "type", "unit"} and POWER.public(STANDARD).whole
    for kind in KINDS:  # a legal basis is a list of citations: none in the 简易版
        for column in kind.columns:
            if column.citations:
                assert not kind.public(SIMPLE).shows(column.key), (kind.name, column.key)


def test_a_cut_record_keeps_its_type_and_empties_the_rest() -> None:
    result = AssessmentResult.model_validate(
        {"id": "JG-1", "assessment": "KH-1", "subject": "a", "scores": [{"party": "社会", "score": "90"}],
         "final": "90", "grade": "优秀", "note": "内部"}
    )  # fmt: skip
    cut = ASSESSMENT_RESULTS.public(STANDARD).cut(result)
    assert isinstance(cut, AssessmentResult) and cut.grade is Grade.EXCELLENT and cut.key == "JG-1"
    assert cut.scores is None and cut.final is None and cut.note is None
    assert cut.model_dump(by_alias=True, exclude_none=True) == {
        "id": "JG-1", "assessment": "KH-1", "subject": "a", "grade": Grade.EXCELLENT
    }  # fmt: skip
    hidden = Public(hidden=frozenset({"scores.score"})).cut(result)
    assert hidden.scores[0].party is not None and hidden.scores[0].score is None
    assert Public().cut(result) is result
