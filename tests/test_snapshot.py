"""A run reads only the files whose size, time or inode changed since the last run read them, and any file
modified within the racy interval before that run (its digest then comes from its content, never from memory)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from helpers import write_registry
from qingdan.cache.state import RACY_SECONDS, Snapshot
from qingdan.models.kinds import LAYOUT
from qingdan.sources import files

POWER_FILE = "power/scjgj.yaml"
ITEMS = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
"""


def _age(root: Path, seconds: float) -> None:
    """Every file of the registry modified `seconds` ago."""
    moment = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (moment, moment))


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    original = files.read

    def spy(root: Path, relative: str) -> bytes | object:
        read.append(relative)
        return original(root, relative)

    monkeypatch.setattr(files, "read", spy)
    return read


def test_unchanged_files_keep_their_digest_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_registry(tmp_path / "registry", {POWER_FILE: ITEMS})
    _age(root, 10 * RACY_SECONDS)
    first = Snapshot.take(root, LAYOUT)
    read = _reads(monkeypatch)
    again = Snapshot.take(root, LAYOUT, first.stats)
    assert again.digests == first.digests and again.sizes == first.sizes
    assert read == [files.SETTINGS_FILE]  # the settings are always read: they say which catalogue is an input
    assert not again.fresh
    edited = (root / POWER_FILE).read_text(encoding="utf-8").replace("食品经营许可", "食品生产许可")
    (root / POWER_FILE).write_text(edited, encoding="utf-8")
    third = Snapshot.take(root, LAYOUT, again.stats)
    assert read[-1] == POWER_FILE and third.fresh
    assert third.digests[POWER_FILE] != first.digests[POWER_FILE]


def test_a_file_within_the_racy_interval_is_read_again_even_if_its_stat_is_the_same(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "registry", {POWER_FILE: ITEMS})
    first = Snapshot.take(root, LAYOUT)  # the files were written just now: within the racy interval
    path = root / POWER_FILE
    before = path.stat()
    same_size = path.read_text(encoding="utf-8").replace("食品经营许可", "食品生产许可")
    path.write_text(same_size, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size, time and inode as before
    again = Snapshot.take(root, LAYOUT, first.stats)
    assert again.digests[POWER_FILE] != first.digests[POWER_FILE]
