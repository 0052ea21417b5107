"""Measure qingdan against the performance targets of SPEC §10 and print a table.

    python -m bench.run [--items 100000] [--repeat 3] [--only TEXT ...]

The registries are generated into bench/data/ on first use and reused afterwards (`bench/jobs.py`). Every job
runs in a fresh subprocess; a job's time is the median wall time of its runs, its memory the peak of the summed
resident set (VmRSS) of the whole process tree, sampled every 10 ms from /proc, since qingdan may use worker
processes. A run that takes longer than --slow-after seconds is not repeated (check-jsonschema takes from half a
minute to over a minute at 100,000 items, depending on the machine). A missed target is reported as MISS, not
as a failure: this is a report, and it exits 0. `--only` runs the rows whose name holds one of the texts.

Machines differ, and so does one machine's load: a calibration figure (a fixed pure-Python loop, before and
after the jobs) is printed with the table, and each row's time in multiples of it.

To add a job (diff, render), append a Job to `jobs.build_jobs`; a target relative to another job
(`Target(ratios=(("check-jsonschema", 0.5),))`) adds its ratio row to the table (with no limit: shown only); a
target in multiples of the calibration figure (`Target(calib=4.5)`) is this machine's, whatever its load.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import iter_files
from bench.jobs import FILES, Context, Job, SetupError, build_jobs, calibrate

DESCRIPTION = "Measure qingdan against the performance targets of SPEC §10."
SAMPLE_SECONDS = 0.01
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")

# ---------------------------------------------------------------------------------------------- runs


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
    timeout. The time is the command's, until it exits; what it leaves running is waited for afterwards.
    wait4's own max-RSS stands in for a run too short to be sampled; not as a floor otherwise, since Linux
    keeps a forked child's high-water mark from its parent (this process, large once it generated a registry)
    across exec.
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
    peak = sampler.peak or usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux
    _wait_for_group(process.pid, timeout)
    return Run(seconds, peak / 2**20, process.returncode, _tail(out, err))


def _wait_for_group(pid: int, timeout: float) -> None:
    """Unmeasured: until the processes the command left behind have ended (`validate` writes its cache from a
    child after it has answered), so that the next run has both cores and finds the cache written."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(SAMPLE_SECONDS)
    _kill_group(pid)


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
            _checked(job, _measured(job, settings))
        for _ in range(settings.repeat):
            run = _checked(job, _measured(job, settings))
            result.runs.append(run)
            if run.seconds > settings.slow_after:
                break
    except SetupError as error:
        result.error = str(error)
    except FileNotFoundError as error:
        result.error = f"not found: {error.filename}"
    return result


def _measured(job: Job, settings: Settings) -> Run:
    if job.before is not None:
        job.before()
    return measure(job.command(), job.env(), settings.timeout, settings.scratch)


def _checked(job: Job, run: Run) -> Run:
    if run.returncode not in job.ok_codes:
        reason = "killed (timeout?)" if run.returncode < 0 else f"exit {run.returncode}"
        raise SetupError(f"{reason}\n{run.output}")
    return run


# ---------------------------------------------------------------------------------------------- report

Row = tuple[str, str, str, str, str, str]
HEADER: Row = ("job", "median s", "× calib.", "peak MiB", "target", "verdict")


def _meets(result: Result, by_name: Mapping[str, Result], calibration: float) -> bool:
    target = result.job.target
    if target.seconds is not None and result.seconds > target.seconds:
        return False
    if target.calib is not None and result.seconds > target.calib * calibration:
        return False
    if target.mib is not None and result.peak_mib > target.mib:
        return False
    base = by_name.get(target.more[0]) if target.more else None
    if target.more and base is not None and base.ok and result.seconds > base.seconds + target.more[1]:
        return False
    for other, limit in target.ratios:
        ratio = _ratio(result, other, by_name)
        if ratio is not None and limit is not None and ratio > limit:
            return False
    return True


def _ratio(result: Result, other_name: str, by_name: Mapping[str, Result]) -> float | None:
    other = by_name.get(other_name)
    if not (result.ok and other and other.ok):
        return None
    return result.seconds / other.seconds


def _verdict(result: Result, by_name: Mapping[str, Result], calibration: float) -> str:
    if not result.ok:
        return "ERROR"
    if result.job.target.reference:
        return "-"
    return "OK" if _meets(result, by_name, calibration) else "MISS"


def rows(results: Sequence[Result], calibration: float) -> list[Row]:
    by_name = {result.job.name: result for result in results}
    table: list[Row] = []
    for result in results:
        seconds = f"{result.seconds:.2f}" if result.ok else "-"
        relative = f"{result.seconds / calibration:.2f}" if result.ok else "-"
        mib = f"{result.peak_mib:.0f}" if result.ok else "-"
        verdict = _verdict(result, by_name, calibration)
        table.append((result.job.name, seconds, relative, mib, result.job.target.describe(), verdict))
    table.extend(_ratio_rows(results, by_name))
    return table


def _ratio_rows(results: Sequence[Result], by_name: Mapping[str, Result]) -> list[Row]:
    extra: list[Row] = []
    for result in results:
        for other, limit in result.job.target.ratios:
            if other not in by_name:
                continue
            ratio = _ratio(result, other, by_name)
            shown = "-" if ratio is None else f"{ratio:.3f}"
            if limit is None:
                target, verdict = "(shown)", "-" if ratio is not None else "ERROR"
            else:
                target, verdict = f"≤ {limit:g}", "ERROR" if ratio is None else ("OK" if ratio <= limit else "MISS")
            extra.append((f"ratio {result.job.name} / {other}", shown, "", "", target, verdict))
    return extra


def format_table(table: Sequence[Row]) -> str:
    widths = [max(len(row[i]) for row in (HEADER, *table)) for i in range(len(HEADER))]
    numeric = {1, 2, 3}

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


# The rows of SPEC §10 that the closing note quotes, with the calibration figure.
QUOTED = (
    "validate, one file edited (rename), 100,000",
    "validate, one file edited (add an item), 100,000",
    "validate cold, 1,000,000 in 2,000 files",
    "validate cold, bundled registry",
)


def closing_note(results: Sequence[Result], before: float, after: float) -> list[str]:
    """The new rows in a sentence each, with the calibration figure, to be quoted (README, Performance)."""
    by_name = {result.job.name: result for result in results}
    lines = [
        f"calibration: {before:.2f} s before the jobs, {after:.2f} s after (a fixed pure-Python loop, median of 3;"
        " the column × calib. divides each time by the first)"
    ]
    for name in QUOTED:
        result = by_name.get(name)
        if result is None or not result.ok:
            continue
        compared = ""
        for other, _ in result.job.target.ratios[:1]:
            ratio = _ratio(result, other, by_name)
            compared = f", {ratio:.3f} × {other}" if ratio is not None else ""
        lines.append(
            f"{name}: {result.seconds:.2f} s ({result.seconds / before:.2f} × calibration), "
            f"peak {result.peak_mib:.0f} MiB{compared}: {_verdict(result, by_name, before)}"
        )
    return lines


# ---------------------------------------------------------------------------------------------- main


def describe_machine(registry: Path | None) -> list[str]:
    usable = len(os.sched_getaffinity(0))
    lines = [f"CPUs: {os.cpu_count()} (usable by this process: {usable}); Python {sys.version.split()[0]}"]
    if registry is not None:
        files = list(iter_files(registry))
        size = sum(path.stat().st_size for path in files)
        lines.append(f"registry: {registry} ({len(files)} files, {size / 2**20:.1f} MiB)")
    return lines


def _compile_qingdan() -> None:
    """qingdan's bytecode, written once, as an installed package has it: an editable checkout compiles its
    modules on first import, and never keeps them where PYTHONDONTWRITEBYTECODE is set, which would add the
    compiling of ~60 modules to every measured command."""
    import compileall

    import qingdan

    compileall.compile_dir(Path(qingdan.__file__).parent, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=DESCRIPTION)
    parser.add_argument("--items", type=int, default=100_000, help="power items (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per job; the median is reported (default 3)")
    parser.add_argument(
        "--slow-after", type=float, default=10.0, metavar="S", help="do not repeat a run longer than S s (default 10)"
    )
    parser.add_argument("--timeout", type=float, default=900.0, metavar="S", help="per run (default 900)")
    parser.add_argument("--only", action="append", metavar="TEXT", help="run only the rows whose name holds TEXT")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.items < FILES:
        parser.error(f"--items must be at least {FILES} (one power file per unit)")
    with tempfile.TemporaryDirectory(prefix="qingdan-bench-") as scratch:
        ctx = Context(args.items, Path(scratch))
        settings = Settings(args.repeat, args.timeout, args.slow_after, Path(scratch))
        jobs = [job for job in build_jobs(ctx) if not args.only or any(text in job.name for text in args.only)]
        _compile_qingdan()
        before = calibrate()
        print("\n".join(describe_machine(ctx.registry if not args.only else None)), flush=True)
        print(f"calibration: {before:.2f} s", flush=True)
        results = []
        for job in jobs:
            print(f"running {job.name} …", flush=True)
            results.append(run_job(job, settings))
        after = calibrate()
    print()
    print(format_table(rows(results, before)))
    print()
    print("\n".join(notes(results)))
    print()
    print("\n".join(closing_note(results, before, after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
