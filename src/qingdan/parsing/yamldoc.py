"""YAML files as plain data: every scalar is text, and nothing YAML can do beyond that is allowed.

Two parsers give the same data. The fast path (rapidyaml, C++) takes files in the common shape and keeps
no positions; the precise path (libyaml events) keeps the line and column of every key and value and
refuses tags, anchors, aliases, merge keys, directives, multi-document streams and deep nesting. A file
takes the precise path when the fast one sees anything unusual, and a file's positions are recovered with
the precise path only when a problem has to be reported in it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml import events

from qingdan.file_checks import DUPLICATE_KEY, LIMITS, SYNTAX
from qingdan.parsing.sourcemap import SourceMap, clamped, line_lengths, position_at
from qingdan.problems import Problem, Ref, Rule

MAX_DEPTH = 32
NULLS = frozenset({"", "~", "null"})

# Bytes that send a file to the precise path: YAML features we refuse (& * ! anchors, aliases, tags; ?
# complex keys; ~ nulls), tabs, CR and control characters.
_HAZARD_BYTES = b"&*!~?\t\r" + bytes(range(9)) + b"\x0b\x0c" + bytes(range(14, 32)) + b"\x7f"
_HAZARD_TABLE = bytes(0 if index in _HAZARD_BYTES else 1 for index in range(256))
_BRACKETS_ONLY = bytes(index for index in range(256) if index not in b"[]{}")
_FLOW_PAIRS = (b"[]", b"{}", b"[}", b"{]")
# Scalars rapidyaml's JSON would rewrite (.5 → 0.5, true → true): only looked for when a '.' or a '+' is there.
_REWRITTEN_NUMBER = re.compile(rb"[\s\[,{:]-?[.+]\d|\d\.(?=[\s,\]}]|$)|\.(?:inf|nan)", re.MULTILINE | re.IGNORECASE)
_COMPACT_SEQUENCE = re.compile(rb"-[ ]+-[ ]")


def _needs_precise_path(raw: bytes) -> bool:
    """Anything that could make the fast path differ from the precise one, checked in a few C-speed passes.

    Depth is bounded without parsing: indentation under 12 columns, at most three levels of flow
    brackets, no compact nested sequences — so a file that passes cannot nest deeper than MAX_DEPTH.
    """
    if 0 in raw.translate(_HAZARD_TABLE):
        return True
    if (
        b"<<" in raw
        or raw.startswith((b"---", b"...", b"%"))
        or any(marker in raw for marker in (b"\n---", b"\n...", b"\n%", b"\n" + b" " * 12))
    ):
        return True
    lowered = raw.lower()
    if b"true" in lowered or b"false" in lowered:
        return True
    if (b"." in raw or b"+" in raw) and _REWRITTEN_NUMBER.search(raw):
        return True
    if b"- " in raw and _COMPACT_SEQUENCE.search(raw):
        return True
    return _flow_deeper_than(raw, 3)


def _flow_deeper_than(raw: bytes, levels: int) -> bool:
    brackets = raw.translate(None, delete=_BRACKETS_ONLY)
    for _ in range(levels):
        for pair in _FLOW_PAIRS:
            brackets = brackets.replace(pair, b"")
    return bool(brackets)


@dataclass(frozen=True)
class ParseFinding:
    """A problem found while reading a file, already located (1-based): its rule, the variant of the rule's
    message, and the message's arguments."""

    rule: Rule
    variant: str
    line: int
    column: int
    args: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Its message-catalogue key."""
        return f"{self.rule.ident}.{self.variant}" if self.variant else self.rule.ident

    def problem(self, relative: str) -> Problem:
        return self.rule.at(Ref(relative), self.variant, line=self.line, column=self.column, **self.args)


@dataclass
class YamlDocument:
    data: Any
    findings: list[ParseFinding]
    source_map: SourceMap | None = None  # only from the precise path


def decode(raw: bytes) -> tuple[str | None, ParseFinding | None]:
    """UTF-8 (a BOM is accepted); anything else is QD001 at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, column = position_at(raw[: error.start].decode("utf-8", errors="replace"), error.start)
        return None, ParseFinding(SYNTAX, "encoding", line, column, {"byte": f"0x{raw[error.start]:02X}"})


def parse(raw: bytes, *, positions: bool = False, emitted: str | None = None) -> YamlDocument:
    """Parse one YAML file. With `positions`, always take the precise path and return its source map.
    `emitted` is the file's `fast_json`, when it was already computed (in another process)."""
    text, failure = decode(raw)
    if text is None:
        return YamlDocument(None, [failure] if failure else [])
    if not positions:
        emitted = emitted if emitted is not None else fast_json(raw)
        data = _decode_json(emitted) if emitted is not None else _FAILED
        if data is not _FAILED:
            return YamlDocument(data, [])
    return _parse_precise(text)


def source_map(raw: bytes) -> SourceMap:
    return parse(raw, positions=True).source_map or SourceMap()


# --- the fast path ---------------------------------------------------------------------------------

_FAILED = object()


class _Duplicate(Exception):
    pass


def _sharing_pairs() -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """Mappings without duplicate keys, in which equal texts of one file are one object: a unit's file cites
    the same laws, articles and responsibilities again and again, and a registry of a million items keeps
    them all."""
    memo: dict[str, str] = {}
    share = memo.setdefault

    def pairs_of(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = {
            key: share(value, value)
            if value.__class__ is str
            else [share(item, item) if item.__class__ is str else item for item in value]
            if value.__class__ is list
            else value
            for key, value in pairs
        }
        if len(mapping) != len(pairs):
            raise _Duplicate  # the precise path reports it with its position
        return mapping

    return pairs_of


def fast_json(raw: bytes) -> str | None:
    """The file as JSON from rapidyaml, or None when it needs the precise path. Needs no Python objects,
    so it can run in another process and hand back one string."""
    if _needs_precise_path(raw):
        return None
    import ryml  # imported here: a warm run that hits the cache never needs it

    try:
        with _quiet_stderr():
            tree = ryml.parse_in_arena(raw)
            if tree.is_stream(tree.root_id()) and tree.num_children(tree.root_id()) != 1:
                return None
            return str(ryml.emit_json(tree))
    except Exception:
        return None


def _decode_json(emitted: str) -> Any:
    # Numbers keep their text: rapidyaml copies a number's digits verbatim into its JSON.
    try:
        return json.loads(
            emitted, object_pairs_hook=_sharing_pairs(), parse_int=str, parse_float=str, parse_constant=str
        )
    except (_Duplicate, ValueError, RecursionError):
        return _FAILED


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml prints its parse errors to the process's stderr; the precise path reports them."""
    saved = os.dup(2)
    try:
        with Path(os.devnull).open("wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


# --- the precise path ------------------------------------------------------------------------------


class _Stop(Exception):
    def __init__(self, finding: ParseFinding) -> None:
        self.finding = finding


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: tuple[str | int, ...]
    key: str | None = None
    skip: bool = False  # the value of a duplicate key: parsed, then dropped


def _parse_precise(text: str) -> YamlDocument:
    builder = _Builder()
    try:
        builder.run(text)
    except _Stop as stop:
        builder.findings.append(stop.finding)
        return YamlDocument(None, builder.findings, builder.map)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = clamped(line_lengths(text), mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or str(error)
        if "nesting depth" in detail:  # libyaml's own limit (1000) is met before ours can be checked
            return YamlDocument(None, [ParseFinding(LIMITS, "depth", line, column, {"limit": str(MAX_DEPTH)})])
        return YamlDocument(None, [ParseFinding(SYNTAX, "", line, column, {"detail": detail})], builder.map)
    except yaml.YAMLError as error:
        line, column = _reader_position(text, error)
        return YamlDocument(None, [ParseFinding(SYNTAX, "", line, column, {"detail": str(error)})])
    return YamlDocument(builder.root, builder.findings, builder.map)


def _reader_position(text: str, error: yaml.YAMLError) -> tuple[int, int]:
    return clamped(line_lengths(text), *position_at(text, getattr(error, "position", 0) or 0))


class _Builder:
    """Turns libyaml's events into plain data and a source map, refusing what a registry must not use."""

    def __init__(self) -> None:
        self.root: Any = None
        self.findings: list[ParseFinding] = []
        self.map = SourceMap()
        self.stack: list[_Frame] = []
        self.documents = 0

    def run(self, text: str) -> None:
        from yaml._yaml import CParser  # libyaml; PyYAML's wheels always carry it

        parser = CParser(text)
        try:
            while parser.check_event():
                event = parser.get_event()
                handler = self._handlers.get(type(event))
                if handler:
                    handler(self, event)
        finally:
            parser.dispose()

    def _document(self, event: events.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop(_finding(SYNTAX, "documents", event))
        if event.version or event.tags:
            raise _Stop(_finding(SYNTAX, "directive", event))

    def _alias(self, event: events.AliasEvent) -> None:
        raise _Stop(_finding(SYNTAX, "alias", event))

    def _scalar(self, event: events.ScalarEvent) -> None:
        _refuse_properties(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self._key(frame, event)
            return
        plain = not event.style  # libyaml says '' for plain scalars
        value = None if plain and event.value in NULLS else event.value
        self._value(value, event)

    def _key(self, frame: _Frame, event: events.ScalarEvent) -> None:
        assert isinstance(frame.container, dict)
        if event.value == "<<" and not event.style:
            raise _Stop(_finding(SYNTAX, "merge", event))
        frame.key = event.value
        frame.skip = event.value in frame.container
        if frame.skip:
            line, column = _start(event)
            self.findings.append(ParseFinding(DUPLICATE_KEY, "", line, column, {"key": event.value}))
        else:
            self.map.keys[(*frame.path, event.value)] = _start(event)

    def _start_collection(self, event: events.CollectionStartEvent, container: dict[str, Any] | list[Any]) -> None:
        _refuse_properties(event)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None:
            raise _Stop(_finding(SYNTAX, "complex_key", event))
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(_finding(LIMITS, "depth", event, limit=str(MAX_DEPTH)))
        path = self._value(container, event)
        self.stack.append(_Frame(container, path))

    def _mapping(self, event: events.MappingStartEvent) -> None:
        self._start_collection(event, {})

    def _sequence(self, event: events.SequenceStartEvent) -> None:
        self._start_collection(event, [])

    def _end(self, event: events.CollectionEndEvent) -> None:
        self.stack.pop()

    def _value(self, value: Any, event: events.NodeEvent) -> tuple[str | int, ...]:
        """Place a value in its parent and return its path."""
        if not self.stack:
            self.root = value
            self.map.values[()] = _start(event)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            assert frame.key is not None
            path = (*frame.path, frame.key)
            if not frame.skip:
                frame.container[frame.key] = value
            frame.key = None
            if frame.skip:
                return path
        self.map.values[path] = _start(event)
        return path

    _handlers: ClassVar[dict[type, Callable[[Any, Any], None]]] = {
        events.DocumentStartEvent: _document,
        events.AliasEvent: _alias,
        events.ScalarEvent: _scalar,
        events.MappingStartEvent: _mapping,
        events.SequenceStartEvent: _sequence,
        events.MappingEndEvent: _end,
        events.SequenceEndEvent: _end,
    }


def _refuse_properties(event: events.NodeEvent) -> None:
    if event.anchor is not None:
        raise _Stop(_finding(SYNTAX, "anchor", event, anchor=event.anchor))
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        raise _Stop(_finding(SYNTAX, "tag", event, tag=tag))


def _start(event: events.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _finding(rule: Rule, variant: str, event: events.Event, **args: str) -> ParseFinding:
    line, column = _start(event)
    return ParseFinding(rule, variant, line, column, args)
