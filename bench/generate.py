"""Generate a valid provincial-scale registry for the benchmark.

    python -m bench.generate OUT_DIR [--items 100000] [--files 200] [--seed 1]

The registry follows SPEC §2–§4 and is meant to produce zero problems under the §5 checks: unique codes that
follow the `codes` templates, children extending their parent's code with the parent's type, every main item
with a legal basis, street items received through approved delegations, kept community tasks with criteria,
assessment weights that add up exactly; and every other kind of record in proportion to the items
(`world.PER_100K_ITEMS`), each linked to the units, items and records it names as the checks require. Item
names and legal bases are drawn from the fact sheet (/work/shared/data/legal-bases.md); the same seed always
gives the same bytes.

Units come in blocks of ten per district: five departments, two streets and a town, and two dispatched
agencies (综合行政执法中队, 市场监督管理所). With 100,000 items a four-digit sequence would overflow, so
qingdan.yaml sets the main-item template to `{type}-{region}-{seq:6}` (SPEC §3). One module per kind (or per
group of kinds) under bench/kinds/ writes its files; bench/world.py holds what they share.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.kinds.agencies import personnel_files, result_files
from bench.kinds.assessments import assessment_files
from bench.kinds.delegations import delegation_files
from bench.kinds.duties import duty_files
from bench.kinds.grid_events import event_files
from bench.kinds.guides import guide_files
from bench.kinds.internal_matters import matter_files
from bench.kinds.platform import standard_files
from bench.kinds.power import State, generate_power, plan_delegations, power_files, unit_files
from bench.kinds.stationed import stationed_files
from bench.kinds.tasks import task_files
from bench.kinds.violations import violation_files
from bench.kinds.welfare import indicator_set_files, institution_files, report_files
from bench.world import (
    BLOCK_SIZE,
    ITEM_TEMPLATE,
    PER_100K_ITEMS,
    REGION_CODE,
    REGION_NAME,
    File,
    World,
    build_units,
    build_zones,
    how_many,
)
from bench.yamlout import Flow, Node, write_yaml

__all__ = ["PER_100K_ITEMS", "generate", "how_many", "iter_files", "main"]

DESCRIPTION = "Generate a valid provincial-scale registry for the benchmark."

# ---------------------------------------------------------------------------------------------- writing


@dataclass
class Summary:
    files: int = 0
    lines: int = 0
    items: int = 0
    levels: dict[str, int] = field(default_factory=lambda: {"main": 0, "sub": 0, "grand_sub": 0})


def _count_levels(summary: Summary, items: Sequence[dict[str, Node]]) -> None:
    for item in items:
        depth = str(item["code"]).count("-") - 2
        summary.levels[("main", "sub", "grand_sub")[depth]] += 1
    summary.items += len(items)


def _write(summary: Summary, path: Path, document: dict[str, Node], header: str = "") -> None:
    summary.lines += write_yaml(path, document, header)
    summary.files += 1


def _settings() -> dict[str, Node]:
    return {
        "qingdan": 1,
        "region": Flow({"code": REGION_CODE, "name": REGION_NAME}),
        "codes": {"item": ITEM_TEMPLATE, "child": "{parent}-{seq:2}"},
        "timezone": "+08:00",
    }


# One generator per record kind, in the order of the kind table (SPEC §2), each writing its files from the
# world; they run in this order, so the same seed always gives the same bytes.
GENERATORS: tuple[Callable[[World], Iterator[File]], ...] = (
    unit_files,
    power_files,
    delegation_files,
    task_files,
    assessment_files,
    result_files,
    personnel_files,
    guide_files,
    matter_files,
    standard_files,
    duty_files,
    stationed_files,
    violation_files,
    event_files,
    institution_files,
    indicator_set_files,
    report_files,
)


def generate(
    out: Path, items: int = 100_000, files: int = 200, seed: int = 1, per_100k: Mapping[str, int] = PER_100K_ITEMS
) -> Summary:
    """Write a complete, valid registry into `out` (created if missing) and return what was written;
    `per_100k` may change the proportions of the other kinds (tests want more of them in a small registry)."""
    if files < BLOCK_SIZE or items < files:
        raise ValueError(f"need --files >= {BLOCK_SIZE} and --items >= --files")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty; the generator only writes into an empty or new folder")
    state = State(random.Random(seed))
    units = build_units(files)
    plans = plan_delegations(state.rng, units, how_many("delegations", items, per_100k))
    power = generate_power(state, units, items, plans)
    world = World(state.rng, seed, items, units, plans, power, per_100k, build_zones(units))
    summary = Summary()
    _write(summary, out / "qingdan.yaml", _settings(), f"{REGION_NAME}权责清单库（基准测试生成，seed {seed}）")
    # Every record is drawn first, in order; then the files are written, by two processes for a large
    # registry (writing YAML is most of the time, and needs no random numbers).
    documents = [file for generator in GENERATORS for file in generator(world)]
    lines, written = _write_all(out, documents, parallel=items >= PARALLEL_ITEMS)
    summary.lines += lines
    summary.files += written
    for unit in units:
        _count_levels(summary, world.power[unit.uid])
    return summary


PARALLEL_ITEMS = 200_000


def _write_all(out: Path, documents: list[File], parallel: bool) -> tuple[int, int]:
    """Write the files; with `parallel`, a forked process writes every other one. Lines and files written."""
    if not parallel or not hasattr(os, "fork"):
        return sum(write_yaml(out / relative, document, header) for relative, document, header in documents), len(
            documents
        )
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(reading)
            theirs = sum(write_yaml(out / rel, document, header) for rel, document, header in documents[1::2])
            os.write(writing, str(theirs).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    ours = sum(write_yaml(out / relative, document, header) for relative, document, header in documents[::2])
    with os.fdopen(reading, "rb") as pipe:
        theirs = int(pipe.read() or b"0")
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise OSError("the second writer failed")
    return ours + theirs, len(documents)


def iter_files(root: Path) -> Iterator[Path]:
    return (path for path in sorted(root.rglob("*")) if path.is_file())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=DESCRIPTION)
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--items", type=int, default=100_000, help="power items in total (default 100000)")
    parser.add_argument("--files", type=int, default=200, help="units, one power file each (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        summary = generate(args.out, args.items, args.files, args.seed)
    except ValueError as error:
        parser.error(str(error))
    size = sum(path.stat().st_size for path in iter_files(args.out))
    print(
        f"{args.out}: {summary.items} items ({summary.levels['main']} main, {summary.levels['sub']} sub, "
        f"{summary.levels['grand_sub']} grand-sub) in {summary.files} files, {summary.lines} lines, "
        f"{size / 2**20:.1f} MiB, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
