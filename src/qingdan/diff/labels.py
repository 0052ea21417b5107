"""What every human-readable format shows of a change, in the user's language."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from qingdan.diff.engine import UNKNOWN_LEVEL, CatalogueChange, Change, ChangeClass, Diff, FieldChange, Revision
from qingdan.diff.laws import LawChange
from qingdan.messages import text
from qingdan.models.catalogue import CatalogueEntry
from qingdan.models.kinds import BY_REPORT_KEY, POWER

SHORT_REV = 10


def class_label(change_class: ChangeClass, lang: str) -> str:
    return text(f"diff.class.{change_class.name.lower()}", lang)


def kind_label(kind: str, lang: str) -> str:
    """The title of a kind given by its report key."""
    return BY_REPORT_KEY[kind].title_in(lang)


def level_label(level: str, lang: str) -> str:
    return text("diff.level.unknown", lang) if level == UNKNOWN_LEVEL else level


def column(name: str, lang: str) -> str:
    return text(f"diff.column.{name}", lang)


def field_label(kind: str, name: str, lang: str) -> str:
    """Chinese: the model's title (事项名称); English: the key as written in the files (name)."""
    return _titles(kind).get(name, name) if lang == "zh" else name


@cache
def _titles(kind: str) -> dict[str, str]:
    model = BY_REPORT_KEY[kind].model
    return {info.alias or name: info.title or name for name, info in model.model_fields.items()}


def unit_label(diff: Diff, unit: str | None) -> str:
    """`区市场监督管理局 (scjgj)`, or the id alone when neither registry names it."""
    if not unit:
        return ""
    name = diff.unit_names.get(unit)
    return f"{name} ({unit})" if name else unit


def revision_label(revision: Revision, lang: str) -> str:
    shown = revision.rev[:SHORT_REV] if revision.rev else text("diff.worktree", lang)
    return f"{shown} ({revision.iso_date})" if revision.iso_date else shown


def title(diff: Diff, lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    return f"{text('diff.title', lang)}{colon}{revision_label(diff.old, lang)} → {revision_label(diff.new, lang)}"


def reader_title(diff: Diff, lang: str) -> str:
    """The report's title for its reader, from the region and the period: `宁波市江北区 2020 年度清单调整情况`;
    for other spans, their dates (of the revisions when no period was asked for)."""
    if not diff.region:
        return title(diff, lang)
    period = diff.period
    if period.year is not None:
        return text("report.title.year", lang, region=diff.region, year=period.year)
    if period.since is not None and period.until is not None:
        since, until = _day(period.since, lang), _day(period.until, lang)
        return text("report.title.span", lang, region=diff.region, since=since, until=until)
    old, new = diff.old.date, diff.new.date
    if old is not None and new is not None:
        return text("report.title.between", lang, region=diff.region, old=_day(old, lang), new=_day(new, lang))
    if old is not None:
        return text("report.title.since", lang, region=diff.region, old=_day(old, lang))
    return text("report.title.plain", lang, region=diff.region)


def _day(value: date, lang: str) -> str:
    shown = value.date() if isinstance(value, datetime) else value
    return f"{shown.year}年{shown.month}月{shown.day}日" if lang == "zh" else shown.isoformat()


def class_cell(change: Change, lang: str) -> str:
    label = class_label(change.change_class, lang)
    if not change.deleted:
        return label
    note = text("diff.deleted", lang)
    return f"{label}（{note}）" if lang == "zh" else f"{label} ({note})"


def field_line(kind: str, change: FieldChange, lang: str, limit: int | None = None) -> str:
    """`事项名称: old → new`; long values cut at `limit` characters."""
    unset = text("diff.unset", lang)
    old, new = (_cut(value, limit) if value is not None else unset for value in (change.old, change.new))
    return f"{field_label(kind, change.field, lang)}: {old} → {new}"


def adjustment_text(change: Change, name: str) -> str:
    value = (change.adjustment or {}).get(name)
    return str(value) if value is not None else ""


def _cut(value: str, limit: int | None) -> str:
    return value if limit is None or len(value) <= limit else value[: limit - 1] + "…"


def summary_rows(diff: Diff, lang: str) -> list[tuple[str, str, str, int]]:
    """(kind, level, class, count) in report order; level is empty for kinds other than power."""
    rows: list[tuple[str, str, str, int]] = []
    for kind, counts in diff.summary.items():
        by_level = counts.items() if kind == POWER.report_key else [("", counts)]
        for level, classes in by_level:
            for change_class, count in classes.items():
                shown = level_label(level, lang) if level else ""
                rows.append((kind_label(kind, lang), shown, class_label(ChangeClass(change_class), lang), count))
    return rows


# --- the catalogue worklist (`qingdan.diff.catalogue`) -----------------------------------------------------------


def catalogue_title(diff: Diff, lang: str) -> str:
    return f"{text('catalogue.diff.title', lang)} ({len(diff.catalogue)})"


def catalogue_field_line(change: FieldChange, lang: str, limit: int | None = None) -> str:
    """`事项名称: old → new` with the catalogue's own column titles (its keys in English)."""
    unset = text("diff.unset", lang)
    old, new = (_cut(value, limit) if value is not None else unset for value in (change.old, change.new))
    titles = {info.alias or name: info.title or name for name, info in CatalogueEntry.model_fields.items()}
    label = titles.get(change.field, change.field) if lang == "zh" else change.field
    return f"{label}: {old} → {new}"


def catalogue_class(change: CatalogueChange, lang: str) -> str:
    label = class_label(change.change_class, lang)
    if not change.deleted:
        return label
    note = text("diff.deleted", lang)
    return f"{label}（{note}）" if lang == "zh" else f"{label} ({note})"


def implementing_text(diff: Diff, change: CatalogueChange, lang: str) -> str:
    """The items that implement the entry, `XK-330205-0101 (区市场监督管理局 (scjgj))`, one per line."""
    if not change.items:
        return text("catalogue.diff.none_implementing", lang)
    return "\n".join(f"{code} ({unit_label(diff, unit)})" for code, unit in change.items)


# --- the law worklist (`qingdan.diff.laws`) ------------------------------------------------------------------------


def laws_title(diff: Diff, lang: str) -> str:
    return f"{text('laws.diff.title', lang)} ({len(diff.laws)})"


def law_class(change: LawChange, lang: str) -> str:
    return text(f"laws.diff.class.{change.change_class.name.lower()}", lang)


def law_versions(change: LawChange, lang: str) -> str:
    """`2015-04-24 → 2021-04-29` (— for a side without the law)."""
    unset = text("diff.unset", lang)
    old, new = (when.isoformat() if when else unset for when in (change.old_date, change.new_date))
    return f"{old} → {new}"


def citing_lines(diff: Diff, change: LawChange, lang: str) -> list[str]:
    """The records citing the law, `XK-330205-0101 食品经营许可 (区市场监督管理局 (scjgj)) 第三十五条第一款`,
    flagged when the quotation no longer matches."""
    if not change.citing:
        return [text("laws.diff.none_citing", lang)]
    lines = []
    for record in change.citing:
        unit = f" ({unit_label(diff, record.unit)})" if record.unit else ""
        line = f"{record.key} {record.name}{unit} {record.article or ''}".rstrip()
        lines.append(line + (f" — {text('laws.diff.mismatched', lang)}" if record.mismatched else ""))
    return lines
