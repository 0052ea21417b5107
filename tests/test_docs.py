"""The README's check table is generated from the checks' docstrings and must be current."""

from __future__ import annotations

import re
from pathlib import Path

from qingdan.checks import CHECKS
from qingdan.cli.docs import with_table

README = Path(__file__).parent.parent / "README.md"


def test_readme_check_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert with_table(text) == text, "run `make docs` to regenerate the README's check table"


def test_every_check_documents_what_why_pass_and_fail() -> None:
    for check in CHECKS:
        assert check.summary, check.ident
        assert "PASS:" in check.doc and "FAIL:" in check.doc, check.ident
        assert len(check.doc.split("\n\n")) >= 3, f"{check.ident}: what, why, then the examples"


def test_check_ids_are_unique_and_well_formed() -> None:
    ids = [check.ident for check in CHECKS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"QD\d{3}", ident) for ident in ids)


def test_the_readme_shows_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
