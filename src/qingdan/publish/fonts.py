"""The PDF's fonts: Noto Serif CJK SC for the text, Noto Sans CJK SC for headings and codes (Debian's
fonts-noto-cjk), found at run time and embedded by file path.

Debian ships them as font collections (.ttc) holding the JP, KR, SC, TC and HK faces; fontconfig says which
face of the file is the SC one, and WeasyPrint picks that face for text marked `lang="zh-CN"`. The same face's
character map tells, before anything is drawn, whether every published character has a glyph: a missing one
would print as an empty box in an official document, so it is an error naming the record instead.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from qingdan.publish.errors import Missing, MissingGlyphError, PublishError

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
# (family, CSS weight, fontconfig style, Debian's file name)
FACES = (
    (SERIF, "normal", "Regular", "NotoSerifCJK-Regular.ttc"),
    (SERIF, "bold", "Bold", "NotoSerifCJK-Bold.ttc"),
    (SANS, "normal", "Regular", "NotoSansCJK-Regular.ttc"),
    (SANS, "bold", "Bold", "NotoSansCJK-Bold.ttc"),
)
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Not drawn as glyphs: line breaks, and variation selectors (the font's own tables handle those).
_NOT_DRAWN = frozenset(map(ord, "\n\r\t")) | frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))


@dataclass(frozen=True)
class Face:
    family: str
    weight: str
    path: Path
    index: int  # the face inside a collection

    @property
    def url(self) -> str:
        return self.path.as_uri()


def find_faces() -> tuple[Face, ...]:
    """The four faces, or PublishError saying which is missing and how to install it."""
    return tuple(_find(family, weight, style, file_name) for family, weight, style, file_name in FACES)


def font_face_css(faces: Iterable[Face]) -> str:
    rules = [
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; src: url("{face.url}"); }}'
        for face in faces
    ]
    return "\n".join(rules) + "\n"


def check_glyphs(texts: Iterable[tuple[str, str, str, str]], faces: tuple[Face, ...]) -> None:
    """(kind, key, field, text) of everything published; raises MissingGlyphError naming each record with a
    character some face lacks (the faces cover the same characters, but a heading may use either)."""
    covered = frozenset.intersection(*(coverage(face.path, face.index) for face in faces))
    missing = list(_missing(texts, covered))
    if missing:
        raise MissingGlyphError(missing, " / ".join(sorted({face.family for face in faces})))


def _missing(texts: Iterable[tuple[str, str, str, str]], covered: frozenset[int]) -> Iterator[Missing]:
    seen: set[tuple[str, str, str]] = set()
    for kind, key, field, value in texts:
        for char in set(value):
            point = ord(char)
            if point not in covered and point not in _NOT_DRAWN and (kind, key, field) not in seen:
                seen.add((kind, key, field))
                yield Missing(kind, key, field, char)


@cache
def coverage(path: Path, index: int) -> frozenset[int]:
    """The characters a face has glyphs for, read from the ranges of its Unicode cmap (format 12) as stored:
    fontTools' getBestCmap names each of the 65,000 glyphs of a Noto CJK face first, 0.22 s of CPU a face
    (0.9 s for the four faces of every PDF); the ranges take 0.045 s."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(path, fontNumber=index, lazy=True) as font:
        ranges = _ranges(font.reader["cmap"])
        if ranges is None:  # a font without a format 12 table: let fontTools read whatever it has
            return frozenset(font.getBestCmap())
    return frozenset(point for start, end in ranges for point in range(start, end + 1))


_UNICODE_FULL = ((3, 10), (0, 4), (0, 6))  # (platform, encoding) of a cmap covering all of Unicode


def _ranges(table: bytes) -> list[tuple[int, int]] | None:
    """The (first, last) character ranges of a raw cmap table's format 12 subtable for full Unicode."""
    (count,) = struct.unpack_from(">H", table, 2)
    for number in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * number)
        if (platform, encoding) in _UNICODE_FULL and struct.unpack_from(">H", table, offset)[0] == 12:
            (groups,) = struct.unpack_from(">L", table, offset + 12)
            fields = struct.unpack_from(f">{3 * groups}L", table, offset + 16)
            return list(zip(fields[0::3], fields[1::3], strict=True))
    return None


def _find(family: str, weight: str, style: str, file_name: str) -> Face:
    found = _fc_match(family, style) or _search(family, file_name)
    if found is None:
        raise PublishError("publish.font_missing", family=f"{family} {style}")
    return Face(family, weight, *found)


def _fc_match(family: str, style: str) -> tuple[Path, int] | None:
    """fontconfig's answer, if it is the font asked for (fc-match always answers, with a fallback if need be)."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    pattern = f"{family}:style={style}"
    answer = subprocess.run(
        [command, "--format", "%{file}\t%{index}\t%{family}\t%{style}", pattern],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        timeout=30,
    )
    parts = answer.stdout.split("\t")
    if answer.returncode or len(parts) != 4 or family not in parts[2].split(",") or style not in parts[3]:
        return None
    return Path(parts[0]), int(parts[1] or 0)


def _search(family: str, file_name: str) -> tuple[Path, int] | None:
    """Without fontconfig: Debian's file, and the face in it whose family name is `family`."""
    for folder in FONT_FOLDERS:
        for path in sorted(folder.rglob(file_name)) if folder.is_dir() else ():
            index = _face_index(path, family)
            if index is not None:
                return path, index
    return None


def _face_index(path: Path, family: str) -> int | None:
    from fontTools.ttLib import TTCollection

    with TTCollection(path, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return index
    return None
