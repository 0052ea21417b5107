"""Both message catalogues say everything, and every problem reads as a finished sentence."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from qingdan.messages import LANGUAGES, message
from qingdan.validation.validate import validate

EVERY_MISTAKE = Path(__file__).parent / "examples" / "invalid" / "every-mistake"


def test_catalogues_have_the_same_keys() -> None:
    assert set(LANGUAGES["zh"]) == set(LANGUAGES["en"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_problem_has_a_complete_message(lang: str) -> None:
    problems = validate(EVERY_MISTAKE).problems
    assert problems
    catalogue = LANGUAGES[lang]
    for found in problems:
        assert found.message_key in catalogue, found.message_key
        template = catalogue[found.message_key]
        wanted = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert wanted <= set(found.args), (found.message_key, wanted - set(found.args))
        assert message(found, lang).strip()


def test_chinese_messages_are_in_chinese() -> None:
    for found in validate(EVERY_MISTAKE).problems:
        assert re.search(r"[\u4e00-\u9fff]", message(found, "zh")), found
