"""Chinese numerals as laws write article, paragraph and item numbers: 第一百一十条, 第二款, （十四）."""

from __future__ import annotations

from functools import lru_cache

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
POWERS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARACTERS = "".join(DIGITS) + "".join(POWERS)
_SHOWN = "零一二三四五六七八九"


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int | None:
    """`一百零五` → 105, `十四` → 14, `14` → 14; None for anything that is not a well-formed positive number
    below 10,000 (`第零条` names no article)."""
    if text.isascii():
        return int(text) if text.isdigit() and int(text) > 0 else None
    total, pending, last_power = 0, None, 10_000
    for character in text:
        if character in DIGITS:
            if pending is not None and pending != 0:
                return None  # two digits in a row: `一二`
            pending = DIGITS[character]
        elif character in POWERS:
            power = POWERS[character]
            if power >= last_power or pending == 0:
                return None
            total += (1 if pending is None else pending) * power
            pending, last_power = None, power
        else:
            return None
    total += pending or 0
    return total if total > 0 else None


@lru_cache(maxsize=4096)
def chinese(number: int) -> str:
    """105 → 一百零五, 14 → 十四: as laws number their articles."""
    if number <= 0:
        return _SHOWN[0]
    parts: list[str] = []
    gap = False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, power)
        if digit:
            if gap and parts:
                parts.append("零")
            parts.append(_SHOWN[digit] + name)
            gap = False
        else:
            gap = bool(parts)
        if not number:
            break
    shown = "".join(parts)
    return shown[1:] if shown.startswith("一十") else shown
