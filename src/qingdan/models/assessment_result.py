"""Assessment results (派驻机构考核结果): what each dispatched agency scored under its scheme, its final score and
grade. The arithmetic is exact: scores are Decimals, the final is rounded half-up to two places once, at the
end (SPEC §4.6), so `qingdan` and a clerk with a calculator agree to the cent."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from qingdan.models.assessment import Assessment, Party
from qingdan.models.common import Identified, Model, Record, Text, UnitId, Vocabulary, Weight

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Grade(Vocabulary):
    EXCELLENT = "优秀"
    GOOD = "良好"
    FAIR = "一般"
    POOR = "较差"


class Score(Model):
    """One party's score out of 100, or one indicator's points out of its weight. In a CSV cell, a line whose
    first part is a party (区级部门, 街道(镇), 社会) is a party score, any other an indicator's."""

    LINE_FIELDS: ClassVar = ("party", "score")
    LINE_OTHERWISE: ClassVar = ("indicator", "score")
    LINE_EXAMPLE: ClassVar = "区级部门:92.5"

    party: Annotated[Party | None, Field(title="考核主体")] = None
    indicator: Annotated[Text | None, Field(title="考核指标")] = None
    score: Annotated[Weight, Field(title="得分")]

    @property
    def target(self) -> str | None:
        """What it scores: the party's term or the indicator's name."""
        return self.party.value if self.party is not None else self.indicator


class Bonus(Model):
    score: Annotated[Weight, Field(title="分值")]
    reason: Annotated[Text, Field(title="理由")]


class AssessmentResult(Identified, Record):
    ident: Annotated[Text, Field(alias="id", title="编号")]
    assessment: Annotated[Text, Field(title="考核方案")]
    subject: Annotated[UnitId, Field(title="考核对象")]
    scores: Annotated[list[Score], Field(title="得分", min_length=1)]
    bonus: Annotated[Bonus | None, Field(title="加分")] = None
    final: Annotated[Weight, Field(title="总分")]
    grade: Annotated[Grade | None, Field(title="等次")] = None

    @property
    def label(self) -> str:
        return f"{self.assessment} {self.subject}"

    @property
    def responsible_unit(self) -> str | None:
        return self.subject

    @property
    def by_party(self) -> bool:
        """Scored by party (else by indicator), as its first score says; QD411 reports a mix."""
        return self.scores[0].party is not None


def counted(score: Score, assessment: Assessment) -> Decimal | None:
    """What one score adds to the total: a party's score × its weight / 100, an indicator's points as they
    are; None when the scheme has no such party."""
    if score.party is None:
        return score.score
    weight = next((entry.weight for entry in assessment.parties if entry.party is score.party), None)
    return None if weight is None else score.score * weight / HUNDRED


def computed_final(result: AssessmentResult, assessment: Assessment) -> Decimal | None:
    """The final score the scores and the (capped) bonus make, half-up to two places; None when a score
    cannot be counted (QD411 says why)."""
    total = Decimal(0)
    for score in result.scores:
        points = counted(score, assessment)
        if points is None:
            return None
        total += points
    if result.bonus is not None and result.bonus.score > 0:
        total += min(result.bonus.score, assessment.bonus_cap)
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def grade_of(final: Decimal, bands: Mapping[str, Decimal]) -> str:
    """The grade of a final score: the highest band it reaches (final ≥ bound), else 较差."""
    for name, bound in sorted(bands.items(), key=lambda band: band[1], reverse=True):
        if final >= bound:
            return name
    return Grade.POOR.value


def points(value: Decimal) -> str:
    """A score as a clerk writes it: `92.5`, `100`, `27.56`; never `1E+2`."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
