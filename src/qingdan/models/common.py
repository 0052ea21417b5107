"""Building blocks shared by the record kinds: the base record, vocabularies and typed scalars.

Every scalar arrives as text (the loader never guesses types); the annotated types here give it its type,
so `010` stays `010` in a text field and becomes 10 only where the schema asks for an integer.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from qingdan.problems import Path, Ref


class Vocabulary(StrEnum):
    """A controlled vocabulary: English member names, the Chinese terms as published as values."""


class Level(Vocabulary):
    DISTRICT = "区级"
    STREET = "街道(镇)"
    COMMUNITY = "社区(村)"


class Status(Vocabulary):
    """Status of a power item."""

    ACTIVE = "有效"
    CANCELLED = "已取消"


# A member read through its enum class costs about 150 ns on Python 3.11 (EnumType's __getattr__ takes every
# attribute read of the class off the fast path), a module constant 30: the properties the checks read for every
# record compare with constants (`active` 210 → 90 ns, read 700,000 times at 100,000 items).
ACTIVE = Status.ACTIVE


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?\d+(\.\d{1,2})?")


def _text_of(value: Any) -> Any:
    # Numbers only reach a model from Python callers (tests, import); files always give text.
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


def _parse_date(value: Any) -> Any:
    value = _text_of(value)
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise PydanticCustomError("qd_date", "not an ISO date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("qd_date", "not an ISO date YYYY-MM-DD") from None


def parse_integer(value: Any) -> Any:
    value = _text_of(value)
    if not isinstance(value, str) or not _INTEGER.fullmatch(value):
        raise PydanticCustomError("qd_integer", "not an integer")
    return int(value)


def _parse_decimal(value: Any) -> Any:
    value = _text_of(value)
    if isinstance(value, float):
        # A float has already lost the clerk's digits: refuse rather than round.
        raise PydanticCustomError("qd_decimal", "not a decimal with at most two places")
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        raise PydanticCustomError("qd_decimal", "not a decimal with at most two places")
    return Decimal(value)


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Integer = Annotated[int, BeforeValidator(parse_integer)]
Weight = Annotated[Decimal, BeforeValidator(_parse_decimal)]
Text = Annotated[str, Field(min_length=1)]
UnitId = Annotated[str, Field(min_length=1)]
TextList = list[Text]


@dataclass(frozen=True)
class Terms:
    """Field metadata: fixed terms a text field may hold besides free text or ids (`全部街道(镇)`), which the loader
    normalises from variant forms as it does vocabulary values."""

    values: frozenset[str]


class Identified:
    """A record matched by its `id` (every kind but power items and grid events). The model declares `ident`
    itself, first among its fields; this mixin only derives the key from it."""

    if TYPE_CHECKING:
        ident: str

    @property
    def key(self) -> str:
        return self.ident


class Coded:
    """A record matched by its `code` (power items, grid events): the model declares `code` itself, first among
    its fields; this mixin only derives the key from it."""

    if TYPE_CHECKING:
        code: str

    @property
    def key(self) -> str:
        return self.code


class Adjustable:
    """A record of a † kind (SPEC §4): in force unless cancelled. The model declares `status` and `adjustment`
    itself, in its own field order (what `fmt` and the sheets follow); this mixin only reads the status."""

    if TYPE_CHECKING:
        status: Status

    @property
    def active(self) -> bool:
        return self.status is ACTIVE


class Model(BaseModel):
    """Strict shape: unknown keys are errors, nothing is coerced from the wrong kind of value."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, use_enum_values=False)


class Record(Model):
    """A top-level record. It remembers where it came from, so checks can point at its fields."""

    note: str | None = Field(default=None, title="备注")

    @property
    @abstractmethod
    def key(self) -> str:
        """The key records are matched by (a power item's code, every other record's id)."""

    @property
    def active(self) -> bool:
        """Whether the record is in force; inactive records (cancelled, revoked, withdrawn) stay in the registry
        until they are archived, and are not published."""
        return True

    @property
    def label(self) -> str:
        """What a reader calls the record (its name or title), for reports."""
        return self.key

    @property
    def responsible_unit(self) -> str | None:
        """The id of the unit a change of this record concerns, for reports (SPEC §6.3 `unit`)."""
        return None

    def unit_refs(self) -> Iterator[tuple[Path, str]]:
        """Every unit id the record names, with the path of its field (places such as 属地街道(镇) left out):
        QD105 checks they exist and are active. Power items and units check their own units (file defaults,
        roles) and say nothing here."""
        return iter(())

    # Where the record came from lives in pydantic's private-state slot, set once by the loader. Declaring
    # it with PrivateAttr would make pydantic initialise it for every instance, which cost a third of the
    # time to load 100,000 items.
    def locate_in(self, ref: Ref, inherited: frozenset[str] = frozenset()) -> None:
        """Set by the loader once: where this record stands, and which fields came from file defaults."""
        object.__setattr__(self, "__pydantic_private__", {"ref": ref, "inherited": inherited})

    @property
    def ref(self) -> Ref:
        origin = self.__pydantic_private__ or {}
        ref = origin.get("ref")
        return ref if isinstance(ref, Ref) else Ref("")

    @property
    def file(self) -> str:
        return self.ref.file

    def field_ref(self, *path: str | int) -> Ref:
        """Where one of this record's fields is; a field set by the file's defaults points at the default."""
        ref = self.ref
        if path and path[0] in (self.__pydantic_private__ or {}).get("inherited", ()):
            return Ref(ref.file, tuple(path))
        full: Path = ref.path + tuple(path)
        return Ref(ref.file, full)


class YesNo(Vocabulary):
    """Yes/no fields take 是 or 否 (SPEC §2)."""

    YES = "是"
    NO = "否"

    @property
    def yes(self) -> bool:
        return self is YesNo.YES
