"""Message catalogues, one per language, keyed by check id (and a variant after a dot): what every kind shares in
`zh` and `en`, and each kind's own checks in `kinds/<report key>.py`, merged here."""

from __future__ import annotations

import os
import pkgutil
from collections import defaultdict
from importlib import import_module

from qingdan.messages import en, kinds, zh
from qingdan.problems import Problem


def _merged() -> dict[str, dict[str, str]]:
    catalogues = {"zh": dict(zh.MESSAGES), "en": dict(en.MESSAGES)}
    for module in pkgutil.iter_modules(kinds.__path__):
        own = import_module(f"{kinds.__name__}.{module.name}")
        catalogues["zh"].update(own.ZH)
        catalogues["en"].update(own.EN)
    return catalogues


LANGUAGES = _merged()
DEFAULT_LANGUAGE = "zh"


def language(explicit: str | None = None) -> str:
    """`--lang`, else QINGDAN_LANG, else Chinese."""
    chosen = explicit or os.environ.get("QINGDAN_LANG") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, lang: str, /, **args: object) -> str:
    catalogue = LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or catalogue.get(key.split(".")[0]) or key
    return template.format_map(defaultdict(str, {name: str(value) for name, value in args.items()}))


def optional_text(key: str, lang: str, /, **args: object) -> str | None:
    """The text of exactly this key, or None when the catalogue has none (no fallback to a shorter key)."""
    if key not in LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE]):
        return None
    return text(key, lang, **args)


def message(found: Problem, lang: str) -> str:
    return text(found.message_key, lang, **found.args)
