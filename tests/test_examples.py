"""Example registries: tests/examples/valid/<case>/ validate clean; tests/examples/invalid/<case>/ give
exactly the report in their expected.json (positions, checks, records, fields, exit code), in every format.

Regenerate an expected.json after a deliberate change with
`QINGDAN_WRITE_EXPECTED=1 pytest tests/test_examples.py` and review its diff."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from qingdan.cli import app

EXAMPLES = Path(__file__).parent / "examples"
VALID = sorted(path for path in (EXAMPLES / "valid").iterdir() if path.is_dir())
INVALID = sorted(path for path in (EXAMPLES / "invalid").iterdir() if path.is_dir())
KEPT = ("check", "severity", "file", "line", "column", "record", "field")
Position = tuple[str, int, int, str]


def _run(case: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--registry", str(case), "validate", *args])


def _report(case: Path) -> dict[str, Any]:
    result = _run(case, "--format", "json")
    report: dict[str, Any] = {"exit_code": result.exit_code}
    if result.exit_code == 2:
        report["stderr"] = result.stderr.strip()
        return report
    data = json.loads(result.stdout)
    report["summary"] = data["summary"]
    report["problems"] = [{key: problem[key] for key in KEPT} for problem in data["problems"]]
    return report


@pytest.mark.parametrize("case", VALID, ids=lambda path: path.name)
def test_valid_examples_have_no_problems(case: Path) -> None:
    result = _run(case, "--strict")
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("case", INVALID, ids=lambda path: path.name)
def test_invalid_examples_give_their_expected_report(case: Path) -> None:
    expected_file = case / "expected.json"
    actual = _report(case)
    if os.environ.get("QINGDAN_WRITE_EXPECTED"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


def test_every_check_is_found_in_one_run() -> None:
    checks = {problem["check"] for problem in _report(EXAMPLES / "invalid" / "every-mistake")["problems"]}
    from qingdan.checks import CHECKS

    # QD007 stops the run (bad-settings); QD5xx need history (test_history_commands)
    assert checks == {check.ident for check in CHECKS} - {"QD007", "QD501", "QD502", "QD503"}


def _positions_from(output_format: str, output: str) -> set[Position]:
    if output_format == "text":
        pattern = r"^(.+?):(\d+):(\d+): \S+ (QD\d{3}) "
        return {(m[1], int(m[2]), int(m[3]), m[4]) for m in re.finditer(pattern, output, re.M)}
    if output_format == "github":
        pattern = r"^::\w+ file=(.+?),line=(\d+),col=(\d+),title=(QD\d{3})::"
        return {(m[1], int(m[2]), int(m[3]), m[4]) for m in re.finditer(pattern, output, re.M)}
    if output_format == "sarif":
        results = json.loads(output)["runs"][0]["results"]
        return {
            (
                unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]),  # a URI: 法律 is %E6…
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"],
                r["ruleId"],
            )
            for r in results
        }
    if output_format == "junit":
        cases = ET.fromstring(output).iter("testcase")
        found = (re.match(r"(QD\d{3}) (.+):(\d+):(\d+)$", case.get("name", "")) for case in cases)
        return {(m[2], int(m[3]), int(m[4]), m[1]) for m in found if m}
    raise AssertionError(output_format)


@pytest.mark.parametrize("output_format", ["text", "github", "sarif", "junit"])
def test_every_format_reports_the_same_positions(output_format: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = EXAMPLES / "invalid" / "every-mistake"
    monkeypatch.chdir(case)  # paths in every format are then the registry's own
    expected = {(p["file"], p["line"], p["column"], p["check"]) for p in _report(Path())["problems"]}
    result = CliRunner().invoke(app, ["validate", "--format", output_format])
    assert result.exit_code == 1
    positions = _positions_from(output_format, result.stdout)
    prefix = "tests/examples/invalid/every-mistake/"  # CI formats name files from the repository root
    assert {(file.removeprefix(prefix), line, column, check) for file, line, column, check in positions} == expected
