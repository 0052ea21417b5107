"""One state of the served site after another: refresh the registry kept in memory (only changed files are
read), then validate (incrementally, through the run cache, in a process of its own: `serve.validate`) while
the publication is built again from the one before (`publish.incremental`: only the units the save touched
are arranged again) and the pages it did not change are kept.

When the registry cannot be loaded (qingdan.yaml broken or gone), the last good site stays and the state
says why; the next save that mends it brings the site back.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from qingdan.diff.engine import Revision
from qingdan.errors import QingdanError, RegistryError
from qingdan.messages import text
from qingdan.models import Settings
from qingdan.publish.incremental import Publisher
from qingdan.publish.model import Edition
from qingdan.publish.site import today
from qingdan.serve.live import LiveRegistry, Refreshed
from qingdan.serve.pages import Site, SiteMaker
from qingdan.serve.problems import ProblemView, problem_views
from qingdan.serve.validate import Found, Validator


@dataclass(frozen=True)
class Snapshot:
    """What the server shows now. `site` is the last site that could be made (None before the first)."""

    generation: int
    site: Site | None
    problems: tuple[ProblemView, ...] = ()
    errors: int = 0
    warnings: int = 0
    broken: str | None = None  # why the registry cannot be loaded now
    held: tuple[str, ...] = ()  # files shown as their last version without errors of their own


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild did, for the terminal."""

    snapshot: Snapshot
    files: tuple[str, ...]  # the files saved (as the watcher named them) and the registry files read again
    pages: int  # pages that changed
    seconds: float


class Builder:
    def __init__(self, root: Path, edition: Edition, lang: str) -> None:
        self.root = root
        self.edition = edition
        self.lang = lang
        self.live = LiveRegistry(root)
        self.publisher = Publisher(edition)
        self.maker = SiteMaker()
        self.snapshot = Snapshot(0, None)
        self.validator = Validator(root, lang)
        self._basis: tuple[Settings, date] | None = None  # what the last site was made from, besides the files

    def rebuild(self, named: Collection[str] = ()) -> Rebuilt:
        """The next state, from the files as they are now; `named`: files the watcher saw change."""
        started = time.perf_counter()
        try:
            return self._next(named, started)
        except RegistryError as error:
            found = tuple(Found.of(problem, self.lang) for problem in error.problems)
            return self._broken(error.localized(self.lang), problem_views(found, None, self.lang), started)
        except QingdanError as error:
            return self._broken(error.localized(self.lang), (), started)
        except Exception as error:  # a fault of serve's own must not end it: the clerk keeps the last site
            detail = f"{type(error).__name__}: {error}"
            return self._broken(text("internal", self.lang, detail=detail), (), started)

    def close(self) -> None:
        self.validator.close()

    def _next(self, named: Collection[str], started: float) -> Rebuilt:
        refreshed = self.live.refresh(named)
        validation = self.validator.start()  # runs meanwhile, in its own process
        site = self._site(refreshed)
        site.render_again()
        report = self.validator.result(validation)
        problems = problem_views(report.problems, site.publication, self.lang)
        last = self.snapshot
        news = site.changed or (problems, report.errors, report.warnings, refreshed.held, None) != (
            last.problems,
            last.errors,
            last.warnings,
            last.held,
            last.broken,
        )  # a save that changed nothing shown (a comment, a blank line) reloads no page
        generation = last.generation + 1 if news else last.generation
        self.snapshot = Snapshot(generation, site, problems, report.errors, report.warnings, held=refreshed.held)
        files = tuple(sorted({*named, *refreshed.changed}))
        return Rebuilt(self.snapshot, files, site.changed, time.perf_counter() - started)

    def _site(self, refreshed: Refreshed) -> Site:
        """The next site; the last one as it is when no file, setting or date it was made from changed (a
        save of the catalogue, say, changes problems only)."""
        registry = refreshed.registry
        basis = (registry.settings, today(registry))
        last = self.snapshot.site
        if last is not None and not refreshed.changed and basis == self._basis:
            return replace(last, changed=0, again=())
        self._basis = basis
        publication = self.publisher.publish(registry, Revision(), basis[1])
        return self.maker.next(publication, registry)

    def _broken(self, why: str, problems: tuple[ProblemView, ...], started: float) -> Rebuilt:
        errors = sum(1 for found in problems if found.severity == "error")
        self.snapshot = replace(
            self.snapshot,
            generation=self.snapshot.generation + 1,
            problems=problems,
            errors=errors,
            warnings=0,
            broken=why,
            held=(),
        )
        return Rebuilt(self.snapshot, (), 0, time.perf_counter() - started)
