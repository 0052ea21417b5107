"""`qingdan` through Typer's runner: exit codes (SPEC §6), languages, the summary, and never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers import write_registry
from qingdan.cli import app

ANCHORED = """\
unit: mzj
items:
  - code: &c GF-330205-0001
    name: 临时救助审批
    type: 行政给付
"""
FULL_WIDTH = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
    status: "有效\u3000"
"""
SUMMARY_ZH = re.compile(r"(\d+) 个文件，(\d+) 条记录：(\d+) 个错误，(\d+) 个警告")
SUMMARY_EN = re.compile(r"(\d+) files, (\d+) records: (\d+) error\(s\), (\d+) warning\(s\)")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke the CLI; whatever happens, it must end by exiting, never by an escaped exception."""
    result = CliRunner().invoke(app, list(args), env=env)
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """A registry whose only problem is a warning (QD006)."""
    return write_registry(tmp_path / "warned" / "registry", {"power/scjgj.yaml": FULL_WIDTH})


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """A registry with an error (QD001) and a warning (QD006)."""
    files: dict[str, str | bytes] = {"power/scjgj.yaml": FULL_WIDTH, "power/mzj.yaml": ANCHORED}
    return write_registry(tmp_path / "failing" / "registry", files)


# --- exit codes -----------------------------------------------------------------------------------


def test_a_clean_registry_exits_0(sample: Path) -> None:
    result = run("--registry", str(sample), "validate")
    assert result.exit_code == 0
    assert result.stdout.endswith("条记录：未发现问题\n")


def test_errors_exit_1(failing: Path) -> None:
    result = run("--registry", str(failing), "validate")
    assert result.exit_code == 1
    assert f"{failing.as_posix()}/power/mzj.yaml:3:11: 错误 QD001 不允许使用锚点（&c）\n" in result.stdout


def test_warnings_alone_exit_0(warned: Path) -> None:
    result = run("--registry", str(warned), "validate")
    assert result.exit_code == 0
    assert f"{warned.as_posix()}/power/scjgj.yaml:7:13: 警告 QD006 " in result.stdout


def test_warnings_with_strict_exit_1(warned: Path) -> None:
    assert run("--registry", str(warned), "validate", "--strict").exit_code == 1
    assert run("--registry", str(warned), "validate", "--strict", "--no-cache").exit_code == 1


def test_strict_on_a_clean_registry_exits_0(sample: Path) -> None:
    assert run("--registry", str(sample), "validate", "--strict").exit_code == 0


@pytest.mark.parametrize("output", ["text", "json", "github", "gitlab", "sarif", "junit"])
def test_every_format_keeps_the_exit_codes(sample: Path, failing: Path, output: str) -> None:
    assert run("--registry", str(sample), "validate", "--format", output).exit_code == 0
    assert run("--registry", str(failing), "validate", "--format", output).exit_code == 1


def test_a_missing_registry_exits_2(tmp_path: Path) -> None:
    result = run("--registry", str(tmp_path / "nowhere"), "validate")
    assert result.exit_code == 2
    assert "qingdan.yaml" in result.stderr
    assert result.stdout == ""


def test_no_registry_found_upward_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "qingdan.yaml" in result.stderr


def test_a_broken_qingdan_yaml_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {"qingdan.yaml": 'qingdan: 1\nregion: {code: "330205", name: [\n'})
    result = run("--registry", str(root), "validate")
    assert result.exit_code == 2
    assert re.search(r"qingdan\.yaml:3:1: QD007 YAML 语法错误", result.stderr), result.stderr


def test_an_invalid_qingdan_yaml_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    settings = 'qingdan: 1\nregion: {code: "330205", name: 江北区}\ncolour: red\n'
    root = write_registry(tmp_path, {"qingdan.yaml": settings})
    result = run("--registry", str(root), "validate")
    assert result.exit_code == 2
    assert re.search(r"qingdan\.yaml:3:1: QD007 ", result.stderr), result.stderr


def test_an_unknown_key_is_an_error(tmp_path: Path) -> None:
    misspelt = FULL_WIDTH.replace("    status:", "    colour: red\n    status:")
    root = write_registry(tmp_path, {"power/scjgj.yaml": misspelt})
    result = run("--registry", str(root), "validate")
    assert result.exit_code == 1
    assert "错误 QD003 " in result.stdout


def test_a_duplicate_key_is_an_error(tmp_path: Path) -> None:
    twice = FULL_WIDTH.replace("    status:", "    name: 食品生产许可\n    status:")
    root = write_registry(tmp_path, {"power/scjgj.yaml": twice})
    result = run("--registry", str(root), "validate")
    assert result.exit_code == 1
    assert "错误 QD002 " in result.stdout


def test_an_unknown_format_exits_2(sample: Path) -> None:
    result = run("--registry", str(sample), "validate", "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert result.stdout == ""


def test_an_unknown_language_exits_2(sample: Path) -> None:
    assert run("--lang", "fr", "--registry", str(sample), "validate").exit_code == 2


# --- language and summary -------------------------------------------------------------------------


def test_lang_en_speaks_english(failing: Path) -> None:
    result = run("--lang", "en", "--registry", str(failing), "validate")
    assert f"{failing.as_posix()}/power/mzj.yaml:3:11: error QD001 anchors (&c) are not allowed\n" in result.stdout
    assert f"{failing.as_posix()}/power/scjgj.yaml:7:13: warning QD006 " in result.stdout
    assert SUMMARY_EN.fullmatch(result.stdout.splitlines()[-1])


def test_qingdan_lang_env_speaks_english(failing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QINGDAN_LANG", "en")
    result = run("--registry", str(failing), "validate")
    assert " error QD001 anchors (&c) are not allowed\n" in result.stdout
    assert SUMMARY_EN.fullmatch(result.stdout.splitlines()[-1])


def test_lang_option_wins_over_the_environment(failing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QINGDAN_LANG", "en")
    result = run("--lang", "zh", "--registry", str(failing), "validate")
    assert " 错误 QD001 不允许使用锚点（&c）\n" in result.stdout


def test_messages_are_in_the_language_of_every_format(failing: Path) -> None:
    data = json.loads(run("--lang", "en", "--registry", str(failing), "validate", "--format", "json").stdout)
    assert "anchors (&c) are not allowed" in {entry["message"] for entry in data["problems"]}
    github = run("--lang", "en", "--registry", str(failing), "validate", "--format", "github").stdout
    assert "title=QD001::anchors (&c) are not allowed\n" in github


def test_the_summary_line_counts_what_json_counts(failing: Path) -> None:
    text = run("--registry", str(failing), "validate").stdout
    summary = SUMMARY_ZH.fullmatch(text.splitlines()[-1])
    assert summary is not None
    counted = json.loads(run("--registry", str(failing), "validate", "--format", "json").stdout)["summary"]
    assert tuple(int(number) for number in summary.groups()) == (
        counted["files"],
        counted["records"],
        counted["errors"],
        counted["warnings"],
    )
    assert counted["errors"] >= 1
    assert counted["warnings"] >= 1


def test_machine_formats_print_no_summary(failing: Path) -> None:
    for output in ("json", "gitlab", "sarif"):
        json.loads(run("--registry", str(failing), "validate", "--format", output).stdout)
    github = run("--registry", str(failing), "validate", "--format", "github").stdout
    assert all(line.startswith(("::error ", "::warning ")) for line in github.splitlines())


def test_the_cache_gives_the_same_answer(failing: Path) -> None:
    first = run("--registry", str(failing), "validate", "--format", "json")
    again = run("--registry", str(failing), "validate", "--format", "json")
    fresh = run("--registry", str(failing), "validate", "--format", "json", "--no-cache")
    assert first.stdout == again.stdout == fresh.stdout
    assert first.exit_code == again.exit_code == fresh.exit_code == 1


# --- paths ----------------------------------------------------------------------------------------


def test_paths_are_relative_to_the_working_directory(failing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(failing.parent)
    assert "registry/power/mzj.yaml:3:11: 错误 QD001 " in run("validate").stdout
    monkeypatch.chdir(failing)
    assert "\npower/mzj.yaml:3:11: 错误 QD001 " in "\n" + run("validate").stdout
    assert "::error file=power/mzj.yaml,line=3,col=11,title=QD001::" in run("validate", "--format", "github").stdout


def test_github_paths_are_relative_to_the_repository(failing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (failing.parent / ".git").mkdir()  # the CLI finds the repository by its .git, without running git
    monkeypatch.chdir(failing)
    github = run("validate", "--format", "github").stdout
    assert "::error file=registry/power/mzj.yaml,line=3,col=11,title=QD001::" in github
    gitlab = json.loads(run("validate", "--format", "gitlab").stdout)
    assert "registry/power/mzj.yaml" in {issue["location"]["path"] for issue in gitlab}


# --- tracebacks -----------------------------------------------------------------------------------


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--debug", "--registry", str(tmp_path / "nowhere"), "validate"])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "RegistryError" in result.stderr


def test_help_through_python_m() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "qingdan", "--help"], capture_output=True, encoding="utf-8", check=False, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert "validate" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_no_arguments_shows_help_not_a_traceback() -> None:
    result = run()
    assert "validate" in result.output


def test_declaring_the_commands_loads_no_heavy_library() -> None:
    """`validate` with nothing changed answers from the run cache in a few tenths of a second; a command module
    importing its machinery at the top (the models, DuckDB, GitPython, Jinja2) once cost every command 0.5 s."""
    heavy = ("duckdb", "pydantic", "git", "jinja2", "weasyprint", "qingdan.models", "qingdan.publish")
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, qingdan.cli; print(*sys.modules)"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout.split()
    assert [name for name in loaded if name.split(".")[0] in heavy or name.startswith(heavy)] == []
