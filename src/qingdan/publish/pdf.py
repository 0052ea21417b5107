"""`render --format pdf`: the published lists as one official document, set with WeasyPrint.

A cover (region, edition, date, revision), a table of contents with page numbers, the lists by level and
unit, then the delegations, community tasks and assessments; running headers and page numbers come from CSS
paged media in pdf.css. The CJK fonts are embedded; every published character is checked against them
first (see fonts.py), so a PDF either shows every character or is not written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from jinja2 import Environment

from qingdan.diff.engine import Revision
from qingdan.loader.registry import Registry
from qingdan.publish.fonts import Face, check_glyphs, find_faces, font_face_css
from qingdan.publish.model import Edition, build_publication
from qingdan.publish.output import write_public
from qingdan.publish.site import today
from qingdan.publish.templating import asset, environment, render
from qingdan.publish.texts import Text, publication_texts

STYLESHEET = "pdf.css"


def render_pdf(
    registry: Registry,
    out_file: Path,
    *,
    edition: Edition = Edition.STANDARD,
    revision: Revision | None = None,
    templates: Path | None = None,
    published: date | None = None,
) -> int:
    """Write the PDF to `out_file` (atomically) and return its number of pages; MissingGlyphError names the
    records whose characters the fonts cannot print (nothing is written then)."""
    publication = build_publication(registry, edition, revision or Revision(), published or today(registry))
    faces = checked_faces(publication_texts(publication))
    env = environment(templates)
    html = render(env, "pdf.html", pub=publication, edition=edition)
    return write_pdf_file(out_file, env, html, faces)


def write_pdf_file(out_file: Path, env: Environment, html: str, faces: tuple[Face, ...]) -> int:
    """Set `html` with pdf.css and the fonts, write it atomically; returns the number of pages."""
    from qingdan.publish.weasy import write_pdf

    css = font_face_css(faces) + asset(env, STYLESHEET)
    data, pages = write_pdf(html, css, {face.path for face in faces})
    write_public(out_file, data)
    return pages


def checked_faces(texts: Iterable[Text]) -> tuple[Face, ...]:
    """The fonts, once every text has been found printable with them."""
    faces = find_faces()
    check_glyphs(texts, faces)
    return faces
