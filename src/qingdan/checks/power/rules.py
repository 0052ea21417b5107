"""Rules of a power item's content: its legal basis (QD106) and the record of its cancellation (QD108).
(Its unit is checked with every other unit reference, in `qingdan.checks.units`.)"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import PowerItem
from qingdan.models.kinds import POWER
from qingdan.problems import Finding, Severity


@check("QD106", Severity.ERROR, each=POWER)
def legal_basis_missing(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Main item without legal basis.

    Every power must rest on a law, regulation or rule (设定依据): a main item without one cannot be
    published. Sub-items and grand-sub-items inherit their main item's basis, and a cancelled item is no
    longer published, so only active main items are checked. The problem is reported at the item.

    PASS: `{code: XK-330205-0102, type: 行政许可, legal_basis: [《校车安全管理条例》第十五条]}`
    FAIL: `{code: XK-330205-0102, type: 行政许可}` (no `parent`, no `legal_basis`), or `legal_basis: []`
    """
    if item.parent is None and item.active and not item.legal_basis:
        yield at(item, code=item.code)


@check("QD108", Severity.ERROR, each=POWER)
def cancellation_unrecorded(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    Cancelled item without `adjustment`.

    An item is never deleted: it is cancelled (`status: 已取消`), and the cancellation is a dynamic
    adjustment (动态调整) that must say what was decided, by which document and why, so that the year's
    adjustment report can show it.

    PASS: `status: 已取消` with `adjustment: {type: 取消, document: 江北编〔2020〕3号, date: 2020-04-01}`
    FAIL: `status: 已取消` and no `adjustment`
    """
    if not item.active and item.adjustment is None:
        yield at(item, "status", code=item.code)
