"""The text of an import's outcome: one compiler-style line per problem, then one summary line."""

from __future__ import annotations

from qingdan.messages import message, text
from qingdan.problems import Severity
from qingdan.sheets.importer import ImportReport


def render_import(report: ImportReport, lang: str, registry_prefix: str = "") -> str:
    """`FILE:ROW:COLUMN: 错误 QD005 事项类型：…` for the sheet's cells; problems the import would cause in
    other records at their registry file, marked as after the import."""
    lines = []
    for found in report.problems:
        said = message(found, lang)
        if found.field:
            said = text("sheet.cell", lang, header=found.field, message=said)
        where = f"{found.file}:{found.line}:{found.column}"
        lines.append(f"{where}: {_severity(found.severity, lang)} {found.check} {said}")
    for found in report.elsewhere:
        said = text("sheet.after", lang, message=message(found, lang))
        where = f"{registry_prefix}{found.file}:{found.line}:{found.column}"
        lines.append(f"{where}: {_severity(found.severity, lang)} {found.check} {said}")
    if report.errors:
        lines.append(text("import.refused", lang, errors=report.errors))
    else:
        counts = {"added": report.added, "updated": report.updated, "unchanged": report.unchanged}
        lines.append(text("import.summary", lang, rows=report.rows, files=len(report.written), **counts))
    return "\n".join(lines) + "\n"


def _severity(severity: Severity, lang: str) -> str:
    return text("error" if severity is Severity.ERROR else "warning", lang)
