"""The law worklist of the adjustment report's HTML and PDF (SPEC §6.3): per changed law, its texts ready for the
page (`templates/_laws_worklist.html`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from qingdan.diff.engine import Diff
from qingdan.diff.labels import citing_lines, law_class, law_versions
from qingdan.publish.texts import Text


@dataclass(frozen=True)
class LawWorkView:
    title: str
    class_text: str
    versions: str  # `2015-04-24 → 2021-04-29`
    records: tuple[str, ...]  # the citing records, flagged where the quotation no longer matches


def law_work_views(diff: Diff, lang: str) -> tuple[LawWorkView, ...]:
    return tuple(
        LawWorkView(
            change.title, law_class(change, lang), law_versions(change, lang), tuple(citing_lines(diff, change, lang))
        )
        for change in diff.laws
    )


def law_work_texts(views: tuple[LawWorkView, ...]) -> Iterator[Text]:
    """What the PDF prints of the worklist (its fonts must cover it)."""
    for view in views:
        for value in (view.title, view.class_text, view.versions, *view.records):
            yield "laws", view.title, "worklist", value
