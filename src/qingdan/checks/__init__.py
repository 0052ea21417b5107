"""Every check, in one explicit list. A check's docstring is its documentation (see README's table)."""

from __future__ import annotations

from qingdan.checks.assessments import ASSESSMENT_CHECKS
from qingdan.checks.base import SEVERITIES, Check
from qingdan.checks.codes import code_template, duplicate_code
from qingdan.checks.delegations import DELEGATION_CHECKS
from qingdan.checks.hierarchy import active_under_cancelled, hierarchy_depth, parent_not_found, type_differs_from_parent
from qingdan.checks.history import HISTORY_CHECKS
from qingdan.checks.ids import ID_CHECKS
from qingdan.checks.power_rules import cancellation_unrecorded, legal_basis_missing, unit_reference
from qingdan.checks.schema import SCHEMA_CHECKS
from qingdan.checks.tasks import TASK_CHECKS

CHECKS: tuple[Check, ...] = (
    *SCHEMA_CHECKS,
    # --- power items (QD1xx) ---
    duplicate_code,
    code_template,
    parent_not_found,
    hierarchy_depth,
    unit_reference,
    legal_basis_missing,
    type_differs_from_parent,
    cancellation_unrecorded,
    active_under_cancelled,
    # --- delegations, community tasks, assessments, ids (QD2xx–QD9xx) ---
    *DELEGATION_CHECKS,
    *TASK_CHECKS,
    *ASSESSMENT_CHECKS,
    *ID_CHECKS,
    # --- history (QD5xx): run by `validate --base`, see qingdan.baseline ---
    *HISTORY_CHECKS,
)

DATA_CHECKS = tuple(check for check in CHECKS if check.run is not None)
BY_ID = {check.ident: check for check in CHECKS}

__all__ = ["BY_ID", "CHECKS", "DATA_CHECKS", "SEVERITIES", "Check"]
