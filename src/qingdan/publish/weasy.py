"""WeasyPrint, held to reading nothing but the fonts: HTML and CSS go in as strings, and the URL fetcher
refuses every URL that is not one of the font files, so a template (or a value that escaped into markup)
cannot make the PDF read a local file or reach the network. A refused URL stops the render: a PDF silently
missing a picture or a stylesheet is worse than none.

Imported only when a PDF is made (WeasyPrint takes a second to import).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from qingdan.publish.errors import PublishError

with warnings.catch_warnings():
    # WeasyPrint asks for the locale's encoding once, at import, to name font files; under
    # `python -X warn_default_encoding` (how the tests run) Python warns about that call. Not ours to change.
    warnings.filterwarnings("ignore", "UTF-8 Mode affects locale.getpreferredencoding", EncodingWarning)
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]


class RefusedURL(Exception):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class FontsOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves exactly the given files, from file: URLs; refuses everything else."""

    def __init__(self, allowed: set[Path]) -> None:
        super().__init__(fail_on_errors=True)
        self.allowed = {path.resolve() for path in allowed}

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
        if path is None or path not in self.allowed:
            raise RefusedURL(url)
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes())


def write_pdf(html: str, css: str, fonts: set[Path]) -> tuple[bytes, int]:
    """The PDF of `html` styled by `css` (whose @font-face rules name `fonts`), and its number of pages."""
    fetcher = FontsOnlyFetcher(fonts)
    font_config = FontConfiguration()
    with _font_warnings() as failed_fonts:
        try:
            stylesheet = CSS(string=css, font_config=font_config, url_fetcher=fetcher)
            document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=font_config)
            data = document.write_pdf()
        except FatalURLFetchingError as error:
            refused = error.__cause__.url if isinstance(error.__cause__, RefusedURL) else str(error)
            raise PublishError("publish.refused", url=refused[:200]) from None
    if failed_fonts:
        raise PublishError("publish.font_missing", family=failed_fonts[0])
    assert isinstance(data, bytes)
    return data, len(document.pages)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.fonts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Font-face"):
            self.fonts.append(str(record.args[0]) if isinstance(record.args, tuple) and record.args else "?")


@contextmanager
def _font_warnings() -> Iterator[list[str]]:
    """WeasyPrint only logs a font it could not load, then silently uses another: catch that."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.fonts
    finally:
        logger.removeHandler(handler)
