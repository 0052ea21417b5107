"""The one boundary where pydantic's ValidationError becomes problems (QD003, QD004, QD005).

A problem carries the path of the offending key or value inside its file; the loader locates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from qingdan.problems import Path

# (check, catalogue key, point at the key rather than the value)
_BY_TYPE: dict[str, tuple[str, str, bool]] = {
    "missing": ("QD004", "QD004", False),
    "extra_forbidden": ("QD003", "QD003", True),
    "string_too_short": ("QD004", "QD004.empty", True),
    "too_short": ("QD004", "QD004.empty", True),
    "enum": ("QD005", "QD005.enum", False),
    "literal_error": ("QD005", "QD005.enum", False),
    "string_too_long": ("QD005", "QD005.too_long", False),
    "string_pattern_mismatch": ("QD005", "QD005.pattern", False),
    "qd_date": ("QD005", "QD005.date", False),
    "qd_integer": ("QD005", "QD005.integer", False),
    "qd_decimal": ("QD005", "QD005.decimal", False),
    "string_type": ("QD005", "QD005.text", False),
    "list_type": ("QD005", "QD005.list", False),
    "model_type": ("QD005", "QD005.mapping", False),
    "model_attributes_type": ("QD005", "QD005.mapping", False),
    "dict_type": ("QD005", "QD005.mapping", False),
}


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One schema problem in a record: the check, its message key and arguments, and where it is."""

    check: str
    key: str
    path: Path
    at_key: bool
    field: str | None
    args: dict[str, str]


def validate_record(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[SchemaIssue]]:
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_issue(detail) for detail in error.errors(include_url=False)]


def _issue(detail: ErrorDetails) -> SchemaIssue:
    loc: Path = tuple(detail["loc"])
    error_type = detail["type"]
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), None)
    if detail.get("input", ...) is None and error_type != "missing":
        return SchemaIssue("QD004", "QD004.empty", loc, True, field, {"field": field or ""})
    check, key, at_key = _BY_TYPE.get(error_type, ("QD005", "QD005", False))
    if key == "QD005.pattern" and field == "name":
        key = "QD005.whitespace"
    args = {"field": field or "", "value": _shown(detail.get("input")), "detail": detail["msg"]}
    ctx = detail.get("ctx") or {}
    if "expected" in ctx:  # pydantic's "'部门', '街道' or '镇'" → "部门 / 街道 / 镇", the same in every language
        args["expected"] = " / ".join(re.findall(r"'([^']*)'", str(ctx["expected"]))) or str(ctx["expected"])
    if "max_length" in ctx:
        args["limit"] = str(ctx["max_length"])
    if "pattern" in ctx:
        args["pattern"] = str(ctx["pattern"])
    path = loc[:-1] if error_type == "missing" else loc
    return SchemaIssue(check, key, path, at_key, field, args)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value if len(value) <= 40 else value[:39] + "…"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return "" if value is None else str(value)
