"""The demo history (demo/build_history.py): dated commits replaying 2018–2020 that end at the bundled registry.

Every commit's registry is exported with `git archive` (no checkout, no worktree) and validated as it stands.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from demo.build_history import AUTHOR_EMAIL, AUTHOR_NAME, REGISTRY, STEPS, Built, DemoError, build, main
from qingdan.loader.load import load_registry
from qingdan.loader.registry import Registry
from qingdan.models import UnitStatus
from qingdan.models.kinds import ASSESSMENTS, COMMUNITY_TASKS, DELEGATIONS, GUIDES, INTERNAL_MATTERS, POWER, UNITS
from qingdan.validation.validate import validate

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_DATES = [
    "2018-12-28",
    "2019-03-20",
    "2019-06-28",
    "2019-08-15",
    "2019-09-06",
    "2019-10-08",
    "2019-12-30",
    "2020-01-10",
    "2020-01-15",
    "2020-03-02",
    "2020-05-08",
    "2020-05-20",
    "2020-06-01",
    "2020-06-16",
    "2020-07-02",
    "2020-07-16",
    "2020-08-03",
    "2020-09-01",
    "2020-09-28",
    "2020-10-22",
    "2020-11-02",
    "2020-11-20",
    "2020-12-18",
    "2020-12-25",
    "2020-12-31",
    "2021-06-30",
    "2021-09-01",
    "2021-12-28",
]
# 外滩街道's statutory items and the street that held each before the 2020 reform
WAITAN_ITEMS = {
    "GF-330205-0801": "zhongma",
    "QT-330205-0802": "baisha",
    "JC-330205-0803": "zhongma",
    "QT-330205-0804": "baisha",
}
COMMUNITIES = ("waitan-fushi", "waitan-xinma", "waitan-yancang", "waitan-waitan", "waitan-baisha", "waitan-rihu")


@dataclass(frozen=True)
class Demo:
    repo: Path
    commits: list[Built]
    exports: Path
    home: Path

    def git(self, *args: str) -> bytes:
        """Read-only git with no configuration of the developer's."""
        env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
        env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(self.home), XDG_CONFIG_HOME=str(self.home))
        return subprocess.run(["git", "-C", str(self.repo), *args], env=env, capture_output=True, check=True).stdout

    def export(self, sha: str) -> Path:
        """The commit's registry/ folder, written out with `git archive | tar -x` (made once per commit)."""
        target = self.exports / sha
        if not target.exists():
            target.mkdir(parents=True)
            archive = self.git("archive", "--format=tar", sha, "registry")
            subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        return target / "registry"

    def registry(self, sha: str) -> Registry:
        return load_registry(self.export(sha))

    def at(self, day: str) -> Built:
        (found,) = [commit for commit in self.commits if commit.step.date.startswith(day)]
        return found

    def last_before(self, day: str) -> Built:
        """The last commit of the first-parent history dated before `day` (local time, as `--year` reads it)."""
        return [commit for commit in self.commits if commit.step.date[:10] < day][-1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    base = tmp_path_factory.mktemp("demo-history")
    repo = base / "repo"
    (base / "home").mkdir()
    return Demo(repo, build(repo), base / "exports", base / "home")


def files_of(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    }


def test_last_commit_is_the_bundled_registry_byte_for_byte(demo: Demo) -> None:
    bundled = files_of(REGISTRY)
    committed = files_of(demo.export(demo.commits[-1].sha))
    assert sorted(committed) == sorted(bundled)
    for relative, content in bundled.items():
        assert committed[relative] == content, relative
    assert demo.git("status", "--porcelain") == b""  # and the worktree is that commit


def test_commits_dates_and_authors(demo: Demo) -> None:
    log = demo.git("log", "--first-parent", "--reverse", "--format=%H%x00%aI%x00%cI%x00%an%x00%ae%x00%P%x00%s")
    rows = [line.split("\x00") for line in log.decode("utf-8").splitlines()]
    assert len(rows) == len(STEPS) == len(EXPECTED_DATES) == 28
    assert [row[0] for row in rows] == [commit.sha for commit in demo.commits]
    assert [row[1][:10] for row in rows] == EXPECTED_DATES
    for sha, authored, committed, name, email, parents, subject in rows:
        assert authored == committed and authored.endswith("+08:00"), sha
        assert (name, email) == (AUTHOR_NAME, AUTHOR_EMAIL)
        assert len(parents.split()) <= 1, "no merges"
        assert subject.strip()
    assert [row[1] for row in rows] == sorted(row[1] for row in rows)
    assert rows[0][6].startswith("2018年清单初始版本")
    assert demo.git("rev-parse", "--abbrev-ref", "HEAD").strip() == b"main"


def test_every_commit_validates_without_problems(demo: Demo) -> None:
    problems = {
        commit.step.date[:10]: dict(sorted(Counter(p.check for p in report.problems).items()))
        for commit in demo.commits
        if (report := validate(demo.export(commit.sha))).problems
    }
    # The year-end edition adopts the province's catalogue (two of its 县级 entries are not implemented yet) and
    # the law library, which finds what 2021 then fixes: laws it lacks until 2021 (安全生产法 …) and documents not
    # yet in its index (QD121), 就业促进法 第五十二条 quoted without an ellipsis, 食品安全法 quoted from its 2018
    # text which the library lacks (QD124), 道路运输条例 第六十三条 cited by an item it does not have (QD123).
    # The 2021 texts bring the 安全生产法 renumbering (QD123) and 食品安全法 第三十五条 (QD124); the year-end review
    # leaves the catalogue's two warnings only.
    catalogue = {"QD115": 2}
    assert problems == {
        "2020-12-31": {**catalogue, "QD121": 18, "QD123": 1, "QD124": 12, "QD126": 2},
        "2021-06-30": {**catalogue, "QD121": 13, "QD123": 3, "QD124": 12, "QD126": 2},
        "2021-09-01": {**catalogue, "QD121": 13, "QD123": 1, "QD124": 10, "QD126": 2},
        "2021-12-28": catalogue,
    }


def test_the_2018_edition(demo: Demo) -> None:
    first = demo.registry(demo.commits[0].sha)
    units = first.by_key(UNITS)
    assert units["zhongma"].active and units["zhongma"].division_code == "330205001000"
    assert units["baisha"].active and units["baisha"].division_code == "330205002000"
    assert "waitan" not in units and "qianjiang" not in units
    assert not first.of(DELEGATIONS) and not first.of(ASSESSMENTS)
    assert len(first.of(COMMUNITY_TASKS)) == 111
    for code, unit in WAITAN_ITEMS.items():
        if code != "JC-330205-0803":  # the waste-sorting regulation came in 2019
            assert first.by_key(POWER)[code].unit == unit
    for code in ("CF-330205-1207", "XK-330205-1002-02", "CF-330205-1308", "XK-330205-1104"):  # cancelled later
        assert first.by_key(POWER)[code].active and first.by_key(POWER)[code].adjustment is None
    for code in ("CF-330205-0507", "CF-330205-0209", "CF-330205-1106", "XK-330205-0503", "FW-330205-0811"):
        assert code not in first.by_key(POWER)  # added later


def test_the_2020_reform_commit_revokes_the_old_streets_and_transfers_their_items(demo: Demo) -> None:
    reform = demo.at("2020-06-16")
    assert "甬政发〔2020〕35号" in reform.step.subject
    parent = demo.git("rev-parse", f"{reform.sha}^").decode().strip()
    before, after = demo.registry(parent), demo.registry(reform.sha)

    for street in ("zhongma", "baisha"):
        assert before.by_key(UNITS)[street].status is UnitStatus.ACTIVE
        assert after.by_key(UNITS)[street].status is UnitStatus.REVOKED
    assert "waitan" not in before.by_key(UNITS) and "qianjiang" not in before.by_key(UNITS)
    assert after.by_key(UNITS)["waitan"].active and after.by_key(UNITS)["qianjiang"].active
    assert after.by_key(UNITS)["waitan"].division_code == "330205001000"
    assert after.by_key(UNITS)["zhongma"].division_code is None

    for code, old_unit in WAITAN_ITEMS.items():
        old, new = before.by_key(POWER)[code], after.by_key(POWER)[code]
        assert (old.unit, new.unit) == (old_unit, "waitan")
        assert new.adjustment is not None
        assert new.adjustment.adjustment_type.value == "划转"
        assert (new.adjustment.document, str(new.adjustment.date)) == ("甬政发〔2020〕35号", "2020-06-16")
        assert old.model_dump(exclude={"unit", "adjustment"}) == new.model_dump(exclude={"unit", "adjustment"})
    assert [item.code for item in after.of(POWER) if item.unit == "qianjiang"] == ["GF-330205-0921"]
    assert not [item for item in after.of(POWER) if item.unit in ("zhongma", "baisha")]

    for ident in COMMUNITIES:
        assert before.by_key(UNITS)[ident].parent in ("zhongma", "baisha")
        assert after.by_key(UNITS)[ident].parent == "waitan"


def test_year_2020_shows_the_street_merger(demo: Demo) -> None:
    """What `qingdan diff --year 2020` compares: the last commits before 2020-01-01 and before 2021-01-01."""
    old = demo.registry(demo.last_before("2020-01-01").sha)
    new = demo.registry(demo.last_before("2021-01-01").sha)
    assert old.by_key(UNITS)["zhongma"].active and old.by_key(UNITS)["baisha"].active
    assert not new.by_key(UNITS)["zhongma"].active and not new.by_key(UNITS)["baisha"].active
    assert {"waitan", "qianjiang"} <= set(new.by_key(UNITS)) - set(old.by_key(UNITS))
    for code, old_unit in WAITAN_ITEMS.items():
        assert old.by_key(POWER)[code].unit == old_unit
        assert new.by_key(POWER)[code].unit == "waitan"  # 划转: a move within the 街道(镇) level
        assert old.by_key(UNITS)[old_unit].level == new.by_key(UNITS)["waitan"].level
    delegated = [item for item in new.of(POWER) if item.delegation and item.code not in old.by_key(POWER)]
    assert len(delegated) == 41
    assert {delegation.key for delegation in new.of(DELEGATIONS)} == {f"XF-2020-0{n}" for n in range(1, 6)}
    cancelled = {item.code for item in new.of(POWER) if not item.active} - {
        i.code for i in old.of(POWER) if not i.active
    }
    assert cancelled == {"XK-330205-1002-02", "CF-330205-1308", "XK-330205-1104"}


def test_the_community_level_and_the_service_guides_come_in_2020(demo: Demo) -> None:
    """The 社区(村) power lists (2020-09-28), then the 办事指南 standard with its street items and the pilot of
    internal matters (2020-12-25): each commit validates (above), and before it the registry had none."""
    lists = demo.at("2020-09-28")
    before = demo.registry(demo.git("rev-parse", f"{lists.sha}^").decode().strip())
    after = demo.registry(lists.sha)
    levels = {unit.key: unit.level.value for unit in after.of(UNITS)}
    assert not [item for item in before.of(POWER) if levels.get(item.unit) == "社区(村)"]
    holders = {item.unit for item in after.of(POWER) if levels.get(item.unit) == "社区(村)"}
    assert {after.by_key(UNITS)[unit].kind.value for unit in holders} == {"社区", "村"} and len(holders) == 4

    guides = demo.at("2020-12-25")
    before = demo.registry(demo.git("rev-parse", f"{guides.sha}^").decode().strip())
    after = demo.registry(guides.sha)
    assert not before.of(GUIDES) and not before.of(INTERNAL_MATTERS) and not before.settings.pilot_streets
    assert len(after.of(GUIDES)) == 28 and len(after.of(INTERNAL_MATTERS)) == 10
    added = set(after.by_key(POWER)) - set(before.by_key(POWER))
    assert len(added) == 16 and {after.by_key(POWER)[code].unit for code in added} == {
        "waitan",
        "kongpu",
        "wenjiao",
        "yongjiang",
        "zhuangqiao",
        "hongtang",
        "qianjiang",
        "cicheng",
    }


def test_year_2019_holds_ordinary_adjustments(demo: Demo) -> None:
    old = demo.registry(demo.last_before("2019-01-01").sha)
    new = demo.registry(demo.last_before("2020-01-01").sha)
    assert not new.by_key(POWER)["CF-330205-1207"].active  # 取消
    assert {"CF-330205-0507", "CF-330205-0209", "QT-330205-0408"} <= set(new.by_key(POWER)) - set(old.by_key(POWER))
    renamed = new.by_key(POWER)["XK-330205-0104"]
    assert renamed.name != old.by_key(POWER)["XK-330205-0104"].name
    assert renamed.adjustment is not None and renamed.adjustment.adjustment_type.value == "更名"
    moved = [item for item in new.of(POWER) if item.unit == "wgltj"]  # the same records, now in a CSV file
    assert moved and {item.file for item in moved} == {"power/wgltj.csv"}
    for item in moved:
        before = old.by_key(POWER)[item.code]
        assert before.file == "power/wgltj.yaml"
        assert before.model_dump() == item.model_dump()


def test_output_folder_must_be_absent_or_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    assert main([str(tmp_path)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["keep.txt"]


def test_a_changed_bundle_fails_loudly(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    waitan = registry / "power" / "waitan.yaml"
    waitan.write_text(waitan.read_text(encoding="utf-8").replace("GF-330205-0801", "GF-330205-0809"), encoding="utf-8")
    with pytest.raises(DemoError, match=r"^undoing “.+”: power/waitan\.yaml: expected one record GF-330205-0801"):
        build(tmp_path / "out", registry)
    assert not (tmp_path / "out").exists()


def test_script_runs_from_anywhere_and_ignores_the_callers_git_setup(tmp_path: Path) -> None:
    env = dict(os.environ, GIT_DIR=str(tmp_path / "elsewhere"), GIT_AUTHOR_NAME="someone", GIT_AUTHOR_DATE="2030-01-01")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(ROOT / "demo" / "build_history.py"), str(out), "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "elsewhere").exists()
    demo = Demo(out, [], tmp_path / "exports", tmp_path)
    assert demo.git("log", "-1", "--format=%an %aI").decode().strip() == f"{AUTHOR_NAME} 2021-12-28T17:00:00+08:00"


def test_the_2021_law_worklist(demo: Demo) -> None:
    """2021: the laws amended that year arrive in the library. Until the September adjustment, the records citing
    食品安全法 第三十五条 are flagged (their quotation is the 2015 text); by the year's end nothing is."""
    from qingdan.diff.engine import diff_registries
    from qingdan.diff.laws import law_worklist
    from qingdan.sources.files import Folder

    def worklist(old: Built, new: Built) -> dict[str, tuple[str, list[tuple[str, bool]]]]:
        sources = (Folder(demo.export(old.sha)), Folder(demo.export(new.sha)))
        registries = (demo.registry(old.sha), demo.registry(new.sha))
        changes = law_worklist(*sources, registries, lambda: registries[1])
        return {
            change.title: (change.change_class.value, [(r.key, r.mismatched) for r in change.citing])
            for change in changes
        }

    end_2020, june, year_end = demo.at("2020-12-31"), demo.at("2021-06-30"), demo.at("2021-12-28")
    food = worklist(end_2020, june)["中华人民共和国食品安全法"]
    assert food[0] == "修改" and ("XK-330205-0101", True) in food[1]
    assert worklist(end_2020, june)["中华人民共和国安全生产法"] == (
        "新增",
        [("CF-330205-1204", False), ("JC-330205-1205", False), ("QZ-330205-1206", True)],
    )
    whole_year = worklist(end_2020, year_end)
    assert len(whole_year) == 10 and not any(flag for _, records in whole_year.values() for _, flag in records)
    diff = diff_registries(demo.registry(end_2020.sha), demo.registry(year_end.sha))
    assert {change.key for change in diff.changes} >= {"XK-330205-0101", "CF-330205-1204", "QZ-330205-1206"}
