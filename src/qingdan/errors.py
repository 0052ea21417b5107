"""The few ways a command can fail to run at all (exit 2).

Problems in the data are not exceptions: they are `Problem` values. An exception here means the command
cannot continue, and the CLI turns it into one sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qingdan.problems import Problem


class QingdanError(Exception):
    """Base of every error qingdan raises on purpose; its text is shown to the user as is."""


class UsageError(QingdanError):
    """Bad arguments: an unknown format, a revision that does not resolve, a missing file."""


class RegistryError(QingdanError):
    """No registry found, or its qingdan.yaml is missing or invalid (QD007)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
