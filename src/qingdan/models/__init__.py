"""The record kinds, one module each: pure pydantic, no I/O."""

from qingdan.models.assessment import Assessment, Indicator, Party, PartyWeight
from qingdan.models.common import Level, Record, Status
from qingdan.models.delegation import ALL_TOWNSHIPS, Delegation, DelegationStatus, Mode, Review, Safeguards
from qingdan.models.legal_basis import LegalBasis, parse_citation
from qingdan.models.power import Adjustment, AdjustmentType, PowerItem, PowerType, Source
from qingdan.models.settings import Settings
from qingdan.models.task import CommunityTask, Criteria, Decision, TaskCategory
from qingdan.models.unit import TOWNSHIP_KINDS, Unit, UnitKind, UnitStatus

__all__ = [
    "ALL_TOWNSHIPS",
    "TOWNSHIP_KINDS",
    "Adjustment",
    "AdjustmentType",
    "Assessment",
    "CommunityTask",
    "Criteria",
    "Decision",
    "Delegation",
    "DelegationStatus",
    "Indicator",
    "LegalBasis",
    "Level",
    "Mode",
    "Party",
    "PartyWeight",
    "PowerItem",
    "PowerType",
    "Record",
    "Review",
    "Safeguards",
    "Settings",
    "Source",
    "Status",
    "TaskCategory",
    "Unit",
    "UnitKind",
    "UnitStatus",
    "parse_citation",
]
