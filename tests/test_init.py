"""`qingdan init`: a new registry that validates clean, its commented settings and unit examples valid once
uncommented, and the pre-commit, GitHub, GitLab and VS Code files naming commands that run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from helpers import commit_all, git, init_repo
from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.models.kinds import UNITS
from qingdan.models.settings import Settings
from qingdan.models.unit import UnitKind
from qingdan.scaffold.repository_files import HOOK
from qingdan.validation.validate import validate

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def init(folder: Path, *extra: str) -> Result:
    return run("init", str(folder), "--region", "330206", "--name", "宁波市北仑区", *extra)


def test_a_new_repository_validates_clean(tmp_path: Path) -> None:
    result = init(tmp_path / "beilun", "--git")
    assert result.exit_code == 0, result.output
    root = tmp_path / "beilun"
    assert (root / ".git").is_dir()
    registry = root / "registry"
    assert run("--registry", str(registry), "validate", "--strict").exit_code == 0
    assert load_registry(registry).settings.region.name == "宁波市北仑区"
    schemas = sorted(path.name for path in (registry / "schemas").iterdir())
    assert "power.schema.json" in schemas and "settings.schema.json" in schemas
    readme = (registry / "README.md").read_text(encoding="utf-8")
    assert "`power/`：权力事项" in readme and "qingdan validate" in readme
    for name in (".pre-commit-config.yaml", ".github/workflows/qingdan.yml", ".gitlab-ci.yml", ".vscode/settings.json"):
        assert (root / name).is_file(), name


def test_every_optional_setting_is_shown_at_its_default(tmp_path: Path) -> None:
    init(tmp_path / "d")
    settings = tmp_path / "d" / "qingdan.yaml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    shown = {line[2:].split(":")[0] for line in lines if line.startswith("# ") and not line.startswith("#  ")}
    assert set(Settings.model_fields) - {"qingdan", "region"} <= shown
    # Uncommented (all but the catalogue, whose file the province has yet to send), they are the defaults.
    catalogue = False
    uncommented = []
    for line in lines:
        catalogue = line.startswith("# catalogue:") or (catalogue and line.startswith("#   "))
        plain = line.startswith("# ") and ":" in line and not catalogue and not line.startswith("# yaml-")
        uncommented.append(line[2:] if plain and not line.startswith("# 以下") and "note:" not in line else line)
    settings.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    loaded = load_registry(tmp_path / "d").settings
    defaults = Settings.model_validate({"qingdan": 1, "region": {"code": "330206", "name": "宁波市北仑区"}})
    assert loaded == defaults
    assert loaded.model_fields_set > {"qingdan", "region", "timezone", "grades"}


def test_the_unit_examples_validate_once_uncommented(tmp_path: Path) -> None:
    init(tmp_path / "d")
    units = tmp_path / "d" / "units.yaml"
    text = units.read_text(encoding="utf-8").replace("units: []", "units:").replace("\n#   - ", "\n  - ")
    units.write_text(text, encoding="utf-8")
    registry = load_registry(tmp_path / "d")
    assert {unit.kind for unit in registry.of(UNITS)} == set(UnitKind)
    assert validate(tmp_path / "d").problems == []


def test_never_overwrites_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    (folder / ".vscode").mkdir(parents=True)
    (folder / ".vscode" / "settings.json").write_text("{}", encoding="utf-8")
    result = init(folder)
    assert result.exit_code == 2
    assert "settings.json" in result.stderr and "不覆盖" in result.stderr
    written = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))
    assert written == [".vscode", ".vscode/settings.json"]
    assert init(tmp_path / "e", "--git").exit_code == 0
    again = run("--lang", "en", "init", str(tmp_path / "e"), "--region", "330206", "--name", "x", "--git")
    assert again.exit_code == 2 and "never overwrites" in again.stderr


@pytest.mark.parametrize("code", ["33020", "3302061", "33O206", ""])
def test_a_region_code_not_six_digits_is_a_usage_error(tmp_path: Path, code: str) -> None:
    result = run("init", str(tmp_path / "d"), "--region", code, "--name", "某区")
    assert result.exit_code == 2
    assert "6 位" in result.stderr
    assert not (tmp_path / "d").exists()


def test_inside_a_repository_the_ci_files_go_to_its_root(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "province")
    assert init(repo / "districts" / "beilun").exit_code == 0
    workflow = (repo / ".github" / "workflows" / "qingdan.yml").read_text(encoding="utf-8")
    assert "--registry districts/beilun validate" in workflow
    mapping = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    power = ["districts/beilun/power/*.yaml", "districts/beilun/power/*.yml"]
    assert mapping["districts/beilun/schemas/power.schema.json"] == power
    assert not (repo / "districts" / "beilun" / ".pre-commit-config.yaml").exists()


def test_the_hook_is_the_projects_hook() -> None:
    offered = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [{key: hook[key] for key in HOOK} for hook in offered] == [HOOK]


def _environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }


def _pipeline_commands(root: Path) -> list[str]:
    """The qingdan commands of the GitHub workflow and the GitLab pipeline (both must parse as YAML)."""
    workflow = yaml.safe_load((root / ".github" / "workflows" / "qingdan.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    commands = [line for line in [*steps, *gitlab["qingdan"]["script"]] if line.startswith("qingdan ")]
    assert len(commands) == 4 and any("--format github" in line for line in commands)
    assert any("--format gitlab" in line for line in commands)
    return commands


def test_the_hook_and_the_pipelines_run(tmp_path: Path) -> None:
    root = tmp_path / "beilun"
    init(root, "--git")
    git(root, "checkout", "-q", "-b", "main")
    commit_all(root, "init")
    git(root, "remote", "add", "origin", str(root))  # `origin/main`, as a CI checkout has it
    git(root, "fetch", "-q", "origin")
    environment = _environment(tmp_path)
    for command in ([str(BIN / "pre-commit"), "validate-config"], [str(BIN / "pre-commit"), "run", "--all-files"]):
        done = subprocess.run(command, cwd=root, env=environment, capture_output=True, encoding="utf-8", check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    assert "qingdan validate" in done.stdout and "Passed" in done.stdout
    for command in _pipeline_commands(root):
        done = subprocess.run(
            ["bash", "-c", command.split(" || ")[0]], cwd=root, env=environment, capture_output=True, encoding="utf-8"
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
    assert json.loads((root / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    assert (tmp_path / "summary.md").is_file()
    shutil.rmtree(tmp_path / "pre-commit-home", ignore_errors=True)
