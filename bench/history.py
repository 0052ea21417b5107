"""A git history for the benchmark: the generated registry, then N commits of ordinary adjustments.

    python -m bench.history REGISTRY_DIR REPO_DIR [--commits 1000]

Built with `git fast-import` (one process, seconds for 1,000 commits of a 40 MiB registry). Each commit
renames one power item, with an adjustment, so any two commits K apart differ by K changes; every 10th commit
cancels an item instead, so the code history has retired codes to search.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

START = 1_577_836_800  # 2020-01-01T00:00:00Z; one commit an hour after it
_ITEM = re.compile(r"^  - code: (\S+)\n    name: ([^\n]+)\n", re.MULTILINE)


def build_history(registry: Path, repo: Path, commits: int) -> None:
    if repo.exists() and any(repo.iterdir()):
        raise SystemExit(f"{repo} is not empty")
    repo.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE, env=env)
    assert process.stdin is not None
    for chunk in _stream(registry, commits):
        process.stdin.write(chunk)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(repo), "tag", "-f", "start", "main~" + str(commits)], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "-f", "main"], check=True, env=env)  # our own repo


def _stream(registry: Path, commits: int) -> Iterator[bytes]:
    files = {
        path.relative_to(registry).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(registry.rglob("*"))
        if path.is_file()
    }
    power = sorted(name for name in files if name.startswith("power/") and name.endswith(".yaml"))
    yield _commit(0, "基准清单初始版本", dict(files))
    for number in range(1, commits + 1):
        name = power[number * 7919 % len(power)]  # a prime stride visits every file
        files[name] = _adjust(files[name], number)
        yield _commit(number, f"动态调整第 {number} 号", {name: files[name]})


def _adjust(text: str, number: int) -> str:
    items = list(_ITEM.finditer(text))
    match = items[number * 104729 % len(items)]
    if number % 10 == 0:  # cancel: status and adjustment after the name
        extra = (
            f"    status: 已取消\n    adjustment: {{type: 取消, document: 基准编〔2020〕{number}号, "
            f"reason: 基准测试, date: 2020-06-01}}\n"
        )
        head = f"  - code: {match[1]}\n    name: {match[2]}\n"
        return text[: match.start()] + head + extra + text[match.end() :] if "已取消" not in match[2] else text
    renamed = f"  - code: {match[1]}\n    name: {match[2].split('（第')[0]}（第{number}次调整）\n"
    return text[: match.start()] + renamed + text[match.end() :]


def _commit(number: int, subject: str, changed: dict[str, str]) -> bytes:
    when = START + number * 3600
    message = subject.encode()
    parts = [
        b"commit refs/heads/main\n",
        f"mark :{number + 1}\n".encode(),
        f"committer 基准 <bench@example.gov.cn> {when} +0800\n".encode(),
        f"data {len(message)}\n".encode(),
        message,
        b"\n",
    ]
    if number:
        parts.append(f"from :{number}\n".encode())
    for name, text in changed.items():
        data = text.encode()
        parts += [f"M 100644 inline registry/{name}\n".encode(), f"data {len(data)}\n".encode(), data, b"\n"]
    return b"".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__)
    parser.add_argument("registry", type=Path)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--commits", type=int, default=1000)
    arguments = parser.parse_args(argv)
    build_history(arguments.registry, arguments.repo, arguments.commits)


if __name__ == "__main__":
    main(sys.argv[1:])
