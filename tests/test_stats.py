from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qingdan.cli import app
from qingdan.loader.load import load_registry
from qingdan.stats import registry_stats

BUNDLED = Path(__file__).parent.parent / "registry"


def test_bundled_registry_shows_the_2018_cleanup() -> None:
    counts = registry_stats(load_registry(BUNDLED))
    assert counts["community_tasks"] == {"total": 111, "保留": 55, "归并": 45, "取消": 11}


def test_power_counts_add_up_and_count_active_items(sample: Path) -> None:
    power = registry_stats(load_registry(sample))["power"]
    # the sample: 6 items of 区教育局 (one cancelled) + 区民政局 1 + 区卫健局 1 + 区市场监管局 1 + 文教街道 1 (CSV)
    assert (power["total"], power["active"], power["cancelled"]) == (10, 9, 1)
    assert (power["main"], power["sub"], power["grand_sub"]) == (6, 2, 1)
    assert power["by_level"] == {"区级": 8, "街道(镇)": 1, "社区(村)": 0}
    assert sum(power["by_type"].values()) == power["active"] == sum(power["by_unit"].values())


def test_stats_json_has_the_spec_shape(sample: Path) -> None:
    result = CliRunner().invoke(app, ["--registry", str(sample), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[:6] == ["version", "units", "power", "delegations", "community_tasks", "assessments"]
    # every other kind present, in the kind table's order (SPEC §6.2)
    assert list(data)[6:] == [
        "assessment_results",
        "personnel",
        "guides",
        "internal_matters",
        "platform_standard",
        "duties",
        "stationed_tasks",
        "violations",
        "grid_events",
        "institutions",
        "indicator_sets",
        "annual_reports",
        "laws",  # the law library's counts, after every kind
    ]
    by_level = {"法律": 3, "行政法规": 4, "地方性法规": 1, "规范性文件": 1}
    counts = {"citations": 11, "unresolved": 0, "mismatched": 0}
    assert data["laws"] == {"laws": 9, "versions": 8, "by_level": by_level, **counts}
    assert data["assessment_results"] == {"total": 1, "by_grade": {"优秀": 1}}
    assert data["institutions"] == {"total": 1, "by_type": {"义务教育": 1}}
    assert data["personnel"] == {"total": 2} and data["annual_reports"] == {"total": 1}
    categories = {"部门下放或委托至街道(镇)办理事项": 1, "驻场街道(镇)办理事项": 1}
    assert data["guides"] == {"total": 2, "by_category": categories}
    assert data["internal_matters"] == {"total": 1, "直接办理": 0, "审核转报": 1}
    assert data["units"]["派驻机构"] == 1 and data["units"]["工业区"] == 0
    assert data["delegations"] == {"total": 1, "by_status": {"已批准": 1}}
    assert data["community_tasks"] == {"total": 3, "保留": 1, "归并": 1, "取消": 1}


def test_stats_text_names_units_and_speaks_english(sample: Path) -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "--registry", str(sample), "stats"])
    assert result.exit_code == 0, result.output
    assert "Active items by unit" in result.stdout
    assert "区教育局 (jyj)" in result.stdout
