"""Why a publication could not be made: a QingdanError like any other, said in the user's language by the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from qingdan.errors import QingdanError
from qingdan.models.kinds import BY_REPORT_KEY


class PublishError(QingdanError):
    """A publication could not be made (templates, fonts, output path, a registry with errors)."""


@dataclass(frozen=True)
class Missing:
    """A character the PDF fonts lack, and the record field that holds it."""

    kind: str  # a kind's report key, or "settings" / "report"
    key: str
    field: str
    char: str


class MissingGlyphError(PublishError):
    """Some published text has characters that the PDF fonts cannot draw: the PDF would show boxes instead."""

    SHOWN = 20  # records named in the message; the count says how many more

    def __init__(self, missing: list[Missing], font: str) -> None:
        self.missing = missing
        self.font = font
        super().__init__("publish.glyph")

    def localized(self, lang: str) -> str:
        from qingdan.diff.labels import field_label, kind_label
        from qingdan.messages import text

        lines = [text("publish.glyph", lang, font=self.font, count=len(self.missing))]
        for found in self.missing[: self.SHOWN]:
            kind = (
                kind_label(found.kind, lang)
                if found.kind in BY_REPORT_KEY
                else text(f"publish.kind.{found.kind}", lang)
            )
            field = field_label(found.kind, found.field, lang) if found.kind in BY_REPORT_KEY else found.field
            char = f"U+{ord(found.char):04X}"
            lines.append(text("publish.glyph.record", lang, kind=kind, key=found.key, field=field, char=char))
        if len(self.missing) > self.SHOWN:
            lines.append(text("publish.glyph.more", lang, count=len(self.missing) - self.SHOWN))
        return "\n".join(lines)
