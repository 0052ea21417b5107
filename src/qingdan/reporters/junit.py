"""JUnit XML, which CI dashboards (GitLab, Jenkins, Azure) show as a test report.

One test case per problem: an error is a failed case, a warning a passing case whose output carries the
message. A clean registry is one passing case, so dashboards still show that validation ran.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from qingdan.messages import message, text
from qingdan.problems import Problem, Severity
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport

# Characters XML 1.0 cannot hold even escaped; data written by hand (or pasted) may still contain them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: ValidationReport, options: ReportOptions) -> str:
    suites = ET.Element("testsuites", name="qingdan")
    suite = ET.SubElement(suites, "testsuite", name="qingdan")
    for found in report.problems:
        _add_case(suite, found, options)
    if not report.problems:
        case = ET.SubElement(suite, "testcase", name="validate", classname="qingdan")
        ET.SubElement(case, "system-out").text = _clean(_summary(report, options))
    counts = {
        "tests": str(max(len(report.problems), 1)),
        "failures": str(report.errors),
        "errors": "0",
        "skipped": "0",
    }
    suites.attrib.update(counts)
    suite.attrib.update(counts)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _add_case(suite: ET.Element, found: Problem, options: ReportOptions) -> None:
    path = options.in_repo(found.file)
    where = f"{path}:{found.line}:{found.column}"
    case = ET.SubElement(suite, "testcase", name=_clean(f"{found.check} {where}"), classname=_clean(path))
    case.set("file", _clean(path))
    if found.line > 0:
        case.set("line", str(found.line))
    said = _clean(message(found, options.lang))
    label = text("error" if found.severity is Severity.ERROR else "warning", options.lang)
    detail = _clean(f"{where}: {label} {found.check} {said}")
    if found.severity is Severity.ERROR:
        failure = ET.SubElement(case, "failure", message=said, type=found.check)
        failure.text = detail
    else:
        ET.SubElement(case, "system-out").text = detail


def _summary(report: ValidationReport, options: ReportOptions) -> str:
    counts = {"files": report.files, "records": report.records, "errors": report.errors, "warnings": report.warnings}
    return text("summary" if report.problems else "clean", options.lang, **counts)


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)
