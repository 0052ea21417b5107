"""The record kinds, one module each: pure pydantic, no I/O."""

from qingdan.models.assessment import Assessment, Indicator, Party, PartyWeight
from qingdan.models.common import Level, Record, Status
from qingdan.models.delegation import ALL_TOWNSHIPS, Delegation, DelegationStatus, Mode, Review, Safeguards
from qingdan.models.duty import Duty, Share
from qingdan.models.grid_event import Escalation, EventLevel, GridEvent, Tier
from qingdan.models.legal_basis import LegalBasis, parse_citation
from qingdan.models.places import LOCAL_TOWNSHIP, OWN_TOWNSHIP
from qingdan.models.platform_standard import Requirement, Topic
from qingdan.models.power import Adjustment, AdjustmentType, PowerItem, PowerType, Source
from qingdan.models.settings import Settings
from qingdan.models.stationed_task import AssignmentSource, Platform, StationedTask
from qingdan.models.task import CommunityTask, Criteria, Decision, TaskCategory
from qingdan.models.unit import TOWNSHIP_KINDS, Unit, UnitKind, UnitStatus
from qingdan.models.violation import Violation

__all__ = [
    "ALL_TOWNSHIPS",
    "LOCAL_TOWNSHIP",
    "OWN_TOWNSHIP",
    "TOWNSHIP_KINDS",
    "Adjustment",
    "AdjustmentType",
    "Assessment",
    "AssignmentSource",
    "CommunityTask",
    "Criteria",
    "Decision",
    "Delegation",
    "DelegationStatus",
    "Duty",
    "Escalation",
    "EventLevel",
    "GridEvent",
    "Indicator",
    "LegalBasis",
    "Level",
    "Mode",
    "Party",
    "PartyWeight",
    "Platform",
    "PowerItem",
    "PowerType",
    "Record",
    "Requirement",
    "Review",
    "Safeguards",
    "Settings",
    "Share",
    "Source",
    "StationedTask",
    "Status",
    "TaskCategory",
    "Tier",
    "Topic",
    "Unit",
    "UnitKind",
    "UnitStatus",
    "Violation",
    "parse_citation",
]
