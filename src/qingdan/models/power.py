"""Power items (权力事项 / 权责清单): main items, sub-items (子项) and grand-sub-items (孙项)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from qingdan.models.common import Adjustable, Coded, IsoDate, Model, Record, Status, Text, TextList, UnitId, Vocabulary
from qingdan.models.legal_basis import LegalBasisEntry


class PowerType(Vocabulary):
    LICENSING = "行政许可"
    PENALTY = "行政处罚"
    COERCION = "行政强制"
    LEVY = "行政征收"
    BENEFIT = "行政给付"
    INSPECTION = "行政检查"
    CONFIRMATION = "行政确认"
    REWARD = "行政奖励"
    ADJUDICATION = "行政裁决"
    OTHER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"

    @property
    def letters(self) -> str:
        """The two-letter type code used in item codes, e.g. XK."""
        return _CODES[self][0]

    @property
    def number(self) -> str:
        """The two-digit national type code, e.g. 01."""
        return _CODES[self][1]


_CODES = {
    PowerType.LICENSING: ("XK", "01"),
    PowerType.PENALTY: ("CF", "02"),
    PowerType.COERCION: ("QZ", "03"),
    PowerType.LEVY: ("ZS", "04"),
    PowerType.BENEFIT: ("GF", "05"),
    PowerType.INSPECTION: ("JC", "06"),
    PowerType.CONFIRMATION: ("QR", "07"),
    PowerType.REWARD: ("JL", "08"),
    PowerType.ADJUDICATION: ("CJ", "09"),
    PowerType.OTHER: ("QT", "10"),
    PowerType.PUBLIC_SERVICE: ("FW", "20"),
}


class Source(Vocabulary):
    STATUTORY = "法定本级行使"
    DELEGATED_DOWN = "上级下放"
    AUTHORISED_BY_SUPERIOR = "上级授权"
    AUTHORISED_BY_PEER = "同级授权"
    ENTRUSTED_BY_SUPERIOR = "上级委托"
    ENTRUSTED_BY_PEER = "同级委托"

    @property
    def needs_delegation(self) -> bool:
        return self in _HANDED_DOWN  # a constant: see `common.ACTIVE`


class AdjustmentType(Vocabulary):
    ADD = "新增"
    CANCEL = "取消"
    CHANGE = "变更"
    DELEGATE = "下放"
    TAKE_OVER = "承接"
    RECALL = "上收"
    MERGE = "合并"
    SPLIT = "拆分"
    RENAME = "更名"
    TRANSFER = "划转"


class Adjustment(Model):
    adjustment_type: Annotated[AdjustmentType, Field(alias="type", title="调整类型")]
    document: Annotated[str | None, Field(title="文号")] = None
    reason: Annotated[str | None, Field(title="调整理由")] = None
    date: Annotated[IsoDate | None, Field(title="调整日期")] = None
    from_codes: Annotated[TextList | None, Field(alias="from", title="原事项编码")] = None


_HANDED_DOWN = frozenset({Source.DELEGATED_DOWN, Source.ENTRUSTED_BY_SUPERIOR})


class PowerItem(Coded, Adjustable, Record):
    code: Annotated[Text, Field(title="事项编码")]
    name: Annotated[str, Field(title="事项名称", min_length=1, max_length=200, pattern=r"^\S(?:.*\S)?$")]
    item_type: Annotated[PowerType, Field(alias="type", title="事项类型")]
    unit: Annotated[UnitId, Field(title="实施主体")]
    parent: Annotated[Text | None, Field(title="上级事项")] = None
    source: Annotated[Source, Field(title="权力来源")] = Source.STATUTORY
    delegation: Annotated[Text | None, Field(title="下放依据")] = None
    legal_basis: Annotated[list[LegalBasisEntry] | None, Field(title="设定依据")] = None
    responsibilities: Annotated[TextList | None, Field(title="责任事项")] = None
    accountability: Annotated[TextList | None, Field(title="追责情形")] = None
    # The province's basic-catalogue entry this item implements (八统一, SPEC §4.16).
    catalog_code: Annotated[str | None, Field(title="基本编码", pattern=r"^\d{12}$")] = None
    status: Annotated[Status, Field(title="状态")] = Status.ACTIVE
    adjustment: Annotated[Adjustment | None, Field(title="调整")] = None

    @property
    def label(self) -> str:
        return self.name

    @property
    def responsible_unit(self) -> str | None:
        return self.unit
