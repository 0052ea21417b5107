"""Test helpers: build registries from text, and assert problems as {(file, line, column, check)}."""

from __future__ import annotations

import os
import subprocess
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from qingdan.cli import app
from qingdan.validation.validate import validate

SETTINGS = 'qingdan: 1\nregion: {code: "330205", name: 宁波市江北区}\n'
UNITS = """\
units:
  - {id: scjgj, name: 区市场监督管理局, kind: 部门, abbr: SCJG}
  - {id: mzj, name: 区民政局, kind: 部门}
  - {id: wenjiao, name: 文教街道, kind: 街道, division_code: "330205004000"}
  - {id: zhuangqiao, name: 庄桥街道, kind: 街道, division_code: "330205006000"}
  - {id: tiancheng, name: 天成社区, kind: 社区, parent: zhuangqiao, division_code: "330205006001"}
  - {id: wenjiao-scjgs, name: 文教市场监管所, kind: 派驻机构, parent: scjgj, stationed_in: wenjiao}
"""


def write_registry(root: Path, files: dict[str, str | bytes]) -> Path:
    """A registry with default qingdan.yaml and units.yaml unless `files` gives its own."""
    defaults: dict[str, str | bytes] = {"qingdan.yaml": SETTINGS, "units.yaml": UNITS}
    for relative, content in {**defaults, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def found(root: Path) -> set[tuple[str, int, int, str]]:
    """Every problem of a registry as (file, line, column, check)."""
    return {(p.file, p.line, p.column, p.check) for p in validate(root).problems}


def found_in(root: Path, check_prefix: str) -> set[tuple[str, int, int, str]]:
    """Only the problems whose check id starts with `check_prefix` (e.g. "QD1")."""
    return {entry for entry in found(root) if entry[3].startswith(check_prefix)}


# --- git repositories for history tests ----------------------------------------------------------------------

GIT_DATE = "2019-06-01T10:00:00+08:00"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in a test repository, apart from the developer's own configuration; `date` (ISO 8601 with an
    offset) is used as author and committer date."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "测试员",
        "GIT_AUTHOR_EMAIL": "tester@example.invalid",
        "GIT_COMMITTER_NAME": "测试员",
        "GIT_COMMITTER_EMAIL": "tester@example.invalid",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, encoding="utf-8", check=True)
    return done.stdout.strip()


def init_repo(repo: Path) -> Path:
    """An empty repository whose branch is `main`."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit_all(repo: Path, message: str, date: str = GIT_DATE) -> str:
    """Commit everything in the work tree (hooks not skipped: tests arm them on purpose); the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def diff_last_commit(root: Path, *args: str) -> str:
    """`qingdan diff HEAD~1 HEAD` of the registry at `root`, which must succeed: what it printed."""
    result = CliRunner().invoke(app, ["--registry", str(root), "diff", "HEAD~1", "HEAD", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def eventually(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    """Whether `condition` holds within `seconds` (what a child process does after its parent has answered)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False
