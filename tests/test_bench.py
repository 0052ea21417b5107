"""The benchmark's own parts: the generator's proportions, the one-file edits, the rows and the closing note."""

from __future__ import annotations

from pathlib import Path

from bench.generate import PER_100K_ITEMS, generate, how_many, iter_files
from bench.jobs import Context, Editor, build_jobs
from bench.run import QUOTED, Result, Run, closing_note, rows
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
