"""Reporters turn a validation report into one output format; the CLI picks one by name and prints it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from qingdan.validation.report import ValidationReport


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "zh"
    display_root: str = ""  # prefix that makes a registry path clickable from the working directory
    repo_root: str = ""  # prefix that makes a registry path relative to the git repository (github)

    def shown(self, file: str) -> str:
        return f"{self.display_root}/{file}" if self.display_root else file

    def in_repo(self, file: str) -> str:
        return f"{self.repo_root}/{file}" if self.repo_root else file


Reporter = Callable[[ValidationReport, ReportOptions], str]

# The formats of `validate`, by name: the module of this package whose `render` writes it (imported when asked
# for). The CLI's `--format` choices are these names.
FORMATS: Mapping[str, str] = MappingProxyType(
    {
        "text": "text",
        "json": "json_report",
        "github": "github",
        "gitlab": "gitlab",
        "sarif": "sarif",
        "junit": "junit",
    }
)


def reporter(name: str) -> Reporter:
    render: Reporter = importlib.import_module(f"{__name__}.{FORMATS[name]}").render
    return render
