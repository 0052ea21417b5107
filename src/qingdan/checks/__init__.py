"""Every check, in one register: importing this package imports each of its modules (one module, or package, of
checks per record kind, named after it, and the checks across kinds), whose `@check` declarations enter the
register of `qingdan.problems`, as the checks made while reading files (`qingdan.file_checks`) do. A check is
declared once, where it is written: there is no list to forget it in. A check's docstring is its
documentation (see README's table)."""

from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType

import qingdan.file_checks  # noqa: F401 (QD001–QD008 enter the register)
from qingdan.checks.base import Check
from qingdan.problems import Rule, declared

for _module in pkgutil.walk_packages(__path__, f"{__name__}."):
    importlib.import_module(_module.name)
del _module

CHECKS: tuple[Rule, ...] = declared()
# The checks that run on a loaded registry, by id (the history checks run with `validate --base`).
DATA_CHECKS: tuple[Check, ...] = tuple(check for check in CHECKS if isinstance(check, Check) and check.run is not None)
BY_ID = MappingProxyType({check.ident: check for check in CHECKS})

__all__ = ["BY_ID", "CHECKS", "DATA_CHECKS", "Check"]
