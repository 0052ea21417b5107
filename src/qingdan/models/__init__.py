"""The record kinds, one module each: pure pydantic, no I/O."""

from qingdan.models.assessment import Assessment, Indicator, Party, PartyWeight
from qingdan.models.assessment_result import AssessmentResult, Bonus, Grade, Score
from qingdan.models.common import Level, Record, Status, YesNo
from qingdan.models.delegation import ALL_TOWNSHIPS, Delegation, DelegationStatus, Mode, Review, Safeguards
from qingdan.models.duty import Duty, Share
from qingdan.models.grid_event import Escalation, EventLevel, GridEvent, Tier
from qingdan.models.guide import FREE, Fee, Guide, GuideCategory, Handling, Material, MaterialSource
from qingdan.models.internal_matter import InternalMatter, MatterApplicant, MatterMode, Outcome
from qingdan.models.legal_basis import LegalBasis, parse_citation
from qingdan.models.personnel import Action, Opinion, PersonnelChange, Rank
from qingdan.models.places import LOCAL_TOWNSHIP, OWN_TOWNSHIP
from qingdan.models.platform_standard import Requirement, Topic
from qingdan.models.power import Adjustment, AdjustmentType, PowerItem, PowerType, Source
from qingdan.models.settings import Settings
from qingdan.models.stationed_task import AssignmentSource, Platform, StationedTask
from qingdan.models.task import CommunityTask, Criteria, Decision, TaskCategory
from qingdan.models.unit import TOWNSHIP_KINDS, Unit, UnitKind, UnitStatus
from qingdan.models.violation import Violation
from qingdan.models.welfare import (
    AnnualReport,
    Aspect,
    Direction,
    IndicatorSet,
    Institution,
    InstitutionType,
    SetIndicator,
)

__all__ = [
    "ALL_TOWNSHIPS",
    "FREE",
    "LOCAL_TOWNSHIP",
    "OWN_TOWNSHIP",
    "TOWNSHIP_KINDS",
    "Action",
    "Adjustment",
    "AdjustmentType",
    "AnnualReport",
    "Aspect",
    "Assessment",
    "AssessmentResult",
    "AssignmentSource",
    "Bonus",
    "CommunityTask",
    "Criteria",
    "Decision",
    "Delegation",
    "DelegationStatus",
    "Direction",
    "Duty",
    "Escalation",
    "EventLevel",
    "Fee",
    "Grade",
    "GridEvent",
    "Guide",
    "GuideCategory",
    "Handling",
    "Indicator",
    "IndicatorSet",
    "Institution",
    "InstitutionType",
    "InternalMatter",
    "LegalBasis",
    "Level",
    "Material",
    "MaterialSource",
    "MatterApplicant",
    "MatterMode",
    "Mode",
    "Opinion",
    "Outcome",
    "Party",
    "PartyWeight",
    "PersonnelChange",
    "Platform",
    "PowerItem",
    "PowerType",
    "Rank",
    "Record",
    "Requirement",
    "Review",
    "Safeguards",
    "Score",
    "SetIndicator",
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
    "YesNo",
    "parse_citation",
]
