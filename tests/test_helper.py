"""The helper process loads files exactly as the main process does: same records (values, types, where they
stand), same problems, in the same order."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from qingdan.citations import CITING
from qingdan.loader import helper
from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models.kinds import KINDS

BUNDLED = Path(__file__).resolve().parent.parent / "registry"


def _everything(registry: Registry) -> list[object]:
    records = [
        (type(record), record.__dict__, record.__pydantic_fields_set__, record.__pydantic_private__)
        for kind in KINDS
        for record in registry.of(kind)
    ]
    problems = [(p.file, p.line, p.column, p.check, p.key, p.args, p.record, p.path) for p in registry.problems]
    return [records, problems, sorted(registry.broken), registry.files]


def _count_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked from now on (by the real os.fork)."""
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forks


def test_the_helper_loads_as_the_main_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "registry"
    generate(root, items=400, files=20, seed=5)
    broken = sorted((root / "power").glob("*.yaml"))[-1]  # a file of the helper's: problems come back too
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: 行政处罚", "type: 处罚", 3), encoding="utf-8")
    shutil.copy(broken, broken.with_name("zz-duplicate.yaml"))
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 0)
    forks = _count_forks(monkeypatch)
    with_helper = load_registry(root)
    assert forks  # the helper did run
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 1 << 60)
    alone = load_registry(root)
    assert _everything(with_helper) == _everything(alone)
    assert any(problem.file.endswith("zz-duplicate.yaml") for problem in with_helper.problems)


def test_a_helper_that_fails_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "registry"
    generate(root, items=400, files=20, seed=6)
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(helper, "dumps", lambda value: b"not a pickle")
    with_failing_helper = load_registry(root)
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 1 << 60)
    assert _everything(with_failing_helper) == _everything(load_registry(root))


def _library(registry: Registry) -> list[object]:
    library = registry.laws
    assert library is not None
    versions = [(v.path, v.digest, v.level, v.header) for law in library.laws.values() for v in law.versions]
    return [versions, library.flaws, sorted(library.indexed)]


def test_the_law_library_read_ahead_is_the_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`laws_ahead` reads the library's 113 real texts in a second process while the records load: the same
    versions, headers and flaws as read after them, and the same when that process fails."""
    root = tmp_path / "registry"
    shutil.copytree(BUNDLED, root)
    (root / "laws" / "法律" / "坏文件.md").write_bytes(b"\xff\xfe not UTF-8")  # a QD127 flaw comes back too
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 0)
    forks = _count_forks(monkeypatch)
    ahead = _library(load_registry(root, kinds=CITING, laws_ahead=True))
    assert len(forks) == 2  # the library's process and the records' helper
    after = _library(load_registry(root, kinds=CITING))
    assert ahead == after and any(file.endswith("坏文件.md") for file, _ in after[1])
    monkeypatch.setattr(helper, "dumps", lambda value: b"not a pickle")
    assert _library(load_registry(root, kinds=CITING, laws_ahead=True)) == after
