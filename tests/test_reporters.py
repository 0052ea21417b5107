"""Every `validate --format`: each output parses and says what SPEC §6.1 and its CI consumer expect.

The registry holds one error (QD001, an anchor) and two warnings (QD006, a full-width space after a
status) on purpose. Other checks may find more in it as they are added, so the assertions look at the
problems made here, picked out by check id.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema  # type: ignore[import-untyped]  # no stubs in the dev dependencies
import pytest

from helpers import write_registry
from qingdan.checks import BY_ID
from qingdan.problems import Problem, Severity
from qingdan.reporters import FORMATS, ReportOptions, reporter
from qingdan.validation.report import ValidationReport
from qingdan.validation.validate import validate

ANCHORED = """\
unit: mzj
items:
  - code: &c GF-330205-0001
    name: 临时救助审批
    type: 行政给付
"""
# Two items with the same variant status: equal problems in one file, at different lines.
FULL_WIDTH = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    status: "有效\u3000"
  - code: XK-330205-0002
    name: 食品生产许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    status: "有效\u3000"
"""
ANCHORED_FILE = "power/mzj.yaml"
FULL_WIDTH_FILE = "power/市场监管局.yaml"  # a non-ASCII file name, as clerks name them
OURS = {"QD001", "QD006"}
EXPECTED = {
    (ANCHORED_FILE, 3, 11, "QD001"),
    (FULL_WIDTH_FILE, 7, 13, "QD006"),
    (FULL_WIDTH_FILE, 12, 13, "QD006"),
}
ZH = ReportOptions(lang="zh", display_root="registry", repo_root="registry")
EN = ReportOptions(lang="en", display_root="registry", repo_root="registry")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_registry(tmp_path / "registry", {ANCHORED_FILE: ANCHORED, FULL_WIDTH_FILE: FULL_WIDTH})


def ours(problems: list[Problem]) -> list[Problem]:
    return [found for found in problems if found.check in OURS]


def test_the_registry_has_the_problems_made_on_purpose(mixed: Path) -> None:
    report = validate(mixed)
    assert {(p.file, p.line, p.column, p.check) for p in ours(report.problems)} == EXPECTED
    assert {p.severity for p in ours(report.problems)} == {Severity.ERROR, Severity.WARNING}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_a_clean_registry(sample: Path, name: str) -> None:
    report = validate(sample)
    assert report.problems == []
    output = reporter(name)(report, ZH)
    assert output == "" if name == "github" else output.endswith("\n")


# --- text -----------------------------------------------------------------------------------------


def test_text_is_compiler_style_then_a_summary(mixed: Path) -> None:
    report = validate(mixed)
    *lines, summary = reporter("text")(report, ZH).splitlines()
    pattern = re.compile(r"(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<label>错误|警告) (?P<check>QD\d{3}) \S.*")
    matches = [pattern.fullmatch(line) for line in lines]
    assert all(matches), lines
    seen = {(m["file"], int(m["line"]), int(m["column"]), m["check"]) for m in matches if m and m["check"] in OURS}
    assert seen == {(f"registry/{file}", line, column, check) for file, line, column, check in EXPECTED}
    labels = {m["check"]: m["label"] for m in matches if m}
    assert labels["QD001"] == "错误"
    assert labels["QD006"] == "警告"
    counts = (report.files, report.records, report.errors, report.warnings)
    assert summary == "{} 个文件，{} 条记录：{} 个错误，{} 个警告".format(*counts)


def test_text_in_english(mixed: Path) -> None:
    lines = reporter("text")(validate(mixed), EN).splitlines()
    assert "registry/power/mzj.yaml:3:11: error QD001 anchors (&c) are not allowed" in lines
    warned = r"registry/power/\S+:7:13: warning QD006 '有效\u3000' was read as '有效'.*"
    assert any(re.fullmatch(warned, line) for line in lines)
    assert re.fullmatch(r"\d+ files, \d+ records: \d+ error\(s\), \d+ warning\(s\)", lines[-1])


# --- json -----------------------------------------------------------------------------------------


def test_json_has_exactly_the_keys_of_spec_6_1(mixed: Path) -> None:
    report = validate(mixed, label="registry")
    data = json.loads(reporter("json")(report, ZH))
    assert set(data) == {"version", "registry", "summary", "problems"}
    assert data["version"] == 1
    assert data["registry"] == "registry"
    assert data["summary"] == {
        "files": report.files,
        "records": report.records,
        "errors": report.errors,
        "warnings": report.warnings,
    }
    keys = {"check", "severity", "file", "line", "column", "record", "field", "message"}  # "new" only with --base
    assert all(set(entry) == keys for entry in data["problems"])
    picked = [entry for entry in data["problems"] if entry["check"] in OURS]
    assert {(e["file"], e["line"], e["column"], e["check"]) for e in picked} == EXPECTED
    assert {e["check"]: e["severity"] for e in picked} == {"QD001": "error", "QD006": "warning"}
    assert {e["message"] for e in picked if e["check"] == "QD001"} == {"不允许使用锚点（&c）"}


def test_json_marks_new_problems_when_the_report_knows(mixed: Path) -> None:
    report = validate(mixed)
    report.problems = [Problem("QD006", Severity.WARNING, "power/a.yaml", 1, 1, new=True)]
    (entry,) = json.loads(reporter("json")(report, ZH))["problems"]
    assert entry["new"] is True


# --- github ---------------------------------------------------------------------------------------

GITHUB = re.compile(
    r"::(?P<command>error|warning) file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+),col=(?P<column>\d+),"
    r"title=(?P<title>QD\d{3})::(?P<message>[^\r\n]+)"
)


def test_github_prints_one_annotation_per_problem_and_nothing_else(mixed: Path) -> None:
    report = validate(mixed)
    lines = reporter("github")(report, ZH).splitlines()
    assert len(lines) == len(report.problems)
    matches = [GITHUB.fullmatch(line) for line in lines]
    assert all(matches), lines
    seen = {(m["file"], int(m["line"]), int(m["column"]), m["title"]) for m in matches if m and m["title"] in OURS}
    assert seen == {(f"registry/{file}", line, column, check) for file, line, column, check in EXPECTED}
    commands = {m["title"]: m["command"] for m in matches if m}
    assert commands["QD001"] == "error"
    assert commands["QD006"] == "warning"


def test_github_escapes_messages_and_properties(tmp_path: Path) -> None:
    # A file name with `%`, `,` and `:`, and a variant value ending in CR LF: none may end the command early.
    hostile = "power/100%,a:b.yaml"
    root = write_registry(tmp_path, {hostile: FULL_WIDTH.replace("有效\u3000", "有效\\r\\n", 1)})
    lines = reporter("github")(validate(root), ReportOptions(repo_root="registry")).splitlines()
    ours_only = [line for line in lines if "title=QD006" in line]
    assert len(ours_only) == 2
    first = GITHUB.fullmatch(ours_only[0])
    assert first is not None
    assert first["file"] == "registry/power/100%25%2Ca%3Ab.yaml"
    assert first["message"] == "“有效%0D%0A”已按规范写法“有效”处理，请修改原文"


def test_github_without_a_position_annotates_the_file() -> None:
    report = ValidationReport("registry", 1, 0, [Problem("QD001", Severity.ERROR, "a%.yaml", key="QD001.nul")])
    expected = "::error file=registry/a%25.yaml,title=QD001::文件含有空字符（NUL），不是文本文件\n"
    assert reporter("github")(report, ZH) == expected


# --- gitlab ---------------------------------------------------------------------------------------

CODE_QUALITY: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "pattern": "^QD[0-9]{3}$"},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "additionalProperties": False,
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_is_a_code_quality_report(mixed: Path) -> None:
    issues = json.loads(reporter("gitlab")(validate(mixed), ZH))
    jsonschema.validate(issues, CODE_QUALITY)
    picked = [issue for issue in issues if issue["check_name"] in OURS]
    seen = {(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in picked}
    assert seen == {(f"registry/{file}", line, check) for file, line, _, check in EXPECTED}
    assert {i["check_name"]: i["severity"] for i in picked} == {"QD001": "major", "QD006": "minor"}
    assert "不允许使用锚点（&c）" in {i["description"] for i in picked}


def test_gitlab_fingerprints_are_unique_and_stable(mixed: Path) -> None:
    first = json.loads(reporter("gitlab")(validate(mixed), ZH))
    again = json.loads(reporter("gitlab")(validate(mixed), ZH))
    fingerprints = [issue["fingerprint"] for issue in first]
    assert len(set(fingerprints)) == len(fingerprints)  # even the two equal QD006 problems differ
    assert fingerprints == [issue["fingerprint"] for issue in again]


def test_gitlab_fingerprints_survive_a_record_moving_down(mixed: Path) -> None:
    def by_check(root: Path) -> dict[tuple[str, int], str]:
        issues = json.loads(reporter("gitlab")(validate(root), ZH))
        return {(i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"] for i in issues}

    before = by_check(mixed)
    target = mixed / FULL_WIDTH_FILE
    target.write_text("# 区市场监督管理局\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    after = by_check(mixed)
    assert after[("QD006", 8)] == before[("QD006", 7)]
    assert after[("QD006", 13)] == before[("QD006", 12)]
    assert after[("QD001", 3)] == before[("QD001", 3)]


# --- sarif ----------------------------------------------------------------------------------------


def _closed(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """An object schema that, like SARIF's own, refuses properties it does not define."""
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False}


_TEXT = _closed(["text"], {"text": {"type": "string", "minLength": 1}})
# RFC 3986 characters of a relative reference: anything else (a space, Chinese) must be percent-encoded.
_URI_REFERENCE = r"^[A-Za-z0-9._~%!$&'()*+,;=@/-]+$"
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
# The part of https://json.schemastore.org/sarif-2.1.0.json that qingdan writes (no network in CI to fetch it).
SARIF_SUBSET: dict[str, Any] = _closed(
    ["version", "runs"],
    {
        "$schema": {"const": "https://json.schemastore.org/sarif-2.1.0.json"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": _closed(
                ["tool", "results"],
                {
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "tool": _closed(
                        ["driver"],
                        {
                            "driver": _closed(
                                ["name"],
                                {
                                    "name": {"const": "qingdan"},
                                    "version": {"type": "string"},
                                    "semanticVersion": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": _closed(
                                            ["id", "shortDescription", "fullDescription", "defaultConfiguration"],
                                            {
                                                "id": {"type": "string", "pattern": "^QD[0-9]{3}$"},
                                                "shortDescription": _TEXT,
                                                "fullDescription": _TEXT,
                                                "defaultConfiguration": _closed(["level"], {"level": _LEVEL}),
                                            },
                                        ),
                                    },
                                },
                            )
                        },
                    ),
                    "results": {
                        "type": "array",
                        "items": _closed(
                            ["ruleId", "level", "message", "locations"],
                            {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": _LEVEL,
                                "message": _TEXT,
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": _closed(
                                        ["physicalLocation"],
                                        {
                                            "physicalLocation": _closed(
                                                ["artifactLocation"],
                                                {
                                                    "artifactLocation": _closed(
                                                        ["uri"], {"uri": {"type": "string", "pattern": _URI_REFERENCE}}
                                                    ),
                                                    "region": _closed(
                                                        ["startLine"],
                                                        {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    ),
                                                },
                                            )
                                        },
                                    ),
                                },
                            },
                        ),
                    },
                },
            ),
        },
    },
)


def sarif(report: ValidationReport, options: ReportOptions) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(reporter("sarif")(report, options))
    jsonschema.Draft202012Validator(SARIF_SUBSET).validate(data)
    return data


def test_sarif_describes_every_rule_it_reports(mixed: Path) -> None:
    (run,) = sarif(validate(mixed), ZH)["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(set(ids))
    assert {"QD001", "QD006"} <= set(ids)
    for rule in rules:
        if rule["id"] in BY_ID:
            check = BY_ID[rule["id"]]
            assert rule["shortDescription"]["text"] == check.summary
            assert rule["fullDescription"]["text"] == check.doc
            assert rule["defaultConfiguration"]["level"] == check.severity.value
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_point_at_the_problems(mixed: Path) -> None:
    (run,) = sarif(validate(mixed), ZH)["runs"]
    picked = [result for result in run["results"] if result["ruleId"] in OURS]
    seen = set()
    for result in picked:
        location = result["locations"][0]["physicalLocation"]
        uri, region = location["artifactLocation"]["uri"], location["region"]
        assert uri.isascii()  # a URI reference: the Chinese file name is percent-encoded
        seen.add((unquote(uri), region["startLine"], region["startColumn"], result["ruleId"]))
    assert seen == {(f"registry/{file}", line, column, check) for file, line, column, check in EXPECTED}
    assert {r["ruleId"]: r["level"] for r in picked} == {"QD001": "error", "QD006": "warning"}
    english = sarif(validate(mixed), EN)["runs"][0]["results"]
    assert "anchors (&c) are not allowed" in {result["message"]["text"] for result in english}


def test_sarif_without_a_position_has_no_region() -> None:
    report = ValidationReport("registry", 1, 0, [Problem("QD001", Severity.ERROR, "a.yaml", key="QD001.nul")])
    (result,) = sarif(report, ZH)["runs"][0]["results"]
    assert result["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "registry/a.yaml"}}}]


# --- junit ----------------------------------------------------------------------------------------


def junit(report: ValidationReport, options: ReportOptions) -> ET.Element:
    output = reporter("junit")(report, options)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(output.encode("utf-8"))


def test_junit_fails_one_case_per_error(mixed: Path) -> None:
    report = validate(mixed)
    suites = junit(report, ZH)
    assert suites.tag == "testsuites"
    (suite,) = suites.findall("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests", "")) == len(cases) == len(report.problems)
    assert int(suite.get("failures", "")) == len(suite.findall("testcase/failure")) == report.errors
    by_name = {case.get("name"): case for case in cases}
    anchored = by_name["QD001 registry/power/mzj.yaml:3:11"]
    assert anchored.get("classname") == "registry/power/mzj.yaml"
    failure = anchored.find("failure")
    assert failure is not None
    assert failure.get("message") == "不允许使用锚点（&c）"
    assert failure.text == "registry/power/mzj.yaml:3:11: 错误 QD001 不允许使用锚点（&c）"
    warned = by_name[f"QD006 registry/{FULL_WIDTH_FILE}:7:13"]
    assert warned.find("failure") is None
    assert "警告 QD006" in (warned.findtext("system-out") or "")


def test_junit_of_a_clean_registry_is_one_passing_case(sample: Path) -> None:
    suites = junit(validate(sample), EN)
    (case,) = suites.iter("testcase")
    assert case.get("name") == "validate"
    assert case.find("failure") is None
    assert "no problems" in (case.findtext("system-out") or "")
    assert suites.get("failures") == "0"


def test_junit_keeps_hostile_text_inert() -> None:
    written = "<script>alert(1)</script>&\x01\x1b"
    found = Problem("QD006", Severity.WARNING, "a.yaml", 1, 1, args={"written": written, "value": "有效"})
    suites = junit(ValidationReport("registry", 1, 1, [found]), ZH)
    output = suites.findtext("testsuite/testcase/system-out") or ""
    assert "<script>alert(1)</script>&\ufffd\ufffd" in output
    assert suites.find(".//script") is None
