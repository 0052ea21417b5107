"""The helper process loads files exactly as the main process does: same records (values, types, where they
stand), same problems, in the same order."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from qingdan.loader import helper
from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models.kinds import KINDS


def _everything(registry: Registry) -> list[object]:
    records = [
        (type(record), record.__dict__, record.__pydantic_fields_set__, record.__pydantic_private__)
        for kind in KINDS
        for record in registry.of(kind)
    ]
    problems = [(p.file, p.line, p.column, p.check, p.key, p.args, p.record, p.path) for p in registry.problems]
    return [records, problems, sorted(registry.broken), registry.files]


def test_the_helper_loads_as_the_main_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "registry"
    generate(root, items=400, files=20, seed=5)
    broken = sorted((root / "power").glob("*.yaml"))[-1]  # a file of the helper's: problems come back too
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: 行政处罚", "type: 处罚", 3), encoding="utf-8")
    shutil.copy(broken, broken.with_name("zz-duplicate.yaml"))
    monkeypatch.setattr(helper, "PARALLEL_BYTES", 0)
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
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
