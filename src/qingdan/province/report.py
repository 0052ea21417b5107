"""`qingdan province` as one library call: the districts staged, then the report taken from the cache when
nothing it is made of changed, else computed on DuckDB and written in the format asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingdan.cache.prune import prune_when_due
from qingdan.cache.store import Area, cache_dir
from qingdan.province import Format, formats, output
from qingdan.province.run import Province, computed, read_province, summary_row
from qingdan.province.site import write_site


@dataclass(frozen=True)
class Done:
    province: Province
    districts: int
    items: int
    differing: int  # catalogue entries some district differs from
    text: str | None  # the JSON, when it goes to stdout
    reused: bool  # taken from the cache


def province_report(folder: Path, catalogue: Path | None, fmt: Format, out: Path | None, lang: str) -> Done:
    done = _report(folder, catalogue, fmt, out, lang)
    prune_when_due(cache_dir())  # once a day: districts and reports no run has used for a month
    return done


def _report(folder: Path, catalogue: Path | None, fmt: Format, out: Path | None, lang: str) -> Done:
    province = read_province(folder, catalogue)
    parts = [d.key for d in province.districts] + [province.catalogue.digest, fmt.value, lang]
    key = output.report_key(parts)
    hit = output.cached(key)
    if hit is not None:
        source, facts = hit
        if out is None:
            return _done(province, facts, source.read_text(encoding="utf-8"), reused=True)
        output.place(source, out)
        return _done(province, facts, None, reused=True)
    destination = out or cache_dir() / Area.PROVINCE / "stdout.json"
    with output.replaced(destination) as target:
        facts = _make(province, fmt, target, lang)
    output.keep(key, destination, facts)
    text = destination.read_text(encoding="utf-8") if out is None else None
    if out is None:
        destination.unlink()
    return _done(province, facts, text, reused=False)


def _make(province: Province, fmt: Format, target: Path, lang: str) -> dict[str, Any]:
    if fmt is Format.duckdb:
        districts, items, differing = formats.write_database(province, target)
        return {"districts": districts, "items": items, "differing": differing}
    with computed(province) as done:
        districts, items, differing = summary_row(done.connection)
        if fmt is Format.json:
            target.write_text(formats.as_json(done, lang), encoding="utf-8")
        elif fmt is Format.csv:
            formats.write_csv(done, target)
        else:
            write_site(done, target, lang)
    return {"districts": districts, "items": items, "differing": differing}


def _done(province: Province, facts: dict[str, Any], text: str | None, *, reused: bool) -> Done:
    return Done(province, int(facts["districts"]), int(facts["items"]), int(facts["differing"]), text, reused)
