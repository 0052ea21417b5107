"""The cache forgets what no run has used for a month, once a day, and nothing else: reads and reuse keep an
entry, the user's other files and the lock files are never touched, and every folder qingdan writes is one the
pruning knows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import commit_all, eventually, init_repo
from qingdan.cache.prune import STAMP, UNUSED_DAYS, prune_when_due
from qingdan.cache.store import Area, Store, cache_dir
from qingdan.cache.writer import LOCKS
from test_province import province

BUNDLED = Path(__file__).parents[1] / "registry"
DAY = 86_400.0


def _aged(path: Path, days: float) -> Path:
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    return path


def _file(path: Path, days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return _aged(path, days)


def _folder(path: Path, days: float) -> Path:
    _file(path / "summary.json", days)
    return _aged(path, days)


@pytest.fixture
def store() -> Store:
    store = Store(cache_dir())
    assert store.usable  # the user's key made
    return store


def test_what_no_run_used_for_a_month_is_forgotten(store: Store) -> None:
    folder = store.folder
    store.save(Area.FILES, "fresh", 1)
    gone = [
        _file(folder / Area.FILES / "old", UNUSED_DAYS + 1),
        _file(folder / Area.STATES / ".tmp-left-by-a-killed-run", 2),
        _folder(folder / Area.PROVINCE / "0123456789abcdef0123456789abcdef", UNUSED_DAYS + 1),
        _folder(folder / Area.PROVINCE / ".staging-left", 2),
        _folder(folder / Area.PROVINCE / "reports" / "old-report", UNUSED_DAYS + 1),
    ]
    kept = [
        folder / Area.FILES / "fresh",
        _file(folder / Area.REPORTS / "last-week", 7),
        _file(folder / Area.STATES / ".tmp-being-written", 0.01),
        _folder(folder / Area.PROVINCE / "reports" / "yesterday", 1),
        _file(folder / LOCKS / "a-registry", 400),  # a lock removed while held would let a second writer in
        _file(folder / "photos" / "2019.jpg", 2000),  # not qingdan's: never touched
    ]
    _aged(folder / Area.PROVINCE / "reports", UNUSED_DAYS + 1)  # a folder of entries, not one

    prune_when_due(folder)

    assert [path for path in gone if path.exists()] == []
    assert [path for path in kept if not path.exists()] == []
    assert (folder / Area.PROVINCE / "reports").is_dir()
    assert store.load(Area.FILES, "fresh") == 1


def test_a_read_marks_an_entry_used(store: Store) -> None:
    store.save(Area.STATES, "read", "value")
    store.save(Area.STATES, "named", "value")
    store.save(Area.STATES, "unread", "value")
    for key in ("read", "named", "unread"):
        _aged(store.folder / Area.STATES / key, UNUSED_DAYS + 1)
    assert store.load(Area.STATES, "read") == "value"
    store.refresh(Area.STATES, ["named", "never-written"])  # what a state names, unread
    prune_when_due(store.folder)
    assert store.load(Area.STATES, "read") == "value"
    assert store.load(Area.STATES, "named") == "value"
    assert store.load(Area.STATES, "unread") is None


def test_pruned_at_most_once_a_day(store: Store) -> None:
    prune_when_due(store.folder)
    old = _file(store.folder / Area.FILES / "old", UNUSED_DAYS + 1)
    prune_when_due(store.folder)
    assert old.exists()  # pruned an instant ago
    prune_when_due(store.folder, now=time.time() + 1.5 * DAY)
    assert not old.exists()


def test_a_folder_without_the_users_key_is_left_alone(tmp_path: Path) -> None:
    """QINGDAN_CACHE_DIR pointed at a folder that is not a qingdan cache (no key of the user's in it)."""
    old = _file(tmp_path / "files" / "thesis.tex", 400)
    prune_when_due(tmp_path)
    assert old.exists()
    assert not (tmp_path / STAMP).exists()


def _qingdan(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "qingdan", *args]
    environment = {**os.environ, "QINGDAN_CACHE_DIR": str(cache_dir())}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, encoding="utf-8", check=False)


def test_runs_prune_and_write_only_the_areas_pruning_knows(store: Store, tmp_path: Path) -> None:
    """validate (its writer prunes, after the report), validate --base (the history's codes), the law library
    and province (which prunes too): every folder they fill is an `Area`."""
    stale = _file(store.folder / Area.FILES / "stale", UNUSED_DAYS + 1)
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(BUNDLED, repo / "registry")
    commit_all(repo, "清单")
    assert _qingdan("--registry", "registry", "validate", cwd=repo).returncode in (0, 1)
    assert eventually(lambda: not stale.exists())  # by the child that writes the cache
    assert _qingdan("--registry", "registry", "validate", "--base", "HEAD", cwd=repo).returncode in (0, 1)
    assert _qingdan("province", str(province(tmp_path)), "--format", "json", cwd=repo).returncode in (0, 1)
    written = {path.name for path in store.folder.iterdir() if path.is_dir()}
    assert written - {LOCKS} <= {str(area) for area in Area}
    assert {Area.FILES, Area.STATES, Area.LAWS, Area.CODES, Area.PROVINCE} <= written


def test_province_marks_the_districts_it_reuses(store: Store, tmp_path: Path) -> None:
    folder = province(tmp_path)
    assert _qingdan("province", str(folder), "--format", "json", cwd=tmp_path).returncode == 1
    staged = [path for path in (store.folder / Area.PROVINCE).iterdir() if (path / "summary.json").is_file()]
    assert len(staged) == 3
    for path in staged:
        _aged(path, UNUSED_DAYS + 1)
    (store.folder / STAMP).unlink()
    assert _qingdan("province", str(folder), "--format", "json", cwd=tmp_path).returncode == 1
    assert all(path.is_dir() and time.time() - path.stat().st_mtime < DAY for path in staged)
