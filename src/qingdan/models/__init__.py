"""The record kinds, one module each: pure pydantic, no I/O."""

from qingdan.models.assessment import Assessment, Indicator, Party, PartyWeight
from qingdan.models.common import Level, Record, Status, YesNo
from qingdan.models.delegation import ALL_TOWNSHIPS, Delegation, DelegationStatus, Mode, Review, Safeguards
from qingdan.models.guide import FREE, Fee, Guide, GuideCategory, Handling, Material, MaterialSource
from qingdan.models.internal_matter import InternalMatter, MatterApplicant, MatterMode, Outcome
from qingdan.models.legal_basis import LegalBasis, parse_citation
from qingdan.models.power import Adjustment, AdjustmentType, PowerItem, PowerType, Source
from qingdan.models.settings import Settings
from qingdan.models.task import CommunityTask, Criteria, Decision, TaskCategory
from qingdan.models.unit import TOWNSHIP_KINDS, Unit, UnitKind, UnitStatus

__all__ = [
    "ALL_TOWNSHIPS",
    "FREE",
    "TOWNSHIP_KINDS",
    "Adjustment",
    "AdjustmentType",
    "Assessment",
    "CommunityTask",
    "Criteria",
    "Decision",
    "Delegation",
    "DelegationStatus",
    "Fee",
    "Guide",
    "GuideCategory",
    "Handling",
    "Indicator",
    "InternalMatter",
    "LegalBasis",
    "Level",
    "Material",
    "MaterialSource",
    "MatterApplicant",
    "MatterMode",
    "Mode",
    "Outcome",
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
    "YesNo",
    "parse_citation",
]
