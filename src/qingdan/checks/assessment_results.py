"""Assessment results (派驻机构考核结果): the final score must be exactly what the scores and the bonus make,
since year-end bonuses, ratings and promotions turn on it; the grade must follow the bands of qingdan.yaml.
All arithmetic is Decimal, rounded half-up to two places once, at the end."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from qingdan.checks.base import at, check, found
from qingdan.loader.registry import Registry
from qingdan.models import Assessment, AssessmentResult
from qingdan.models.assessment_result import HUNDRED, computed_final, grade_of, points
from qingdan.models.kinds import ASSESSMENT_RESULTS, ASSESSMENTS
from qingdan.problems import Finding, Severity


def _scheme(registry: Registry, result: AssessmentResult) -> Assessment | None:
    return registry.by_key(ASSESSMENTS).get(result.assessment)


@check("QD410", Severity.ERROR, each=ASSESSMENT_RESULTS)
def final_score(result: AssessmentResult, registry: Registry) -> Iterator[Finding]:
    """
    `final` is not what the scores and bonus make (SPEC §4.6), or the bonus exceeds `bonus_max`.

    A party's score is out of 100 and counts `score × weight / 100`; an indicator's points count as they
    are; the bonus (加分, more than 0 and at most the scheme's `bonus_max`, 0 unless it says otherwise) is
    added, and the sum is rounded half-up to two places. The message shows the total qingdan computed. A
    result whose scores do not match its scheme (QD411) is not totalled.

    PASS: weights 60/30/10, `scores: [{party: 区级部门, score: 92.5}, {party: 街道(镇), score: 88}, {party: 社会,
    score: 95.25}]`, `final: 91.43` (55.5 + 26.4 + 9.525 = 91.425, half-up)
    FAIL: the same with `final: 91.42`; `bonus: {score: 3, reason: …}` where `bonus_max` is 2
    """
    assessment = _scheme(registry, result)
    if assessment is None or _mismatched(result, assessment):
        return
    bonus = result.bonus
    if bonus is not None and not Decimal(0) < bonus.score <= assessment.bonus_cap:
        cap = points(assessment.bonus_cap)
        yield at(result, "bonus", "score", variant="bonus", bonus=points(bonus.score), cap=cap)
    expected = computed_final(result, assessment)
    if expected is not None and expected != result.final:
        yield at(result, "final", final=points(result.final), expected=format(expected, "f"))


def _mismatched(result: AssessmentResult, assessment: Assessment) -> bool:
    return next(_score_problems(result, assessment), None) is not None


@check("QD411", Severity.ERROR, each=ASSESSMENT_RESULTS)
def scores_match_scheme(result: AssessmentResult, registry: Registry) -> Iterator[Finding]:
    """
    A score out of range; a party or indicator of the scheme without a score, scored twice, or unknown.

    A result is scored either by party (each of the scheme's `parties`, out of 100) or by indicator (each of
    its `indicators`, out of the indicator's weight), one form for the whole result. Every party (or
    indicator) of the scheme gets exactly one score; a score for something the scheme does not assess cannot
    be counted.

    PASS: `scores: [{party: 区级部门, score: 92.5}, {party: 街道(镇), score: 88}, {party: 社会, score: 95}]`
    FAIL: `{party: 社会, score: 105}`; 社会 left out; `{indicator: 群众满意度测评, score: 12}` where that
    indicator weighs 10; a result mixing `party` and `indicator` scores
    """
    assessment = _scheme(registry, result)
    if assessment is not None:
        yield from _score_problems(result, assessment)
        yield from _score_ranges(result, assessment)


def _score_problems(result: AssessmentResult, assessment: Assessment) -> Iterator[Finding]:
    """What keeps the scores from being counted: their form, and what they score against the scheme."""
    for index, score in enumerate(result.scores):
        if (score.party is None) == (score.indicator is None):
            yield at(result, "scores", index, variant="form")
        elif (score.party is not None) != result.by_party:
            yield at(result, "scores", index, variant="mixed")
    by_party = result.by_party
    if by_party:
        expected = [entry.party.value for entry in assessment.parties]
    elif assessment.indicators:
        expected = [indicator.name for indicator in assessment.indicators]
    else:
        yield at(result, "scores", 0, "indicator", variant="no_indicators", assessment=assessment.ident)
        return
    field = "party" if by_party else "indicator"
    seen: set[str] = set()
    for index, score in enumerate(result.scores):
        target = score.target
        if target is None or (score.party is not None) != by_party:
            continue
        if target not in expected:
            yield at(result, "scores", index, field, variant="unknown", target=target, assessment=assessment.ident)
        elif target in seen:
            yield at(result, "scores", index, field, variant="twice", target=target)
        seen.add(target)
    missing = [target for target in expected if target not in seen]
    if missing:
        ref = result.field_ref("scores")
        yield found(ref, variant="missing", record=result.key, field="scores", at_key=True, missing="、".join(missing))


def _score_ranges(result: AssessmentResult, assessment: Assessment) -> Iterator[Finding]:
    weights = {indicator.name: indicator.weight for indicator in assessment.indicators or ()}
    for index, score in enumerate(result.scores):
        top = HUNDRED if score.party is not None else weights.get(score.indicator or "")
        if top is not None and not Decimal(0) <= score.score <= top:
            yield at(result, "scores", index, "score", variant="range", score=points(score.score), top=points(top))


@check("QD412", Severity.ERROR, each=ASSESSMENT_RESULTS)
def grade_follows_bands(result: AssessmentResult, registry: Registry) -> Iterator[Finding]:
    """
    `grade` contradicts the `grades` bands.

    A final score earns the highest band of qingdan.yaml's `grades` it reaches (by default 优秀 from 90,
    良好 from 80, 一般 from 60, below that 较差). The grade is judged by the result's own `final`.

    PASS: `final: 91.43`, `grade: 优秀`
    FAIL: `final: 89.99`, `grade: 优秀` (良好: 89.99 is below 90)
    """
    expected = grade_of(result.final, registry.settings.grades)
    if result.grade is not None and result.grade.value != expected:
        yield at(result, "grade", grade=result.grade.value, expected=expected, final=points(result.final))


@check("QD413", Severity.ERROR)
def one_result_per_subject(registry: Registry) -> Iterator[Finding]:
    """
    Result for a subject not in the assessment, or two results for one subject and assessment.

    A result belongs to one scheme (`assessment`, an id of assessments/) and one of that scheme's
    `subjects`; each subject gets one result per scheme, or two final scores would compete.

    PASS: `assessment: KH-2020-07`, `subject: wenjiao-scjgs`, where KH-2020-07 assesses wenjiao-scjgs
    FAIL: `subject: zhuangqiao-scjgs` (not assessed by KH-2020-07); `assessment: KH-2020-99` (no such
    scheme); a second result for KH-2020-07 and wenjiao-scjgs
    """
    seen: set[tuple[str, str]] = set()
    for result in registry.of(ASSESSMENT_RESULTS):
        assessment = _scheme(registry, result)
        if assessment is None:
            if result.assessment not in registry.broken:
                yield at(result, "assessment", variant="unknown", assessment=result.assessment)
        elif result.subject not in assessment.subjects:
            yield at(result, "subject", subject=result.subject, assessment=assessment.ident)
        pair = (result.assessment, result.subject)
        if pair in seen:
            yield at(result, "subject", variant="twice", subject=result.subject, assessment=result.assessment)
        seen.add(pair)
