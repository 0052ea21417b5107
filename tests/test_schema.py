"""JSON Schemas come from the models, accept every bundled file and refuse a typo, as judged by an
independent validator (check-jsonschema)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qingdan.cli import app
from qingdan.reporters.jsonschema import SCHEMA_NAMES, dumps, file_schema, schema_file_name

BUNDLED = Path(__file__).parent.parent / "registry"
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))


def _files_of(kind: str) -> list[Path]:
    if kind == "settings":
        return [BUNDLED / "qingdan.yaml"]
    if kind == "units":
        return [BUNDLED / "units.yaml"]
    return sorted((BUNDLED / kind).glob("*.yaml"))


def _check(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_bundled_schemas_are_current() -> None:
    for name in SCHEMA_NAMES:
        written = (BUNDLED / "schemas" / schema_file_name(name)).read_text(encoding="utf-8")
        assert written == dumps(file_schema(name)), f"run `qingdan schema --write registry/schemas` ({name})"


@pytest.mark.parametrize("kind", SCHEMA_NAMES)
def test_every_bundled_file_passes_its_schema(kind: str) -> None:
    files = _files_of(kind)
    assert files
    result = _check(BUNDLED / "schemas" / schema_file_name(kind), files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundled_yaml_files_point_editors_at_their_schema() -> None:
    for kind in SCHEMA_NAMES:
        for path in _files_of(kind):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            target = first.removeprefix("# yaml-language-server: $schema=")
            assert target != first, path
            assert (path.parent / target).resolve() == (BUNDLED / "schemas" / schema_file_name(kind)).resolve()


def test_a_typo_in_a_key_is_refused(tmp_path: Path) -> None:
    typo = tmp_path / "scjgj.yaml"
    text = (BUNDLED / "power" / "scjgj.yaml").read_text(encoding="utf-8")
    typo.write_text(text.replace("    legal_basis:", "    legal_bases:", 1), encoding="utf-8")
    result = _check(BUNDLED / "schemas" / "power.schema.json", [typo])
    assert result.returncode == 1
    assert "legal_bases" in result.stdout


def test_schema_command_titles_are_chinese_and_vocabularies_enums() -> None:
    result = CliRunner().invoke(app, ["schema", "power", "--record"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["code"]["title"] == "事项编码"
    assert "行政许可" in schema["$defs"]["PowerType"]["enum"]


def test_schema_write_writes_every_kind(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--write", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(map(schema_file_name, SCHEMA_NAMES))
    assert shutil.which(CHECK_JSONSCHEMA)


def test_unknown_kind_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["schema", "powers"])
    assert result.exit_code == 2
