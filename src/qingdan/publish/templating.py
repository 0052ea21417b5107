"""The Jinja environment of the publications: the packaged templates, optionally overridden file by file.

- Autoescape is on for every template, whatever its file name (Jinja's `select_autoescape` would leave
  unknown extensions unescaped): every value from the registry is HTML-escaped.
- With `--templates DIR`, DIR's files come first (a ChoiceLoader) and the whole environment is sandboxed:
  a user's template may extend or include the packaged ones and sees the same values, so everything runs
  under the same rules. An unsafe access (`''.__class__`) raises jinja2's SecurityError, reported as such.
- StrictUndefined: a misspelt variable in a template is an error, not a silently empty cell in an official
  list.
- Assets (CSS, JS) are copied or inlined as written, never rendered: they are code, not data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from qingdan.messages import optional_text
from qingdan.models.kinds import AnyKind
from qingdan.publish.errors import PublishError
from qingdan.publish.guides import limit_words, qr_svg
from qingdan.publish.results import graded_results
from qingdan.publish.welfare import welfare_views
from qingdan.stats import tally_items

PACKAGED = Path(__file__).resolve().parent.parent / "templates"


def environment(user_dir: Path | None = None) -> Environment:
    folders = [PACKAGED]
    if user_dir is not None:
        if not user_dir.is_dir():
            raise PublishError("publish.templates_dir", path=str(user_dir))
        folders.insert(0, user_dir)
    loader = ChoiceLoader([FileSystemLoader(folder, encoding="utf-8") for folder in folders])
    kind = SandboxedEnvironment if user_dir is not None else Environment
    env = kind(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cn_date"] = cn_date
    env.filters["cn_numeral"] = cn_numeral
    env.filters["nav_entry"] = nav_entry
    env.filters["tally_items"] = tally_items
    env.filters["graded_results"] = graded_results
    env.filters["welfare_views"] = welfare_views
    env.filters["qr"] = qr_svg
    env.filters["limit_words"] = limit_words
    env.filters["tally_label"] = tally_label
    return env


def render(env: Environment, name: str, **context: Any) -> str:
    """One template to text; any template failure becomes a PublishError naming the template."""
    try:
        return env.get_template(name).render(**context)
    except SecurityError as error:
        raise PublishError("publish.security", template=name, detail=str(error)) from error
    except TemplateNotFound as error:
        raise PublishError("publish.template_missing", template=str(error.name)) from error
    except TemplateSyntaxError as error:
        where = f"{error.name or name}:{error.lineno}"
        raise PublishError("publish.template_error", template=where, detail=error.message or "") from error
    except TemplateError as error:
        raise PublishError("publish.template_error", template=name, detail=str(error)) from error


def asset(env: Environment, name: str) -> str:
    """An asset's text as written (the user's file first), not rendered."""
    assert env.loader is not None  # set in `environment`
    try:
        source, _, _ = env.loader.get_source(env, name)
    except TemplateNotFound as error:
        raise PublishError("publish.template_missing", template=name) from error
    return source


def cn_date(value: date | None) -> str:
    """2020年12月31日, as dates are written in official documents."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


_DIGITS = "〇一二三四五六七八九"


def cn_numeral(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九: appendices are numbered 附录一, 附录二 …"""
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        return str(number)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def tally_label(name: str, kind_key: str) -> str:
    """A count's name on a page: `major` of grid events is 大类 (the catalogue's `stats.<kind>.<name>`)."""
    return optional_text(f"stats.{kind_key}.{name}", "zh") or name


def nav_entry(kind: AnyKind) -> tuple[str, str]:
    """A kind's page in the navigation: (href, title)."""
    return f"{kind.name}.html", kind.title
