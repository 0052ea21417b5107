"""Incremental validation reports exactly what a cold run (`--no-cache`) reports, edit after edit.

A small registry is generated (every kind of SPEC §2, denser than in the benchmark), validated once
to leave a cache, then edited at random a few hundred times; after every edit the cached run and a cold run
must give the same problems, in the same order, with the same positions, messages and counts. The
cached runs must really be incremental (not a silent fallback to a cold run), and must redo less than
everything.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.generate import generate
from helpers import write_registry
from qingdan.cache.store import cache_dir
from qingdan.problems import Problem
from qingdan.validation import runcache
from qingdan.validation.report import ValidationReport
from qingdan.validation.runcache import validate_cached
from qingdan.validation.validate import validate
from tests.registry_editor import Editor

# Every kind, several records of each in a 500-item registry (the guides as many as the street services need).
DENSE = {
    "delegations": 2500,
    "community-tasks": 5000,
    "assessments": 1000,
    "personnel": 2000,
    "guides": 6000,
    "internal-matters": 4000,
    "duties": 4000,
    "violations": 3000,
    "grid-events": 4000,
    "institutions": 2000,
}


def shown(report: ValidationReport) -> tuple[object, ...]:
    """Everything a reporter prints of a report."""
    return (report.files, report.records, [_problem(found) for found in report.problems])


def _problem(found: Problem) -> tuple[object, ...]:
    args = tuple(sorted(found.args.items()))
    return (
        found.file,
        found.line,
        found.column,
        found.check,
        found.severity,
        found.key,
        args,
        found.record,
        found.field,
    )


def _registry(tmp_path: Path, seed: int) -> Path:
    root = tmp_path / "registry"
    generate(root, items=500, files=20, seed=seed, per_100k=DENSE)
    return root


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_cold_after_random_edits(tmp_path: Path, seed: int) -> None:
    root = _registry(tmp_path, seed)
    editor = Editor(root, random.Random(seed))
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    paths: list[str] = []
    problems = 0
    for step in range(100):
        editor.edit()
        cached = validate_cached(root, label="r")
        paths.append(runcache.last_path)
        cold = validate(root, label="r")
        assert shown(cached) == shown(cold), f"seed {seed}, edit {step}: " + " | ".join(editor.log)
        problems += len(cold.problems)
    assert problems > 100  # the edits did break things
    # Never cold: an edit that brings back an earlier content is answered from the cached reports.
    assert set(paths) <= {"incremental", "report"} and paths.count("incremental") >= 70, paths


def test_incremental_after_a_cold_run_with_the_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper process loads half the files of the cold run and stores their cache entries itself."""
    from qingdan.loader import helper

    monkeypatch.setattr(helper, "PARALLEL_BYTES", 0)
    root = _registry(tmp_path, 7)
    editor = Editor(root, random.Random(7))
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    assert runcache.last_path == "cold"
    data_files = [path for path in root.rglob("*.yaml") if path.name != "qingdan.yaml"]
    assert len(list((cache_dir() / "files").iterdir())) == len(data_files)  # the helper's entries included
    for step in range(30):
        editor.edit()
        assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r")), step


def test_only_what_an_edit_touches_is_redone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename in one power file reruns no check whole, reruns the per-record checks on no other power file,
    and loads no other power file (a delegation file may be read, for the to_units of the delegations its
    items name); an item added reruns no check whole either."""
    from qingdan.cache import partial, rerun
    from qingdan.validation import incremental

    root = _registry(tmp_path, 4)
    validate_cached(root, label="r")
    loaded: list[str] = []
    original = incremental.load_file

    def spy(*args: object, **kwargs: object) -> object:
        loaded.append(str(args[1]))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    reran: list[str] = []
    redone: set[str] = set()
    original_run, original_only = rerun.run, rerun._only

    def spy_run(check: object, *args: object) -> object:
        reran.append(check.ident)  # type: ignore[attr-defined]
        return original_run(check, *args)  # type: ignore[arg-type]

    def spy_only(registry: object, dirty: dict[str, set[str]]) -> object:
        redone.update(*dirty.values())
        return original_only(registry, dirty)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "load_file", spy)
    monkeypatch.setattr(rerun, "run", spy_run)
    monkeypatch.setattr(rerun, "_only", spy_only)
    monkeypatch.setattr(partial, "load_file", spy)
    power = sorted((root / "power").glob("*.yaml"))[3]
    text = power.read_text(encoding="utf-8")
    power.write_text(text.replace("    name: ", "    name: 改", 1), encoding="utf-8")
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    assert runcache.last_path == "incremental"
    assert [path for path in loaded if path.startswith("power/")] == [f"power/{power.name}"]
    assert not reran  # no check over the whole registry reads what a rename changes
    assert f"power/{power.name}" in redone and {path for path in redone if path.startswith("power/")} == {
        f"power/{power.name}"
    }
    added = "  - code: JC-330000-900001\n    name: 新增事项\n    type: 行政检查\n    legal_basis: [《某法》第一条]\n"
    power.write_text(power.read_text(encoding="utf-8") + added, encoding="utf-8")
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    assert runcache.last_path == "incremental" and not reran  # nor what an added item changes


def _chain_file(prefix: str, first: int, count: int, parent: str | None) -> str:
    """Items `{prefix}{first}` … one under the other, the first under `parent`."""
    lines = ["unit: scjgj", "items:"]
    for number in range(first, first + count):
        above = parent if number == first else f"{prefix}{number - 1}"
        lines.append(
            f"  - {{code: {prefix}{number}, name: 链{number}, type: 行政许可"
            + (f", parent: {above}}}" if above else "}")
        )
    return "\n".join(lines) + "\n"


def test_a_chain_too_deep_to_walk_item_by_item_is_redone_when_it_changes(tmp_path: Path) -> None:
    """Past `WALKED` levels QD104 reads the registry's whole tree: an edit anywhere up the chain redoes the
    items below it, in other files too."""
    from qingdan.checks.power.hierarchy import WALKED

    root = write_registry(
        tmp_path,
        {
            "power/a.yaml": _chain_file("A", 0, WALKED + 8, None),
            "power/b.yaml": _chain_file("A", WALKED + 8, 3, f"A{WALKED + 7}"),
            "power/c.yaml": _chain_file("B", 0, 1, None)
            + "".join(
                f"  - {{code: B{n}, name: 其他{n}, type: 行政许可, parent: B0}}\n" for n in range(1, 300)
            ),  # the bulk of the registry: the edits below change less than half of it
        },
    )
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    deep = {p.record for p in validate(root, label="r").problems if p.check == "QD104"}
    assert {f"A{WALKED + 9}", f"A{WALKED + 10}"} <= deep
    first = root / "power/a.yaml"
    first.write_text(
        first.read_text(encoding="utf-8").replace(", parent: A4}", "}"), encoding="utf-8"
    )  # A5 a main item
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    assert runcache.last_path == "incremental"
    (root / "power/a.yaml").write_text(_chain_file("A", 0, WALKED + 8, f"A{WALKED + 9}"), encoding="utf-8")  # a ring
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))


def test_the_checks_split_over_two_processes_find_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry in `SPLIT_RECORDS` has half of its checks run by a forked process: the problems are those of
    one process, in the same order (a broken registry, so that both halves find some). The checks of one module
    go to one side (the law checks share their library's memo)."""
    from qingdan.validation import runner

    root = _registry(tmp_path, 11)
    editor = Editor(root, random.Random(11))
    for _ in range(40):
        editor.edit()
    one = shown(validate(root, label="r"))
    halves: list[frozenset[str]] = []
    original = runner._half

    def spy(*args: object) -> frozenset[str]:
        halves.append(original(*args))  # type: ignore[arg-type]
        return halves[-1]

    monkeypatch.setattr(runner, "SPLIT_RECORDS", range(1, 10**6))
    monkeypatch.setattr(runner, "_half", spy)
    two = shown(validate(root, label="r"))
    assert two == one and len(one[2]) > 20
    assert halves and 0 < len(halves[0]) < len(runner.DATA_CHECKS)
    sides = {(check.run.__module__, check.ident in halves[0]) for check in runner.DATA_CHECKS if check.run}
    assert len(sides) == len({module for module, _ in sides})
