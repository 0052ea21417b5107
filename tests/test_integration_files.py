"""The pre-commit hook and the CI examples shipped in the repository run qingdan the way they say."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def _run_hook(registry: Path) -> int:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "qingdan-validate" and hook["pass_filenames"] is False
    command, *arguments = shlex.split(hook["entry"])
    argv = [str(BIN / command), *arguments, *hook.get("args", []), "--registry", str(registry)]
    return subprocess.run(argv, capture_output=True, check=False).returncode


def test_pre_commit_hook_passes_a_clean_registry_and_fails_a_broken_one() -> None:
    assert _run_hook(ROOT / "tests" / "examples" / "valid" / "sample") == 0
    assert _run_hook(ROOT / "tests" / "examples" / "invalid" / "every-mistake") == 1


def test_ci_examples_validate_against_the_base_with_annotations() -> None:
    github = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = " ".join(step.get("run", "") for step in github["jobs"]["validate"]["steps"])
    assert "validate --base" in steps and "--format github" in steps and "--format markdown" in steps
    gitlab = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    script = " ".join(gitlab["registry"]["script"])
    assert "--format gitlab" in script and gitlab["registry"]["artifacts"]["reports"]["codequality"]
