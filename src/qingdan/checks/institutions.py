"""Public institutions (事业单位) of the 公益效能 pilot: who they are, by their unified social credit code, and who
runs them."""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.loader.registry import Registry
from qingdan.models import TOWNSHIP_KINDS, Institution, UnitKind
from qingdan.models.credit_code import LENGTH, credit_code_fault
from qingdan.models.kinds import INSTITUTIONS, UNITS
from qingdan.problems import Finding, Severity

_SPONSORS = TOWNSHIP_KINDS | {UnitKind.DEPARTMENT}


@check("QD805", Severity.ERROR, each=INSTITUTIONS)
def credit_code_and_sponsor(institution: Institution, registry: Registry) -> Iterator[Finding]:
    """
    An invalid credit code (length, characters or GB 32100 check character), or a sponsor of the wrong kind.

    The unified social credit code has 18 characters from the digits and the capital letters without I, O,
    Z, S and V; the last is a check character computed from the other 17 (GB 32100-2015), so a mistyped
    character is caught: the message gives the check character the first 17 call for. The sponsor (举办单位)
    of an institution is a 部门, 街道 or 镇 of units.yaml.

    PASS: `credit_code: 12330205419520013R`, `sponsor: jyj` (区教育局, a 部门)
    FAIL: `credit_code: 12330205419520013Q` (the check character should be R); `1233020541952O013R` (the
    letter O); a code of 17 characters; `sponsor: wenjiao-scjgs` (a 派驻机构)
    """
    fault = credit_code_fault(institution.credit_code)
    if fault is not None:
        args = {"code": institution.credit_code, "detail": fault.detail, "length": str(LENGTH)}
        yield at(institution, "credit_code", variant=fault.reason, **args)
    unit = registry.by_key(UNITS).get(institution.sponsor)
    if unit is None:
        if institution.sponsor not in registry.broken:
            yield at(institution, "sponsor", variant="unknown", sponsor=institution.sponsor)
    elif unit.kind not in _SPONSORS:
        yield at(institution, "sponsor", variant="kind", sponsor=institution.sponsor, kind=unit.kind.value)
