"""`qingdan fmt`: one layout for every YAML file of a registry, so that diffs show changes of data only.

The layout: keys in the order of SPEC §4 (the models' field order: `code` or `id` first, `note` last; file
defaults such as `unit:` before the list), two-space indents with list items indented under their key
(`  - `), UTF-8 without BOM, LF line ends, no folded lines. Everything else is kept as the author wrote
it: every comment, blank lines between records, quotes, flow-style lists such as
`[受理责任, 审查责任]`, citation strings. Quotes are never added to what is already there, since every
value in a file already reads as the author meant.

fmt never changes data: each file's data before and after is compared (every scalar as text, as the loader
reads it), and a file that would differ is left alone and reported. A file the loader refuses (a syntax
error, an anchor, a tag) is not formatted either: `validate` says what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from qingdan.messages import text
from qingdan.models import Settings
from qingdan.models.kinds import BY_NAME, LAYOUT, AnyKind
from qingdan.models.shape import field_order, submodel
from qingdan.parsing import yamldoc
from qingdan.sources import files
from qingdan.writing import atomic, yamlwrite


@dataclass
class FmtResult:
    files: int = 0
    changed: list[str] = field(default_factory=list)  # registry-relative paths, reformatted or to reformat
    skipped: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (path, message key, args)


class NotFormatted(Exception):
    def __init__(self, key: str, **args: str) -> None:
        super().__init__(key)
        self.key, self.args_ = key, args


def format_registry(root: Path, *, check: bool = False) -> FmtResult:
    """Reformat every YAML file (or, with `check`, only say which would change)."""
    result = FmtResult()
    found, _ = files.discover(root, LAYOUT)
    targets = [(files.SETTINGS_FILE, None)] + [
        (data_file.path, BY_NAME[data_file.kind]) for data_file in found if not data_file.path.endswith(".csv")
    ]
    new_bytes: dict[Path, bytes] = {}
    for relative, kind in targets:
        result.files += 1
        raw = files.read(root, relative)
        if not isinstance(raw, bytes):
            result.skipped.append((relative, raw.message_key, raw.args))
            continue
        try:
            formatted = format_bytes(raw, kind)
        except NotFormatted as refused:
            result.skipped.append((relative, refused.key, refused.args_))
            continue
        if formatted != raw:
            result.changed.append(relative)
            new_bytes[root / relative] = formatted
    if new_bytes and not check:
        atomic.write_all(new_bytes)
    return result


def format_bytes(raw: bytes, kind: AnyKind | None) -> bytes:
    """One file in the canonical layout; `kind` None for qingdan.yaml. Raises NotFormatted."""
    before = yamldoc.parse(raw)
    if before.findings:
        finding = before.findings[0]
        raise NotFormatted(finding.key, **finding.args)
    try:
        document = yamlwrite.load(raw, yamlwrite.CANONICAL, keep_lines=False)
    except Exception as error:  # ruamel refuses what libyaml accepted: report it, never crash
        raise NotFormatted("fmt.skipped", detail=f"{type(error).__name__}: {error}") from error
    _reorder_file(document.data, kind)
    formatted = yamlwrite.render(document, yamlwrite.CANONICAL)
    if yamldoc.parse(formatted).data != before.data:
        raise NotFormatted("fmt.changes_data")
    return formatted


def _reorder_file(data: Any, kind: AnyKind | None) -> None:
    if not isinstance(data, CommentedMap):
        return
    if kind is None:
        _reorder_record(data, Settings)
        return
    yamlwrite.reorder(data, [*sorted(kind.defaults), "note", kind.list_key])
    records = data.get(kind.list_key)
    if isinstance(records, CommentedSeq):
        for record in records:
            if isinstance(record, CommentedMap):
                _reorder_record(record, kind.model)


def _reorder_record(node: CommentedMap, model: type[BaseModel]) -> None:
    yamlwrite.reorder(node, field_order(model))
    for key, value in node.items():
        inner = submodel(model, key)
        if inner is None:
            continue
        for entry in value if isinstance(value, CommentedSeq) else [value]:
            if isinstance(entry, CommentedMap):
                _reorder_record(entry, inner)


def skipped_text(key: str, args: dict[str, str], lang: str) -> str:
    sentence = text(key, lang, **args)
    return sentence if key == "fmt.skipped" else text("fmt.skipped", lang, detail=sentence)
