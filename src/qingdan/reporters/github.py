"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem, nothing else.

The path is relative to the repository root (GitHub resolves annotations from there, not from the
registry), and every value is escaped as the Actions runner unescapes it, so a message or file name with
a newline, `%`, `,` or `:` cannot end the command early or inject another one.
"""

from __future__ import annotations

from qingdan.messages import message
from qingdan.problems import Problem, Severity
from qingdan.reporters import ReportOptions
from qingdan.validation.report import ValidationReport


def render(report: ValidationReport, options: ReportOptions) -> str:
    return "".join(annotation(found, options) + "\n" for found in report.problems)


def annotation(found: Problem, options: ReportOptions) -> str:
    command = "error" if found.severity is Severity.ERROR else "warning"
    properties = [("file", options.in_repo(found.file))]
    if found.line > 0:  # a problem about a whole file has no line: GitHub then annotates the file
        properties.append(("line", str(found.line)))
        if found.column > 0:
            properties.append(("col", str(found.column)))
    properties.append(("title", found.check))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{command} {joined}::{escape_data(message(found, options.lang))}"


def escape_data(value: str) -> str:
    """The message part of a workflow command (actions/toolkit `escapeData`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A `name=value` property (actions/toolkit `escapeProperty`): `,` and `:` end a property too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
