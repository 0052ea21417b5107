"""SPEC §6.1: the machine-readable report."""

from __future__ import annotations

import json
from typing import Any

from qingdan.messages import message
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport


def as_data(report: ValidationReport, options: ReportOptions) -> dict[str, Any]:
    problems = []
    for found in report.problems:
        entry: dict[str, Any] = {
            "check": found.check,
            "severity": found.severity.value,
            "file": found.file,
            "line": found.line,
            "column": found.column,
            "record": found.record,
            "field": found.field,
            "message": message(found, options.lang),
        }
        if found.new is not None:
            entry["new"] = found.new
        problems.append(entry)
    return {
        "version": 1,
        "registry": report.registry,
        "summary": {
            "files": report.files,
            "records": report.records,
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "problems": problems,
    }


def render(report: ValidationReport, options: ReportOptions) -> str:
    return json.dumps(as_data(report, options), ensure_ascii=False, indent=2) + "\n"
