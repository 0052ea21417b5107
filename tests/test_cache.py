"""The cache never changes an answer: damaged, foreign, planted or unwritable, it only costs time.

Every test compares `validate` through the cache with `validate --no-cache` on the same registry, after doing
something bad to the cache folder, and checks that nothing it did not sign was ever unpickled.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from qingdan.cache.store import KEY_FILE, Store, cache_dir
from qingdan.validation import runcache
from qingdan.validation.runcache import validate_cached
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
