"""The conformance report (`qingdan catalogue`) in each output format, one module per format. Text is for the
clerk at a terminal and lists what needs work (matching items are counted, not listed); JSON and CSV list every
item, for other tools and for Excel."""

from qingdan.reporters.catalogue.csv_report import render_csv
from qingdan.reporters.catalogue.json_report import as_json, render_json
from qingdan.reporters.catalogue.text_report import render_text

__all__ = ["as_json", "render_csv", "render_json", "render_text"]
