"""Reporters turn a validation report into one output format; the CLI picks one by name and prints it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


def reporter(name: str) -> Reporter:
    from qingdan.reporters import github, gitlab, json_report, junit, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "sarif": sarif.render,
        "junit": junit.render,
    }[name]


FORMATS = ("text", "json", "github", "gitlab", "sarif", "junit")
