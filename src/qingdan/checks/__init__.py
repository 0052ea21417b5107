"""Every check, in one list: the checks made while reading files, then one module (or package) of checks
per record kind, named after the kind, and the checks across kinds. A check's docstring is its
documentation (see README's table)."""

from __future__ import annotations

from qingdan.checks import (
    annual_reports,
    assessment_results,
    assessments,
    catalogue,
    community_tasks,
    delegations,
    duties,
    grid_events,
    guides,
    history,
    ids,
    indicator_sets,
    institutions,
    internal_matters,
    laws,
    personnel,
    platform_standard,
    power,
    stationed_tasks,
    units,
    violations,
)
from qingdan.checks.base import Check
from qingdan.file_checks import FILE_CHECKS
from qingdan.problems import Rule

# Per kind (named after its report key, e.g. `community_tasks`), then the catalogue's and the law library's, then
# across kinds.
MODULES = (
    units,
    power,
    delegations,
    community_tasks,
    assessments,
    assessment_results,
    personnel,
    institutions,
    indicator_sets,
    annual_reports,
    guides,
    internal_matters,
    platform_standard,
    duties,
    stationed_tasks,
    violations,
    grid_events,
    catalogue,
    laws,
    ids,
    history,
)

CHECKS: tuple[Rule, ...] = tuple(
    sorted((*FILE_CHECKS, *(check for module in MODULES for check in module.CHECKS)), key=lambda rule: rule.ident)
)
# The checks that run on a loaded registry (the history checks run with `validate --base`).
DATA_CHECKS = tuple(check for check in CHECKS if isinstance(check, Check) and check.run is not None)
BY_ID = {check.ident: check for check in CHECKS}

__all__ = ["BY_ID", "CHECKS", "DATA_CHECKS", "MODULES", "Check"]
