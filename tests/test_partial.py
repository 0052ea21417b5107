"""Partial records: instances of their model holding the plain fields from the cache; anything else read of
them (another field, the record compared, hashed or dumped) first loads their file and fills them in."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.cache.entries import entry_of, plain_fields, record_prints
from qingdan.cache.hooks import record_hooks
from qingdan.cache.partial import Keyspace, LazyRegistry, Slot
from qingdan.cache.tracing import Reads
from qingdan.loader.load import load_file, load_settings
from qingdan.models import PowerItem
from qingdan.models.kinds import POWER
from qingdan.sources.files import Folder

SAMPLE = Path(__file__).parent / "examples" / "valid" / "sample"


def _lazy(root: Path) -> tuple[LazyRegistry, list[PowerItem]]:
    path = next(p for p in sorted((root / "power").glob("*.yaml")))
    relative = f"power/{path.name}"
    raw = path.read_bytes()
    full = load_file(Folder(root), relative, POWER, raw=raw)
    entry = entry_of(full, frozenset(plain_fields(PowerItem)), record_prints(raw, full))
    slot = Slot(relative, POWER, 0, {relative: raw}, None)
    registry = LazyRegistry(Folder(root), load_settings(Folder(root)), [slot], Keyspace(), lambda _: entry)
    registry.keyspace.add(POWER.name, relative, entry.keys)
    return registry, [record for record in full.records if isinstance(record, PowerItem)]


@pytest.mark.parametrize("tracing", [False, True])
def test_a_partial_record_fills_in_when_read_beyond_its_fields(tracing: bool) -> None:
    registry, full = _lazy(SAMPLE)
    with record_hooks(Reads() if tracing else None, registry.materialize):
        items = registry.of(POWER)
        assert [item.code for item in items] == [item.code for item in full]
        assert all(item.active == original.active for item, original in zip(items, full, strict=True))
        assert list(registry.partial_records())  # plain fields and properties over them: still partial
        first = registry.lookup(POWER, full[0].code)
        assert first is items[0]
        assert first.legal_basis == full[0].legal_basis  # not a plain field: the file is read
        assert not list(registry.partial_records())
        assert [item.model_dump() for item in items] == [item.model_dump() for item in full]
        assert items == full


@pytest.mark.parametrize("touch", ["eq", "hash", "dump", "fields_set", "repr"])
def test_reading_a_record_whole_fills_it_in(touch: str) -> None:
    registry, full = _lazy(SAMPLE)
    with record_hooks(None, registry.materialize):
        item = registry.of(POWER)[0]
        if touch == "eq":
            assert item == full[0]
        elif touch == "hash":  # a power item holds lists: it cannot be hashed, partial or not
            with pytest.raises(TypeError):
                hash(full[0])
            with pytest.raises(TypeError):
                hash(item)
        elif touch == "dump":
            assert item.model_dump() == full[0].model_dump()
        elif touch == "fields_set":
            assert item.model_fields_set == full[0].model_fields_set
        else:
            assert repr(item) == repr(full[0])
        assert not list(registry.partial_records())
    assert "__getattr__" not in PowerItem.__dict__ and "model_fields_set" not in PowerItem.__dict__  # hooks gone


def test_children_build_only_the_files_holding_them() -> None:
    """QD705 asks for one item's children: the records of the other files stay unbuilt (at 100,000 items,
    building them all took 40 % of a one-file edit's run)."""
    folder = Folder(SAMPLE)
    paths = [f"power/{path.name}" for path in sorted((SAMPLE / "power").iterdir())]
    results = [load_file(folder, path, POWER, raw=(SAMPLE / path).read_bytes()) for path in paths]
    entries = {
        result.path: entry_of(
            result, frozenset(plain_fields(PowerItem)), record_prints((SAMPLE / result.path).read_bytes(), result)
        )
        for result in results
    }
    slots = [Slot(path, POWER, position, {}, None) for position, path in enumerate(paths)]
    registry = LazyRegistry(folder, load_settings(folder), slots, Keyspace(), lambda slot: entries[slot.path])
    full: dict[str, list[str]] = {}
    for result in results:
        for record in result.records:
            if isinstance(record, PowerItem) and record.parent:
                full.setdefault(record.parent, []).append(record.code)

    assert [child.code for child in registry.children.get("XK-330205-0101", [])] == full["XK-330205-0101"]
    assert [slot.path for slot in slots if slot._records is not None] == ["power/jyj.yaml"]
    assert "XK-330205-0101-02" in registry.children and "XK-330205-0201" not in registry.children
    assert {code: [child.code for child in children] for code, children in registry.children.items()} == full
