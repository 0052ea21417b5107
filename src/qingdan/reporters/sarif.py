"""SARIF 2.1.0, the static-analysis format GitHub code scanning and many IDEs read.

One run; its driver lists every check as a rule (the summary and documentation come from the check's
docstring), and each problem becomes a result pointing at its file (relative to the repository root, as
a URI reference) and position. Columns count Unicode code points, which the run declares.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from qingdan import __version__
from qingdan.checks import CHECKS
from qingdan.messages import message
from qingdan.problems import Problem, Severity
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def render(report: ValidationReport, options: ReportOptions) -> str:
    return json.dumps(as_data(report, options), ensure_ascii=False, indent=2) + "\n"


def as_data(report: ValidationReport, options: ReportOptions) -> dict[str, Any]:
    rules = _rules(report)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    driver = {"name": "qingdan", "version": __version__, "semanticVersion": __version__, "rules": rules}
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(found, index[found.check], options) for found in report.problems],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rules(report: ValidationReport) -> list[dict[str, Any]]:
    """Every known check, plus any id a problem carries that the check list does not (yet) declare."""
    rules = {check.ident: _rule(check.ident, check.summary, check.doc, check.severity) for check in CHECKS}
    for found in report.problems:
        if found.check not in rules:
            rules[found.check] = _rule(found.check, found.check, found.check, found.severity)
    return [rules[ident] for ident in sorted(rules)]


def _rule(ident: str, summary: str, doc: str, severity: Severity) -> dict[str, Any]:
    return {
        "id": ident,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "defaultConfiguration": {"level": LEVEL[severity]},
    }


def _result(found: Problem, rule_index: int, options: ReportOptions) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(options.in_repo(found.file), safe="/")}}
    if found.line > 0:  # SARIF regions are 1-based; a problem about a whole file has none
        region = {"startLine": found.line}
        if found.column > 0:
            region["startColumn"] = found.column
        physical["region"] = region
    return {
        "ruleId": found.check,
        "ruleIndex": rule_index,
        "level": LEVEL[found.severity],
        "message": {"text": message(found, options.lang)},
        "locations": [{"physicalLocation": physical}],
    }
