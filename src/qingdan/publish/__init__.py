"""Publications (SPEC §7): the published lists as an offline HTML site and one PDF, and the adjustment
report in both, all from the Jinja templates in `qingdan/templates/` (overridable with `--templates`).

Library first: the CLI only parses its options and calls `publish_registry` or `publish_report`. The PDF
modules import WeasyPrint only when a PDF is made.
"""

from qingdan.publish.errors import MissingGlyphError, PublishError
from qingdan.publish.model import Edition, Publication, build_publication
from qingdan.publish.pdf import render_pdf
from qingdan.publish.report import render_report_html, render_report_pdf
from qingdan.publish.run import Written, publish_registry, publish_report
from qingdan.publish.site import render_site
from qingdan.publish.source import load_published

__all__ = [
    "Edition",
    "MissingGlyphError",
    "Publication",
    "PublishError",
    "Written",
    "build_publication",
    "load_published",
    "publish_registry",
    "publish_report",
    "render_pdf",
    "render_report_html",
    "render_report_pdf",
    "render_site",
]
