"""Legal bases against the laws' own texts (QD121–QD127, SPEC §4.17): run only when the registry has a law
library. The lists must be made 以现行法律法规规章为依据; these checks read each citation against the current
version of the law it names. The rules they share with `qingdan laws`, `stats` and the diff's law worklist are
in `qingdan.citations`.

Each check but QD127 runs per record, on the kinds whose models carry legal bases (`CITING`, found from the
models' field types); QD127 reads the library's own files, which the run cache treats like qingdan.yaml (a change
of any makes the run cold), so it runs over the registry as a whole and reads no record.
"""

from __future__ import annotations

from collections.abc import Iterator

from qingdan.checks.base import at, check
from qingdan.citations import (
    CITING,
    OUT_OF_FORCE,
    newer_versions,
    out_of_force,
    review_date,
    setting_power_breach,
    setting_power_rule,
)
from qingdan.laws.library import Library
from qingdan.laws.resolve import Resolution, resolve
from qingdan.laws.terms import LawStatus
from qingdan.loader.registry import Registry
from qingdan.models import LegalBasis, PowerItem, Record
from qingdan.models.kinds import POWER
from qingdan.models.legal_basis import basis_fields
from qingdan.problems import Finding, Ref, Severity

Cited = list[tuple[str, int, LegalBasis, Resolution, Library]]
_SHOWN = 60  # characters of an article's current text in a message
_LIST = "、"


@check("QD121", Severity.WARNING, each=CITING)
def law_not_in_library(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    A cited law that is not in the law library (nor its index, nor an alias); the closest known name is suggested.

    Names are compared after NFKC, without spaces, without a leading 中华人民共和国 and with 〈〉 read as 《》, so
    `《食品安全法》` finds 中华人民共和国食品安全法. A name the library does not know is a typo, a law the library
    lacks (add its text, or list it in `laws/index.csv` with its level), or an old name (the law's front matter
    can list it under `aliases`). Active records of every kind that cites laws.

    PASS: `law: 中华人民共和国食品安全法`, a file `laws/法律/食品安全法(2021-04-29).md` titled so
    FAIL: `law: 中华人民共和国食品安全条例` (warning: did you mean 中华人民共和国食品安全法?)
    """
    for name, index, basis, resolution, library in _cited(record, registry):
        if resolution.known is None:
            suggestion = library.suggest(basis.law)
            variant = "suggest" if suggestion else ""
            yield at(record, name, index, "law", variant=variant, law=basis.law, suggestion=suggestion or "")


def _cited(record: Record, registry: Registry) -> Cited:
    """An active record's legal bases (field, index, basis), each with what the library says of it; a list, and
    the library's memo read in place (as generators and calls, it took half as long again).

    Worked out once per record for the six checks that ask, and kept in the library's memo under the record's
    id, with the record (an id is unique only while its object lives; the memo keeps the record alive, and a
    record of another run never matches). At 100,000 items the five checks after the first took 0.7-0.83 s of
    CPU without it, 0.48-0.53 s with it, the first 0.05 s more (loaded machine): 0.2-0.3 s less in all, for 14 MiB
    more. A record without citations is not kept: working that out again costs what the memo would."""
    library = registry.laws
    if library is None:
        return []
    memo = library.memo
    kept = memo.get(id(record))
    if kept is not None and kept[0] is record:
        found: Cited = kept[1]
        return found
    found = []
    for name in basis_fields(type(record)):
        for index, basis in enumerate(getattr(record, name) or ()):
            key = (basis.law, basis.article, basis.text)
            found.append((name, index, basis, memo.get(key) or resolve(library, *key), library))
    if found and record.active:  # (a sub-item has no basis: its status is not read)
        memo[id(record)] = (record, found)
        return found
    return []


@check("QD122", Severity.ERROR, each=CITING, variants={"pending": Severity.WARNING})
def law_not_in_force(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    An active record cites a law whose status is 已废止 (its `replaced_by` named); a warning for 尚未生效.

    A list rests on the laws in force: a repealed law gives no power (the item must follow its successor, or
    be cancelled), and a law not yet in force gives none yet. The status is the current version's front
    matter (`status`, or a `repealed` date), or the index's 状态 for a document cited without its text.

    PASS: a law whose current version has no front matter (现行有效)
    FAIL: `status: 已废止` (`replaced_by: 中华人民共和国民法典`) in the front matter; `status: 尚未生效` (warning)
    """
    library = registry.laws
    if library is None or not OUT_OF_FORCE & library.statuses:
        return  # nothing to find, and nothing of the record to read: most libraries hold laws in force only
    for name, index, _, resolution, _ in _cited(record, registry):
        if not out_of_force(resolution):
            continue
        law = resolution.law
        successor = law.replaced_by if law is not None else None
        if resolution.status is LawStatus.NOT_YET_IN_FORCE:  # not yet a power: a warning (`variants`)
            yield at(record, name, index, "law", variant="pending", law=resolution.title)
        else:
            variant = "replaced" if successor else ""
            yield at(record, name, index, "law", variant=variant, law=resolution.title, successor=successor or "")


@check("QD123", Severity.ERROR, each=CITING)
def article_not_found(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    The cited 条, 款 or 项 does not exist in the current version, or the reference cannot be read.

    `article` is read as `第X条`, `第X条第Y款`, `第X条第Y款第（Z）项`, lists (`第十四条、第十五条`, `第一、二款`,
    `第（一）、（二）项`) and ranges (`第十四条至第十七条`); 款 are the article's paragraphs, 项 the numbered
    paragraphs of a 款. When a law is renumbered, the old number names another article or none: the message
    says which older version has it, if any.

    PASS: `article: 第三十五条第一款` where 第三十五条 has two paragraphs
    FAIL: `第三十五条第三款`; `第一百二十条` in a law of 119 articles; `第十四条第`, `第（一）款`, `第零条` (unreadable)
    """
    for name, index, basis, resolution, _ in _cited(record, registry):
        if resolution.unreadable:
            yield at(record, name, index, "article", variant="unreadable", article=basis.article or "")
        elif resolution.missing:
            older = resolution.older
            variant = "older" if older else ""
            yield at(
                record,
                name,
                index,
                "article",
                variant=variant,
                law=resolution.title,
                missing=resolution.missing,
                date=_date(resolution.version_date),
                older=_date(older.date) if older else "",
            )


@check("QD124", Severity.WARNING, each=CITING)
def quotation_differs(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    The quoted text is not in the cited article of the current version (an older version that matches is named).

    The message gives the current version's date, the article's current text (shortened) and the older version
    that does match, if any.

    The quotation is cut at its ellipses (`……`, `…`, `⋯⋯`, `...`); after NFKC, without spaces, with full- and
    half-width punctuation, quotes and brackets alike (and the marks that end a sentence or clause, 。，；：,
    alike), every fragment must be in the cited article(s), in order. A law amended since the quotation was
    written, or a sentence left out without an ellipsis, shows here.

    PASS: `text: 国家对食品生产经营实行许可制度……应当依法取得许可。` against 食品安全法 第三十五条
    FAIL: `text: ……但是，销售食用农产品，不需要取得许可。` against the 2021 text of 第三十五条 (the 2015 text is named)
    """
    for name, index, basis, resolution, _ in _cited(record, registry):
        if resolution.quoted is False:
            older = resolution.older
            current = resolution.current_text.replace("\n", " ")
            yield at(
                record,
                name,
                index,
                "text",
                variant="older" if older else "",
                law=resolution.title,
                article=basis.article or "",
                date=_date(resolution.version_date),
                current=current[:_SHOWN] + ("……" if len(current) > _SHOWN else ""),
                older=_date(older.date) if older else "",
            )


@check("QD125", Severity.ERROR, each=POWER)
def setting_power(item: PowerItem, registry: Registry) -> Iterator[Finding]:
    """
    设定权: no basis of a 行政许可, 行政处罚 or 行政强制 item is of a level that may create that power.

    An active 行政许可 item none of whose bases is 法律, 行政法规, 国务院决定, 地方性法规, 自治条例和单行条例 or
    地方政府规章 (行政许可法 第十四至十七条); a 行政处罚 item whose bases are all 规范性文件 (行政处罚法 第十六条); a
    行政强制 item none of whose bases is 法律, 行政法规 or 地方性法规 (行政强制法 第十、十一条).

    Only some levels of law may create a power: a 部门规章 or a 规范性文件 cannot create a 行政许可, a 规范性文件
    cannot create a 行政处罚, only 法律, 行政法规 and 地方性法规 create 行政强制措施. The level of each basis is its
    file's folder in the library (or the index's 效力位阶). Judged only when every basis's level is known, on
    main items (sub-items are judged by their main item's bases); reported at the item's `legal_basis`.

    PASS: a 行政许可 item citing 中华人民共和国食品安全法 (法律)
    FAIL: a 行政许可 item citing only a 部门规章; a 行政处罚 item citing only a 规范性文件 listed in `laws/index.csv`
    """
    rule = setting_power_rule(item) if registry.laws is not None else None
    if rule is None:
        return
    levels = setting_power_breach(rule, [resolution.level for _, _, _, resolution, _ in _cited(item, registry)])
    if levels:
        shown = _LIST.join(sorted(level.value for level in levels))
        yield at(item, "legal_basis", type=item.item_type.value, levels=shown, provision=rule[1])


@check("QD126", Severity.WARNING, each=CITING)
def law_changed_since_review(record: Record, registry: Registry) -> Iterator[Finding]:
    """
    A cited law has a version dated after the basis's `checked` date (else the record's `adjustment.date`).

    Most yearly adjustments follow a law being amended, renumbered or repealed. A citation records when it was
    last read against the law (`checked`, 核对日期, in the mapping form); when the library holds a version of the
    law dated after that, someone must read the citation again and record the new date. Records with neither
    date are not judged (`qingdan laws --changed-since DATE` lists them). The citation needs review.

    PASS: `checked: 2021-06-01` citing 食品安全法, whose latest version is dated 2021-04-29
    FAIL: `checked: 2020-03-01` citing the same law (warning: version of 2021-04-29)
    """
    for name, index, basis, resolution, _ in _cited(record, registry):
        since = review_date(record, basis)
        newer = newer_versions(resolution, since)
        if newer:
            where, variant = (("checked",), "") if basis.checked is not None else ((), "adjusted")
            dates = _LIST.join(_date(version.date) for version in newer)
            yield at(record, name, index, *where, variant=variant, law=basis.law, since=_date(since), dates=dates)


@check("QD127", Severity.WARNING)
def library_flaws(registry: Registry) -> Iterator[Finding]:
    """
    The library itself: a file without a title, a level folder or a version date, misnumbered, or twice.

    A file without a title, outside a level folder, without a version date, with article numbers that do not
    increase, or two files with one title and one version date.

    Each law file of the library (Markdown, LawRefBook's layout, UTF-8) must say what it is: its title on the
    first `# ` line, its level by its first folder (`法律/`, `行政法规/` …), its version date in its history
    lines (or the `(YYYY-MM-DD)` ending its name). Also reported here: a file that is not UTF-8 (GB18030, junk
    bytes), a front matter that is not a mapping or has a value qingdan cannot read, a file qingdan may not
    read (a link out of the registry, a linked folder). Reported at the file's own line.

    PASS: `laws/法律/食品安全法(2021-04-29).md` starting `# 中华人民共和国食品安全法`, its articles in order
    FAIL: no `# ` line; `laws/食品安全法.md` (no level folder); `第零条`; a second file with one title and date
    """
    library = registry.laws
    for path, flaw in library.flaws if library is not None else ():
        yield Finding(Ref(path), flaw.variant, dict(flaw.args), line=flaw.line, column=flaw.column)


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""
