"""The kind table is the one place a kind is declared, and each kind has everything a kind needs: its model, its
checks module, its messages in both languages, and its templates if it has pages."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from qingdan import checks
from qingdan.checks.base import Check
from qingdan.messages import LANGUAGES
from qingdan.models import Record
from qingdan.models.kinds import KINDS, AnyKind
from qingdan.publish.templating import PACKAGED

SOURCE = Path(checks.__file__).parent.parent
TABLE = SOURCE / "models" / "kinds.py"


def kind_id(kind: AnyKind) -> str:
    return kind.name


@pytest.mark.parametrize("kind", KINDS, ids=kind_id)
def test_a_kind_has_its_model(kind: AnyKind) -> None:
    assert issubclass(kind.model, Record)
    assert kind.model.__module__.startswith("qingdan.models.") and kind.model.__module__ != TABLE.stem
    keys = {info.alias or name for name, info in kind.model.model_fields.items()}
    assert kind.key_field in keys
    assert {"status", "adjustment"} <= keys if kind.adjustable else True
    assert set(kind.defaults) <= keys
    assert kind.title and kind.title_en and re.search(r"[\u4e00-\u9fff]", kind.title)


@pytest.mark.parametrize("kind", KINDS, ids=kind_id)
def test_a_kind_has_its_checks_with_messages_in_both_languages(kind: AnyKind) -> None:
    module = importlib.import_module(f"qingdan.checks.{kind.report_key}")
    own = [
        check
        for check in checks.DATA_CHECKS
        if check.run is not None and (check.run.__module__ + ".").startswith(f"{module.__name__}.")
    ]
    assert own, f"qingdan.checks.{kind.report_key} declares no checks"
    variants = _variants_written_in(Path(module.__file__ or ""))
    for check in own:
        assert isinstance(check, Check) and check.run is not None and check.summary
        for lang in ("zh", "en"):
            assert check.ident in LANGUAGES[lang], (check.ident, lang)
    for variant in variants:
        assert any(f"{check.ident}.{variant}" in LANGUAGES["zh"] for check in own), variant


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.page], ids=kind_id)
def test_a_kind_with_pages_has_its_templates(kind: AnyKind) -> None:
    names = [f"{kind.name}.html", f"{kind.name}.pdf.html"]
    names += [f"{kind.name}.unit.html"] if kind.pages_per else []
    for name in names:
        assert (PACKAGED / name).is_file(), name
    assert kind.published


def test_no_module_but_the_kind_table_writes_a_kind_folder() -> None:
    """A string that is a kind's folder name, or a path in it, stands only in the kind table."""
    folders = {kind.name for kind in KINDS} | {kind.report_key for kind in KINDS}
    found = []
    for path in SOURCE.rglob("*.py"):
        if path == TABLE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if value in folders or any(value.startswith(f"{folder}/") for folder in folders):
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {value!r}")
    assert not found, "\n".join(found)


def test_every_error_key_raised_is_in_both_catalogues() -> None:
    """Every `raise SomethingError("key", …)` of the library names a message both languages can say."""
    raised = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
                and node.exc.func.id.endswith("Error")
                and node.exc.args
                and isinstance(node.exc.args[0], ast.Constant)
                and isinstance(node.exc.args[0].value, str)
            ):
                raised.add((path.name, node.exc.func.id, node.exc.args[0].value))
    assert len(raised) > 30
    for where, error, key in raised:
        if error in ("TemplateError", "AttributeError", "ValueError", "PydanticCustomError"):
            continue  # a check's variant, a pydantic error type, and Python's own
        assert key in LANGUAGES["zh"] and key in LANGUAGES["en"], (where, error, key)


def _variants_written_in(module_file: Path) -> set[str]:
    """The literal `variant="…"` arguments in a checks module (or package)."""
    files = module_file.parent.glob("*.py") if module_file.name == "__init__.py" else [module_file]
    found = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "variant" and isinstance(node.value, ast.Constant):
                found.add(str(node.value.value))
    return found
