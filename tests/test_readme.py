"""Every `$ qingdan …` example of the README runs, and prints what the README shows.

An example is a ```text block with `$ ` command lines, each followed by the output it shows. The HTML comment
just before the block names where it runs: `<!-- example: NAME[, NAME…] -->`, each NAME a folder under
tests/readme/ copied into the working folder, or `bundled` (the bundled registry as `registry/`) or
`demo-history` (the demo history built into `out/demo-history`). In the shown output, a line `…` stands for
any number of lines and a `…` inside a line for any text; trailing spaces are ignored. `$ echo $?` shows the
exit code of the command before it.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from demo.build_history import build
from qingdan.cli import app

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
FIXTURES = Path(__file__).parent / "readme"
MARKER = re.compile(r"<!-- example: ([^>]+?) -->\s*\n```text\n(.*?)\n```", re.DOTALL)


@dataclass
class Step:
    command: str
    shown: list[str] = field(default_factory=list)


@dataclass
class Example:
    line: int
    fixtures: list[str]
    steps: list[Step]

    def __str__(self) -> str:
        return f"README.md:{self.line}"


def examples() -> list[Example]:
    text = README.read_text(encoding="utf-8")
    found = []
    for match in MARKER.finditer(text):
        steps: list[Step] = []
        for line in match[2].splitlines():
            if line.startswith("$ "):
                steps.append(Step(line[2:]))
            elif steps:
                steps[-1].shown.append(line.rstrip())
        line_number = text.count("\n", 0, match.start()) + 1
        found.append(Example(line_number, [name.strip() for name in match[1].split(",")], steps))
    return found


def test_every_qingdan_example_of_the_readme_is_run() -> None:
    text = README.read_text(encoding="utf-8")
    shown = len(re.findall(r"^\$ qingdan ", text, re.MULTILINE))
    run = sum(1 for example in examples() for step in example.steps if step.command.startswith("qingdan "))
    assert run == shown >= 8


@pytest.fixture(scope="module")
def demo_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "demo-history"
    build(out)
    return out


@pytest.mark.parametrize("example", examples(), ids=str)
def test_readme_example(example: Example, tmp_path: Path, demo_history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in example.fixtures:
        if name == "bundled":
            shutil.copytree(ROOT / "registry", tmp_path / "registry")
        elif name == "demo-history":
            shutil.copytree(demo_history, tmp_path / "out" / "demo-history", symlinks=True)
        else:
            shutil.copytree(FIXTURES / name, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QINGDAN_CACHE_DIR", str(tmp_path / ".cache"))
    exit_code = 0
    for step in example.steps:
        if step.command == "echo $?":
            printed = [str(exit_code)]
        else:
            words = shlex.split(step.command, comments=True)
            assert words[0] == "qingdan", f"{example}: only qingdan and `echo $?` run here: {step.command}"
            result = CliRunner().invoke(app, words[1:])
            assert "Traceback" not in result.output
            exit_code = result.exit_code
            printed = [line.rstrip() for line in result.output.splitlines()]
        assert _matches(step.shown, printed), f"{example}: `{step.command}` printed:\n" + "\n".join(printed)


def _matches(shown: list[str], printed: list[str]) -> bool:
    """`shown` with its `…` wildcards against what was printed, line by line."""
    if not shown:
        return not printed
    head, rest = shown[0], shown[1:]
    if head == "…":
        return any(_matches(rest, printed[start:]) for start in range(len(printed) + 1))
    if not printed:
        return False
    pattern = ".*?".join(re.escape(part) for part in head.split("…"))
    return re.fullmatch(pattern, printed[0]) is not None and _matches(rest, printed[1:])
