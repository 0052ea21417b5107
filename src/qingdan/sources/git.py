"""Registry files and commits as git stores them: the only module that runs git.

Revisions come from CI variables and pull-request titles, and repositories from anyone, so git is only asked
to read its object store: `rev-parse`, `rev-list`, `ls-tree`, `diff-tree` between two commits, and one
persistent `cat-file --batch` for every object's contents. None of these reads the work tree or the index, so
a repository's `core.fsmonitor`, hooks, external diff, textconv or filter drivers are never run, and nothing is
ever checked out. The environment and `-c` options below shut the remaining doors (replace refs, pager,
prompts, optional locks, and any transport, which a partial clone would use to fetch a missing object).
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import NamedTuple, TypeVar, cast

from git.cmd import Git

from qingdan.errors import UsageError
from qingdan.file_checks import LIMITS, MISSING_FIELD, SYNTAX
from qingdan.problems import Problem, Ref
from qingdan.sources.files import MAX_FILE_BYTES, SIZE_LIMIT, DataFile, Layout

T = TypeVar("T")
DEFAULT_TZ = timezone(timedelta(hours=8))
SAFE_ENVIRONMENT = {
    "GIT_TERMINAL_PROMPT": "0",  # never wait for a password
    "GIT_OPTIONAL_LOCKS": "0",  # a read must not write (no opportunistic index refresh)
    "GIT_NO_REPLACE_OBJECTS": "1",  # an object is what its id says, whatever refs/replace/ claims
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_LITERAL_PATHSPECS": "1",  # a registry folder named `*` or `:(glob)x` is just that folder
    "GIT_PAGER": "cat",
    "GIT_ALLOW_PROTOCOL": "",  # an empty allow-list: no transport at all, not even a partial clone's lazy fetch
    "GIT_NO_LAZY_FETCH": "1",  # the same, said directly (git ≥ 2.44)
}
# Defence in depth: the commands above do not read these settings, but a repository must not be able to
# turn them on if a later change runs something that does.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "protocol.allow=never",
    "log.showSignature=false",
)
LINK, GITLINK = "120000", "160000"
MAX_LINKS = 40  # as the kernel's ELOOP limit
_FORMAT = "--format=%H%x00%P%x00%ct%x00%an%x00%s"  # NUL cannot occur in any of these fields


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime  # committer date, timezone-aware, in the registry's timezone
    author: str
    subject: str
    parent: str | None = None  # first parent; None for a root commit


class FileChange(NamedTuple):
    """A data file changed by a commit; a blob id is None on the side where the file does not exist."""

    path: str  # relative to the registry folder, / separators
    old: str | None
    new: str | None


@dataclass(frozen=True)
class _Entry:
    mode: str
    kind: str  # blob, tree or commit (a submodule)
    oid: str
    size: int | None  # None for trees, submodules and blobs git cannot find


class _Git:
    """Every git process goes through here, with the safe environment and options."""

    def __init__(self, cwd: Path, environment: dict[str, str]) -> None:
        self._git = Git(cwd)
        self._git.update_environment(**environment)
        self._git.set_persistent_git_options(c=list(SAFE_CONFIG))  # for the persistent cat-file too
        options = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
        self._command = [str(Git.GIT_PYTHON_GIT_EXECUTABLE or "git"), *options]

    def run(self, *args: str, feed: bytes = b"") -> tuple[int, bytes, str]:
        with tempfile.TemporaryFile() as stdin:
            stdin.write(feed)
            stdin.seek(0)
            return self._git.execute(
                [*self._command, *args],
                istream=stdin.fileno(),
                with_extended_output=True,
                stdout_as_string=False,
                with_exceptions=False,
                strip_newline_in_stdout=False,
            )

    def out(self, *args: str, feed: bytes = b"") -> bytes:
        status, out, err = self.run(*args, feed=feed)
        if status:
            raise UsageError("git.failed", command=args[0], detail=err.strip())
        return out

    def object(self, name: str, limit: int) -> tuple[str, str, bytes | None] | None:
        """(id, type, contents) through the one `cat-file --batch` process; None if there is no such
        object; contents None when larger than `limit` (drained in chunks, never held in memory)."""
        try:
            oid, kind, size, stream = self._git.stream_object_data(name)
        except ValueError:  # "missing", "ambiguous", or a name git cannot take
            return None
        except OSError as error:  # the process is gone
            raise UsageError("git.cat_file", detail=error) from None
        oid, kind = _text(oid), _text(kind)
        if size > limit:
            while stream.read(1 << 20):
                pass
            return oid, kind, None
        return oid, kind, stream.read(size)

    def close(self) -> None:
        self._git.clear_cache()


class History:
    """The first-parent history of the repository holding a registry, and the registry at any commit.

    Results are memoised for the life of the object (commits never change). `cached` is a small in-memory
    memo for the callers' parsed files, keyed by blob id, so that reading many revisions only parses what
    changed. Not thread-safe: one `cat-file` process answers every request in turn.
    """

    def __init__(self, registry_root: Path, tz: tzinfo | None = None) -> None:
        self.tz = tz or DEFAULT_TZ
        self.root, git_dir, self.prefix = _locate(registry_root)
        self._git = _Git(self.root, {**SAFE_ENVIRONMENT, "GIT_DIR": git_dir, "GIT_WORK_TREE": str(self.root)})
        self._resolved: dict[str, str] = {}
        self._commits: dict[str, Commit] = {}
        self._chains: dict[str, list[Commit]] = {}
        self._trees: dict[str, str | None] = {}
        self._listings: dict[str, dict[str, _Entry]] = {}
        self._changed: dict[str, list[FileChange]] = {}  # by commit, every path under the registry folder
        self._memo: dict[tuple[str, str, str], object] = {}

    def resolve(self, revision: str) -> str:
        """The full id of the commit `revision` names; UsageError naming it if it names none. It is never
        taken as an option, and names that read the index (`:path`) are refused before git sees them."""
        if revision in self._resolved:
            return self._resolved[revision]
        if not revision:
            raise UsageError("git.empty_revision")
        if revision.startswith("-"):
            raise UsageError("git.dash_revision", revision=repr(revision))
        if "\0" not in revision and "\n" not in revision and not _reads_index(revision):
            status, out, _ = self._git.run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
            sha = out.decode("ascii", "replace").strip()
            if status == 0 and re.fullmatch("[0-9a-f]{40}", sha):
                self._resolved[revision] = sha
                return sha
        raise UsageError("git.unknown_revision", revision=repr(revision))

    def commit(self, sha: str) -> Commit:
        full = self.resolve(sha)
        if full not in self._commits:
            self._remember(_parse_commits(self._git.out("rev-list", "--no-walk", _FORMAT, full), self.tz))
        return self._commits[full]

    def first_parent(self, head: str = "HEAD") -> list[Commit]:
        """The commits on the first-parent chain from `head`, newest first: the branch's own history,
        without the commits of branches merged into it."""
        sha = self.resolve(head)
        if sha not in self._chains:
            chain = _parse_commits(self._git.out("rev-list", "--first-parent", _FORMAT, sha), self.tz)
            self._remember(chain)
            self._chains[sha] = chain
        return list(self._chains[sha])

    def _remember(self, commits: list[Commit]) -> None:
        """Keep commits git listed; their ids name themselves, so resolving them again asks git nothing."""
        self._commits.update((commit.sha, commit) for commit in commits)
        self._resolved.update((commit.sha, commit.sha) for commit in commits)

    def last_before(self, moment: datetime, head: str = "HEAD") -> Commit | None:
        """The newest first-parent commit dated before `moment` (a naive moment is in the registry's
        timezone). The chain is walked from `head`, so a commit with a skewed clock cannot hide its
        descendants."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return next((commit for commit in self.first_parent(head) if commit.date < moment), None)

    def year(self, year: int, head: str = "HEAD") -> tuple[Commit | None, Commit | None]:
        """The states at the start and at the end of `year` in the registry's timezone (SPEC §6.3)."""
        if not 1 < year < 9999:
            raise UsageError("git.year_range", year=year)
        return self.span(date(year, 1, 1), date(year, 12, 31), head)

    def span(self, since: date, until: date, head: str = "HEAD") -> tuple[Commit | None, Commit | None]:
        """The states just before `since` and at the end of `until` (both days included)."""
        if since > until:
            raise UsageError("git.span_order", since=since, until=until)
        if since <= date.min or until >= date.max:  # a day either side must still be a date
            raise UsageError("git.date_range", since=since, until=until)
        start = datetime.combine(since, time(), self.tz)
        end = datetime.combine(until, time(), self.tz) + timedelta(days=1)
        return self.last_before(start, head), self.last_before(end, head)

    def source(self, sha: str) -> RevisionSource:
        """The registry as commit `sha` stored it, as a `files.Source` for `loader.load_registry`."""
        commit = self.resolve(sha)
        tree = self._registry_tree(commit)
        return RevisionSource(self, commit, tree, self._listing(tree) if tree else {})

    def blob_id(self, sha: str, relative: str) -> str | None:
        return self.source(sha).blob_id(relative)

    def cached(self, blob_id: str, relative: str, kind: str, build: Callable[[], T]) -> T:
        """`build()` once per (blob, path, kind): the same bytes at the same path parse to the same result
        in every revision. Values are shared between revisions, so callers must not change them."""
        key = (blob_id, relative, kind)
        if key not in self._memo:
            self._memo[key] = build()
        return cast("T", self._memo[key])

    def changed_files(self, sha: str, layout: Layout) -> list[FileChange]:
        """The registry's data files that `sha` changed against its first parent (all added for a root
        commit). A moved file is a deletion and an addition: records are matched by key, not by file."""
        commit = self.commit(sha)
        self._diff([commit])
        return [change for change in self._changed[commit.sha] if layout.kind_of(change.path)]

    def commits_touching_registry(self, head: str = "HEAD") -> list[Commit]:
        """First-parent commits, oldest first, whose registry folder differs from their first parent's.
        Their changes are kept, so `changed_files` on each of them afterwards starts no process."""
        chain = self.first_parent(head)[::-1]
        self._diff(chain)
        return [commit for commit in chain if self._changed[commit.sha]]

    def changes(self, layout: Layout, head: str = "HEAD") -> list[tuple[Commit, list[FileChange]]]:
        """Each first-parent commit, oldest first, with the data files it changed (commits changing none
        are left out): the whole history in one `diff-tree` process, for QD501 and `log`."""
        commits = self.commits_touching_registry(head)
        touched = ((commit, self.changed_files(commit.sha, layout)) for commit in commits)
        return [(commit, changed) for commit, changed in touched if changed]

    def _diff(self, commits: list[Commit]) -> None:
        """Raw differences under the registry folder, one `diff-tree --stdin` for any number of commits;
        plumbing compares trees only, so no diff driver, textconv or external diff can run."""
        todo = [commit for commit in commits if commit.sha not in self._changed]
        if todo:
            feed = "".join(f"{commit.sha} {commit.parent or ''}\n" for commit in todo).encode("ascii")
            limit = ["--", self.prefix] if self.prefix else []
            out = self._git.out(
                "diff-tree", "--stdin", "--root", "-r", "--raw", "--no-renames", "-z", *limit, feed=feed
            )
            found = _parse_diff(out, f"{self.prefix}/" if self.prefix else "")
            self._changed.update((commit.sha, found.get(commit.sha, [])) for commit in todo)

    def _registry_tree(self, sha: str) -> str | None:
        if sha not in self._trees:
            name = f"{sha}:{self.prefix}" if self.prefix else f"{sha}^{{tree}}"
            found = self._git.object(name, 0)  # only its id is needed
            self._trees[sha] = found[0] if found and found[1] == "tree" else None
        return self._trees[sha]

    def _listing(self, tree: str) -> dict[str, _Entry]:
        """Every entry of the registry folder, folders too: a symbolic link may point anywhere in it."""
        if tree not in self._listings:
            self._listings[tree] = dict(_parse_ls_tree(self._git.out("ls-tree", "-r", "-t", "-l", "-z", tree)))
        return self._listings[tree]

    def blob(self, blob_id: str) -> bytes:
        """A blob's contents by id (from `changed_files`), or b"" when it is over the size limit: QD008
        reports such a file where it stands, and history checks skip it. UsageError if git lacks it."""
        found = self._git.object(blob_id, MAX_FILE_BYTES)
        if found is None or found[1] != "blob":
            raise UsageError("git.no_blob", blob=repr(blob_id))
        return found[2] or b""

    def _blob(self, oid: str, limit: int) -> bytes | None:
        found = self._git.object(oid, limit)
        return found[2] if found and found[1] == "blob" else None

    def close(self) -> None:
        """Stop the `cat-file` process."""
        self._git.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class RevisionSource:
    """A `files.Source` for the registry as one commit stored it: the files that count in a folder count
    here, with the same problems. Symbolic links are followed inside the registry's tree as the folder reader
    follows them; a link that leaves the registry is refused (QD008.outside) and a linked folder is QD008.link,
    which here includes a linked kind folder (`power` itself) since git cannot see where it leads."""

    def __init__(self, history: History, sha: str, tree: str | None, entries: dict[str, _Entry]) -> None:
        self.sha = sha
        self.tree = tree  # the registry folder's tree; None when the commit has no such folder
        self._history = history
        self._entries = entries
        self._children: dict[str, list[str]] = {}
        for path in sorted(entries):
            folder, _, name = path.rpartition("/")
            self._children.setdefault(folder, []).append(name)

    def memoized(self, relative: str, kind: str, build: Callable[[], T]) -> T:
        """`build()` for a file, once per blob across every revision this History reads."""
        blob = self.blob_id(relative)
        return build() if blob is None else self._history.cached(blob, relative, kind, build)

    @property
    def present(self) -> bool:
        return self.tree is not None

    def discover(self, layout: Layout) -> tuple[list[DataFile], list[Problem]]:
        found: list[DataFile] = []
        problems: list[Problem] = []
        for name, kind in layout.files:
            if name in self._entries:
                found.append(DataFile(name, kind))
            else:
                problems.append(MISSING_FIELD.at(Ref(name), "file", file=name))
        for folder, kind in layout.folders:
            top = self._entries.get(folder)
            if top is not None and top.mode == LINK:
                problems.append(LIMITS.at(Ref(folder), "link"))
            elif top is not None and top.kind == "tree":
                self._walk(layout, folder, kind, found, problems)
        return found, problems

    def _walk(self, layout: Layout, folder: str, kind: str, found: list[DataFile], problems: list[Problem]) -> None:
        """As `os.walk` in `files.discover`: a folder's files in name order, then its subfolders."""
        subfolders = []
        for name in self._children.get(folder, []):
            if name.startswith("."):
                continue
            path, entry = f"{folder}/{name}", self._entries[f"{folder}/{name}"]
            if entry.kind == "tree":
                subfolders.append(path)
            elif entry.mode == GITLINK:
                problems.append(LIMITS.at(Ref(path), "irregular"))
            elif entry.mode == LINK and self._linked_folder(layout, path, name, kind):
                problems.append(LIMITS.at(Ref(path), "link"))
            elif layout.is_data_file(name, kind):
                found.append(DataFile(path, kind))
        for path in subfolders:
            self._walk(layout, path, kind, found, problems)

    def _linked_folder(self, layout: Layout, path: str, name: str, kind: str) -> bool:
        """Whether the folder reader would see a linked folder here: a link to a folder of the registry, or
        one that leaves it unless its name makes it a data file (whose reading is then refused)."""
        status = self._follow(path)[0]
        return status == "tree" or (status == "outside" and not layout.is_data_file(name, kind))

    def read(self, relative: str) -> bytes | Problem:
        """The file's bytes, or the problem `files.read` gives for the same file in a folder."""
        status, entry = self._follow(relative)
        if status == "outside":
            return LIMITS.at(Ref(relative), "outside")
        if status in ("missing", "loop"):
            code = errno.ELOOP if status == "loop" else errno.ENOENT
            return SYNTAX.at(Ref(relative), "unreadable", detail=os.strerror(code))
        if entry is None or entry.kind != "blob":
            return LIMITS.at(Ref(relative), "irregular")
        if entry.size is not None and entry.size > MAX_FILE_BYTES:
            return LIMITS.at(Ref(relative), "size", limit=SIZE_LIMIT)
        raw = self._history._blob(entry.oid, MAX_FILE_BYTES) if entry.size is not None else None
        if raw is None:
            return SYNTAX.at(Ref(relative), "unreadable", detail=f"git object {entry.oid} missing")
        return raw

    def blob_id(self, relative: str) -> str | None:
        """The id of the blob `read` returns, for caching; None if it returns a problem."""
        _, entry = self._follow(relative)
        return entry.oid if entry is not None and entry.kind == "blob" else None

    def _follow(self, relative: str) -> tuple[str, _Entry | None]:
        """(status, entry) at the end of any symbolic links: status is the entry's kind, or missing,
        outside (leaves the registry) or loop. Links resolve as paths do, lexically, within the tree."""
        path = relative
        for _ in range(MAX_LINKS):
            if path == ".":
                return "tree", None
            entry = self._entries.get(path)
            if entry is None or entry.mode != LINK:
                return ("missing", None) if entry is None else (entry.kind, entry)
            target = os.fsdecode(self._history._blob(entry.oid, 4096) or b"")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if not target or posixpath.isabs(target) or path == ".." or path.startswith("../"):
                return "outside", None
        return "loop", None


def _locate(registry_root: Path) -> tuple[Path, str, str]:
    """(work tree root, absolute git dir, registry folder relative to the root, "" at the root)."""
    if not registry_root.is_dir():
        raise UsageError("git.not_folder", path=registry_root)
    inherited = {
        name: str(Path(os.environ[name]).absolute()) for name in ("GIT_DIR", "GIT_WORK_TREE") if name in os.environ
    }
    if "GIT_DIR" in inherited:  # as git reads it: the work tree is the current folder unless said otherwise
        inherited.setdefault("GIT_WORK_TREE", str(Path.cwd()))
    status, out, err = _Git(registry_root, {**SAFE_ENVIRONMENT, **inherited}).run(
        "rev-parse", "--show-toplevel", "--absolute-git-dir", "--show-prefix", "--show-object-format"
    )
    lines = os.fsdecode(out).split("\n")
    if status or len(lines) < 4:
        raise UsageError("git.not_repository", path=registry_root, detail=err.strip())
    if lines[3] != "sha1":
        raise UsageError("git.object_format", path=registry_root, format=lines[3])
    return Path(lines[0]), lines[1], lines[2].rstrip("/")


def _text(value: object) -> str:
    """GitPython types cat-file's id and type as str but hands over bytes."""
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


def _reads_index(revision: str) -> bool:
    """`:path` and `:2:path` name index entries (reading the index can start fsmonitor); `:/text` does not."""
    return revision.startswith(":") and not revision.startswith(":/")


def _parse_commits(out: bytes, tz: tzinfo) -> list[Commit]:
    commits = []
    for line in out.split(b"\n"):
        if b"\0" in line:  # the other lines are rev-list's own "commit <id>" headers
            sha, parents, stamp, author, subject = line.decode("utf-8", "replace").split("\0", 4)
            when = datetime.fromtimestamp(int(stamp), tz)
            commits.append(Commit(sha, when, author, subject, parents.split(" ")[0] or None))
    return commits


def _parse_ls_tree(out: bytes) -> list[tuple[str, _Entry]]:
    entries = []
    for record in out.split(b"\0"):
        if record:
            meta, path = record.split(b"\t", 1)
            mode, kind, oid, size = meta.decode("ascii").split()
            entries.append((os.fsdecode(path), _Entry(mode, kind, oid, int(size) if size.isdigit() else None)))
    return entries


def _parse_diff(out: bytes, prefix: str) -> dict[str, list[FileChange]]:
    """`diff-tree --stdin -z` output: a commit id, then `:modes ids status` and path pairs."""
    changes: dict[str, list[FileChange]] = {}
    current: list[FileChange] = []
    tokens = iter(out.split(b"\0"))
    for token in tokens:
        if token.startswith(b":"):
            _, _, old, new, _ = token.decode("ascii").split(" ")
            path = os.fsdecode(next(tokens)).removeprefix(prefix)
            current.append(FileChange(path, None if set(old) == {"0"} else old, None if set(new) == {"0"} else new))
        elif token:
            current = changes.setdefault(token.decode("ascii"), [])
    return changes


def init_repository(folder: Path) -> None:
    """`git init` a new repository in `folder` (created if needed), for `qingdan init --git`: the one git command
    that writes, and only into a folder that has no repository yet."""
    folder.mkdir(parents=True, exist_ok=True)
    status, _, err = _Git(folder, dict(SAFE_ENVIRONMENT)).run("init", "-q")
    if status:
        raise UsageError("git.failed", command="init", detail=err.strip())
