"""Service guides (办事指南, SPEC §4.8): one guide per service of the 街道(镇) service standard, in its three
categories; the 标准版 makes window staff work to one standard, the 简易版 is the citizen's card."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, ValidatorFunctionWrapHandler, WithJsonSchema, WrapValidator

from qingdan.models.common import (
    Adjustable,
    Identified,
    Integer,
    Model,
    Record,
    Status,
    Text,
    TextList,
    Vocabulary,
    YesNo,
)
from qingdan.models.delegation import TownshipOrAll
from qingdan.models.power import Adjustment
from qingdan.models.time_limit import Limit

FREE = "不收费"
HTTPS_URL = r"^https://[^\s/?#]+\S*$"


class GuideCategory(Vocabulary):
    """The three categories of the 街道(镇)政务服务办事指南标准."""

    STATUTORY = "法定办理事项"
    DELEGATED = "部门下放或委托至街道(镇)办理事项"
    STATIONED = "驻场街道(镇)办理事项"


class Applicant(Vocabulary):
    PERSON = "自然人"
    ENTERPRISE = "企业法人"
    PUBLIC_INSTITUTION = "事业法人"
    SOCIAL_ORGANISATION = "社会组织法人"
    UNINCORPORATED = "非法人企业"
    ADMINISTRATIVE_BODY = "行政机关"
    OTHER = "其他组织"


class MaterialForm(Vocabulary):
    ORIGINAL = "原件"
    COPY = "复印件"
    BOTH = "原件和复印件"
    ELECTRONIC = "电子证照"


class MaterialSource(Vocabulary):
    OWN = "申请人自备"
    ISSUED = "政府部门核发"
    OTHER = "其他"


class Handling(Vocabulary):
    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class Material(Model):
    LINE_FIELDS: ClassVar = ("name", "form", "copies", "source", "tolerance", "note")
    LINE_EXAMPLE: ClassVar = "居民身份证:原件:1:申请人自备:否"

    name: Annotated[Text, Field(title="材料名称")]
    form: Annotated[MaterialForm, Field(title="材料形式")]
    copies: Annotated[Integer | None, Field(title="份数", ge=1)] = None
    source: Annotated[MaterialSource | None, Field(title="来源渠道")] = None
    tolerance: Annotated[YesNo | None, Field(title="容缺受理")] = None
    note: Annotated[str | None, Field(title="备注")] = None

    @property
    def tolerated(self) -> bool:
        return self.tolerance is YesNo.YES


class Step(Model):
    LINE_FIELDS: ClassVar = ("step", "actor", "limit")
    LINE_EXAMPLE: ClassVar = "受理:便民服务中心综合窗口:即办"

    step: Annotated[Text, Field(title="环节")]
    actor: Annotated[str | None, Field(title="办理人员")] = None
    limit: Annotated[Limit | None, Field(title="时限")] = None


class Fee(Model):
    basis: Annotated[Text, Field(title="收费依据")]
    standard: Annotated[Text, Field(title="收费标准")]


class Question(Model):
    LINE_FIELDS: ClassVar = ("q", "a")
    LINE_EXAMPLE: ClassVar = "可以委托他人办理吗？:可以，受托人须携带委托书和本人身份证"

    q: Annotated[Text, Field(title="问题")]
    a: Annotated[Text, Field(title="解答")]


def _fee(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Text stays text, whatever it says (QD704 tells `无` from `不收费`); a mapping must be a basis and a
    standard, its problems located at its own keys."""
    if isinstance(value, str):
        return value
    return Fee.model_validate(value)


_FEE_SCHEMA = {
    "anyOf": [
        {"const": FREE},
        {
            "type": "object",
            "properties": {
                "basis": {"type": "string", "minLength": 1, "title": "收费依据"},
                "standard": {"type": "string", "minLength": 1, "title": "收费标准"},
            },
            "required": ["basis", "standard"],
            "additionalProperties": False,
        },
    ],
    "title": "收费",
}

# `不收费`, or the basis and standard of the fee charged.
FeeValue = Annotated[str | Fee, WrapValidator(_fee), WithJsonSchema(_FEE_SCHEMA)]


class Guide(Identified, Adjustable, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    name: Annotated[Text, Field(title="服务名称")]
    category: Annotated[GuideCategory, Field(title="类别")]
    items: Annotated[TextList, Field(title="对应事项", min_length=1)]
    streets: Annotated[list[TownshipOrAll] | None, Field(title="办理街道(镇)")] = None
    applicants: Annotated[list[Applicant], Field(title="服务对象", min_length=1)]
    conditions: Annotated[TextList, Field(title="受理条件", min_length=1)]
    materials: Annotated[list[Material], Field(title="申请材料", min_length=1)]
    tolerance_scope: Annotated[Text | None, Field(title="容缺受理范围")] = None
    steps: Annotated[list[Step], Field(title="办理流程", min_length=1)]
    legal_limit: Annotated[Limit | None, Field(title="法定办结时限")] = None
    promised_limit: Annotated[Limit, Field(title="承诺办结时限")]
    handling: Annotated[Handling, Field(title="办件类型")]
    visits: Annotated[Integer, Field(title="到现场次数", ge=0)]
    fee: Annotated[FeeValue, Field(title="收费")]
    location: Annotated[Text, Field(title="办理地点")]
    hours: Annotated[Text, Field(title="办理时间")]
    phone: Annotated[Text, Field(title="咨询电话")]
    complaint_phone: Annotated[Text | None, Field(title="监督投诉电话")] = None
    online_url: Annotated[str | None, Field(title="网上办理地址", pattern=HTTPS_URL)] = None
    review_points: Annotated[TextList | None, Field(title="审查要点")] = None
    faq: Annotated[list[Question] | None, Field(title="常见问题")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.name

    @property
    def free(self) -> bool:
        return self.fee == FREE

    @property
    def charged(self) -> Fee | None:
        return self.fee if isinstance(self.fee, Fee) else None
