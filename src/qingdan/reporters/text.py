"""Compiler-style lines, `FILE:LINE:COLUMN: 错误 QD101 message`, then a summary line."""

from __future__ import annotations

from qingdan.messages import message, text
from qingdan.problems import Severity
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport


def render(report: ValidationReport, options: ReportOptions) -> str:
    lines = []
    for found in report.problems:
        label = text("error" if found.severity is Severity.ERROR else "warning", options.lang)
        where = f"{options.shown(found.file)}:{found.line}:{found.column}"
        lines.append(f"{where}: {label} {found.check} {message(found, options.lang)}")
    counts = {"files": report.files, "records": report.records, "errors": report.errors, "warnings": report.warnings}
    lines.append(text("summary" if report.problems else "clean", options.lang, **counts))
    return "\n".join(lines) + "\n"
