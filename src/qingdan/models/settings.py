"""qingdan.yaml: the registry's own settings (SPEC §3)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from qingdan.models.common import Model, Text, parse_integer

_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")


class Region(Model):
    code: Annotated[str, Field(title="区划代码", pattern=r"^\d{6}$")]
    name: Annotated[Text, Field(title="名称")]


class CodeTemplates(Model):
    item: Annotated[Text, Field(title="主项编码规则")] = "{type}-{region}-{seq:4}"
    child: Annotated[Text, Field(title="子项编码规则")] = "{parent}-{seq:2}"


class Settings(Model):
    qingdan: Annotated[Literal[1], BeforeValidator(parse_integer), Field(title="格式版本")]
    region: Annotated[Region, Field(title="地区")]
    codes: Annotated[CodeTemplates, Field(title="编码规则")] = CodeTemplates()
    timezone: Annotated[str, Field(title="时区")] = "+08:00"
    note: Annotated[str | None, Field(title="备注")] = None

    @field_validator("timezone")
    @classmethod
    def _offset(cls, value: str) -> str:
        if not _OFFSET.fullmatch(value):
            raise ValueError("timezone must look like +08:00")
        return value

    @property
    def tzinfo(self) -> dt.timezone:
        match = _OFFSET.fullmatch(self.timezone)
        assert match  # validated above
        sign = -1 if match[1] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(match[2]), minutes=int(match[3])))
