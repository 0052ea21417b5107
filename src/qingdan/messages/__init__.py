"""Message catalogues, one per language, keyed by check id (and a refinement after a dot)."""

from __future__ import annotations

import os
from collections import defaultdict

from qingdan.messages import en, zh
from qingdan.problems import Problem

LANGUAGES = {"zh": zh.MESSAGES, "en": en.MESSAGES}
DEFAULT_LANGUAGE = "zh"


def language(explicit: str | None = None) -> str:
    """`--lang`, else QINGDAN_LANG, else Chinese."""
    chosen = explicit or os.environ.get("QINGDAN_LANG") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, lang: str, /, **args: object) -> str:
    catalogue = LANGUAGES.get(lang, zh.MESSAGES)
    template = catalogue.get(key) or catalogue.get(key.split(".")[0]) or key
    return template.format_map(defaultdict(str, {name: str(value) for name, value in args.items()}))


def optional_text(key: str, lang: str, /, **args: object) -> str | None:
    """The text of exactly this key, or None when the catalogue has none (no fallback to a shorter key)."""
    if key not in LANGUAGES.get(lang, zh.MESSAGES):
        return None
    return text(key, lang, **args)


def message(found: Problem, lang: str) -> str:
    return text(found.message_key, lang, **found.args)
