"""The git history reader, on real repositories built in tmp_path: revisions, the registry at a commit, the
first-parent history in the registry's timezone, changed files, and safety (nothing a repository configures
ever runs, git only reads its object store)."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from subprocess import CalledProcessError, Popen
from typing import Any

import git.cmd
import pytest

from helpers import commit_all, init_repo, write_registry
from helpers import git as run_git
from qingdan.errors import RegistryError, UsageError
from qingdan.loader.load import load_registry
from qingdan.models.kinds import KINDS, LAYOUT
from qingdan.problems import Problem
from qingdan.sources import files
from qingdan.sources.files import Folder, Source
from qingdan.sources.git import SAFE_CONFIG, SAFE_ENVIRONMENT, Commit, FileChange, History

EXAMPLES = Path(__file__).parent / "examples"
CST = timezone(timedelta(hours=8))
POWER = """\
unit: scjgj
items:
  - code: XK-330205-0001
    name: 食品经营许可
    type: 行政许可
    legal_basis: [《中华人民共和国食品安全法》第三十五条]
"""
RENAMED = POWER.replace("食品经营许可", "食品经营许可（含仅销售预包装食品备案）")
READ_ONLY = {"rev-parse", "rev-list", "ls-tree", "diff-tree", "cat-file"}


@dataclass
class Spawned:
    argv: list[str]
    env: dict[str, str]
    process: Popen[bytes]

    @property
    def command(self) -> str:
        """The git subcommand: the first argument after the `-c name=value` options."""
        rest = self.argv[1:]
        while rest and rest[0] == "-c":
            rest = rest[2:]
        return rest[0]


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[Spawned]:
    """Every process GitPython starts from now on, with its arguments and environment."""
    calls: list[Spawned] = []
    real = git.cmd.safer_popen

    def recording(command: list[str], **kwargs: Any) -> Popen[bytes]:
        process = real(command, **kwargs)
        calls.append(Spawned([str(part) for part in command], dict(kwargs["env"]), process))
        return process

    monkeypatch.setattr(git.cmd, "safer_popen", recording)
    return calls


@pytest.fixture(autouse=True)
def _no_stray_processes(spawned: list[Spawned]) -> Iterator[None]:
    """Every git process a test's History started has ended by the end of the test."""
    yield
    assert all(call.process.poll() is not None for call in spawned)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the registry in registry/: a first state, then an item renamed."""
    repo = init_repo(tmp_path / "repo")
    write_registry(repo / "registry", {"power/scjgj.yaml": POWER})
    commit_all(repo, "清单初版", "2019-03-01T09:00:00+08:00")
    (repo / "registry/power/scjgj.yaml").write_text(RENAMED, encoding="utf-8")
    commit_all(repo, "更名", "2019-05-01T09:00:00+08:00")
    run_git(repo, "tag", "-a", "v1", "-m", "第一版", "HEAD~1")
    return repo


def history(repo: Path, tz: timezone | None = None) -> History:
    return History(repo / "registry", tz)


# --- revisions ---------------------------------------------------------------------------------------------


def test_resolve_names_branches_tags_short_ids_and_ancestors(repo: Path) -> None:
    head, first = run_git(repo, "rev-parse", "HEAD"), run_git(repo, "rev-parse", "HEAD~1")
    with history(repo) as reader:
        assert reader.resolve("main") == reader.resolve("HEAD") == reader.resolve(head[:7]) == head
        assert reader.resolve("v1") == reader.resolve("HEAD~1") == reader.resolve("main^") == first
        assert reader.commit("v1") == Commit(first, datetime(2019, 3, 1, 9, tzinfo=CST), "测试员", "清单初版")


@pytest.mark.parametrize(
    "revision",
    ["-h", "--output={tmp}/leak", "", "nosuchref", "{tree}", "HEAD:registry", "HEAD~1..HEAD", ":registry/units.yaml"],
)
def test_resolve_refuses_options_and_names_that_are_not_commits(repo: Path, tmp_path: Path, revision: str) -> None:
    revision = revision.format(tmp=tmp_path, tree=run_git(repo, "rev-parse", "HEAD^{tree}"))
    with history(repo) as reader, pytest.raises(UsageError) as raised:
        reader.resolve(revision)
    assert repr(revision) in str(raised.value) or (not revision and raised.value.key == "git.empty_revision")
    assert not (tmp_path / "leak").exists()


def test_a_folder_outside_any_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    registry = write_registry(tmp_path / "registry", {})
    with pytest.raises(UsageError) as raised:
        History(registry)
    assert raised.value.key == "git.not_repository"
    assert "not inside a git repository" in raised.value.localized("en")
    with pytest.raises(UsageError, match="不是文件夹"):
        History(tmp_path / "missing")


# --- the registry at a commit ------------------------------------------------------------------------------


def snapshot(where: Path | Source) -> Any:
    """Everything a load gives: records (with where they stand), files, problems, or the error."""
    try:
        registry = load_registry(where)
    except RegistryError as error:
        return str(error), [(p.file, p.line, p.column, p.check, p.key) for p in error.problems]
    records = {kind.name: [(r.ref, r.model_dump(mode="json")) for r in registry.of(kind)] for kind in KINDS}
    found = sorted((p.file, p.line, p.column, p.check, p.key, sorted(p.args.items())) for p in registry.problems)
    return records, registry.files, found, sorted(registry.broken)


@pytest.mark.parametrize("case", ["valid/sample", "valid/excel-csv", "invalid/every-mistake", "invalid/bad-settings"])
def test_a_registry_read_from_a_commit_loads_as_it_does_from_its_folder(tmp_path: Path, case: str) -> None:
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(EXAMPLES / case, repo / "registry", symlinks=True)
    sha = commit_all(repo, case)
    with history(repo) as reader:
        assert snapshot(reader.source(sha)) == snapshot(repo / "registry")


def test_the_commit_is_read_never_the_work_tree_or_the_index(repo: Path) -> None:
    head = run_git(repo, "rev-parse", "HEAD")
    expected = snapshot(Folder(repo / "registry"))
    (repo / "registry/power/scjgj.yaml").write_text(POWER, encoding="utf-8")
    run_git(repo, "add", "-A")
    (repo / "registry/units.yaml").unlink()
    with history(repo) as reader:
        source = reader.source(head)
        assert source.read("power/scjgj.yaml") == RENAMED.encode()
        assert reader.source("HEAD").blob_id("units.yaml") == run_git(repo, "rev-parse", "HEAD:registry/units.yaml")
        assert snapshot(source) != snapshot(repo / "registry")
    (repo / "registry/power/scjgj.yaml").write_text(RENAMED, encoding="utf-8")
    run_git(repo, "checkout", "--", "registry/units.yaml")
    with history(repo) as reader:
        assert snapshot(reader.source(head)) == expected


def test_a_registry_at_the_root_of_its_repository(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write_registry(repo, {"power/scjgj.yaml": POWER})
    sha = commit_all(repo, "初版")
    with History(repo) as reader:
        assert reader.prefix == ""
        assert snapshot(reader.source(sha)) == snapshot(repo)
        assert reader.changed_files(sha, LAYOUT)[0] == FileChange(
            "power/scjgj.yaml", None, reader.blob_id(sha, "power/scjgj.yaml")
        )


def test_a_commit_without_the_registry_reads_like_a_folder_without_qingdan_yaml(repo: Path, tmp_path: Path) -> None:
    run_git(repo, "checkout", "-q", "--orphan", "empty")
    run_git(repo, "rm", "-rfq", ".")
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    sha = commit_all(repo, "仓库初建")
    run_git(repo, "checkout", "-q", "main")
    (tmp_path / "nothing").mkdir()
    with history(repo) as reader:
        source = reader.source(sha)
        assert not source.present and source.discover(LAYOUT) == files.discover(tmp_path / "nothing", LAYOUT)
        settings = source.read("qingdan.yaml")
        assert isinstance(settings, Problem) and (settings.check, settings.key) == ("QD001", "QD001.unreadable")
        assert snapshot(source) == snapshot(tmp_path / "nothing")


def _link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def test_discovery_and_reading_follow_the_folder_rules(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    root = write_registry(
        repo / "registry",
        {
            "power/a.yaml": POWER,
            "power/B.CSV": "code\n",
            "power/.hidden.yaml": POWER,
            "power/.drafts/c.yaml": POWER,
            "power/notes.md": "备注\n",
            "power/sub/deeper/d.yml": POWER,
            "assessments/2020.csv": "id\n",
            "assessments/2020.yaml": "assessments: []\n",
            "delegations/x/y.csv": "id\n",
            "community-tasks/t.yaml": "tasks: []\n",
            "elsewhere.yaml": "x: 1\n",
        },
    )
    (root / "units.yaml").unlink()
    _link(root / "power/alias.yaml", "sub/deeper/d.yml")
    _link(root / "power/passwd.yaml", "/etc/passwd")
    _link(root / "power/escape.yaml", "../../../outside.yaml")
    _link(root / "power/gone.yaml", "nothing.yaml")
    _link(root / "power/loop.yaml", "loop.yaml")
    _link(root / "power/linked", "../delegations")
    _link(root / "power/up.yaml", "../elsewhere.yaml")
    sha = commit_all(repo, "各种文件")
    folder_found, folder_problems = files.discover(root, LAYOUT)
    with history(repo) as reader:
        source = reader.source(sha)
        found, problems = source.discover(LAYOUT)
        assert found == folder_found
        assert {(p.file, p.check, p.key) for p in problems} == {(p.file, p.check, p.key) for p in folder_problems}
        assert {(p.file, p.key) for p in problems} == {("units.yaml", "QD004.file"), ("power/linked", "QD008.link")}
        for data_file in [*found, files.DataFile("qingdan.yaml", "")]:
            if data_file.path != "power/loop.yaml":  # the folder reader crashes on a link loop (files.py)
                assert _outcome(source.read(data_file.path)) == _outcome(files.read(root, data_file.path))
        assert _outcome(source.read("power/loop.yaml")) == ("QD001", "QD001.unreadable")
        assert source.read("power/up.yaml") == b"x: 1\n"


def _outcome(raw: bytes | Problem) -> bytes | tuple[str, str]:
    return (raw.check, raw.key) if isinstance(raw, Problem) else raw


def test_a_linked_kind_folder_is_refused(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write_registry(repo / "registry", {"elsewhere/a.yaml": POWER})
    _link(repo / "registry/power", "elsewhere")
    sha = commit_all(repo, "链接的目录")
    with history(repo) as reader:
        found, problems = reader.source(sha).discover(LAYOUT)
    assert [data_file.path for data_file in found] == ["units.yaml"]
    assert [(p.file, p.key) for p in problems] == [("power", "QD008.link")]


def test_an_oversized_blob_is_refused_by_its_listed_size_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    write_registry(repo / "registry", {"power/big.yaml": b"#" * (files.MAX_FILE_BYTES + 1)})
    sha = commit_all(repo, "大文件")
    big = run_git(repo, "rev-parse", "HEAD:registry/power/big.yaml")
    asked: list[str] = []
    real = git.cmd.Git.stream_object_data

    def recording(self: git.cmd.Git, ref: str) -> Any:
        asked.append(ref)
        return real(self, ref)

    monkeypatch.setattr(git.cmd.Git, "stream_object_data", recording)
    with history(repo) as reader:
        raw = reader.source(sha).read("power/big.yaml")
        assert isinstance(raw, Problem) and (raw.check, raw.key) == ("QD008", "QD008.size")
        assert big not in asked and asked  # cat-file answered other requests
        assert reader.blob(big) == b""  # by id, an oversized blob is drained, never held


def test_blobs_are_read_by_id_and_a_missing_one_is_a_usage_error(repo: Path) -> None:
    with history(repo) as reader:
        (change,) = reader.changed_files("HEAD", LAYOUT)
        assert change.old is not None and change.new is not None
        assert reader.blob(change.old) == POWER.encode() and reader.blob(change.new) == RENAMED.encode()
        with pytest.raises(UsageError):
            reader.blob("0" * 40)


# --- history -----------------------------------------------------------------------------------------------


@pytest.fixture
def dated(tmp_path: Path) -> tuple[Path, list[str]]:
    """Five commits around the turn of 2019 to 2020 in +08:00."""
    repo = init_repo(tmp_path / "repo")
    stamps = [
        "2018-06-01T10:00:00+08:00",
        "2019-06-01T10:00:00+08:00",
        "2019-12-31T23:30:00+08:00",  # 15:30 UTC: 2019 in +08:00 and in UTC
        "2020-01-01T00:30:00+08:00",  # 2019-12-31 16:30 UTC: 2020 in +08:00, still 2019 in UTC
        "2020-06-01T10:00:00+08:00",
    ]
    shas = []
    for number, stamp in enumerate(stamps):
        write_registry(repo / "registry", {"power/scjgj.yaml": POWER.replace("食品", f"食品{number}")})
        shas.append(commit_all(repo, f"第 {number} 次调整", stamp))
    return repo, shas


def test_year_takes_the_last_commits_before_each_new_year_in_the_registry_timezone(
    dated: tuple[Path, list[str]],
) -> None:
    repo, shas = dated
    with history(repo) as reader:
        assert _shas(reader.year(2019)) == (shas[0], shas[2])
        assert _shas(reader.year(2020)) == (shas[2], shas[4])
        assert _shas(reader.year(2017)) == (None, None)
        assert _shas(reader.year(2021)) == (shas[4], shas[4])
        assert reader.commit(shas[3]).date == datetime(2020, 1, 1, 0, 30, tzinfo=CST)
        assert reader.commit(shas[3]).date.utcoffset() == timedelta(hours=8)
    with history(repo, UTC) as reader:
        assert _shas(reader.year(2019)) == (shas[0], shas[3])
        assert reader.commit(shas[3]).date == datetime(2019, 12, 31, 16, 30, tzinfo=UTC)


def test_span_and_last_before(dated: tuple[Path, list[str]]) -> None:
    repo, shas = dated
    with history(repo) as reader:
        assert _shas(reader.span(date(2019, 12, 31), date(2019, 12, 31))) == (shas[1], shas[2])
        assert _shas(reader.span(date(2019, 6, 1), date(2020, 1, 1))) == (shas[0], shas[3])
        last = reader.last_before(datetime(2020, 1, 1))  # naive: in the registry's timezone
        assert last is not None and last.sha == shas[2]
        assert reader.last_before(datetime(2018, 1, 1, tzinfo=CST)) is None
        assert [commit.sha for commit in reader.first_parent(shas[2])] == shas[2::-1]
        with pytest.raises(UsageError):
            reader.span(date(2020, 1, 2), date(2020, 1, 1))


def _shas(pair: tuple[Commit | None, Commit | None]) -> tuple[str | None, str | None]:
    old, new = pair
    return (old.sha if old else None, new.sha if new else None)


def test_only_the_first_parent_history_counts(repo: Path, spawned: list[Spawned]) -> None:
    base = run_git(repo, "rev-parse", "HEAD")
    run_git(repo, "checkout", "-q", "-b", "side")
    (repo / "registry/power/side.yaml").write_text(POWER.replace("0001", "0002"), encoding="utf-8")
    side = [commit_all(repo, "支线一", "2019-06-01T09:00:00+08:00")]
    (repo / "registry/power/scjgj.yaml").write_text(POWER, encoding="utf-8")
    side.append(commit_all(repo, "支线二", "2019-06-02T09:00:00+08:00"))
    run_git(repo, "checkout", "-q", "main")
    (repo / "registry/units.yaml").write_text((repo / "registry/units.yaml").read_text("utf-8") + "\n", "utf-8")
    main = commit_all(repo, "主线", "2019-06-03T09:00:00+08:00")
    run_git(repo, "merge", "-q", "--no-ff", "-m", "合并支线", "side", date="2019-06-04T09:00:00+08:00")
    merge = run_git(repo, "rev-parse", "HEAD")
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    readme = commit_all(repo, "只改说明", "2019-06-05T09:00:00+08:00")
    with history(repo) as reader:
        listed = [commit.sha for commit in reader.first_parent()]
        assert listed == [readme, merge, main, base, reader.resolve("HEAD~4")]
        assert not set(side) & set(listed)
        touching = [commit.sha for commit in reader.commits_touching_registry()]
        assert touching == [reader.resolve("HEAD~4"), base, main, merge]
        started = len(spawned)
        assert [len(reader.changed_files(sha, LAYOUT)) for sha in touching] == [2, 1, 1, 2]
        assert len(spawned) == started  # one diff-tree for the whole history, then nothing more
        paths = {change.path for change in reader.changed_files(merge, LAYOUT)}
        assert paths == {"power/side.yaml", "power/scjgj.yaml"}  # against the first parent, not the side
        assert reader.changed_files(readme, LAYOUT) == []
        changes = reader.changes(LAYOUT)
        assert [(commit.sha, len(changed)) for commit, changed in changes][-2:] == [(main, 1), (merge, 2)]
        assert len(spawned) == started


def test_a_file_moved_between_folders_is_a_deletion_and_an_addition(repo: Path) -> None:
    (repo / "registry/power/2019").mkdir()
    (repo / "registry/power/scjgj.yaml").rename(repo / "registry/power/2019/scjgj.yaml")
    (repo / "registry/power/notes.md").write_text("备注\n", encoding="utf-8")
    (repo / "registry/qingdan.yaml").write_text(
        (repo / "registry/qingdan.yaml").read_text("utf-8") + 'timezone: "+08:00"\n', "utf-8"
    )
    sha = commit_all(repo, "移动文件")
    blob = run_git(repo, "rev-parse", "HEAD:registry/power/2019/scjgj.yaml")
    with history(repo) as reader:
        assert sorted(reader.changed_files(sha, LAYOUT)) == [
            FileChange("power/2019/scjgj.yaml", None, blob),
            FileChange("power/scjgj.yaml", blob, None),
        ]
        first = reader.resolve("HEAD~2")
        assert {change.path for change in reader.changed_files(first, LAYOUT)} == {"units.yaml", "power/scjgj.yaml"}
        assert all(change.old is None for change in reader.changed_files(first, LAYOUT))


def test_parsed_files_are_cached_by_blob(dated: tuple[Path, list[str]]) -> None:
    repo, shas = dated
    built: list[str] = []
    with history(repo) as reader:
        for sha in shas:
            source = reader.source(sha)
            for data_file in source.discover(LAYOUT)[0]:
                blob = source.blob_id(data_file.path)
                assert blob is not None
                reader.cached(blob, data_file.path, data_file.kind, lambda path=data_file.path: built.append(path))
    assert sorted(built) == ["power/scjgj.yaml"] * 5 + ["units.yaml"]  # units.yaml never changed


# --- safety ------------------------------------------------------------------------------------------------


def test_every_blob_is_read_through_one_cat_file_process(tmp_path: Path, spawned: list[Spawned]) -> None:
    repo = init_repo(tmp_path / "repo")
    write_registry(repo / "registry", {f"power/u{n:03}.yaml": f"unit: u{n}\nitems: []\n" for n in range(200)})
    sha = commit_all(repo, "两百个文件")
    with history(repo) as reader:
        source = reader.source(sha)
        paths = [data_file.path for data_file in source.discover(LAYOUT)[0]]
        before = len(spawned)
        contents = [source.read(path) for path in paths]
        assert len(spawned) == before  # 201 files read, not one process started
    assert len(paths) == 201 and contents[-1] == b"unit: u199\nitems: []\n"
    readers = [call for call in spawned if call.command == "cat-file"]
    assert len(readers) == 1 and "--batch" in readers[0].argv
    assert readers[0].process.poll() is not None  # closed with the History


def test_git_is_only_asked_to_read_its_object_store_safely(
    dated: tuple[Path, list[str]], spawned: list[Spawned]
) -> None:
    repo, shas = dated
    _use_everything(repo, shas[-1])
    assert {call.command for call in spawned} == READ_ONLY
    for call in spawned:
        assert call.argv[1 : 1 + 2 * len(SAFE_CONFIG)] == [part for item in SAFE_CONFIG for part in ("-c", item)]
        assert SAFE_ENVIRONMENT.items() <= call.env.items()
        assert not {"-p", "--patch", "--textconv", "--ext-diff", "--filters"} & set(call.argv)
        if call.command == "diff-tree":
            assert "--raw" in call.argv and "--stdin" in call.argv


def _use_everything(repo: Path, sha: str) -> None:
    with history(repo) as reader:
        head = reader.resolve("HEAD")
        source = reader.source(sha)
        for data_file in source.discover(LAYOUT)[0]:
            source.read(data_file.path)
        load_registry(reader.source(head))
        reader.first_parent()
        reader.year(2019)
        reader.span(date(2019, 1, 1), date(2019, 12, 31))
        for commit in reader.commits_touching_registry():
            for change in reader.changed_files(commit.sha, LAYOUT):
                if change.new:
                    reader.blob(change.new)
        for revision in ("-h", "--output=/dev/null", ":registry/units.yaml", "nosuchref"):
            with pytest.raises(UsageError):
                reader.resolve(revision)


def _arm(repo: Path, traps: Path) -> None:
    """Configure the repository to run a script wherever git could run one: each leaves NAME.ran behind."""
    traps.mkdir()

    def trap(name: str, then: str = "") -> str:
        script = traps / name
        script.write_text(f'#!/bin/sh\ntouch "{traps}/{name}.ran"\n{then}\n', encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        return str(script)

    hooks = traps / "hooks"
    hooks.mkdir()
    for hook in ("pre-commit", "post-commit", "post-checkout", "reference-transaction", "post-index-change"):
        shutil.copy(trap(hook), hooks / hook)
    settings = {
        "core.fsmonitor": trap("fsmonitor"),
        "core.hooksPath": str(hooks),
        "diff.external": trap("external-diff"),
        "diff.evil.textconv": trap("textconv", 'cat "$1"'),
        "filter.evil.clean": trap("clean", "cat"),
        "filter.evil.smudge": trap("smudge", "cat"),
        "core.pager": trap("pager", "cat"),
        "log.showSignature": "true",
        "gpg.program": trap("gpg"),
        "core.sshCommand": trap("ssh"),
        "remote.origin.url": "ssh://example.invalid/registry.git",
    }
    for name, value in settings.items():
        run_git(repo, "config", name, value)
    (repo / ".git/info/attributes").write_text("* diff=evil filter=evil\n", encoding="utf-8")


def _ran(traps: Path) -> list[str]:
    return sorted(path.stem for path in traps.glob("*.ran"))


def test_the_traps_of_the_hostile_repository_do_fire_for_porcelain_git(dated: tuple[Path, list[str]]) -> None:
    """The control for the next test: each trap catches what it is meant to catch."""
    repo, _ = dated
    traps = repo.parent / "traps"
    _arm(repo, traps)
    run_git(repo, "status")
    run_git(repo, "diff", "HEAD~1", "HEAD")
    run_git(repo, "diff", "--no-ext-diff", "HEAD~1", "HEAD")
    run_git(repo, "checkout", "-q", "-b", "other", "HEAD~1")
    (repo / "registry/power/scjgj.yaml").write_text(POWER, encoding="utf-8")
    commit_all(repo, "改动")
    expected = {"fsmonitor", "external-diff", "textconv", "post-checkout", "smudge", "clean", "pre-commit"}
    assert expected <= set(_ran(traps))


def test_nothing_a_hostile_repository_configures_ever_runs(dated: tuple[Path, list[str]]) -> None:
    repo, shas = dated
    traps = repo.parent / "traps"
    _arm(repo, traps)
    (repo / "registry/power/scjgj.yaml").write_text(RENAMED, encoding="utf-8")  # a dirty work tree
    _use_everything(repo, shas[-1])
    with history(repo) as reader:
        assert snapshot(reader.source(shas[2])) != snapshot(reader.source(shas[3]))
    assert _ran(traps) == []


def test_a_missing_object_is_never_fetched(dated: tuple[Path, list[str]]) -> None:
    """A partial clone fetches a missing object from its promisor remote on demand: reading must not."""
    repo, shas = dated
    traps = repo.parent / "traps"
    _arm(repo, traps)
    for name, value in {
        "core.repositoryformatversion": "1",
        "extensions.partialClone": "origin",
        "remote.origin.promisor": "true",
    }.items():
        run_git(repo, "config", name, value)
    blob = run_git(repo, "rev-parse", "HEAD:registry/power/scjgj.yaml")
    (repo / ".git/objects" / blob[:2] / blob[2:]).unlink()
    with history(repo) as reader:
        raw = reader.source(shas[-1]).read("power/scjgj.yaml")
        assert isinstance(raw, Problem) and raw.key == "QD001.unreadable"
        with pytest.raises(UsageError):
            reader.blob(blob)
    assert _ran(traps) == []
    with pytest.raises(CalledProcessError):  # the control: plain git does try the remote
        run_git(repo, "cat-file", "-p", blob)
    assert _ran(traps) == ["ssh"]


def test_a_relative_git_dir_exported_to_a_hook_still_finds_the_registry(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git may export GIT_DIR=.git to a hook run at the top of the work tree; the registry is a folder below."""
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_DIR", ".git")
    with History(Path.cwd() / "registry") as reader:
        assert reader.prefix == "registry" and reader.resolve("v1") == run_git(repo, "rev-parse", "HEAD~1")
