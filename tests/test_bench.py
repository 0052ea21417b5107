"""The benchmark's own parts: the generator's proportions, the one-file edits, the rows and the closing note."""

from __future__ import annotations

from pathlib import Path

from bench.generate import PER_100K_ITEMS, generate, how_many, iter_files
from bench.jobs import Context, Editor, build_jobs
from bench.run import QUOTED, Result, Run, closing_note, rows
from qingdan.loader.load import load_registry
from qingdan.models.kinds import KINDS
from qingdan.validation.validate import validate


def test_other_kinds_scale_with_the_items() -> None:
    assert how_many("community-tasks", 100_000) == PER_100K_ITEMS["community-tasks"]
    assert how_many("community-tasks", 1_000_000) == 10 * PER_100K_ITEMS["community-tasks"]
    assert how_many("assessments", 10) == 1  # at least one of each


def test_the_generator_writes_the_same_bytes_for_a_seed(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, items=300, files=10, seed=4)
    generate(second, items=300, files=10, seed=4)
    files = [path.relative_to(first) for path in iter_files(first)]
    assert files == [path.relative_to(second) for path in iter_files(second)]
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)
    assert validate(first).problems == []


def test_the_generator_writes_every_kind_and_no_problem(tmp_path: Path) -> None:
    """Every kind of SPEC §2, each record valid against every check (warnings included), in several sizes."""
    for items, files, seed in ((600, 20, 3), (2_000, 25, 9)):
        root = tmp_path / f"r{items}"
        generate(root, items=items, files=files, seed=seed)
        registry = load_registry(root)
        assert [kind.name for kind in KINDS if not registry.of(kind)] == []
        assert validate(root).problems == []
    counts = {kind.name: len(registry.of(kind)) for kind in KINDS}
    assert counts["guides"] >= how_many("guides", 2_000)  # the coverage guides and the 驻场 ones
    assert counts["assessment-results"] == counts["assessments"]  # one subject each, one result each
    assert counts["annual-reports"] == 2 * counts["institutions"]  # two report years
    assert counts["grid-events"] == how_many("grid-events", 2_000)


def test_the_edits_touch_one_file_each_time(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    generate(root, items=300, files=10, seed=2)
    before = {path: path.read_bytes() for path in iter_files(root)}
    rename, add = Editor(root, "rename"), Editor(root, "add")
    rename()
    changed = [path for path in iter_files(root) if path.read_bytes() != before[path]]
    assert changed == [rename.last]
    records = validate(root).records
    add()
    assert validate(root).records == records + 1
    assert "新增事项1" in add.last.read_text(encoding="utf-8")
    assert validate(root).problems == []  # a rename and a new item, both valid: no problem


def test_the_closing_note_quotes_the_new_rows_with_the_calibration(tmp_path: Path) -> None:
    jobs = {job.name: job for job in build_jobs(Context(100_000, tmp_path))}
    assert set(QUOTED) <= set(jobs)
    results = [Result(jobs[name], [Run(0.4, 100.0, 0, "")]) for name in QUOTED]
    note = closing_note(results, 0.5, 0.52)
    assert note[0].startswith("calibration: 0.50 s before the jobs, 0.52 s after")
    assert all(any(line.startswith(name) and "0.80 × calibration" in line for line in note) for name in QUOTED)
    assert all(row[2] == "0.80" for row in rows(results, 0.5) if row[0] in QUOTED)
