"""The jobs `make bench` measures (SPEC §10), what they run on, and the calibration loop.

A job is a command with its target; the registries it needs are generated on first use into bench/data/
(`ensure_registry`), so running a few rows (`--only`) generates only what those rows need. The one-file
rows edit a copy of the 100,000-item registry between runs, as a clerk does between two `validate`s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bench.catalogue import prepare as prepare_catalogue
from bench.generate import generate

DATA_ROOT = Path(__file__).resolve().parent / "data"
BUNDLED = Path(__file__).resolve().parent.parent / "registry"
REFERENCE = "check-jsonschema"
NO_CACHE = "validate --no-cache"
FILES = 200  # power files (units) of the generated registry, as in SPEC §10
LARGE = (1_000_000, 2_000)  # the large province of SPEC §10: items, files
MAX_MIB = 1024.0

Env = Callable[[], Mapping[str, str]]


def _no_env() -> Mapping[str, str]:
    return {}


@dataclass(frozen=True)
class Target:
    """What a job must meet: wall time (SPEC §10's, for any machine), wall time in multiples of the calibration
    figure (this machine's targets, whatever its load), peak memory, and ratios to other jobs' median times (with
    no limit: the ratio is shown, for comparison)."""

    seconds: float | None = None
    mib: float | None = MAX_MIB
    ratios: tuple[tuple[str, float | None], ...] = ()
    calib: float | None = None
    more: tuple[str, float] | None = None  # at most this many seconds more than another job's median

    @property
    def reference(self) -> bool:
        """A job measured only for comparison (check-jsonschema): no target of its own."""
        return (
            self.seconds is None and self.mib is None and not self.ratios and self.calib is None and self.more is None
        )

    def describe(self) -> str:
        parts = [f"≤ {self.seconds:g} s"] if self.seconds is not None else []
        parts += [f"≤ {self.calib:g} × calib."] if self.calib is not None else []
        parts += [f"≤ {self.more[0]} + {self.more[1]:g} s"] if self.more is not None else []
        parts += [f"≤ {limit:g} × {other}" for other, limit in self.ratios if limit is not None]
        if self.mib is not None:
            parts.append(f"≤ {self.mib:g} MiB")
        return ", ".join(parts) or "reference"


@dataclass(frozen=True)
class Job:
    """One row of the table: a command, the extra environment of each run, and its target.

    `env` is called before every run (so each cold run can get a fresh cache dir); `setup` runs once before
    the first run and may raise SetupError; `before` runs before every run, unmeasured (an edit); `warmup`
    runs are made first and not measured.
    """

    name: str
    argv: Sequence[str] | Callable[[], Sequence[str]]
    target: Target
    env: Env = _no_env
    setup: Callable[[], None] | None = None
    before: Callable[[], None] | None = None
    warmup: int = 0
    ok_codes: frozenset[int] = frozenset({0})

    def command(self) -> Sequence[str]:
        return self.argv() if callable(self.argv) else self.argv


class SetupError(Exception):
    """A job could not be prepared (e.g. `qingdan schema power` failed); its row shows the reason."""


def ensure_registry(items: int, files: int = FILES) -> Path:
    """bench/data/<items>/ (or <items>-<files>/), generated on first use; built aside and renamed so a crash
    leaves nothing half."""
    target = DATA_ROOT / (str(items) if files == FILES else f"{items}-{files}")
    if (target / "qingdan.yaml").is_file():
        return target
    DATA_ROOT.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{items}-", dir=DATA_ROOT))
    try:
        print(f"generating {items} items in {files} unit files into {target} …", flush=True)
        started = time.perf_counter()
        generate(building, items=items, files=files)
        building.rename(target)
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target


def calibrate(repeat: int = 3) -> float:
    """Seconds for a fixed pure-Python loop (dict, str and int work, as qingdan's own), the median of
    `repeat` runs: dividing a row's time by it compares machines."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        table: dict[str, int] = {}
        total = 0
        for number in range(1_500_000):
            key = f"XK-{number % 5003:06d}"
            total = (total + table.get(key, number) * 31) % 1_000_003
            table[key] = total
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


@dataclass
class Editor:
    """Edits one power file of a registry before each run, a different file each time: renames an item
    (`rename`), or adds one (an inspection, 行政检查) at the end of the file (`add`)."""

    registry: Path
    how: str
    count: int = 0

    def __call__(self) -> None:
        files = sorted((self.registry / "power").glob("*.yaml"))
        path = files[(7 * self.count) % len(files)]
        self.count += 1
        text = path.read_text(encoding="utf-8")
        if self.how == "rename":
            text = text.replace("\n    name: ", f"\n    name: 改{self.count}", 1)
        else:  # an inspection: no service guide needs to cover it (QD705), wherever it is added
            code = f"JC-330000-9{self.count:05d}"
            text += f"  - code: {code}\n    name: 新增事项{self.count}\n    type: 行政检查\n"
            text += "    legal_basis: [《中华人民共和国行政许可法》第六十一条]\n"
        path.write_text(text, encoding="utf-8")

    @property
    def last(self) -> Path:
        files = sorted((self.registry / "power").glob("*.yaml"))
        return files[(7 * max(0, self.count - 1)) % len(files)]


@dataclass
class Context:
    items: int
    scratch: Path
    bin_dir: Path = field(default_factory=lambda: Path(sys.executable).parent)

    @cached_property
    def registry(self) -> Path:
        return ensure_registry(self.items)

    @cached_property
    def large(self) -> Path:
        return ensure_registry(*LARGE)

    def edited(self) -> Path:
        """A copy of the registry that the one-file rows edit (bench/data stays as generated)."""
        target = self.scratch / "edited"
        if not (target / "qingdan.yaml").is_file():
            shutil.copytree(self.registry, target)
        return target

    def exe(self, name: str) -> str:
        return str(self.bin_dir / name)

    @property
    def schema(self) -> Path:
        return self.scratch / "power.schema.json"

    def fresh_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": tempfile.mkdtemp(prefix="cold-cache-", dir=self.scratch)}

    def warm_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": str(self.scratch / "warm-cache")}

    def edit_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": str(self.scratch / "edit-cache")}

    @cached_property
    def laws(self) -> tuple[Path, Path]:
        """The registry with a law library of LawRefBook's size, and the same without it (bench/laws.py)."""
        from bench.laws import prepare

        return prepare(self.registry, self.registry.parent / f"{self.registry.name}-laws")

    def edited_laws(self) -> Path:
        """A copy of the registry with the library, that the one-file row with the library edits."""
        target = self.scratch / "edited-laws"
        if not (target / "qingdan.yaml").is_file():
            shutil.copytree(self.laws[0], target)
        return target

    def laws_edit_cache(self) -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": str(self.scratch / "laws-edit-cache")}

    def warm_law_edits(self) -> None:
        command = [self.exe("qingdan"), "--registry", str(self.edited_laws()), "validate"]
        subprocess.run(command, capture_output=True, check=False, env={**_environ(), **self.laws_edit_cache()})

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
        if self.schema.is_file():
            return
        try:
            done = subprocess.run([self.exe("qingdan"), "schema", "power"], capture_output=True, check=False)
        except FileNotFoundError as error:
            raise SetupError(f"not found: {error.filename}") from None
        if done.returncode != 0 or not done.stdout.strip():
            output = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
            raise SetupError(f"`qingdan schema power` failed (exit {done.returncode})\n{output[-2000:]}")
        self.schema.write_bytes(done.stdout)

    def warm_edits(self) -> None:
        """The cache the clerk's loop starts from: one validate of the registry as generated."""
        command = [self.exe("qingdan"), "--registry", str(self.edited()), "validate"]
        subprocess.run(command, capture_output=True, check=False, env={**_environ(), **self.edit_cache()})


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


Argv = Callable[[], Sequence[str]]


def build_jobs(ctx: Context) -> list[Job]:
    qingdan = ctx.exe("qingdan")

    def validate(registry: Callable[[], Path]) -> Argv:
        return lambda: [qingdan, "--registry", str(registry()), "validate", "--format", "json"]

    def against_schema(registry: Callable[[], Path]) -> Argv:
        def argv() -> list[str]:
            files = [str(path) for path in sorted((registry() / "power").glob("*.yaml"))]
            return [ctx.exe(REFERENCE), "--schemafile", str(ctx.schema), *files]

        return argv

    def history() -> str:
        return str(ctx.history / "registry")

    def diff() -> list[str]:
        return [qingdan, "--registry", history(), "diff", "main~500", "main", "--format", "json"]

    def qd501() -> list[str]:
        return [sys.executable, "-m", "bench.qd501", history()]

    def site() -> list[str]:
        return [qingdan, "--registry", str(ctx.registry), "render", "--out", str(ctx.scratch / "site")]

    def one_file() -> list[str]:
        return [ctx.exe(REFERENCE), "--schemafile", str(ctx.schema), str(rename.last)]

    def warm_edits() -> None:
        ctx.write_schema()
        ctx.warm_edits()

    pdf = [qingdan, "--registry", str(BUNDLED), "render", "--format", "pdf", "--out", str(ctx.scratch / "q.pdf")]
    coded = ctx.registry.parent / f"{ctx.registry.name}-catalogue"  # bench/catalogue.py: items naming its entries
    catalogue = [
        qingdan,
        "--registry",
        str(coded),
        "catalogue",
        "--format",
        "json",
        "--out",
        str(ctx.scratch / "c.json"),
    ]
    rename, add = Editor(ctx.scratch / "edited", "rename"), Editor(ctx.scratch / "edited", "add")
    # On this machine (2 cores), in multiples of the calibration figure: a first run into an empty cache at most
    # 10 % over `--no-cache`, an edit answered in 0.7 ×, a million items in 45 × and 2.5 GiB (issue 17).
    one_file_ratio = Target(0.5, ratios=((f"{REFERENCE}, one file", None),), calib=0.7)

    def edit_job(name: str, editor: Editor) -> Job:
        return Job(name, validate(ctx.edited), one_file_ratio, ctx.edit_cache, warm_edits, editor, 1, frozenset({0, 1}))

    return [
        Job(
            "validate cold",
            validate(lambda: ctx.registry),
            Target(3.0, ratios=((REFERENCE, 0.5), (NO_CACHE, 1.1)), calib=4.5),
            env=ctx.fresh_cache,
        ),
        Job(NO_CACHE, lambda: [*validate(lambda: ctx.registry)(), "--no-cache"], Target(mib=None)),
        *law_jobs(ctx),
        Job("validate warm", validate(lambda: ctx.registry), Target(0.5), env=ctx.warm_cache, warmup=1),
        edit_job("validate, one file edited (rename), 100,000", rename),
        edit_job("validate, one file edited (add an item), 100,000", add),
        Job(f"{REFERENCE}, one file", one_file, Target(mib=None), setup=warm_edits),
        Job(
            "validate cold, 1,000,000 in 2,000 files",
            validate(lambda: ctx.large),
            Target(30.0, mib=2560.0, calib=45.0),
            env=ctx.fresh_cache,
        ),
        Job(
            "validate cold, bundled registry",
            validate(lambda: BUNDLED),
            Target(1.0, ratios=((f"{REFERENCE}, bundled registry", None),)),
            env=ctx.fresh_cache,
        ),
        Job(
            f"{REFERENCE}, bundled registry", against_schema(lambda: BUNDLED), Target(mib=None), setup=ctx.write_schema
        ),
        Job("diff, 500 changes apart", diff, Target(2.0), setup=ctx.build_history),
        Job("QD501, 1,000 commits, cold", qd501, Target(5.0), env=ctx.fresh_cache, setup=ctx.build_history),
        Job("QD501, 1,000 commits, warm", qd501, Target(0.5), env=ctx.warm_cache, warmup=1),
        Job("render html, 100,000 items", site, Target(30.0)),
        Job("render pdf, bundled registry", pdf, Target(20.0)),
        Job("catalogue, 20,000 entries", catalogue, Target(5.0), setup=lambda: prepare_catalogue(ctx.registry, coded)),
        Job(REFERENCE, against_schema(lambda: ctx.registry), Target(mib=None), setup=ctx.write_schema),
        *province_jobs(ctx),
    ]


def province_jobs(ctx: Context) -> list[Job]:
    """`qingdan province` over 90 registries of 5,000 items, cold and again, and over a country of 2,800
    districts' Parquet exports (bench/province.py generates both)."""
    from bench.province import COUNTRY, PROVINCE, ensure

    def report(what: str, shape: tuple[int, int]) -> Argv:
        def argv() -> list[str]:
            data = ensure(DATA_ROOT, what, *shape)
            out = str(ctx.scratch / f"{what}-report")
            return [
                ctx.exe("qingdan"),
                "province",
                str(data / "districts"),
                "--catalogue",
                str(data / "catalogue.csv"),
                "--out",
                out,
            ]

        return argv

    def province_cache() -> Mapping[str, str]:
        return {"QINGDAN_CACHE_DIR": str(ctx.scratch / "province-cache")}

    codes = frozenset({0, 1})  # 1: some district has validation errors (its generated divergences)
    return [
        Job(
            "province cold, 90 districts × 5,000",
            report("province", PROVINCE),
            Target(15.0),
            ctx.fresh_cache,
            ok_codes=codes,
        ),
        Job(
            "province again, nothing changed",
            report("province", PROVINCE),
            Target(3.0),
            province_cache,
            warmup=1,
            ok_codes=codes,
        ),
        Job(
            "province, a country of 2,800 × 5,000 (Parquet)",
            report("country", COUNTRY),
            Target(30.0, mib=2048.0),
            ctx.fresh_cache,
            ok_codes=codes,
        ),
    ]


LAWLESS = "law library: validate cold, 100,000, the same registry without it"


def law_jobs(ctx: Context) -> list[Job]:
    """SPEC §10's rows with a law library of LawRefBook's size (3,500 files, 55 MiB; bench/laws.py)."""
    qingdan = ctx.exe("qingdan")

    def validate(registry: Callable[[], Path]) -> Argv:
        return lambda: [qingdan, "--registry", str(registry()), "validate", "--format", "json"]

    def changed() -> list[str]:
        return [qingdan, "--registry", str(ctx.laws[0]), "laws", "--changed-since", "2015-01-01", "--format", "json"]

    add = Editor(ctx.scratch / "edited-laws", "add")
    return [
        Job(LAWLESS, validate(lambda: ctx.laws[1]), Target(mib=None), env=ctx.fresh_cache),
        Job(
            "law library: validate cold, 100,000 with it (3,500 files, 55 MiB)",
            validate(lambda: ctx.laws[0]),
            Target(more=(LAWLESS, 1.0)),
            env=ctx.fresh_cache,
        ),
        Job(
            "law library: validate, one file edited (add an item), 100,000",
            validate(ctx.edited_laws),
            Target(0.5),
            ctx.laws_edit_cache,
            ctx.warm_law_edits,
            add,
            1,
            frozenset({0, 1}),
        ),
        Job("law library: laws --changed-since, 100,000", changed, Target(3.0), env=ctx.fresh_cache),
    ]
