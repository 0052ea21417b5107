"""The registry a publication is made from: the working tree, or the registry as of a git revision.

A publication must not silently leave records out, so a registry whose files could not all be read (a
record that fails its schema is missing from the loaded registry) is refused: run `qingdan validate`.
"""

from __future__ import annotations

from pathlib import Path

from qingdan.diff.engine import Revision
from qingdan.loader.load import load_registry, load_settings
from qingdan.loader.registry import Registry
from qingdan.problems import Severity
from qingdan.publish.errors import PublishError
from qingdan.sources.files import Folder
from qingdan.sources.git import History


def load_published(root: Path, rev: str | None = None) -> tuple[Registry, Revision]:
    """The registry to publish and the revision it is (an empty Revision for the working tree)."""
    if rev is None:
        registry, revision = load_registry(root), Revision()
    else:
        settings = load_settings(Folder(root))
        with History(root, settings.tzinfo) as history:
            commit = history.commit(history.resolve(rev))
            registry = load_registry(history.source(commit.sha))
        revision = Revision(commit.sha, commit.date.date())
    errors = [found for found in registry.problems if found.severity is Severity.ERROR]
    if errors or registry.broken:
        raise PublishError("publish.invalid", count=str(max(len(errors), len(registry.broken))))
    return registry, revision
