"""The cache never changes an answer: damaged, foreign, planted or unwritable, it only costs time; and it is
written after the answer (the console script prints its report and leaves, a child writes what the next run
needs, and the next run waits for that child before it reads the cache).

Every test compares `validate` through the cache with `validate --no-cache` on the same registry, after doing
something bad to the cache folder, and checks that nothing it did not sign was ever unpickled.
"""

from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from helpers import eventually
from qingdan.cache.state import state_key
from qingdan.cache.store import KEY_FILE, Store, cache_dir
from qingdan.cache.writer import LOCKS, Writer, wait_for_writer
from qingdan.validation import runcache
from qingdan.validation.runcache import code_stamp, validate_cached
from qingdan.validation.validate import validate
from tests.test_incremental import shown

FIVE_MISTAKES = Path(__file__).parent / "readme" / "five-mistakes" / "registry"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(FIVE_MISTAKES, target)
    return target


def _same(root: Path) -> str:
    """Validate through the cache; it must answer as a cold run does. Returns how it answered."""
    assert shown(validate_cached(root, label="r")) == shown(validate(root, label="r"))
    return runcache.last_path


def _edit(root: Path) -> None:
    power = sorted((root / "power").glob("*.yaml"))[0]
    added = "  - {code: XK-330205-0999, name: 新事项, type: 行政许可}\n"
    power.write_text(power.read_text(encoding="utf-8") + added, encoding="utf-8")


def _cache_files() -> list[Path]:
    return [path for path in cache_dir().rglob("*") if path.is_file() and path.name != KEY_FILE]


def test_truncated_files_read_as_missing(registry: Path) -> None:
    assert _same(registry) == "cold"
    for path in _cache_files():
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert _same(registry) == "cold"
    _edit(registry)
    assert _same(registry) == "incremental"  # the cold run above left a sound cache again


def test_files_of_another_version_or_name_are_not_used(registry: Path) -> None:
    _same(registry)
    state = next((cache_dir() / "states").iterdir())
    other = state.with_name("0" * len(state.name))
    state.rename(other)  # signed by us, but for another key (another qingdan version, another folder)
    _edit(registry)
    assert _same(registry) == "cold"
    store = Store(cache_dir())
    store.save("states", state.name, {"a": "value of another shape"})  # what an older qingdan may have kept
    _edit(registry)
    assert _same(registry) == "cold"


def test_a_pickle_of_a_class_gone_reads_as_missing(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    store.save("area", "key", pickle.loads(pickle.dumps(Path("x"))))
    assert store.load("area", "key") == Path("x")
    blob = (tmp_path / "cache" / "area" / "key").read_bytes()
    (tmp_path / "cache" / "area" / "key").write_bytes(blob.replace(b"pathlib", b"pathliX"))
    assert store.load("area", "key") is None  # the signature no longer checks out
    module = types.ModuleType("qingdan_module_of_an_older_version")
    gone = type("Gone", (), {"__module__": module.__name__})
    module.Gone = gone  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    store.save("area", "key", gone())
    del sys.modules[module.__name__]
    assert store.load("area", "key") is None  # signed, but its class cannot be found


class _Planted:
    def __reduce__(self) -> tuple[object, ...]:
        marker = str(Path(cache_dir()) / "PWNED")
        return (os.system, (f"touch {marker}",))


def test_a_planted_pickle_is_never_unpickled(registry: Path) -> None:
    _same(registry)
    for path in _cache_files():
        path.write_bytes(pickle.dumps(_Planted()))  # someone else's files, under the right names
    _edit(registry)
    assert _same(registry) == "cold"
    assert not (cache_dir() / "PWNED").exists()


@pytest.mark.parametrize("spoil", ["readable", "symlink", "short"])
def test_a_key_that_is_not_the_users_own_switches_the_cache_off(registry: Path, spoil: str) -> None:
    _same(registry)
    key = cache_dir() / KEY_FILE
    if spoil == "readable":
        key.chmod(0o644)
    elif spoil == "symlink":
        elsewhere = cache_dir().parent / "planted-key"
        elsewhere.write_bytes(os.urandom(32))
        elsewhere.chmod(0o600)
        key.unlink()
        key.symlink_to(elsewhere)
    else:
        key.write_bytes(b"short")
    assert not Store(cache_dir()).usable
    _edit(registry)
    assert _same(registry) == "plain"


def test_an_unwritable_cache_folder_only_costs_time(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("QINGDAN_CACHE_DIR", str(blocker / "cache"))
    assert _same(registry) == "plain"
    assert _same(registry) == "plain"


def test_the_cli_says_the_same_with_a_damaged_cache(registry: Path) -> None:
    from typer.testing import CliRunner

    from qingdan.cli import app

    def run(*args: str) -> tuple[int, object]:
        result = CliRunner().invoke(app, ["--registry", str(registry), "validate", "--format", "json", *args])
        return result.exit_code, json.loads(result.stdout)["problems"]

    reference = run("--no-cache")
    assert run() == reference
    for path in _cache_files():
        path.write_bytes(b"QDSTORE2" + os.urandom(64))
    assert run() == reference


def test_two_validates_at_once(registry: Path) -> None:
    """Two processes on one registry and one cache, edit after edit: each answers as a cold run does."""
    command = [sys.executable, "-m", "qingdan", "--registry", str(registry), "validate", "--format", "json"]
    environment = {**os.environ, "QINGDAN_CACHE_DIR": str(cache_dir())}
    for round_ in range(4):
        if round_:
            _edit(registry)
        reference = subprocess.run([*command, "--no-cache"], capture_output=True, env=environment, check=False)
        both = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment) for _ in "ab"
        ]
        for process in both:
            out, err = process.communicate(timeout=120)
            assert err == b""
            assert process.returncode == reference.returncode
            assert json.loads(out)["problems"] == json.loads(reference.stdout)["problems"]


# --- the answer first, the cache after ----------------------------------------------------------------------


def _validate(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "qingdan", "--registry", str(root), "validate", "--format", "json", *args]
    return subprocess.run(command, capture_output=True, env={**os.environ, "QINGDAN_CACHE_DIR": str(cache_dir())})


def _lock_file(root: Path) -> Path:
    path = cache_dir() / LOCKS / state_key(root, code_stamp())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return path


def _state(root: Path) -> object:
    return Store(cache_dir()).load("states", state_key(root, code_stamp()))


def test_the_report_is_out_before_the_cache_is_written(registry: Path) -> None:
    """With the registry's lock held elsewhere, the command still prints its whole report and ends (its child,
    left waiting for the lock, holds none of its output streams); the cache is written once the lock is free."""
    reference = _validate(registry, "--no-cache")
    with _lock_file(registry).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_SH)  # as a reader would: the writer cannot take it
        done = _validate(registry)
        assert (done.returncode, json.loads(done.stdout)) == (reference.returncode, json.loads(reference.stdout))
        time.sleep(0.2)
        assert _state(registry) is None  # the child waits
    assert eventually(lambda: _state(registry) is not None)
    wait_for_writer(Store(cache_dir()), state_key(registry, code_stamp()))
    assert _validate(registry).stdout == reference.stdout
    validate_cached(registry, label=str(registry))
    assert runcache.last_path == "report"  # what the child wrote answers the next run


def test_a_run_waits_for_the_writer_of_its_registry(registry: Path) -> None:
    """A run does not read the state while a writer of the same registry is at work: it would find the one
    before, and redo what the writer is about to save."""
    validate_cached(registry, label="r")
    store, key = Store(cache_dir()), state_key(registry, code_stamp())
    started = threading.Event()

    def slow(into: Store) -> None:
        started.set()
        time.sleep(0.5)

    writer = Writer(store, key, slow)
    writer.claim()
    thread = threading.Thread(target=writer.write)
    begun = time.monotonic()
    thread.start()
    started.wait()
    validate_cached(registry, label="r")
    assert time.monotonic() - begun >= 0.5
    assert runcache.last_path == "report"
    thread.join()


def test_a_writer_stuck_elsewhere_is_not_waited_for_beyond_a_limit(registry: Path) -> None:
    """A lock held for ever (a hung writer, another account's planted file) costs at most the wait's limit."""
    validate_cached(registry, label="r")
    store, key = Store(cache_dir()), state_key(registry, code_stamp())
    with _lock_file(registry).open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        begun = time.monotonic()
        wait_for_writer(store, key, seconds=0.2)
        assert 0.2 <= time.monotonic() - begun < 5
