"""One publication after another of a registry that changes a few files at a time (`qingdan serve`): the
power items of a unit are arranged again only when an edit touched them; every other unit keeps its tree,
its placed codes and its counts from the publication before (`model.UnitPart`).

An edit touches a unit when a changed power file (its version before or after) holds an item of the unit,
or when an item of the unit has an ancestor whose code a changed file holds or held: its depth and
inherited legal basis may be other now. Files are told apart by their digest, so a file read again but not
changed (saved as it was, or held at its last good version by `serve.live`) touches nothing; which records a
file holds is read off the registry, whose records stand in the order of its files. The items by code are
kept from one publication to the next, and only the changed files' codes taken out and put in, so that no
step walks the whole registry (`Registry.by_key` took 90 ms at 100,000 items on a loaded machine,
calibration 1.96 s).

Everything is built again, as `render` builds it, before the first publication, when units.yaml changed,
and while a power code or a unit id is used twice (QD errors, until mended): a code on two units' pages or
a unit listed twice ties units together in ways a part does not record. The rest of a publication (the
other kinds, the guides, the counts of the other kinds) is made again every time, about 0.1 s at 100,000
items on that machine against 4 s for all the power items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qingdan.diff.engine import Revision
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem, Unit
from qingdan.models.kinds import POWER, UNITS
from qingdan.publish.model import Edition, PowerPart, Publication, assemble, power_part, unit_parts


@dataclass(frozen=True)
class _File:
    digest: str
    items: Sequence[PowerItem]
    units: frozenset[str]  # the unit ids its items name


@dataclass
class _Last:
    files: dict[str, _File]  # every power file, in the registry's order
    units: tuple[Unit, ...]
    power: PowerPart
    by_code: dict[str, PowerItem]  # every power item by its code (none is used twice), changed in place


class Publisher:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.remade: tuple[str, ...] | None = None  # the units the last publication arranged again; None: all
        self._last: _Last | None = None

    def publish(self, registry: Registry, revision: Revision, published: date) -> Publication:
        """The publication of `registry`, as `build_publication` makes it."""
        files = _power_files(registry, self._last.files if self._last else {})
        units = tuple(registry.of(UNITS))
        last, self._last = self._last, None
        power = None
        if last is not None and files is not None and units == last.units and _once(units):
            power = self._again(registry, last, files)
        if power is None:  # the first publication, units.yaml changed, or a code or unit id used twice
            self.remade = None
            power = power_part(registry, self.edition)
            if files is not None and _once(units) and len(power.by_code) == len(registry.of(POWER)):
                self._last = _Last(files, units, power, dict(power.by_code))
        return assemble(registry, self.edition, revision, published, power)

    def _again(self, registry: Registry, last: _Last, files: dict[str, _File]) -> PowerPart | None:
        """The power items, with the parts of the units the edit touched made again; None if a code is now used
        twice. Uses `last` up (its items by code become the next ones)."""
        gone = [known for path, known in last.files.items() if files.get(path) is not known]
        new = [now for path, now in files.items() if last.files.get(path) is not now]
        by_code = last.by_code
        for known in gone:
            for item in known.items:
                del by_code[item.code]
        for now in new:
            for item in now.items:
                if by_code.setdefault(item.code, item) is not item:
                    return None
        codes = {item.code for changed in (*gone, *new) for item in changed.items}
        touched = {ident for changed in (*gone, *new) for ident in changed.units}
        touched.update(ident for ident, part in last.power.units.items() if not part.reads.isdisjoint(codes))
        parts = {ident: part for ident, part in last.power.units.items() if ident not in touched}
        items = (item for known in files.values() if not known.units.isdisjoint(touched) for item in known.items)
        parts.update(unit_parts(registry, self.edition, touched, items, by_code))
        self.remade = tuple(sorted(touched))
        power = PowerPart.joined(registry, parts, by_code)
        self._last = _Last(files, last.units, power, by_code)
        return power


def _power_files(registry: Registry, known: dict[str, _File]) -> dict[str, _File] | None:
    """Each power file's digest, items and units (as known, if its digest is); None if the registry's records
    do not stand in its files' order."""
    items = registry.of(POWER)
    found: dict[str, _File] = {}
    start = 0
    for info in registry.files:
        if info.kind == POWER.name:
            same = known.get(info.path)
            mine = items[start : start + info.records]
            if same is None or same.digest != info.digest:
                same = _File(info.digest, mine, frozenset(item.unit for item in mine))
            found[info.path] = same
            start += info.records
    return found if start == len(items) else None


def _once(units: tuple[Unit, ...]) -> bool:
    return len({unit.ident for unit in units}) == len(units)
