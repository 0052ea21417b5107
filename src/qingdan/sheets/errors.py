"""The one error of the spreadsheet commands."""

from __future__ import annotations

from qingdan.errors import UsageError


class CommandError(UsageError):
    """The command cannot go on (exit 2): an unreadable sheet, a bad --into, data a sheet cannot carry."""
