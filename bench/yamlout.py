"""YAML as the generator writes it: block style, short lists and small mappings in flow style as clerks write
them, scalars plain where that keeps their text and double-quoted otherwise. Written by hand rather than by a
YAML library: at a million items the generator spends most of its time here."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias


@dataclass(frozen=True)
class Flow:
    """A mapping written in flow style, `{type: 取消, date: 2020-04-01}`, as clerks often do."""

    value: Mapping[str, str | int | Decimal]


Node: TypeAlias = "str | int | Decimal | Flow | list[Node] | dict[str, Node]"

_SPECIAL_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_CHARS = frozenset(",[]{}")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
# Anything a YAML 1.1 or 1.2 reader might take for a number (incl. sexagesimal `+08:00`) is quoted;
# ISO dates stay plain, as clerks write them.
_NUMBER_LIKE = re.compile(
    r"[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|\.inf|\.nan|\d+(:\d+)+)|0[xob][0-9a-fA-F_]+",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 16)  # names, laws and words recur: the generator spends most of its time here
def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text[0] in _SPECIAL_START or text[-1] in " :":
        return False
    if ": " in text or " #" in text or "\n" in text or "\t" in text:
        return False
    if in_flow and not _FLOW_CHARS.isdisjoint(text):
        return False
    return text.lower() not in _RESERVED and not _NUMBER_LIKE.fullmatch(text)


def scalar(value: str | int | Decimal, in_flow: bool = False) -> str:
    """A YAML scalar: plain where that keeps the text, else double-quoted (JSON strings are valid YAML)."""
    if not isinstance(value, str):
        return str(value)
    if _plain_ok(value, in_flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow_list(values: list[Node]) -> str | None:
    """Short lists of short words go on one line, `[受理责任, 审查责任]`, like the examples."""
    if not all(isinstance(v, str) for v in values):
        return None
    return _flow_line(tuple(str(v) for v in values))


@lru_cache(maxsize=1 << 12)
def _flow_line(words: tuple[str, ...]) -> str | None:
    if not all(len(word) <= 12 and _plain_ok(word, True) for word in words):
        return None
    line = "[" + ", ".join(words) + "]"
    return line if len(line) <= 70 else None


def _flow_map(flow: Flow) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in flow.value.items()) + "}"


def emit(mapping: dict[str, Node], indent: int, out: list[str]) -> None:
    """Append the block-style lines of `mapping` at `indent` spaces to `out`."""
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            emit(value, indent + 2, out)
        elif isinstance(value, list):
            flow = _flow_list(value)
            if flow is not None:
                out.append(f"{pad}{key}: {flow}")
            else:
                out.append(f"{pad}{key}:")
                _emit_list(value, indent + 2, out)
        elif isinstance(value, Flow):
            out.append(f"{pad}{key}: {_flow_map(value)}")
        else:
            out.append(f"{pad}{key}: {scalar(value)}")


def _emit_list(values: list[Node], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for value in values:
        if isinstance(value, dict):
            start = len(out)
            emit(value, indent + 2, out)
            out[start] = f"{pad}- {out[start][indent + 2 :]}"
        elif isinstance(value, Flow):
            out.append(f"{pad}- {_flow_map(value)}")
        elif isinstance(value, list):
            raise TypeError("nested lists are not part of any record format")
        else:
            out.append(f"{pad}- {scalar(value)}")


def write_yaml(path: Path, document: dict[str, Node], header: str = "") -> int:
    """Write one YAML file; returns its line count."""
    lines = [f"# {header}"] if header else []
    emit(document, 0, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    return len(lines)
