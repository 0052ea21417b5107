"""qingdan (清单): keep a local government's official lists as versioned YAML/CSV files in git.

The library API. Names are imported on first use, so that `qingdan validate` on an unchanged registry
answers from its cache without loading pydantic, rich or the parsers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Problem": "qingdan.problems",
    "Severity": "qingdan.problems",
    "QingdanError": "qingdan.errors",
    "RegistryError": "qingdan.errors",
    "UsageError": "qingdan.errors",
    "Registry": "qingdan.loader.registry",
    "load_registry": "qingdan.loader.load",
    "ValidationReport": "qingdan.validation.report",
    "validate": "qingdan.validation.validate",
}

__all__ = [
    "Problem",
    "QingdanError",
    "Registry",
    "RegistryError",
    "Severity",
    "UsageError",
    "ValidationReport",
    "__version__",
    "load_registry",
    "validate",
]

if TYPE_CHECKING:  # the names of __all__, for type checkers and editors
    from qingdan.errors import QingdanError, RegistryError, UsageError
    from qingdan.loader.load import load_registry
    from qingdan.loader.registry import Registry
    from qingdan.problems import Problem, Severity
    from qingdan.validation.report import ValidationReport
    from qingdan.validation.validate import validate


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qingdan' has no attribute {name!r}")
