"""What the reading of a check's code (`shapes`) may take for constant, and how it walks the code."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import decimal
import enum
import re
from typing import Any

# Builtins a check has no business calling: they reach state outside the registry, or make code.
FORBIDDEN_BUILTINS = frozenset(
    {"setattr", "delattr", "exec", "eval", "compile", "globals", "locals", "vars", "open", "input", "print",
     "__import__", "breakpoint", "id", "hash", "exit", "quit", "help", "memoryview"}
)  # fmt: skip
# What may be done with a module-level container without changing it.
READING_METHODS = frozenset(
    {"get", "keys", "values", "items", "copy", "count", "index", "issubset", "issuperset", "isdisjoint",
     "union", "intersection", "difference", "symmetric_difference", "startswith", "endswith"}
)  # fmt: skip
READING_BUILTINS = frozenset(
    {"len", "sorted", "list", "tuple", "set", "frozenset", "dict", "min", "max", "sum", "any", "all",
     "enumerate", "zip", "reversed", "iter", "isinstance", "bool", "str", "repr", "next"}
)  # fmt: skip
IMMUTABLE_SCALARS = (
    str, bytes, int, float, complex, bool, type(None), decimal.Decimal, datetime.date, datetime.time,
    datetime.timedelta, re.Pattern, range, type(Ellipsis), enum.Enum,
)  # fmt: skip


def walk(node: ast.AST, into_scopes: bool = False) -> list[tuple[ast.AST, ast.AST | None]]:
    """Every node under `node` with its parent, skipping annotations (never evaluated in a function body);
    a lambda's or comprehension's own inside is left to `_Reader.scoped` unless `into_scopes`."""
    found: list[tuple[ast.AST, ast.AST | None]] = []
    stack: list[tuple[ast.AST, ast.AST | None]] = [(node, None)]
    scopes = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
    while stack:
        current, parent = stack.pop()
        found.append((current, parent))
        if isinstance(current, scopes) and not into_scopes:
            continue  # its inside is read by _Reader.scoped
        for field_name, value in ast.iter_fields(current):
            if field_name in ("annotation", "returns"):
                continue
            children = value if isinstance(value, list) else [value]
            stack.extend((child, current) for child in children if isinstance(child, ast.AST))
    return found


def read_only(parent: ast.AST | None, node: ast.AST | None) -> bool:
    """Whether a module-level container is only read where it appears."""
    if isinstance(parent, ast.Subscript):
        return parent.value is node and isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Compare):
        return node in parent.comparators and all(isinstance(op, ast.In | ast.NotIn) for op in parent.ops)
    if isinstance(parent, ast.Attribute):
        return parent.attr in READING_METHODS
    if isinstance(parent, ast.Call):
        function = parent.func
        return node in parent.args and isinstance(function, ast.Name) and function.id in READING_BUILTINS
    return isinstance(parent, ast.For | ast.comprehension) and parent.iter is node


def immutable(value: Any) -> bool:
    if isinstance(value, IMMUTABLE_SCALARS):
        return True
    if isinstance(value, tuple | frozenset):
        return all(immutable(element) for element in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = getattr(value, "__dataclass_params__", None)
        return bool(params and params.frozen)  # frozen dataclasses: kinds, rules, compiled templates
    return False


def deeply_immutable_contents(value: dict[Any, Any] | list[Any] | set[Any]) -> bool:
    elements = [*value.keys(), *value.values()] if isinstance(value, dict) else list(value)
    return all(immutable(element) or isinstance(element, type) for element in elements)
