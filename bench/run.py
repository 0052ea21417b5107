"""Measure qingdan against the performance targets of SPEC §10 and print a table.

    python -m bench.run [--items 100000] [--repeat 3]

The registry is generated into bench/data/<items>/ on first use and reused afterwards. Every job runs in a
fresh subprocess; a job's time is the median wall time of its runs, its memory the peak of the summed resident
set (VmRSS) of the whole process tree, sampled every 10 ms from /proc, since qingdan may use worker processes.
A run that takes longer than --slow-after seconds is not repeated (check-jsonschema takes from half a minute
to over a minute at 100,000 items, depending on the machine). A missed target is reported as MISS, not as
a failure: this is a report, and it exits 0.

To add a job (diff, render), append a Job to `build_jobs`; a target relative to another job
(`Target(ratio=("check-jsonschema", 0.5))`) adds its ratio row to the table.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.catalogue import prepare as prepare_catalogue
from bench.generate import generate, iter_files

DESCRIPTION = "Measure qingdan against the performance targets of SPEC §10."
DATA_ROOT = Path(__file__).resolve().parent / "data"
MAX_MIB = 1024.0
SAMPLE_SECONDS = 0.01
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
REFERENCE = "check-jsonschema"
FILES = 200  # power files (units) of the generated registry, as in SPEC §10

# ---------------------------------------------------------------------------------------------- jobs

Env = Callable[[], Mapping[str, str]]


def _no_env() -> Mapping[str, str]:
    return {}


@dataclass(frozen=True)
class Target:
    """What a job must meet: wall time, peak memory, and a ratio to another job's median time."""

    seconds: float | None = None
    mib: float | None = MAX_MIB
    ratio: tuple[str, float] | None = None

    @property
    def reference(self) -> bool:
        """A job measured only for comparison (check-jsonschema): no target of its own."""
        return self.seconds is None and self.mib is None and self.ratio is None

    def describe(self) -> str:
        parts = [f"≤ {self.seconds:g} s"] if self.seconds is not None else []
        if self.ratio:
            parts.append(f"≤ {self.ratio[1]:g} × {self.ratio[0]}")
        if self.mib is not None:
            parts.append(f"≤ {self.mib:g} MiB")
        return ", ".join(parts) or "reference"


@dataclass(frozen=True)
class Job:
    """One row of the table: a command, the extra environment of each run, and its target.

    `env` is called before every run (so each cold run can get a fresh cache dir); `setup` runs once before
    the first run and may raise SetupError; `warmup` runs are made first and not measured.
    """

    name: str
    argv: Sequence[str]
    target: Target
    env: Env = _no_env
    setup: Callable[[], None] | None = None
    warmup: int = 0
    ok_codes: frozenset[int] = frozenset({0})


class SetupError(Exception):
    """A job could not be prepared (e.g. `qingdan schema power` failed); its row shows the reason."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    returncode: int
    output: str  # the tail of stdout and stderr, shown when the run failed


@dataclass
class Result:
    job: Job
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(run.peak_mib for run in self.runs)

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)


# ---------------------------------------------------------------------------------------------- measuring


def process_table(skip: Collection[int] = ()) -> dict[int, tuple[int, int]]:
    """pid → (parent pid, resident pages) of every process not in `skip`, from /proc/<pid>/stat.

    The `rss` field of stat is the counter /proc/<pid>/status shows as VmRSS, read in the same pass as the
    parent pid.
    """
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) in skip:
            continue
        try:
            stat = Path(entry.path, "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:  # the process ended while we looked
            continue
        fields = stat.rpartition(")")[2].split()  # the command name may hold spaces and parentheses
        table[int(entry.name)] = (int(fields[1]), int(fields[21]))
    return table


def descendants(root: int, table: Mapping[int, tuple[int, int]]) -> set[int]:
    """`root` and every process below it in `table`."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    tree, stack = set(), [root]
    while stack:
        pid = stack.pop()
        tree.add(pid)
        stack.extend(children.get(pid, ()))
    return tree & table.keys()


class Sampler(threading.Thread):
    """Samples the summed memory of a process tree every 10 ms until stopped; keeps the peak.

    A process seen outside the tree never joins it later (a parent only changes to a reaper), so after the
    first full pass only the tree's processes and new ones are read: that keeps one sample near 0.1 ms
    instead of a full /proc scan, and the sampler off the CPUs the measured command uses.
    """

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak = 0
        self.done = threading.Event()
        self.foreign: set[int] = set()

    def sample(self) -> int:
        table = process_table(self.foreign)
        tree = descendants(self.root, table)
        self.foreign.update(table.keys() - tree)
        return sum(table[pid][1] for pid in tree) * PAGE_BYTES

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, self.sample())
            self.done.wait(SAMPLE_SECONDS)


def _tail(*files: Path, lines: int = 12) -> str:
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace").strip() for path in files)
    return "\n".join(text.strip().splitlines()[-lines:])


def measure(argv: Sequence[str], env: Mapping[str, str], timeout: float, scratch: Path) -> Run:
    """Run one command to completion; wall time, peak tree memory, exit code and the tail of its output.

    The main thread blocks in wait4 (no polling delay in the time); a timer kills the process group on
    timeout. wait4's own max-RSS is a floor for the peak, for runs shorter than one sampling interval.
    """
    out, err = scratch / "stdout", scratch / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv,
            env={**os.environ, **env},
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        sampler = Sampler(process.pid)
        sampler.start()
        killer = threading.Timer(timeout, _kill_group, (process.pid,))
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl-C: leave no command running behind us
            _kill_group(process.pid)
            raise
        finally:
            seconds = time.perf_counter() - started
            killer.cancel()
            sampler.done.set()
            sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = max(sampler.peak, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux
    return Run(seconds, peak / 2**20, process.returncode, _tail(out, err))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


@dataclass(frozen=True)
class Settings:
    repeat: int
    timeout: float
    slow_after: float
    scratch: Path


def run_job(job: Job, settings: Settings) -> Result:
    result = Result(job)
    try:
        if job.setup:
            job.setup()
        for _ in range(job.warmup):
            _checked(job, measure(job.argv, job.env(), settings.timeout, settings.scratch))
        for _ in range(settings.repeat):
            run = _checked(job, measure(job.argv, job.env(), settings.timeout, settings.scratch))
            result.runs.append(run)
            if run.seconds > settings.slow_after:
                break
    except SetupError as error:
        result.error = str(error)
    except FileNotFoundError as error:
        result.error = f"not found: {error.filename}"
    return result


def _checked(job: Job, run: Run) -> Run:
    if run.returncode not in job.ok_codes:
        reason = "killed (timeout?)" if run.returncode < 0 else f"exit {run.returncode}"
        raise SetupError(f"{reason}\n{run.output}")
    return run


# ---------------------------------------------------------------------------------------------- the jobs


@dataclass
class Context:
    registry: Path
    scratch: Path
    bin_dir: Path = field(default_factory=lambda: Path(sys.executable).parent)

    def exe(self, name: str) -> str:
        return str(self.bin_dir / name)

    @property
    def schema(self) -> Path:
        return self.scratch / "power.schema.json"

    def fresh_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": tempfile.mkdtemp(prefix="cold-cache-", dir=self.scratch)}

    def warm_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": str(self.scratch / "warm-cache")}

    @property
    def history(self) -> Path:
        """A repository holding the registry and 1,000 commits of adjustments (bench/history.py)."""
        return self.registry.parent / f"{self.registry.name}-history"

    def build_history(self) -> None:
        if not (self.history / "registry" / "qingdan.yaml").is_file():
            from bench.history import build_history

            shutil.rmtree(self.history, ignore_errors=True)
            build_history(self.registry, self.history, 1000)

    def write_schema(self) -> None:
        """`qingdan schema power` → the JSON Schema check-jsonschema checks the power files against."""
        try:
            done = subprocess.run([self.exe("qingdan"), "schema", "power"], capture_output=True, check=False)
        except FileNotFoundError as error:
            raise SetupError(f"not found: {error.filename}") from None
        if done.returncode != 0 or not done.stdout.strip():
            output = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
            raise SetupError(f"`qingdan schema power` failed (exit {done.returncode})\n{output[-2000:]}")
        self.schema.write_bytes(done.stdout)


def build_jobs(ctx: Context) -> list[Job]:
    validate = [ctx.exe("qingdan"), "--registry", str(ctx.registry), "validate", "--format", "json"]
    power_files = [str(path) for path in sorted((ctx.registry / "power").glob("*.yaml"))]
    in_history = str(ctx.history / "registry")
    diff = [ctx.exe("qingdan"), "--registry", in_history, "diff", "main~500", "main", "--format", "json"]
    qd501 = [sys.executable, "-m", "bench.qd501", in_history]
    site = [ctx.exe("qingdan"), "--registry", str(ctx.registry), "render", "--out", str(ctx.scratch / "site")]
    bundled = str(Path(__file__).resolve().parent.parent / "registry")
    pdf = [ctx.exe("qingdan"), "--registry", bundled, "render", "--format", "pdf", "--out", str(ctx.scratch / "q.pdf")]
    coded = ctx.registry.parent / f"{ctx.registry.name}-catalogue"  # bench/catalogue.py: items naming its entries
    catalogue = [
        ctx.exe("qingdan"),
        "--registry",
        str(coded),
        "catalogue",
        "--format",
        "json",
        "--out",
        str(ctx.scratch / "c.json"),
    ]
    return [
        Job("validate cold", validate, Target(3.0, ratio=(REFERENCE, 0.5)), env=ctx.fresh_cache),
        Job("validate warm", validate, Target(0.5), env=ctx.warm_cache, warmup=1),
        Job("diff, 500 changes apart", diff, Target(2.0), setup=ctx.build_history),
        Job("QD501, 1,000 commits, cold", qd501, Target(5.0), env=ctx.fresh_cache, setup=ctx.build_history),
        Job("QD501, 1,000 commits, warm", qd501, Target(0.5), env=ctx.warm_cache, warmup=1),
        Job("render html, 100,000 items", site, Target(30.0)),
        Job("render pdf, bundled registry", pdf, Target(20.0)),
        Job("catalogue, 20,000 entries", catalogue, Target(5.0), setup=lambda: prepare_catalogue(ctx.registry, coded)),
        Job(
            REFERENCE,
            [ctx.exe("check-jsonschema"), "--schemafile", str(ctx.schema), *power_files],
            Target(mib=None),
            setup=ctx.write_schema,
        ),
    ]


# ---------------------------------------------------------------------------------------------- report

Row = tuple[str, str, str, str, str]
HEADER: Row = ("job", "median s", "peak MiB", "target", "verdict")


def _meets(result: Result, by_name: Mapping[str, Result]) -> bool:
    target = result.job.target
    if target.seconds is not None and result.seconds > target.seconds:
        return False
    if target.mib is not None and result.peak_mib > target.mib:
        return False
    ratio = _ratio(result, by_name)
    return ratio is None or target.ratio is None or ratio <= target.ratio[1]


def _ratio(result: Result, by_name: Mapping[str, Result]) -> float | None:
    if result.job.target.ratio is None:
        return None
    other = by_name.get(result.job.target.ratio[0])
    if not (result.ok and other and other.ok):
        return None
    return result.seconds / other.seconds


def _verdict(result: Result, by_name: Mapping[str, Result]) -> str:
    if not result.ok:
        return "ERROR"
    if result.job.target.reference:
        return "-"
    return "OK" if _meets(result, by_name) else "MISS"


def rows(results: Sequence[Result]) -> list[Row]:
    by_name = {result.job.name: result for result in results}
    table: list[Row] = []
    for result in results:
        seconds = f"{result.seconds:.2f}" if result.ok else "-"
        mib = f"{result.peak_mib:.0f}" if result.ok else "-"
        table.append((result.job.name, seconds, mib, result.job.target.describe(), _verdict(result, by_name)))
    table.extend(_ratio_rows(results, by_name))
    return table


def _ratio_rows(results: Sequence[Result], by_name: Mapping[str, Result]) -> list[Row]:
    extra: list[Row] = []
    for result in results:
        if result.job.target.ratio is None:
            continue
        other, limit = result.job.target.ratio
        ratio = _ratio(result, by_name)
        shown = "-" if ratio is None else f"{ratio:.2f}"
        verdict = "ERROR" if ratio is None else ("OK" if ratio <= limit else "MISS")
        name = f"ratio {result.job.name.split()[-1]}/{other}"
        extra.append((name, shown, "", f"≤ {limit:g}", verdict))
    return extra


def format_table(table: Sequence[Row]) -> str:
    widths = [max(len(row[i]) for row in (HEADER, *table)) for i in range(len(HEADER))]
    numeric = {1, 2}

    def line(row: Row) -> str:
        cells = [
            cell.rjust(w) if i in numeric else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(HEADER), rule, *(line(row) for row in table)])


def notes(results: Sequence[Result]) -> list[str]:
    lines: list[str] = []
    for result in results:
        if result.runs:
            times = ", ".join(f"{run.seconds:.2f}" for run in result.runs)
            lines.append(f"{result.job.name}: {len(result.runs)} run(s): {times} s")
        if result.error:
            lines.append(f"{result.job.name}: ERROR: {result.error}")
    return lines


# ---------------------------------------------------------------------------------------------- main


def ensure_registry(items: int) -> Path:
    """bench/data/<items>/, generated on first use; built aside and renamed so a crash leaves nothing half."""
    target = DATA_ROOT / str(items)
    if (target / "qingdan.yaml").is_file():
        return target
    DATA_ROOT.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{items}-", dir=DATA_ROOT))
    try:
        print(f"generating {items} items into {target} …", flush=True)
        started = time.perf_counter()
        generate(building, items=items, files=FILES)
        building.rename(target)
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target


def describe_machine(registry: Path) -> list[str]:
    usable = len(os.sched_getaffinity(0))
    files = list(iter_files(registry))
    size = sum(path.stat().st_size for path in files)
    return [
        f"CPUs: {os.cpu_count()} (usable by this process: {usable}); Python {sys.version.split()[0]}",
        f"registry: {registry} ({len(files)} files, {size / 2**20:.1f} MiB)",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=DESCRIPTION)
    parser.add_argument("--items", type=int, default=100_000, help="power items (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per job; the median is reported (default 3)")
    parser.add_argument(
        "--slow-after", type=float, default=10.0, metavar="S", help="do not repeat a run longer than S s (default 10)"
    )
    parser.add_argument("--timeout", type=float, default=900.0, metavar="S", help="per run (default 900)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.items < FILES:
        parser.error(f"--items must be at least {FILES} (one power file per unit)")
    registry = ensure_registry(args.items)
    with tempfile.TemporaryDirectory(prefix="qingdan-bench-") as scratch:
        ctx = Context(registry, Path(scratch))
        settings = Settings(args.repeat, args.timeout, args.slow_after, Path(scratch))
        print("\n".join(describe_machine(registry)), flush=True)
        results = []
        for job in build_jobs(ctx):
            print(f"running {job.name} …", flush=True)
            results.append(run_job(job, settings))
    print()
    print(format_table(rows(results)))
    print()
    print("\n".join(notes(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
