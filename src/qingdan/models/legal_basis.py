"""Legal bases (设定依据), written as a mapping or as a citation string; both load to the same value."""

from __future__ import annotations

import typing
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from qingdan.models.common import IsoDate, Model, Text


class LegalBasis(Model):
    law: Annotated[Text, Field(title="法律法规名称")]
    article: Annotated[str | None, Field(title="条款")] = None
    text: Annotated[str | None, Field(title="条文内容")] = None
    # 核对日期: when the clerk last read the quotation against the law (QD126 asks again after a newer version).
    checked: Annotated[IsoDate | None, Field(title="核对日期")] = None

    @property
    def citation(self) -> str:
        """The citation-string form: 《law》article：text."""
        head = f"《{self.law}》{self.article or ''}"
        return f"{head}：{self.text}" if self.text else head


def parse_citation(value: str) -> dict[str, str]:
    """`《中华人民共和国食品安全法》第三十五条：…` → {law, article, text}; no 《》: the law's name alone."""
    value = value.strip()
    opening, closing = value.find("《"), value.find("》")
    if opening != 0 or closing < 0:
        return {"law": value}
    rest = value[closing + 1 :]
    colon = min((index for index in (rest.find("："), rest.find(":")) if index >= 0), default=len(rest))
    parts = {"law": value[1:closing].strip(), "article": rest[:colon].strip(), "text": rest[colon + 1 :].strip()}
    return {key: text for key, text in parts.items() if text}


def _from_citation(value: Any) -> Any:
    return parse_citation(value) if isinstance(value, str) else value


# In JSON Schema a legal basis is either form.
LegalBasisEntry = Annotated[LegalBasis, BeforeValidator(_from_citation, json_schema_input_type=str | LegalBasis)]


@cache
def basis_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record model that hold legal bases, found from their types (`list[LegalBasisEntry] |
    None`), so that a new kind with a legal basis is checked against the law library without being listed."""
    return tuple(name for name, info in model.model_fields.items() if _holds_basis(info.annotation))


def _holds_basis(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, LegalBasis):
        return True
    return any(_holds_basis(argument) for argument in typing.get_args(annotation))
