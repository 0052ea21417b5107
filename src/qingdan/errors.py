"""The few ways a command can fail to run at all (exit 2).

Problems in the data are not exceptions: they are `Problem` values. An exception here means the command
cannot continue. Every one that reaches the user is a message-catalogue key with its arguments, so the CLI
says it in the user's language; `str()` gives the Chinese sentence, for library callers and logs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from qingdan.messages import DEFAULT_LANGUAGE, text

if TYPE_CHECKING:
    from qingdan.problems import Problem


class QingdanError(Exception):
    """Base of every error qingdan raises on purpose: a message key, its arguments, and optionally the file
    (and row) it is about, shown before the sentence."""

    def __init__(self, key: str, /, *, where: str | None = None, **args: object) -> None:
        self.key = key
        self.where = where
        self.values = {name: str(value) for name, value in args.items()}
        super().__init__(key)

    def localized(self, lang: str) -> str:
        sentence = text(self.key, lang, **self.values)
        return f"{self.where}: {sentence}" if self.where else sentence

    def __str__(self) -> str:
        return self.localized(DEFAULT_LANGUAGE)


class UsageError(QingdanError):
    """Bad arguments: an unknown format, a revision that does not resolve, a missing file."""


class RegistryError(QingdanError):
    """No registry found, or its qingdan.yaml is missing or invalid: then `problems` say where, each under
    QD007 (SPEC: a qingdan.yaml that cannot be used stops the run) with its own message (a syntax error's, an
    unknown key's)."""

    def __init__(self, key: str, /, problems: list[Problem] | None = None, **args: Any) -> None:
        super().__init__(key, **args)
        self.problems = [replace(found, check="QD007", key=found.message_key) for found in problems or []]
