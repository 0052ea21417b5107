"""Open data (SPEC §8.1): `export --format datapackage|parquet`, checked with the tools their users run —
`frictionless validate` on the package, DuckDB over the Parquet files — and the package under the site's data/."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from helpers import write_registry
from qingdan.cli import app
from qingdan.models.kinds import KINDS, SIMPLE

BUNDLED = Path(__file__).parent.parent / "registry"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def frictionless_valid(descriptor: Path) -> tuple[bool, list[str]]:
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(descriptor)], capture_output=True, encoding="utf-8", check=False
    )
    report = json.loads(done.stdout)
    errors = [error["message"] for task in report["tasks"] for error in task["errors"]]
    return bool(report["valid"]), errors


def column_types(connection: duckdb.DuckDBPyConnection, parquet: str) -> dict[str, str]:
    rows = connection.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()
    return {row[0]: row[1] for row in rows}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package")
    run("--registry", str(BUNDLED), "export", "--format", "datapackage", "--out", str(out))
    return out


def test_the_bundled_package_passes_frictionless_validate(package: Path) -> None:
    valid, errors = frictionless_valid(package / "datapackage.json")
    assert valid, errors
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == [kind.name for kind in KINDS if kind.published]
    power = next(resource for resource in descriptor["resources"] if resource["name"] == "power")
    assert power["title"] == "权力事项" and power["schema"]["primaryKey"] == ["code"]
    assert power["schema"]["foreignKeys"] == [
        {"fields": ["unit"], "reference": {"resource": "units", "fields": ["id"]}}
    ]
    titles = {field["name"]: field["title"] for field in power["schema"]["fields"]}
    assert titles["catalog_code"] == "基本编码" and titles["adjustment_type"] == "调整.调整类型"


def test_a_broken_foreign_key_fails_validation(package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "package"
    copy.mkdir()
    for path in package.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    power = (copy / "power.csv").read_text(encoding="utf-8").replace(",scjgj,", ",nosuch,", 1)
    (copy / "power.csv").write_text(power, encoding="utf-8", newline="")
    valid, errors = frictionless_valid(copy / "datapackage.json")
    assert not valid and any("nosuch" in error or "foreign" in error.lower() for error in errors)


def test_duckdb_counts_per_unit_are_the_stats(tmp_path: Path) -> None:
    run("--registry", str(BUNDLED), "export", "--format", "parquet", "--out", str(tmp_path))
    stats = json.loads(run("--registry", str(BUNDLED), "stats", "--format", "json"))
    power, units = (tmp_path / "power.parquet").as_posix(), (tmp_path / "units.parquet").as_posix()
    query = f"""
        SELECT u.id, count(*) FROM read_parquet('{power}') p JOIN read_parquet('{units}') u ON p.unit = u.id
        GROUP BY u.id ORDER BY u.id"""
    with duckdb.connect() as connection:
        by_unit = dict(connection.execute(query).fetchall())
        active = f"SELECT kind, count(*) FROM read_parquet('{units}') WHERE status = '有效' GROUP BY kind"
        kinds = dict(connection.execute(active).fetchall())  # revoked units are exported too: older records name them
        types = column_types(connection, power)
    assert by_unit == stats["power"]["by_unit"]
    assert sum(by_unit.values()) == stats["power"]["active"]
    assert {kind: count for kind, count in stats["units"].items() if count} == kinds
    assert types["legal_basis"] == "VARCHAR[]"


def test_typed_columns_in_parquet(tmp_path: Path) -> None:
    run("--registry", str(BUNDLED), "export", "--format", "parquet", "--out", str(tmp_path))
    with duckdb.connect() as connection:
        delegations = (tmp_path / "delegations.parquet").as_posix()
        types = column_types(connection, delegations)
        assessments = (tmp_path / "assessments.parquet").as_posix()
        year = connection.execute(f"SELECT typeof(year) FROM read_parquet('{assessments}') LIMIT 1").fetchall()
    assert types["effective_date"] == "DATE" and types["review_date"] == "DATE" and types["to_units"] == "VARCHAR[]"
    assert year == [("BIGINT",)]


def test_hostile_text_is_inert_in_the_csv_and_kept_in_parquet(tmp_path: Path) -> None:
    items = """\
    unit: scjgj
    items:
      - {code: XK-330205-0001, name: '=HYPERLINK("http://x","y")', type: 行政许可, legal_basis: [《某法》]}
    """
    root = write_registry(tmp_path / "registry", {"power/scjgj.yaml": items})
    run("--registry", str(root), "export", "--format", "datapackage", "--out", str(tmp_path / "dp"))
    run("--registry", str(root), "export", "--format", "parquet", "--out", str(tmp_path / "pq"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "dp" / "power.csv").read_text(encoding="utf-8"))))
    assert rows[0]["name"] == '\'=HYPERLINK("http://x","y")'
    with duckdb.connect() as connection:
        parquet = (tmp_path / "pq" / "power.parquet").as_posix()
        assert connection.execute(f"SELECT name FROM read_parquet('{parquet}')").fetchall() == [
            ('=HYPERLINK("http://x","y")',)
        ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "datapackage"], "needs --out"),
        (["--format", "parquet", "--kind", "power", "--out", "x"], "do not apply"),
        (["--format", "csv"], "--kind"),
    ],
)
def test_export_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "--registry", str(BUNDLED), "export", *args])
    assert result.exit_code == 2 and message in result.stderr


def test_the_site_carries_the_package_linked_from_the_index(tmp_path: Path) -> None:
    run("--registry", str(BUNDLED), "render", "--format", "html", "--out", str(tmp_path / "site"))
    assert (tmp_path / "site" / "data" / "datapackage.json").is_file()
    assert 'href="data/datapackage.json"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    valid, errors = frictionless_valid(tmp_path / "site" / "data" / "datapackage.json")
    assert valid, errors


def test_the_simple_editions_package_shows_only_what_that_edition_shows(tmp_path: Path) -> None:
    run("--registry", str(BUNDLED), "render", "--edition", "simple", "--out", str(tmp_path))
    data = tmp_path / "data"
    expected = [f"{kind.name}.csv" for kind in KINDS if not kind.public(SIMPLE).empty]
    assert sorted(path.name for path in data.iterdir()) == sorted(["datapackage.json", *expected])
    assert "internal-matters.csv" not in expected and "personnel.csv" not in expected
    header = (data / "power.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "code,name,type,unit"
    violations = (data / "violations.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "name" in violations and "prohibited_by" not in violations and "penalty_items" not in violations
    everything = "".join(path.read_text(encoding="utf-8") for path in data.iterdir())
    assert "中华人民共和国食品安全法" not in everything and "法律法规依据" not in everything
    valid, errors = frictionless_valid(data / "datapackage.json")
    assert valid, errors
