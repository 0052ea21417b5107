"""The reduced diff (only what differs is loaded) reports exactly what the diff of whole registries does."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from demo.build_history import build
from helpers import write_registry
from qingdan.diff.engine import diff_registries
from qingdan.loader.load import load_registry
from qingdan.models.kinds import LAYOUT, POWER
from qingdan.reporters.diff import as_json
from qingdan.sources.files import Folder
from qingdan.sources.git import History
from qingdan.sources.reduced import reduced

CUT = {POWER.name: POWER.list_key}  # power files are cut into items, as `diff` does


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("demo") / "repo"
    build(repo)
    return repo


def test_reduced_diff_equals_whole_diff_for_every_pair_of_demo_commits(demo_repo: Path) -> None:
    with History(demo_repo / "registry") as history:
        commits = history.first_parent()[::-1]
        pairs = [*itertools.pairwise(commits), (commits[0], commits[-1]), (commits[5], commits[-3])]
        for old, new in pairs:
            whole = diff_registries(load_registry(history.source(old.sha)), load_registry(history.source(new.sha)))
            parts = [
                load_registry(source)
                for source in reduced(history.source(old.sha), history.source(new.sha), LAYOUT, CUT)
            ]
            assert as_json(diff_registries(*parts)) == as_json(whole), (old.subject, new.subject)


def test_reduced_sources_leave_out_what_is_the_same(demo_repo: Path) -> None:
    with History(demo_repo / "registry") as history:
        last, before = history.first_parent()[:2]
        old, _ = reduced(history.source(before.sha), history.source(last.sha), LAYOUT, CUT)
        old_power = [f.path for f in old.discover(LAYOUT)[0] if f.path.startswith(POWER.prefix)]
        total = [f.path for f in history.source(last.sha).discover(LAYOUT)[0] if f.path.startswith(POWER.prefix)]
        assert len(old_power) < len(total)
        for path in old_power:
            raw = old.read(path)
            whole = history.source(before.sha).read(path)
            assert isinstance(raw, bytes) and isinstance(whole, bytes) and len(raw) <= len(whole)


BASIS = "    legal_basis: [《食品安全法》第三十五条]\n"
ITEMS = {
    "A": "  - code: XK-330205-0001\n    name: 食品经营许可\n    type: 行政许可\n" + BASIS,
    "B": "  - code: XK-330205-0002\n    name: 食品生产许可\n    type: 行政许可\n" + BASIS,
}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"power/a.yaml": ["A", "B"], "power/b.yaml": []}, {"power/a.yaml": ["A"], "power/b.yaml": ["B"]}),  # move
        ({"power/a.yaml": ["A", "B"]}, {"power/a.yaml": ["B", "A"]}),  # reorder
        ({"power/a.yaml": ["A", "B"]}, {"power/a.yaml": ["A", "B"], "power/w.yaml": []}),  # a new empty file
    ],
)
def test_moves_and_header_changes(tmp_path: Path, before: dict[str, list[str]], after: dict[str, list[str]]) -> None:
    for header in ("unit: scjgj\nitems:\n", "unit: wenjiao\nitems:\n"):
        old = write_registry(
            tmp_path / "old",
            {path: "unit: scjgj\nitems:\n" + "".join(ITEMS[i] for i in items) for path, items in before.items()},
        )
        new = write_registry(
            tmp_path / "new", {path: header + "".join(ITEMS[i] for i in items) for path, items in after.items()}
        )
        whole = diff_registries(load_registry(old), load_registry(new))
        parts = [load_registry(source) for source in reduced(Folder(old), Folder(new), LAYOUT, CUT)]
        assert as_json(diff_registries(*parts)) == as_json(whole)
        assert bool(whole.changes) == header.startswith("unit: wenjiao")  # moved under another unit: 下放
