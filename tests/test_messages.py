"""Both message catalogues say everything, and every problem reads as a finished sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qingdan.messages import en, message, zh
from qingdan.validate import validate

EVERY_MISTAKE = Path(__file__).parent / "examples" / "invalid" / "every-mistake"


def test_catalogues_have_the_same_keys() -> None:
    assert set(zh.MESSAGES) == set(en.MESSAGES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_problem_has_a_complete_message(lang: str) -> None:
    problems = validate(EVERY_MISTAKE).problems
    assert problems
    for found in problems:
        text = message(found, lang)
        assert text and text != found.message_key, found
        assert not re.search(r"\{\w+\}", text), (found, text)
        catalogue = zh.MESSAGES if lang == "zh" else en.MESSAGES
        assert found.message_key in catalogue, found.message_key


def test_chinese_messages_are_in_chinese() -> None:
    for found in validate(EVERY_MISTAKE).problems:
        assert re.search(r"[\u4e00-\u9fff]", message(found, "zh")), found
