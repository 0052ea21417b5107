"""Power items (QD101–QD109): codes, the item tree, and the rules of an item's content."""

from qingdan.checks.power.codes import code_template, duplicate_code
from qingdan.checks.power.hierarchy import (
    active_under_cancelled,
    hierarchy_depth,
    parent_not_found,
    type_differs_from_parent,
)
from qingdan.checks.power.rules import cancellation_unrecorded, legal_basis_missing

CHECKS = (
    duplicate_code,
    code_template,
    parent_not_found,
    hierarchy_depth,
    legal_basis_missing,
    type_differs_from_parent,
    cancellation_unrecorded,
    active_under_cancelled,
)
