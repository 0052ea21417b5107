"""The checks that need git history, declared here with their documentation; `qingdan.history.checks` finds
their problems when `validate --base REV` runs."""

from __future__ import annotations

from qingdan.problems import Severity, found_elsewhere

REUSED_CODE = found_elsewhere(
    "QD501",
    Severity.ERROR,
    """
    A code that once named another item is reused.

    A code is an item's identity for good: old adjustment reports, documents and other systems still point
    at it. Once an item is cancelled or removed, its code is retired; giving it to a different item (another
    name or type) makes every old reference point at the wrong power. Restoring the same item is allowed.
    The whole first-parent history is searched, so this runs with `validate --base`.

    PASS: a new item gets a new code, `XK-330205-0150`
    FAIL: `XK-330205-0103` was 民办学校办学许可, cancelled in 2019, and now names 校车使用许可
""",
)

DELETED_RECORD = found_elsewhere(
    "QD502",
    Severity.WARNING,
    """
    A record deleted outright instead of cancelled.

    The lists are legal commitments: a power that ends is cancelled (`status: 已取消` with its
    `adjustment`), a unit revoked, a delegation withdrawn, so that the adjustment report can say when and
    why. A record that simply vanishes leaves no such trace. Compared with the base revision.

    PASS: `status: 已取消` and `adjustment: {type: 取消, document: 江北编〔2020〕3号, …}`
    FAIL: the item's lines deleted from `power/jyj.yaml`
""",
)

UNRECORDED_CHANGE = found_elsewhere(
    "QD503",
    Severity.WARNING,
    """
    A record changed without a new `adjustment`.

    Every change to a listed power follows the adjustment procedure (a document number, a reason, a
    date), and the annual report is built from these records. A record whose fields changed while its
    `adjustment` stayed as it was (or is missing) is a change nobody can account for. Applies to power
    items and every other kind that records its adjustments (†in SPEC §4). Compared with the base revision.

    PASS: a new legal basis together with `adjustment: {type: 变更, document: 江北编〔2020〕9号, …}`
    FAIL: a new legal basis, `adjustment` unchanged
""",
)
