"""A law library of LawRefBook's size (3,500 files, 55 MiB) for the benchmark registry, and copies of that registry
with and without it, for the SPEC §10 rows: validate cold with the library (against the same registry without
it), a one-file edit with it, and `laws --changed-since`.

    python -m bench.laws REGISTRY OUT_DIR

The library is made of the bundled registry's 113 real texts (registry/laws/): the texts themselves; ten renamed
copies of each law the benchmark's items cite (`中华人民共和国食品安全法（3）` …), since a province's items cite
hundreds of laws, not fifty; and renamed copies of every text, cut after about 14 KiB at an article, up to
LawRefBook's 3,500 files and 55 MiB. The copy's power files cite the renamed laws in turn (one file in eleven
keeps the originals), so about 580 distinct laws are cited, every one with its text.

The benchmark registry cites its laws as a clerk would before any review: six laws the corpus lacks, a 项 an
article does not have, paraphrased quotations. The copies are the registry after its review, as the registry
without a library is clean: the missing laws are listed in the library's index, the references and quotations
are put right (a quotation becomes the first sentence of its article), and every text is dated five years
earlier than it is, before the items' adjustments (2019–2023), so that no citation has a newer version (QD126);
`laws --changed-since 2015-01-01` still finds the laws amended since (their 2020 and 2021 texts). The rows then
measure the checking, not the printing of warnings (which costs what it costs for any check: a source map per
file with a problem).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BUNDLED_LAWS = Path(__file__).resolve().parent.parent / "registry" / "laws"
FILES = 3_500
MIB = 55
COPIES = 10  # renamed copies of each cited law
FILLER_BYTES = 14 * 1024  # a filler copy is cut after its first article past this many bytes
_TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
_LAW = re.compile(r"(law: |《)([^,}\n《》]+?)(\s*[,}\n]|》)")
_HISTORY_YEAR = re.compile(r"^(\d{4})年", re.MULTILINE)
INFO_END = "<!-- INFO END -->"
_BLOCK = re.compile(r"^(\s*)- law: (.+)$")
_CITATION = re.compile(r"^(\s*)- (《.+)$")
_COPY = re.compile(r"（\d+）$")


def prepare(registry: Path, out: Path) -> tuple[Path, Path]:
    """(the copy with the library, the same copy without it), made once and reused."""
    with_laws, without = out / "with-laws", out / "without-laws"
    if (with_laws / "laws" / "README.md").is_file() and (without / "qingdan.yaml").is_file():
        return with_laws, without
    shutil.rmtree(out, ignore_errors=True)
    texts = sorted(BUNDLED_LAWS.rglob("*.md"))
    texts = [path for path in texts if path.name != "README.md"]
    titles = {_title(path): path for path in texts}
    cited = _cited_titles(registry, titles)
    shutil.copytree(registry, without)
    _cite_copies(without, cited)
    unknown = _review(without)
    shutil.copytree(without, with_laws)
    _write_library(with_laws / "laws", texts, cited)
    _write_index(with_laws / "laws" / "index.csv", unknown)
    return with_laws, without


def _title(path: Path) -> str:
    match = _TITLE.search(path.read_text(encoding="utf-8"))
    assert match, path
    return match[1].strip()


def _key(name: str) -> str:
    return name.strip().removeprefix("中华人民共和国")


def _cited_titles(registry: Path, titles: dict[str, Path]) -> dict[str, str]:
    """The laws the registry's power files cite that the library has: cited name → title."""
    by_key = {_key(title): title for title in titles}
    found: dict[str, str] = {}
    for path in (registry / "power").glob("*.yaml"):
        for match in _LAW.finditer(path.read_text(encoding="utf-8")):
            title = by_key.get(_key(match[2]))
            if title is not None:
                found[match[2].strip()] = title
    return found


def _cite_copies(registry: Path, cited: dict[str, str]) -> None:
    """Power file i cites copy i % 11 of each law (copy 0: the original)."""
    for index, path in enumerate(sorted((registry / "power").glob("*.yaml"))):
        copy = index % (COPIES + 1)
        if not copy:
            continue

        def renamed(match: re.Match[str], copy: int = copy) -> str:
            title = cited.get(match[2].strip())
            return f"{match[1]}{title}（{copy}）{match[3]}" if title else match[0]

        path.write_text(_LAW.sub(renamed, path.read_text(encoding="utf-8")), encoding="utf-8")


def _write_library(folder: Path, texts: list[Path], cited: dict[str, str]) -> None:
    written = 0
    for path in texts:  # the real texts, under their own names
        written += _write(folder / path.relative_to(BUNDLED_LAWS), _retitled(path, "", None))
    count = len(texts)
    cited_paths = [path for path in texts if _title(path) in set(cited.values())]
    for copy in range(1, COPIES + 1):  # the cited laws' copies, whole (their cited articles must be there)
        for path in cited_paths:
            written += _write(_renamed(folder, path, f"（{copy}）"), _retitled(path, f"（{copy}）", None))
            count += 1
    filler = 0
    while count < FILES:  # up to LawRefBook's size
        path = texts[filler % len(texts)]
        suffix = f"（补{filler}）"
        written += _write(_renamed(folder, path, suffix), _retitled(path, suffix, FILLER_BYTES))
        filler, count = filler + 1, count + 1
    (folder / "README.md").write_text(
        f"Generated by bench/laws.py: {count} files, {written / 2**20:.1f} MiB.\n", encoding="utf-8"
    )


def _renamed(folder: Path, path: Path, suffix: str) -> Path:
    relative = path.relative_to(BUNDLED_LAWS)
    stem, _, dated = relative.name.partition("(")
    return folder / relative.parent / f"{stem}{suffix}({dated}"


def _retitled(path: Path, suffix: str, cut: int | None) -> str:
    text = path.read_text(encoding="utf-8")
    text = _TITLE.sub(lambda match: f"# {match[1].strip()}{suffix}", text, count=1)
    head, marker, body = text.partition(INFO_END)
    text = _HISTORY_YEAR.sub(_five_years_earlier, head) + marker + body  # older than every adjustment
    if cut is not None and len(text.encode("utf-8")) > cut:
        at = text.find("\n第", len(text.encode("utf-8")[:cut].decode("utf-8", "ignore")))
        text = text[: at + 1] if at > 0 else text
    return text


def _review(registry: Path) -> set[str]:
    """Put the registry's citations right against the real texts (see the module's docstring); returns the
    names of the laws the library lacks, for its index."""
    from qingdan.laws.reading import open_library
    from qingdan.sources.files import Folder

    library = open_library(Folder(BUNDLED_LAWS.parent), BUNDLED_LAWS.name, [])
    unknown: set[str] = set()
    for path in registry.rglob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        fixed = _reviewed(lines, library, unknown)
        if fixed != lines:
            path.write_text("\n".join(fixed), encoding="utf-8")
    return unknown


def _reviewed(lines: list[str], library: Any, unknown: set[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := _CITATION.match(line):
            from qingdan.models import parse_citation

            basis = parse_citation(match[2])
            law, article, text = _fixed(library, basis["law"], basis.get("article"), basis.get("text"), unknown)
            out.append(f"{match[1]}- 《{law}》{article or ''}" + (f"：{text}" if text else ""))
            index += 1
            continue
        if match := _BLOCK.match(line):
            fields = {"law": match[2].strip()}
            index += 1
            while index < len(lines) and (inner := re.match(rf"^{match[1]}  (article|text): (.+)$", lines[index])):
                fields[inner[1]] = inner[2].strip()
                index += 1
            law, article, text = _fixed(library, fields["law"], fields.get("article"), fields.get("text"), unknown)
            out.append(f"{match[1]}- law: {law}")
            out += [f"{match[1]}  article: {article}"] if article else []
            out += [f"{match[1]}  text: {text}"] if text else []
            continue
        out.append(line)
        index += 1
    return out


def _fixed(library: Any, law: str, article: str | None, text: str | None, unknown: set[str]) -> tuple[str, ...]:
    """(law, article, text) as the review leaves them."""
    from qingdan.laws.resolve import label, resolve

    found = resolve(library, _COPY.sub("", law), article, text)
    if found.known is None:
        unknown.add(law)
        return law, article or "", text or ""
    if found.broken_reference and found.articles:
        article = label((found.articles[0].number, found.articles[0].suffix))
    elif found.broken_reference:
        return law, "", ""
    if found.quoted is False and found.articles:
        first = re.split(r"(?<=[。；：])", found.articles[0].paragraphs[0])[0]
        text = first[:60]
    return law, article or "", text or ""


def _write_index(path: Path, unknown: set[str]) -> None:
    """The laws the corpus lacks, with a level by their names."""
    rows = ["名称,效力位阶"]
    for name in sorted(unknown):
        rows.append(f"{name},{_level(name)}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _level(name: str) -> str:
    if name.startswith(("浙江省", "宁波市")):
        return "地方性法规"
    if name.endswith("办法"):
        return "规范性文件"
    return "行政法规" if name.endswith("条例") else "法律"


def _five_years_earlier(match: re.Match[str]) -> str:
    return f"{int(match[1]) - 5}年"


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.laws", description=__doc__.splitlines()[0])
    parser.add_argument("registry", type=Path)
    parser.add_argument("out", type=Path)
    options = parser.parse_args(argv)
    with_laws, _ = prepare(options.registry, options.out)
    files = list((with_laws / "laws").rglob("*.md"))
    size = sum(path.stat().st_size for path in files) / 2**20
    print(f"{len(files)} law files, {size:.1f} MiB, in {with_laws / 'laws'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
