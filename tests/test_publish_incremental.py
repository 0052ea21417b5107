"""A publication made from the one before it after an edit (`publish.incremental`, as `qingdan serve` makes
them) equals the publication made from scratch (`build_publication`, as `render` makes it), edit after edit,
and it arranges again only the units the edit touched."""

from __future__ import annotations

import random
import shutil
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate
from helpers import write_registry
from qingdan.diff.engine import Revision
from qingdan.laws.library import Library
from qingdan.publish import model
from qingdan.publish.incremental import Publisher
from qingdan.publish.laws import Citing, ShownItem, items_citing
from qingdan.publish.model import Edition, Publication, build_publication
from qingdan.serve.live import LiveRegistry
from tests.registry_editor import Editor
from tests.test_incremental import DENSE

BUNDLED = Path(__file__).resolve().parent.parent / "registry"
DAY = date(2024, 5, 1)
# A code or a unit id used twice makes every publication from scratch until mended (the test of that is the
# first publication after the mend); these edits leave such codes behind for long (a file added from an added
# file keeps its codes).
TWICE = {"recode", "duplicate_record", "add_file"}
# Edits that use no power code and no unit id twice and leave units.yaml alone: each one incremental.
PLAIN = {"rename", "reparent", "delete_record", "cancel", "retype", "move_unit", "edit_other_kind", "comment"}


def _editor(tmp_path: Path, seed: int, edits: set[str] | None = None, without: set[str] = TWICE) -> Editor:
    root = tmp_path / "registry"
    generate(root, items=500, files=20, seed=seed, per_100k=DENSE)
    editor = Editor(root, random.Random(seed))
    editor.edits = [
        (weight, edit)
        for weight, edit in editor.edits
        if (edits is None or edit.__name__ in edits) and edit.__name__ not in without
    ]
    return editor


def _same(made: Publication, cold: Publication) -> bool:
    return made == cold and list(made.item_units.items()) == list(cold.item_units.items())


@pytest.mark.parametrize(("seed", "edition"), [(1, Edition.STANDARD), (2, Edition.SIMPLE)])
def test_incremental_publication_equals_cold_after_random_edits(tmp_path: Path, seed: int, edition: Edition) -> None:
    editor = _editor(tmp_path, seed)
    live, publisher = LiveRegistry(editor.root), Publisher(edition)
    remade: list[tuple[str, ...] | None] = []
    for step in range(40):
        editor.edit()
        registry = live.refresh().registry
        made = publisher.publish(registry, Revision(), DAY)
        assert _same(made, build_publication(registry, edition, Revision(), DAY)), f"edit {step}: {editor.log}"
        remade.append(publisher.remade)
    assert sum(1 for units in remade if units is not None) >= 20, editor.log  # mostly not from scratch


def test_an_edit_arranges_again_only_the_units_it_touched(tmp_path: Path) -> None:
    editor = _editor(tmp_path, 3, PLAIN)
    live, publisher = LiveRegistry(editor.root), Publisher(Edition.STANDARD)
    publisher.publish(live.refresh().registry, Revision(), DAY)
    units = len(live.refresh().registry.records["units"])
    for step in range(30):
        editor.edit()
        registry = live.refresh().registry
        made = publisher.publish(registry, Revision(), DAY)
        assert _same(made, build_publication(registry, Edition.STANDARD, Revision(), DAY)), f"edit {step}"
        assert publisher.remade is not None and len(publisher.remade) <= units // 2, editor.log[-1]
    power = sorted((editor.root / "power").glob("*.yaml"))[0]
    power.write_text(power.read_text(encoding="utf-8").replace("    name: ", "    name: 改", 1), encoding="utf-8")
    publisher.publish(live.refresh().registry, Revision(), DAY)
    assert publisher.remade is not None and len(publisher.remade) == 1  # a rename: that unit's page alone


def test_an_edit_of_a_parent_arranges_again_the_units_of_its_descendants(tmp_path: Path) -> None:
    """A sub-item of 区民政局 under an item of 区市场监督管理局: its inherited legal basis and its depth come from
    the other unit's file."""
    parent = "  - {code: XK-330205-0001, name: 上级事项, type: 行政许可, legal_basis: ['《某法》第一条']}\n"
    root = write_registry(
        tmp_path,
        {
            "power/scjgj.yaml": "unit: scjgj\nitems:\n" + parent,
            "power/mzj.yaml": "unit: mzj\nitems:\n  - {code: XK-330205-0002, name: 下级事项, type: 行政许可, "
            "parent: XK-330205-0001}\n",
        },
    )
    live, publisher = LiveRegistry(root), Publisher(Edition.STANDARD)
    publisher.publish(live.refresh().registry, Revision(), DAY)
    amended = parent.replace("第一条", "第二条")
    for edited in (
        amended,
        "  - {code: XK-330205-0000, name: 主项, type: 行政许可}\n" + amended.replace("}", ", parent: XK-330205-0000}"),
    ):
        (root / "power/scjgj.yaml").write_text("unit: scjgj\nitems:\n" + edited, encoding="utf-8")
        registry = live.refresh().registry
        made = publisher.publish(registry, Revision(), DAY)
        assert publisher.remade == ("mzj", "scjgj")
        assert _same(made, build_publication(registry, Edition.STANDARD, Revision(), DAY))
    child = next(item for unit in made.units for item in unit.walk() if item.code == "XK-330205-0002")
    assert (child.depth, [basis.citation for basis in child.inherited_basis]) == (3, ["《某法》第二条"])


def test_the_law_pages_are_joined_from_the_units_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the bundled law library (50 of its laws cited): the law pages and links after each edit equal those
    made from scratch, and only the pages of the units the edit touched have their citations worked out again
    (every other unit's are kept with its part)."""
    editor = _editor(tmp_path, 4, PLAIN)
    shutil.copytree(BUNDLED / "laws", editor.root / "laws")
    live, publisher = LiveRegistry(editor.root), Publisher(Edition.STANDARD)
    assert len(publisher.publish(live.refresh().registry, Revision(), DAY).laws.pages) >= 20
    made_again: list[str] = []

    def counted(library: Library, items: Iterable[ShownItem], units: Collection[str]) -> Citing:
        shown = list(items)
        made_again.extend(item.unit for item in shown)
        return items_citing(library, shown, units)

    monkeypatch.setattr(model, "items_citing", counted)
    for step in range(20):
        made_again.clear()
        editor.edit()
        registry = live.refresh().registry
        made = publisher.publish(registry, Revision(), DAY)
        assert publisher.remade is not None, editor.log[-1]
        assert set(made_again) <= set(publisher.remade), f"edit {step}: {editor.log[-1]}"
        monkeypatch.setattr(model, "items_citing", items_citing)
        cold = build_publication(registry, Edition.STANDARD, Revision(), DAY)
        monkeypatch.setattr(model, "items_citing", counted)
        assert made.laws == cold.laws and _same(made, cold), f"edit {step}: {editor.log[-1]}"
