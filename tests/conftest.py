from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "examples" / "valid" / "sample"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own empty cache and Chinese messages, whatever the developer's environment."""
    monkeypatch.setenv("QINGDAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("QINGDAN_LANG", raising=False)
    yield


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the small valid registry (every record kind, SPEC's example)."""
    import shutil

    target = tmp_path / "registry"
    shutil.copytree(SAMPLE, target)
    return target
