"""Running every data check over a loaded registry, on two cores when that pays.

After loading, the second core is idle (the loader's helper has ended) while the checks run, a third of a cold
run at 100,000 items. For a registry of `SPLIT_RECORDS` records a forked process runs about half of the checks
(by the records each visits) on its copy of the registry and hands back their problems, pickled, through a
pipe; this process runs the others meanwhile. Their problems are put together in the order of `DATA_CHECKS`,
as one process finds them. Below the range a fork costs more than it saves; above it the pages the second
process touches (every record it reads changes a reference count) would be copied, up to the registry's size
again, and counted twice in the resident memory of the two. Whatever the second process does not hand back is
run here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterable

from qingdan.checks import DATA_CHECKS, laws
from qingdan.checks.base import Check
from qingdan.loader.registry import Registry
from qingdan.problems import Problem

# Records of a registry whose checks are run on two cores. At 100,000 items (41 MiB of files, 320 MiB resident)
# the checks took 0.9 s in one process; at 2,000 records, 0.02 s, less than forking and handing back costs.
SPLIT_RECORDS = range(20_000, 250_001)


def check_problems(registry: Registry) -> list[Problem]:
    """Every data check's problems, in the order of `DATA_CHECKS`."""
    if registry.record_count not in SPLIT_RECORDS or not hasattr(os, "fork"):
        return [problem for check in DATA_CHECKS for problem in check.problems(registry)]
    theirs = _half(registry, DATA_CHECKS)
    reading, writing = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return [problem for check in DATA_CHECKS for problem in check.problems(registry)]
    if child == 0:  # the second process: its half of the checks, handed back, then leave without exit handlers
        status = 1
        try:
            os.close(reading)
            done = {check.ident: list(check.problems(registry)) for check in DATA_CHECKS if check.ident in theirs}
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    mine = {check.ident: list(check.problems(registry)) for check in DATA_CHECKS if check.ident not in theirs}
    handed = _collect(reading, child)
    problems: list[Problem] = []
    for check in DATA_CHECKS:
        found = mine.get(check.ident)
        if found is None:
            found = handed.get(check.ident)
        problems.extend(found if found is not None else check.problems(registry))
    return problems


def _half(registry: Registry, checks: Iterable[Check]) -> frozenset[str]:
    """About half of the checks' work, by the records each visits (a check over the whole registry counted as a
    tenth of it), the largest module first, each to the lighter side. The checks of one module go to one side:
    they share what they work out (the law checks open one library, read its texts and resolve each citation
    once: split check by check over both sides, the checks of 100,000 items with a 3,500-file library took
    6.5-7.9 s of CPU instead of 4.2-4.5, on a loaded machine). Without a library the law checks visit nothing."""
    total = registry.record_count

    def visits(check: Check) -> int:
        if check.run is not None and check.run.__module__ == laws.__name__ and registry.library is None:
            return 0
        return sum(len(registry.of(kind)) for kind in check.each) if check.each else total // 10

    modules: dict[str, list[Check]] = {}
    for check in checks:
        modules.setdefault(check.run.__module__ if check.run is not None else "", []).append(check)
    weights = {module: sum(map(visits, group)) for module, group in modules.items()}
    loads, theirs = [0, 0], set[str]()
    for module in sorted(modules, key=lambda module: weights[module], reverse=True):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += weights[module]
        if side:
            theirs.update(check.ident for check in modules[module])
    return frozenset(theirs)


def _collect(reading: int, child: int) -> dict[str, list[Problem]]:
    """What the second process handed back; {} if it failed (its checks are then run here)."""
    try:
        with os.fdopen(reading, "rb") as pipe:
            blob = pipe.read()
        found = pickle.loads(blob)  # from a child of this process, through a pipe: trusted as its own objects
    except Exception:
        found = {}
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
    return found if isinstance(found, dict) else {}
