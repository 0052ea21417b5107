"""The province's basic catalogue (基本目录, SPEC §4.16): the entries a district implements through its items'
`catalog_code` since the 2018 八统一 adjustment, and how an item is compared with its entry.

The catalogue is not a record kind of the registry: the province publishes it, the registry only reads the one
CSV file that qingdan.yaml names (`catalogue.file`), with the Chinese headers below as the province writes them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Annotated

from pydantic import Field

from qingdan.models.common import Level, Record, Text, TextList, Vocabulary
from qingdan.models.power import PowerItem, PowerType
from qingdan.models.settings import Unified

CODE_PATTERN = r"^\d{12}$"


class CatalogueLevel(Vocabulary):
    """行使层级: who may exercise an entry."""

    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇级"
    VILLAGE = "村级"


# A registry's levels as the catalogue names them (SPEC §4.16).
LEVEL_IN_CATALOGUE: Mapping[Level, CatalogueLevel] = MappingProxyType(
    {
        Level.DISTRICT: CatalogueLevel.COUNTY,
        Level.STREET: CatalogueLevel.TOWNSHIP,
        Level.COMMUNITY: CatalogueLevel.VILLAGE,
    }
)


class EntryStatus(Vocabulary):
    IN_USE = "在用"
    CANCELLED = "已取消"


class CatalogueEntry(Record):
    code: Annotated[str, Field(title="基本编码", pattern=CODE_PATTERN)]
    name: Annotated[Text, Field(title="事项名称")]
    item_type: Annotated[PowerType, Field(alias="type", title="事项类型")]
    laws: Annotated[TextList | None, Field(alias="legal_basis", title="设定依据")] = None
    levels: Annotated[list[CatalogueLevel], Field(title="行使层级", min_length=1)]
    department: Annotated[str | None, Field(title="主管部门")] = None
    parent: Annotated[str | None, Field(title="上级编码", pattern=CODE_PATTERN)] = None
    status: Annotated[EntryStatus, Field(title="状态")] = EntryStatus.IN_USE

    @property
    def key(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.status is EntryStatus.IN_USE

    @cached_property
    def law_names(self) -> frozenset[str]:
        return frozenset(law_name(law) for law in self.laws or ())


@dataclass(frozen=True)
class Catalogue:
    """The entries of one catalogue file, in file order. `broken`: codes of rows that failed their schema (an
    item naming one of them is not reported as naming an unknown code)."""

    file: str  # relative to the registry root
    entries: tuple[CatalogueEntry, ...] = ()
    broken: frozenset[str] = frozenset()
    unified: tuple[Unified, ...] = tuple(Unified)

    @cached_property
    def by_code(self) -> dict[str, CatalogueEntry]:
        """The first entry of each code (a code given twice is reported by QD901)."""
        index: dict[str, CatalogueEntry] = {}
        for entry in self.entries:
            index.setdefault(entry.code, entry)
        return index


# Names and law names repeat across a province's items (every street cites the same laws), and normalising them
# item by item was the top of cProfile's list for `qingdan catalogue` at 100,000 items: each text once.
@lru_cache(maxsize=1 << 16)
def normal_text(value: str) -> str:
    """A name as compared with the catalogue: NFKC (full-width brackets and digits as half-width), trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


@lru_cache(maxsize=1 << 16)
def law_name(value: str) -> str:
    """A law's name as compared: normalised, without the 《》 a citation puts around it."""
    name = normal_text(value)
    if name.startswith("《") and "》" in name:
        name = name[1 : name.index("》")]
    return name.strip()


@dataclass(frozen=True)
class Difference:
    """One unified element where an item differs from its catalogue entry: both values as text."""

    element: Unified
    item_value: str
    entry_value: str


LAW_SEPARATOR = "、"


def differences(
    item: PowerItem, entry: CatalogueEntry, unified: Iterable[Unified], laws: frozenset[str] | None = None
) -> list[Difference]:
    """The unified elements in which the item differs from the entry. `laws`: the law names the item cites,
    its own or (for a sub-item) its parent's; by default its own."""
    found: list[Difference] = []
    for element in unified:
        if element is Unified.NAME and normal_text(item.name) != normal_text(entry.name):
            found.append(Difference(element, item.name, entry.name))
        elif element is Unified.TYPE and item.item_type is not entry.item_type:
            found.append(Difference(element, item.item_type.value, entry.item_type.value))
        elif element is Unified.LEGAL_BASIS:
            cited = laws if laws is not None else item_laws(item)
            if cited != entry.law_names:
                found.append(Difference(element, _laws_text(cited), _laws_text(entry.law_names)))
    return found


def item_laws(item: PowerItem) -> frozenset[str]:
    return frozenset(law_name(basis.law) for basis in item.legal_basis or ())


def _laws_text(names: frozenset[str]) -> str:
    return LAW_SEPARATOR.join(f"《{name}》" for name in sorted(names))
