"""Spreadsheets in and out (SPEC §8): `export` writes a record kind as CSV or xlsx for clerks, `import`
takes their sheet back, checked as `validate` checks the registry, written all at once or not at all."""

from qingdan.sheets.errors import CommandError
from qingdan.sheets.export import ExportResult, export_sheet
from qingdan.sheets.importer import ImportReport, import_sheet

__all__ = ["CommandError", "ExportResult", "ImportReport", "export_sheet", "import_sheet"]
