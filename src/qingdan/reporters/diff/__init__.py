"""The adjustment report (`qingdan diff`) in each output format: one module per format.

All formats speak the user's language. In Chinese, classes and field labels are the Chinese terms (field
labels are the models' titles, e.g. 事项名称). In English, field labels are the keys as written in the
files (`name`) and classes keep their Chinese term with a gloss, "新增 (added)", because the Chinese term
is what the documents and the JSON say. JSON is language-neutral (SPEC §6.3).
"""

from qingdan.reporters.diff.csv_report import render_csv
from qingdan.reporters.diff.json_report import as_json, render_json
from qingdan.reporters.diff.markdown_report import render_markdown
from qingdan.reporters.diff.text_report import render_text

__all__ = ["as_json", "render_csv", "render_json", "render_markdown", "render_text"]
