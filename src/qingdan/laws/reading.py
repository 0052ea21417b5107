"""Reading a library folder from any Source (a folder, a git revision), parsing each file once.

A library the size of LawRefBook (3,500 files, 55 MiB) is read as follows: every file's header (title,
history, front matter, article count) is parsed once per version of the library and kept in the user's cache
as one entry named by the digests of all its files; a file's articles are parsed only when a citation needs
them, and kept in the cache by the file's digest. Measured on the 55 MiB bench library (2 cores, loaded):
parsing every header 0.25 s, against 0.03 s to load them from the cache; the articles of one law 1 ms.
Files whose digests the caller already knows (validate's snapshot) are not even read for their headers.

The cache is the caller's (`Keeper`: `qingdan.cache.store.Store` is one, in a layer above this one); without one
every header is parsed and articles are parsed once per run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from qingdan.laws.document import Articles, Header, read_articles, read_header
from qingdan.laws.flaw import Flaw
from qingdan.laws.index import IndexEntry
from qingdan.laws.library import Library, Version, assemble
from qingdan.laws.terms import LawLevel
from qingdan.problems import Problem
from qingdan.sources.files import LAW, LAW_INDEX, Source, digest, library_layout

_README = "readme.md"  # a library's own documentation (LawRefBook has one): not a law
_AREA = "laws"


class Keeper(Protocol):
    """Where parses are kept between runs: values by area and name, a miss read as None."""

    def load(self, area: str, name: str) -> Any: ...

    def save(self, area: str, name: str, value: Any) -> None: ...


class _Forgetful:
    """No cache: every parse is done again (a caller that passed no Keeper)."""

    def load(self, area: str, name: str) -> Any:
        return None

    def save(self, area: str, name: str, value: Any) -> None:
        return None


def index_path(folder: str) -> str:
    return f"{folder}/{LAW_INDEX}"


def law_files(source: Source, folder: str) -> tuple[list[str], list[Problem]]:
    """The library's Markdown files in a stable order (its README left out), and discovery's problems."""
    found, problems = source.discover(library_layout(folder))
    return [file.path for file in found if is_law_text(folder, file.path)], problems


def is_law_text(folder: str, path: str) -> bool:
    """Whether a registry file is a law text of the library in `folder`: Markdown below it, not its README."""
    name = path.rsplit("/", 1)[-1].lower()
    return path.startswith(f"{folder}/") and name.endswith(".md") and name != _README


Read = tuple[list[Version], list[tuple[str, Flaw]]]  # the library's versions, and the flaws of its unreadable files


def open_library(
    source: Source,
    folder: str,
    index: list[IndexEntry],
    digests: Mapping[str, str] | None = None,
    keep: Keeper | None = None,
    read: Read | None = None,
) -> Library:
    """The library in `folder` (registry-relative); `digests`: the files' digests, where already known; `keep`:
    where parses are kept between runs; `read`: its files as `read_versions` found them, if already read."""
    store = keep if keep is not None else _Forgetful()
    versions, flaws = read if read is not None else read_versions(source, folder, digests, keep)
    library = assemble(folder, versions, index)
    library.flaws = sorted([*library.flaws, *flaws], key=lambda found: (found[0], found[1].line))
    library.read_articles = _ArticleReader(source, store)
    return library


def read_versions(source: Source, folder: str, digests: Mapping[str, str] | None, keep: Keeper | None) -> Read:
    """Every law file's version (its digest, level and header), and QD127 flaws for the files it cannot read."""
    store = keep if keep is not None else _Forgetful()
    paths, discovered = law_files(source, folder)
    known = dict(digests or {})
    raws: dict[str, bytes] = {}
    flaws: list[tuple[str, Flaw]] = [(problem.file, _unreadable(problem)) for problem in discovered]
    for path in paths:
        if not known.get(path, "!").startswith("!"):
            continue
        raw = source.read(path)
        if isinstance(raw, Problem):
            flaws.append((path, _unreadable(raw)))
            continue
        raws[path], known[path] = raw, digest(raw, LAW)
    readable = [path for path in paths if path in raws or not known.get(path, "!").startswith("!")]
    headers = _headers(store, source, readable, known, raws)
    return [Version(path, known[path], level_of(folder, path), headers[known[path]]) for path in readable], flaws


def level_of(folder: str, path: str) -> LawLevel | None:
    """The level a file's first folder under the library names; None for a file elsewhere."""
    parts = path[len(folder) + 1 :].split("/")
    if len(parts) < 2:
        return None
    try:
        return LawLevel(parts[0])
    except ValueError:
        return None


def _unreadable(problem: Problem) -> Flaw:
    """A file qingdan may not read (a link out of the registry, too large, a linked folder): a QD127 flaw."""
    return Flaw(1, 1, "unreadable", (("reason", problem.message_key),))


def _headers(
    store: Keeper, source: Source, paths: list[str], digests: dict[str, str], raws: dict[str, bytes]
) -> dict[str, Header]:
    """Every file's header by digest: from the cache entry of this exact library, else parsed."""
    key = _library_key([digests[path] for path in paths])
    cached = store.load(_AREA, key)
    if isinstance(cached, dict) and all(digests[path] in cached for path in paths):
        return cached
    headers: dict[str, Header] = {}
    for path in paths:
        raw = raws.pop(path, None)
        if raw is None:
            read = source.read(path)
            raw = read if isinstance(read, bytes) else b""
        headers.setdefault(digests[path], read_header(raw, path))
    store.save(_AREA, key, headers)
    return headers


def _library_key(digests: list[str]) -> str:
    hasher = hashlib.blake2b(f"headers\0{parse_stamp()}\0".encode(), digest_size=20)
    for found in digests:
        hasher.update(found.encode())
    return hasher.hexdigest()


@cache
def parse_stamp() -> str:
    """Changes whenever this package's code does (even without a version bump, in an editable install): a
    parse kept in the cache is only used by the code that made it."""
    folder = Path(__file__).resolve().parent
    stamps = sorted(f"{path.name}:{path.stat().st_mtime_ns}" for path in folder.glob("*.py"))
    return hashlib.blake2b("\n".join(stamps).encode(), digest_size=10).hexdigest()


@dataclass(frozen=True)
class _ArticleReader:
    """A version's articles: from the cache by the file's digest, else read and parsed (and kept)."""

    source: Source
    store: Keeper

    def __call__(self, version: Version) -> Articles:
        key = f"articles-{parse_stamp()}-{version.digest}"
        cached: Any = self.store.load(_AREA, key)
        if isinstance(cached, Articles):
            return cached
        raw = self.source.read(version.path)
        articles = read_articles(raw) if isinstance(raw, bytes) else Articles()
        self.store.save(_AREA, key, articles)
        return articles
