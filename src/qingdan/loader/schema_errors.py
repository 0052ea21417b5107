"""The one boundary where pydantic's ValidationError becomes problems (QD003, QD004, QD005).

A problem carries the path of the offending key or value inside its file; the loader locates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from qingdan.file_checks import MISSING_FIELD, UNKNOWN_KEY, WRONG_VALUE
from qingdan.models.guide import HTTPS_URL
from qingdan.problems import Path, Rule

# pydantic's error type → (rule, variant of its message, point at the key rather than the value)
_BY_TYPE: dict[str, tuple[Rule, str, bool]] = {
    "missing": (MISSING_FIELD, "", False),
    "extra_forbidden": (UNKNOWN_KEY, "", True),
    "string_too_short": (MISSING_FIELD, "empty", True),
    "too_short": (MISSING_FIELD, "empty", True),
    "enum": (WRONG_VALUE, "enum", False),
    "literal_error": (WRONG_VALUE, "enum", False),
    "string_too_long": (WRONG_VALUE, "too_long", False),
    "string_pattern_mismatch": (WRONG_VALUE, "pattern", False),
    "qd_date": (WRONG_VALUE, "date", False),
    "qd_integer": (WRONG_VALUE, "integer", False),
    "qd_decimal": (WRONG_VALUE, "decimal", False),
    "qd_time_limit": (WRONG_VALUE, "time_limit", False),
    "string_type": (WRONG_VALUE, "text", False),
    "list_type": (WRONG_VALUE, "list", False),
    "model_type": (WRONG_VALUE, "mapping", False),
    "model_attributes_type": (WRONG_VALUE, "mapping", False),
    "dict_type": (WRONG_VALUE, "mapping", False),
}


# Patterns whose mismatch has a message of its own, saying what is wanted rather than "wrong format".
_BY_PATTERN = {HTTPS_URL: "https"}


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One schema problem in a record: its rule, the variant of the rule's message and its arguments, and where
    it is."""

    rule: Rule
    variant: str
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
        return SchemaIssue(MISSING_FIELD, "empty", loc, True, field, {"field": field or ""})
    rule, variant, at_key = _BY_TYPE.get(error_type, (WRONG_VALUE, "", False))
    ctx = detail.get("ctx") or {}
    if variant == "pattern" and field == "name":
        variant = "whitespace"
    elif variant == "pattern":
        variant = _BY_PATTERN.get(str(ctx.get("pattern")), variant)
    args = {"field": field or "", "value": _shown(detail.get("input")), "detail": detail["msg"]}
    if "expected" in ctx:  # pydantic's "'部门', '街道' or '镇'" → "部门 / 街道 / 镇", the same in every language
        args["expected"] = " / ".join(re.findall(r"'([^']*)'", str(ctx["expected"]))) or str(ctx["expected"])
    if "max_length" in ctx:
        args["limit"] = str(ctx["max_length"])
    if "pattern" in ctx:
        args["pattern"] = str(ctx["pattern"])
    path = loc[:-1] if error_type == "missing" else loc
    return SchemaIssue(rule, variant, path, at_key, field, args)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value if len(value) <= 40 else value[:39] + "…"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return "" if value is None else str(value)
