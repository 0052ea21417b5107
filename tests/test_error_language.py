"""Every way a command can fail to run is said in the user's language: `--lang en` prints no Chinese sentence,
the default prints no English one, and each exits 2 with one sentence and no traceback."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import commit_all, init_repo, write_registry
from qingdan.cli import app

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ENGLISH_WORDS = re.compile(r"\b[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{2,}\b")  # three lower-case words in a row: a sentence

Setup = Callable[[Path], list[str]]


def _registry(tmp: Path) -> Path:
    return write_registry(tmp / "registry", {})


def _repository(tmp: Path) -> Path:
    repo = init_repo(tmp / "repo")
    write_registry(repo / "registry", {})
    commit_all(repo, "start")
    return repo / "registry"


def no_registry(tmp: Path) -> list[str]:
    return ["--registry", str(tmp / "nowhere"), "validate"]


def bad_settings(tmp: Path) -> list[str]:
    root = write_registry(tmp / "registry", {"qingdan.yaml": "qingdan: 2\n"})
    return ["--registry", str(root), "validate"]


def unknown_revision(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "diff", "nosuchrevision"]


def dash_revision(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "validate", "--base=--output=x"]


def not_a_repository(tmp: Path) -> list[str]:
    return ["--registry", str(_registry(tmp)), "diff"]


def since_without_until(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "diff", "--since", "2019-01-01"]


def year_with_revisions(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "diff", "HEAD", "--year", "2019"]


def no_commit_in_year(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "diff", "--year", "1999"]


def unknown_kind(tmp: Path) -> list[str]:
    return ["--registry", str(_registry(tmp)), "export", "--kind", "nosuchkind"]


def unknown_schema(tmp: Path) -> list[str]:
    return ["schema", "nosuchkind"]


def export_unit_of_other_kind(tmp: Path) -> list[str]:
    return ["--registry", str(_registry(tmp)), "export", "--kind", "units", "--unit", "scjgj"]


def old_excel_sheet(tmp: Path) -> list[str]:
    sheet = tmp / "old.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0")
    return ["--registry", str(_registry(tmp)), "import", str(sheet), "--kind", "units"]


def import_into_wrong_folder(tmp: Path) -> list[str]:
    sheet = tmp / "units.csv"
    sheet.write_text("id,name,kind\nnew,新单位,部门\n", encoding="utf-8")
    return ["--registry", str(_registry(tmp)), "import", str(sheet), "--kind", "units", "--into", "power/x.yaml"]


def missing_templates(tmp: Path) -> list[str]:
    return ["--registry", str(_registry(tmp)), "render", "--templates", str(tmp / "none"), "--out", str(tmp / "s")]


def pdf_without_out(tmp: Path) -> list[str]:
    return ["--registry", str(_repository(tmp)), "diff", "--format", "pdf"]


def site_into_a_file(tmp: Path) -> list[str]:
    (tmp / "file.html").write_text("x", encoding="utf-8")
    return ["--registry", str(_registry(tmp)), "render", "--out", str(tmp / "file.html")]


def publish_with_errors(tmp: Path) -> list[str]:
    root = write_registry(tmp / "registry", {"power/bad.yaml": "items: [\n"})
    return ["--registry", str(root), "render", "--out", str(tmp / "site")]


def init_over_a_file(tmp: Path) -> list[str]:
    (tmp / "d").mkdir()
    (tmp / "d" / "units.yaml").write_text("units: []\n", encoding="utf-8")
    return ["init", str(tmp / "d"), "--region", "330206", "--name", "北仑区"]


def init_bad_region(tmp: Path) -> list[str]:
    return ["init", str(tmp / "d"), "--region", "3302", "--name", "北仑区"]


def province_of_nothing(tmp: Path) -> list[str]:
    (tmp / "province").mkdir()
    return ["province", str(tmp / "province"), "--format", "json"]


def province_of_twins(tmp: Path) -> list[str]:
    for name in ("a", "b"):
        write_registry(tmp / "province" / name, {})
    return ["province", str(tmp / "province"), "--format", "json"]


FAILURES: list[Setup] = [
    no_registry,
    bad_settings,
    unknown_revision,
    dash_revision,
    not_a_repository,
    since_without_until,
    year_with_revisions,
    no_commit_in_year,
    unknown_kind,
    unknown_schema,
    export_unit_of_other_kind,
    old_excel_sheet,
    import_into_wrong_folder,
    missing_templates,
    pdf_without_out,
    site_into_a_file,
    publish_with_errors,
    init_over_a_file,
    init_bad_region,
    province_of_nothing,
    province_of_twins,
]


def _said(tmp: Path, setup: Setup, lang: str) -> str:
    result = CliRunner().invoke(app, ["--lang", lang, *setup(tmp)], env={"QINGDAN_CACHE_DIR": str(tmp / "cache")})
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    said = result.output.strip()
    assert said
    return said


@pytest.mark.parametrize("setup", FAILURES, ids=lambda setup: setup.__name__)
def test_english_says_no_chinese(tmp_path: Path, setup: Setup) -> None:
    said = _said(tmp_path, setup, "en")
    # The registry's own values (a file name, 宁波市江北区) may be Chinese; none is in these messages.
    assert not CJK.search(said), said


@pytest.mark.parametrize("setup", FAILURES, ids=lambda setup: setup.__name__)
def test_chinese_says_no_english(tmp_path: Path, setup: Setup) -> None:
    said = _said(tmp_path, setup, "zh")
    assert CJK.search(said), said
    without_quoted = re.sub(r"\(.*?\)|（[^（）]*?）|“.*?”|'.*?'|/\S+|--\S+|git \S+|\S+\.\S+", "", said)
    assert not ENGLISH_WORDS.search(without_quoted), said
