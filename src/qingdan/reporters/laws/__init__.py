"""`qingdan laws` in each output format, one module per format: the library with its citations, one law's
citing records (with NAME), or the laws changed since a date with the records to review (`--changed-since`).
Text is for the clerk at a terminal; JSON (one line) and CSV (one row per law, or per citation) for tools and
Excel."""

from qingdan.reporters.laws.csv_report import render_csv
from qingdan.reporters.laws.json_report import as_json, citation_json, render_json
from qingdan.reporters.laws.text_report import render_text

__all__ = ["as_json", "citation_json", "render_csv", "render_json", "render_text"]
