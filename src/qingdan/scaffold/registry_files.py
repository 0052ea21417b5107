"""The registry's own files for `qingdan init`: qingdan.yaml with every optional setting shown (commented, at its
default), units.yaml with one commented example per unit kind, and the JSON schemas.

The optional settings are read off the settings model, so a setting added there appears in every new registry
with its title and default, and nothing here restates a default.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from qingdan.models.kinds import UNITS
from qingdan.models.settings import CatalogueSettings, Settings
from qingdan.models.unit import UnitKind
from qingdan.reporters.jsonschema import SCHEMA_NAMES, dumps, file_schema, schema_file_name

SCHEMAS = "schemas"
SETTINGS_SCHEMA = "settings"
UNITS_SCHEMA = UNITS.name
_REQUIRED = ("qingdan", "region")  # written out, the rest commented
_COMMENT_COLUMN = 40
# A catalogue is optional and has no default file: the example names one as the province would publish it.
CATALOGUE_EXAMPLE = "catalogue/zj-2020.csv"


def settings_yaml(region_code: str, region_name: str) -> str:
    lines = [
        f"# yaml-language-server: $schema={SCHEMAS}/{schema_file_name(SETTINGS_SCHEMA)}",
        f"# {region_name}权责清单库设置（说明见 README.md）",
        _commented("qingdan: 1", _title(Settings, "qingdan")),
        _commented(f"region: {_flow({'code': region_code, 'name': region_name})}", _title(Settings, "region")),
        "",
        "# 以下为可选设置，所示均为默认值；要修改某项，去掉行首的“# ”再改。",
    ]
    for name, info in Settings.model_fields.items():
        if name in _REQUIRED:
            continue
        default = info.get_default(call_default_factory=True)
        if default is None and name == "catalogue":
            default = CatalogueSettings(file=CATALOGUE_EXAMPLE)
        if default is None:  # free text such as `note`: nothing to show but the key
            lines.append(f"# {name}:{' ' * max(1, _COMMENT_COLUMN - len(name) - 1)}# {info.title}")
            continue
        lines += [f"# {line}" for line in _entry(name, default, info.title or name)]
    return "\n".join(lines) + "\n"


def _entry(name: str, value: Any, title: str) -> Iterator[str]:
    """A setting as YAML lines: a nested model as a block with its own fields, anything else in flow style."""
    if isinstance(value, BaseModel):
        yield _commented(f"{name}:", title)
        for field, info in type(value).model_fields.items():
            yield _commented(f"  {field}: {_flow(getattr(value, field))}", info.title or field)
        return
    yield _commented(f"{name}: {_flow(value)}", title)


def _title(model: type[BaseModel], field: str) -> str:
    return model.model_fields[field].title or field


def _commented(line: str, comment: str) -> str:
    return f"{line}{' ' * max(2, _COMMENT_COLUMN - len(line))}# {comment}"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple, frozenset)):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, Enum):
        return _scalar(str(value.value))
    if isinstance(value, (Decimal, int)):
        return str(value)
    return _scalar(str(value))


def _scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text in a flow collection; double-quoted otherwise."""
    plain = text and not text[0].isdigit() and not any(char in text for char in "{}[],:#&*!|>'\"%@`+ ")
    return text if plain else json.dumps(text, ensure_ascii=False)


# --- units.yaml ---------------------------------------------------------------------------------------------------

# One example per unit kind, in the order of the vocabulary; `{region}` is the new registry's code, so the
# examples' division codes are the district's own. Uncommented, they validate clean together.
_UNIT_EXAMPLES: dict[UnitKind, str] = {
    UnitKind.DEPARTMENT: "{id: scjgj, name: 区市场监督管理局, kind: 部门, abbr: SCJG}",
    UnitKind.STREET: '{id: wenjiao, name: 文教街道, kind: 街道, division_code: "{region}004000"}',
    UnitKind.TOWN: '{id: cicheng, name: 慈城镇, kind: 镇, division_code: "{region}101000"}',
    UnitKind.COMMUNITY: (
        '{id: wenjiao-tiancheng, name: 天成社区, kind: 社区, parent: wenjiao, division_code: "{region}004001"}'
    ),
    UnitKind.VILLAGE: '{id: cicheng-banpu, name: 半浦村, kind: 村, parent: cicheng, division_code: "{region}101201"}',
    UnitKind.AGENCY: "{id: wenjiao-scjgs, name: 文教市场监管所, kind: 派驻机构, parent: scjgj, stationed_in: wenjiao}",
    UnitKind.INDUSTRIAL_ZONE: "{id: gxq, name: 高新技术产业园区, kind: 工业区, located_in: [wenjiao]}",
}


def units_yaml(region_code: str) -> str:
    lines = [
        f"# yaml-language-server: $schema={SCHEMAS}/{schema_file_name(UNITS_SCHEMA)}",
        "# 实施主体名单：每个单位一行。",
        "units: []",
        "# 每类单位一个示例：把上一行改成“units:”，照样填写，再去掉示例行首的“# ”。",
    ]
    for kind in UnitKind:
        example = _UNIT_EXAMPLES[kind].replace("{region}", region_code)
        lines.append(f"#   - {example}{' ' * 2}# {kind.value}（{kind.level.value}）")
    return "\n".join(lines) + "\n"


def schema_files() -> dict[str, str]:
    """Each file shape's JSON schema, as `qingdan schema --write` writes them: file name → text."""
    return {schema_file_name(name): dumps(file_schema(name)) for name in SCHEMA_NAMES}
