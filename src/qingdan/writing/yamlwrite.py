"""Round-trip YAML: change some values of a file and keep everything else as it was written.

ruamel.yaml keeps comments, key order, quoting and flow style. Three things are added here:
- every plain scalar is read as text, as qingdan's loader reads it: ruamel on its own would write `True`
  back as `true` and `+1` as `1`, changing data in records nobody touched;
- a new value is quoted only where another YAML reader would take it for something else (`'010'` in a
  text field), and written plain in a number or date field (`weight: 60`, `date: 2020-07-16`);
- a file that ruamel would not write back byte for byte (an unusual indentation, say) still keeps its
  untouched lines: the edit is computed on ruamel's rendering and carried over to the original text.
Comment lines that follow a value (blank lines between records, a comment heading the next key) move
with the position, not with the value, so removing or appending a value never swallows them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import Resolver, VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from qingdan.parsing.yamldoc import NULLS

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
BOM = "\ufeff"

Typed = Callable[[tuple[str, ...]], bool]  # does the field at this key path hold a number or a date?


class _TextResolver(VersionedResolver):
    """Plain scalars are text (or null, exactly as qingdan's loader reads null); the schema types them."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=NULL_TAG if value in NULLS else STR_TAG)
        return super().resolve(kind, value, implicit)


_STANDARD = Resolver()  # how any YAML 1.2 tool reads a plain scalar
# Plain scalars YAML 1.2 allows but older parsers (libyaml among them) read differently, above all in a flow
# list: `[?0]` is a mapping to libyaml. Quoted, every parser agrees.
_UNSURE_STARTS = ("?", ":", "-")


@dataclass(frozen=True)
class Layout:
    """Indentation as ruamel.yaml counts it: `sequence` is where an item's content starts, `offset` the dash."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


CANONICAL = Layout()


def make_yaml(layout: Layout = CANONICAL) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.width = 1 << 30  # never fold a line: Chinese text has no spaces to fold at, and folds hide diffs
    yaml.allow_unicode = True
    return yaml


def dump(data: Any, layout: Layout = CANONICAL) -> str:
    stream = io.StringIO()
    make_yaml(layout).dump(data, stream)
    return stream.getvalue()


_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*$")
_DASH = re.compile(r"^( *)- +(?=[^\s#])")


def guess_layout(text: str) -> Layout:
    """The file's own indentation, from the first nested mapping and the first block sequence."""
    mapping = sequence = offset = None
    parent_indent: int | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        dash = _DASH.match(line)
        if parent_indent is not None and indent > parent_indent:
            if dash and sequence is None:
                offset, sequence = indent - parent_indent, dash.end() - parent_indent
            elif not dash and mapping is None:
                mapping = indent - parent_indent
        parent_indent = indent if _KEY_ONLY.match(line) else None
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or CANONICAL.mapping
    if sequence is None or offset is None:
        return Layout(mapping, mapping + CANONICAL.offset, CANONICAL.offset)
    return Layout(mapping, sequence, offset)


@dataclass
class Document:
    """A YAML file loaded for editing: its data (ruamel nodes) and what is needed to write it back."""

    data: Any
    layout: Layout
    original: str  # the text, BOM removed and line ends made \n
    baseline: str  # ruamel's rendering of the data as loaded
    bom: bool = False
    crlf: bool = False


def load(raw: bytes, layout: Layout | None = None, *, keep_lines: bool = True) -> Document:
    """Raises UnicodeDecodeError or ruamel's YAMLError for a file that cannot be read. Without
    `keep_lines` (a file that will be written in a new layout anyway) no baseline rendering is made."""
    text = raw.decode("utf-8")
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    layout = layout or guess_layout(text)
    data = make_yaml(layout).load(text)
    return Document(data, layout, text, dump(data, layout) if keep_lines else "", bom, crlf)


def render(document: Document, layout: Layout | None = None) -> bytes:
    """The edited document as bytes, every untouched line as it was (with `layout`: reformatted)."""
    changed = dump(document.data, layout or document.layout)
    text = changed if layout else carry_over(document.original, document.baseline, changed)
    if document.crlf and not layout:
        text = text.replace("\n", "\r\n")
    return ((BOM if document.bom and not layout else "") + text).encode("utf-8")


def carry_over(original: str, baseline: str, changed: str) -> str:
    """Apply the edit baseline → changed to the original text, where ruamel's rendering differs from it.

    Each changed block of lines is placed by the unchanged lines around it; when they cannot be matched in
    the original (ruamel rewrote them too), the whole rendering is used: correct, only restyled.
    """
    if original == baseline:
        return changed
    ours, base, new = original.splitlines(True), baseline.splitlines(True), changed.splitlines(True)
    where = _line_map(base, ours)
    result = list(ours)
    edits = [op for op in SequenceMatcher(None, base, new).get_opcodes() if op[0] != "equal"]
    for _, start, end, new_start, new_end in reversed(edits):
        span = _original_span(where, start, end, len(base), len(ours))
        if span is None:
            return changed
        result[span[0] : span[1]] = new[new_start:new_end]
    return "".join(result)


def _line_map(base: list[str], ours: list[str]) -> dict[int, int]:
    mapping: dict[int, int] = {}
    for tag, start, end, other, _ in SequenceMatcher(None, base, ours).get_opcodes():
        if tag == "equal":
            mapping.update({start + step: other + step for step in range(end - start)})
    return mapping


def _original_span(where: dict[int, int], start: int, end: int, base_len: int, ours_len: int) -> tuple[int, int] | None:
    """The original lines that correspond to baseline lines [start, end), if the lines around them agree."""
    before = where.get(start - 1, -2) + 1 if start > 0 else 0
    after = where.get(end, -2) if end < base_len else ours_len
    if before < 0 or after < 0 or after < before:
        return None
    inside = [where.get(line) for line in range(start, end)]
    if inside != list(range(before, before + len(inside))) or before + len(inside) != after:
        return None
    return before, after


# --- writing values ------------------------------------------------------------------------------------


def scalar(value: str, typed: bool = False) -> str:
    """A new scalar: plain where every YAML reader reads it as this text (or, in a number or date field, as
    that number or date); quoted otherwise. The emitter adds quotes of its own where plain is impossible."""
    if typed or (
        _STANDARD.resolve(ScalarNode, value, (True, False)) == STR_TAG and not value.startswith(_UNSURE_STARTS)
    ):
        return value
    quoted: str = SingleQuotedScalarString(value)
    return quoted


def to_node(value: Any, typed: Typed, path: tuple[str, ...] = ()) -> Any:
    """Plain data (dicts, lists, text) as new block-style nodes."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, inner in value.items():
            node[key] = to_node(inner, typed, (*path, key))
        return node
    if isinstance(value, list):
        return CommentedSeq(to_node(inner, typed, path) for inner in value)
    return scalar(str(value), typed(path))


def same(node: Any, value: Any) -> bool:
    """Does the node already hold this plain data, as text?"""
    if isinstance(value, dict):
        return isinstance(node, dict) and node.keys() == value.keys() and all(same(node[k], value[k]) for k in value)
    if isinstance(value, list):
        return isinstance(node, list) and len(node) == len(value) and all(map(same, node, value))
    if value is None or node is None:
        return value is None and node is None
    return not isinstance(node, dict | list) and str(node) == str(value)


def merge(node: Any, value: Any, typed: Typed, path: tuple[str, ...] = ()) -> Any:
    """`value` (plain data) written over `node`: what is equal stays as it is, comments and all."""
    if same(node, value):
        return node
    if isinstance(node, CommentedMap) and isinstance(value, dict):
        changes = {key: None for key in node if key not in value}
        changes.update({key: inner for key, inner in value.items() if key not in node or not same(node[key], inner)})
        update_mapping(node, changes, list(value), typed, path)
        return node
    if isinstance(node, CommentedSeq) and isinstance(value, list):
        _update_sequence(node, value, typed, path)
        return node
    if isinstance(value, str) and isinstance(node, SingleQuotedScalarString | DoubleQuotedScalarString):
        return type(node)(value)  # keep the author's quotes
    if isinstance(value, str) and isinstance(node, LiteralScalarString) and "\n" in value:
        return LiteralScalarString(value)
    return to_node(value, typed, path)


def update_mapping(
    node: CommentedMap, changes: dict[str, Any], order: Sequence[str], typed: Typed, path: tuple[str, ...] = ()
) -> None:
    """Set, add (at its place in `order`) or remove (value None) some keys of a mapping."""
    for key, value in changes.items():
        if value is None:
            if key in node:
                _delete_key(node, key)
        elif key in node:
            following = take_following(node, key)
            node[key] = merge(node[key], value, typed, (*path, key))
            give_following(node, key, following)
        else:
            _insert_key(node, key, to_node(value, typed, (*path, key)), order)


def _insert_key(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    rank = {name: index for index, name in enumerate(order)}
    position = len(node)
    if key in rank:
        later = [index for index, existing in enumerate(node) if rank.get(existing, -1) > rank[key]]
        position = later[0] if later else len(node)
    if position == len(node) and len(node):
        last = next(reversed(node))
        following = take_following(node, last)
        node.insert(position, key, value)
        give_following(node, key, following)
    else:
        node.insert(position, key, value)


def _delete_key(node: CommentedMap, key: str) -> None:
    keys = list(node)
    following = take_following(node, key)
    del node[key]
    index = keys.index(key)
    if index > 0:
        give_following(node, keys[index - 1], following)


def _update_sequence(node: CommentedSeq, values: list[Any], typed: Typed, path: tuple[str, ...]) -> None:
    following = take_following(node, len(node) - 1) if len(node) else ""
    for index, value in enumerate(values[: len(node)]):
        if not same(node[index], value):
            node[index] = merge(node[index], value, typed, path)
    while len(node) > len(values):
        del node[len(node) - 1]
    node.extend(to_node(value, typed, path) for value in values[len(node) :])
    if len(node):
        give_following(node, len(node) - 1, following)


# --- comment lines that follow a value -------------------------------------------------------------------


def _post_slot(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comment after container[key]: there, or after the last item of a block
    collection that is its value."""
    index = 2 if isinstance(container, CommentedMap) else 0
    slot = container.ca.items.get(key)
    if slot is not None and slot[index] is not None:
        return container, key, index
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and len(value) and not value.fa.flow_style():
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _post_slot(value, last)
    return container, key, index


def take_following(container: Any, key: Any) -> str:
    """Remove and return the lines after container[key]'s own line (blank lines, comment lines)."""
    holder, where, index = _post_slot(container, key)
    slot = holder.ca.items.get(where)
    token = slot[index] if slot else None
    if not isinstance(token, CommentToken):
        return ""
    own, _, rest = token.value.partition("\n")
    if not rest:
        return ""
    if own:
        token.value = own + "\n"
    else:
        slot[index] = None
    return rest


def give_following(container: Any, key: Any, following: str) -> None:
    if not following:
        return
    holder, where, index = _post_slot(container, key)
    slot = holder.ca.items.setdefault(where, [None, None, None, None])
    token = slot[index]
    if isinstance(token, CommentToken):
        token.value = token.value + following
    else:
        slot[index] = CommentToken("\n" + following, CommentMark(0), None)


def append_item(sequence: CommentedSeq, node: Any) -> None:
    """Append a record, separated from the one before by a blank line if the list's records are."""
    sequence.append(node)
    if len(sequence) >= 3 and _peek_following(sequence, len(sequence) - 3).startswith("\n"):
        give_following(sequence, len(sequence) - 2, "\n")


def _peek_following(container: Any, key: Any) -> str:
    following = take_following(container, key)
    give_following(container, key, following)
    return following


def reorder(node: CommentedMap, order: Iterable[str]) -> None:
    """Keys in `order` first, in that order; other keys after them as they were. Comments follow their key,
    and the lines that followed the old last key (a blank line before the next record) stay at the end."""
    keys = list(node)
    wanted = [key for key in order if key in node]
    wanted += [key for key in keys if key not in wanted]
    if wanted == keys:
        return
    following = take_following(node, keys[-1])
    for key in wanted:
        node.move_to_end(key)
    give_following(node, wanted[-1], following)
