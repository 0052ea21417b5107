"""Every check, in one explicit list. A check's docstring is its documentation (see README's table)."""

from __future__ import annotations

from qingdan.checks.base import SEVERITIES, Check
from qingdan.checks.schema import SCHEMA_CHECKS

CHECKS: tuple[Check, ...] = (*SCHEMA_CHECKS,)

DATA_CHECKS = tuple(check for check in CHECKS if check.run is not None)
BY_ID = {check.ident: check for check in CHECKS}

__all__ = ["BY_ID", "CHECKS", "DATA_CHECKS", "SEVERITIES", "Check"]
