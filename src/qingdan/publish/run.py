"""The library halves of `qingdan render` and `qingdan diff --format html|pdf`: what they do once their
options are parsed. Output paths are checked before any work, so a wrong --out fails in a moment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qingdan.diff.engine import Diff
from qingdan.publish.errors import PublishError
from qingdan.publish.model import Edition
from qingdan.publish.pdf import render_pdf
from qingdan.publish.report import render_report_html, render_report_pdf
from qingdan.publish.site import render_site
from qingdan.publish.source import load_published

HTML, PDF = "html", "pdf"


@dataclass(frozen=True)
class Written:
    path: Path  # the PDF, or the site's index.html
    pages: int  # of the PDF, or HTML pages of the site


def publish_registry(
    root: Path, out: Path, fmt: str, edition: Edition, *, rev: str | None = None, templates: Path | None = None
) -> Written:
    """The registry at `root` (as of `rev`, else the working tree) as a site in folder `out` or a PDF file."""
    check_out(out, fmt)
    registry, revision = load_published(root, rev)
    if fmt == PDF:
        pages = render_pdf(registry, out, edition=edition, revision=revision, templates=templates)
        return Written(out, pages)
    written = render_site(registry, out, edition=edition, revision=revision, templates=templates)
    return Written(written[0], sum(1 for path in written if path.suffix == ".html"))


def publish_report(diff: Diff, fmt: str, out: Path | None, lang: str) -> str | None:
    """The adjustment report: HTML returned as text (for stdout or --out), a PDF written to `out`."""
    if fmt == HTML:
        return render_report_html(diff, lang)
    if out is None:
        raise PublishError("publish.out_required")
    check_out(out, fmt)
    render_report_pdf(diff, out, lang)
    return None


def check_out(out: Path, fmt: str) -> None:
    if fmt == PDF and out.is_dir():
        raise PublishError("publish.out_dir", path=str(out))
    if fmt == HTML and out.exists() and not out.is_dir():
        raise PublishError("publish.out_file", path=str(out))
