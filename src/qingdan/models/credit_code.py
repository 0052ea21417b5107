"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character.

Layout: 登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6 digits), 主体标识码 (the 9-character
organisation code), 校验码 (1). The characters are the digits and the capital letters without I, O, Z, S, V
(31 in all, valued 0–30 in this order); the check character is the one valued 31 − (Σ value × weight mod 31),
with 31 read as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = len(WEIGHTS) + 1
_VALUES = {character: value for value, character in enumerate(CHARACTERS)}


def check_character(body: str) -> str:
    """The check character of the first 17 characters (all of them in CHARACTERS)."""
    total = sum(_VALUES[character] * weight for character, weight in zip(body, WEIGHTS, strict=True))
    return CHARACTERS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class CodeFault:
    """What is wrong with a code: `length`, `character` (the first one not allowed) or `check` (the one
    expected)."""

    reason: str
    detail: str = ""


def credit_code_fault(code: str) -> CodeFault | None:
    """None for a valid code, else what is wrong with it."""
    if len(code) != LENGTH:
        return CodeFault("length", str(len(code)))
    wrong = next((character for character in code if character not in _VALUES), None)
    if wrong is not None:
        return CodeFault("character", wrong)
    expected = check_character(code[:-1])
    return None if code[-1] == expected else CodeFault("check", expected)
