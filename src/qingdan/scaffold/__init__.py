"""`qingdan init`: a new district's registry that validates clean at once, with its schemas, a README for the
clerks, and at the repository root the pre-commit hook, the CI pipelines and the editor's schema mapping.

Where things go: with `git=True`, DIR becomes a new git repository and the registry its `registry/` folder (the
layout the shipped CI examples and `--registry registry` assume); otherwise the registry is DIR itself and the
repository root is the git repository DIR lies in, or DIR when there is none. Nothing is ever overwritten: if
any file to be written exists, nothing is written at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from qingdan.errors import UsageError
from qingdan.scaffold import registry_files, repository_files
from qingdan.sources.git import init_repository
from qingdan.writing.atomic import write_all

REGISTRY_IN_REPOSITORY = "registry"
_REGION = re.compile(r"\d{6}")


@dataclass(frozen=True)
class Scaffold:
    registry: Path
    root: Path  # the repository root, where the CI files went
    files: tuple[Path, ...]
    repository_created: bool


def scaffold(folder: Path, region_code: str, region_name: str, *, git: bool = False) -> Scaffold:
    """Write a new registry (see the module's docstring); UsageError for a bad region, or a file in the way."""
    if not _REGION.fullmatch(region_code):
        raise UsageError("init.region", code=region_code)
    if not region_name.strip():
        raise UsageError("init.name")
    if folder.exists() and not folder.is_dir():
        raise UsageError("init.not_folder", path=str(folder))
    registry = folder / REGISTRY_IN_REPOSITORY if git else folder
    root = folder if git else _repository_root(folder)
    files = planned(registry, root, region_code, region_name.strip())
    in_the_way = [path for path in (*files, *([folder / ".git"] if git else [])) if path.exists()]
    if in_the_way:
        raise UsageError("init.exists", path=str(in_the_way[0]))
    if git:
        init_repository(folder)
    write_all({path: text.encode("utf-8") for path, text in files.items()})
    return Scaffold(registry, root, tuple(files), git)


def planned(registry: Path, root: Path, region_code: str, region_name: str) -> dict[Path, str]:
    """Every file to write, by path."""
    relative = registry.resolve().relative_to(root.resolve()).as_posix()
    files = {
        registry / "qingdan.yaml": registry_files.settings_yaml(region_code, region_name),
        registry / "units.yaml": registry_files.units_yaml(region_code),
        registry / repository_files.README: repository_files.clerks_readme(region_name, relative),
        root / repository_files.PRE_COMMIT: repository_files.pre_commit_config(relative),
        root / repository_files.GITHUB_WORKFLOW: repository_files.github_workflow(relative),
        root / repository_files.GITLAB_CI: repository_files.gitlab_ci(relative),
        root / repository_files.VSCODE_SETTINGS: repository_files.vscode_settings(relative),
    }
    for name, text in registry_files.schema_files().items():
        files[registry / registry_files.SCHEMAS / name] = text
    return files


def _repository_root(folder: Path) -> Path:
    """The git repository `folder` lies in (found by its `.git`, without running git), else `folder`."""
    resolved = folder.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            return candidate
    return resolved


__all__ = ["REGISTRY_IN_REPOSITORY", "Scaffold", "planned", "scaffold"]
