"""qingdan.yaml: the registry's own settings (SPEC §3)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from qingdan.models.common import Integer, Model, Text, Weight, YesNo, parse_integer

_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})")


class Region(Model):
    code: Annotated[str, Field(title="区划代码", pattern=r"^\d{6}$")]
    name: Annotated[Text, Field(title="名称")]


class CodeTemplates(Model):
    item: Annotated[Text, Field(title="主项编码规则")] = "{type}-{region}-{seq:4}"
    child: Annotated[Text, Field(title="子项编码规则")] = "{parent}-{seq:2}"


class Unified(StrEnum):
    """The elements of a power item that must equal the province's catalogue entry (八统一, SPEC §4.16)."""

    NAME = "name"
    TYPE = "type"
    LEGAL_BASIS = "legal_basis"


# A CSV file inside the registry, named relative to it: no segment starts with a dot (so no `..`), no absolute
# path, no backslash or drive letter (SPEC §4.16).
CATALOGUE_PATH = r"^(?:[^/\\:.][^/\\:]*/)*[^/\\:.][^/\\:]*\.(?:csv|CSV)$"


# The law library's folder (SPEC §4.17), named relative to the registry as the catalogue is: inside it, never
# through `..`, an absolute path or a drive.
LIBRARY_PATH = r"^(?:[^/\\:.][^/\\:]*/)*[^/\\:.][^/\\:]*$"


class CatalogueSettings(Model):
    file: Annotated[str, Field(title="基本目录文件", pattern=CATALOGUE_PATH)]
    unified: Annotated[tuple[Unified, ...], Field(title="统一要素")] = tuple(Unified)


DEFAULT_GRADES = {"优秀": Decimal(90), "良好": Decimal(80), "一般": Decimal(60)}
DEFAULT_ZONE_DOMAINS = ("社会事务", "矛盾调解", "安全生产", "征地拆迁")


class Settings(Model):
    qingdan: Annotated[Literal[1], BeforeValidator(parse_integer), Field(title="格式版本")]
    region: Annotated[Region, Field(title="地区")]
    codes: Annotated[CodeTemplates, Field(title="编码规则")] = CodeTemplates()
    timezone: Annotated[str, Field(title="时区")] = "+08:00"
    # Assessment grade bands: a final score at or above a band's bound earns it; below the last: 较差.
    grades: Annotated[dict[str, Weight], Field(title="考核等次")] = DEFAULT_GRADES
    notify_days: Annotated[Integer, Field(title="抄告期限（日）", ge=0)] = 10
    zone_street_domains: Annotated[tuple[Text, ...], Field(title="工业区留给街道的职责领域")] = DEFAULT_ZONE_DOMAINS
    pilot_streets: Annotated[tuple[Text, ...], Field(title="内部办事试点街道")] = ()
    catalogue: Annotated[CatalogueSettings | None, Field(title="省级基本目录")] = None
    laws: Annotated[str | None, Field(title="法规库目录", pattern=LIBRARY_PATH)] = None
    # 是: the registry is generated sample data (the demo province's neighbours); reports mark it so.
    synthetic: Annotated[YesNo, Field(title="示意数据（生成，非正式清单）")] = YesNo.NO
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
