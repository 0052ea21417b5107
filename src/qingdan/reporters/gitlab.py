"""GitLab Code Quality report: a JSON list of issues that merge requests show as a code quality widget.

GitLab matches issues between the base and the merge request by `fingerprint`, so it is built from what
identifies a problem (check, file, record, field, message key and arguments), never from the line: moving
a record does not make its problem look fixed and new again. Equal problems in one file are told apart by
their order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from qingdan.messages import message
from qingdan.problems import Problem, Severity
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(report: ValidationReport, options: ReportOptions) -> str:
    return json.dumps(issues(report, options), ensure_ascii=False, indent=2) + "\n"


def issues(report: ValidationReport, options: ReportOptions) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    result = []
    for found in report.problems:
        path = options.in_repo(found.file)
        identity = _identity(found, path)
        seen[identity] += 1
        result.append(
            {
                "description": message(found, options.lang),
                "check_name": found.check,
                "fingerprint": _fingerprint(identity, seen[identity]),
                "severity": SEVERITY[found.severity],
                "location": {"path": path, "lines": {"begin": max(found.line, 1)}},
            }
        )
    return result


def _identity(found: Problem, path: str) -> str:
    parts = [found.check, path, found.record or "", found.field or "", found.message_key]
    parts += [f"{name}={value}" for name, value in sorted(found.args.items())]
    return json.dumps(parts, ensure_ascii=False)


def _fingerprint(identity: str, occurrence: int) -> str:
    text = identity if occurrence == 1 else f"{identity}#{occurrence}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
