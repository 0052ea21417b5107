"""JSON Schemas (draft 2020-12) of each record kind and each file shape, generated from the models, for
editors (VS Code's YAML extension) and for other validators. Never written by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qingdan.models import Settings
from qingdan.models.kinds import BY_NAME, AnyKind

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_NAMES = (*BY_NAME, "settings")


def record_schema(kind_name: str) -> dict[str, Any]:
    kind = BY_NAME[kind_name]
    schema = kind.model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **schema}


def file_schema(kind_name: str) -> dict[str, Any]:
    """The shape of one YAML file of a kind: a mapping with the list key, file defaults and a note."""
    if kind_name == "settings":
        return {"$schema": DIALECT, **Settings.model_json_schema(by_alias=True, mode="validation")}
    kind = BY_NAME[kind_name]
    record = kind.model.model_json_schema(by_alias=True, mode="validation", ref_template="#/$defs/{model}")
    definitions = record.pop("$defs", {})
    definitions[kind.model.__name__] = record
    properties: dict[str, Any] = {
        kind.list_key: {"type": "array", "items": {"$ref": f"#/$defs/{kind.model.__name__}"}},
        "note": {"type": "string", "title": "备注"},
    }
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": _file_title(kind),
        "type": "object",
        "properties": properties,
        "required": [kind.list_key],
        "additionalProperties": False,
        "$defs": definitions,
    }
    defaults = sorted(kind.defaults)
    if defaults:
        # A field the file sets once (`unit:`) is required of each record only where the file does not.
        for default in defaults:
            properties[default] = record["properties"][default]
        record["required"] = [name for name in record.get("required", []) if name not in kind.defaults]
        schema["allOf"] = [
            {
                "if": {"not": {"required": [default]}},
                "then": {"properties": {kind.list_key: {"items": {"required": [default]}}}},
            }
            for default in defaults
        ]
    return schema


def _file_title(kind: AnyKind) -> str:
    return f"{kind.title}文件 ({kind.name})"


def schema_file_name(kind_name: str) -> str:
    return f"{kind_name}.schema.json"


def dumps(schema: Any) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every file shape's schema into `folder`, each atomically; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        target = folder / schema_file_name(name)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(dumps(file_schema(name)), encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written
