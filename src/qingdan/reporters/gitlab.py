"""gitlab report (written by the reporters work)."""

from __future__ import annotations

from qingdan.report import ValidationReport
from qingdan.reporters import ReportOptions, json_report


def render(report: ValidationReport, options: ReportOptions) -> str:
    return json_report.render(report, options)
