"""`qingdan serve` for real: the command runs as a subprocess over a copy of the bundled registry in a git
repository, Debian's Chromium (through Playwright) looks at it, and files are saved as an editor saves
them. One server serves the whole module, in the order a clerk works: open a unit page, save a mistake, see
the page change and the problem appear without reloading by hand, mend it, see the panel clear, read the
changes against HEAD; then break qingdan.yaml and mend it; then the refusals; then Ctrl-C.

Set QINGDAN_SCREENSHOT=docs/serve.png to write the README's screenshot from the run.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from helpers import commit_all, init_repo
from test_publish_html import browser  # noqa: F401 (the module's Chromium, a fixture)

BUNDLED = Path(__file__).parent.parent / "registry"
POWER_FILE = "power/scjgj.yaml"
ITEM = "XK-330205-0101-01"
NOTE = "自2021年起可在浙里办网上申请"
AS_COMMITTED = "    name: 食品经营许可（新办）\n    type: 行政许可\n"
# A sub-item's type must be its parent's (QD107) and its catalogue entry's (QD112).
MISTAKE = f"    name: 食品经营许可（新办）\n    type: 行政确认\n    note: {NOTE}\n"
MENDED = f"    name: 食品经营许可（新办）\n    type: 行政许可\n    note: {NOTE}\n"
RELOAD_SECONDS = 2.0  # SPEC §10: from saving a file to the reloaded page, bundled registry


@dataclass
class Served:
    """The running `qingdan serve` and what it printed (stdout and stderr, as on a terminal)."""

    process: subprocess.Popen[str]
    registry: Path
    url: str = ""
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    printed: list[str] = field(default_factory=list)

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 60.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.printed)
                continue
            self.printed.append(line)
            if text in line:
                return line
        raise AssertionError(f"{text!r} never printed: {''.join(self.printed)}")

    def save(self, relative: str, before: str, after: str) -> None:
        """As an editor saves: the whole file written again."""
        path = self.registry / relative
        content = path.read_text(encoding="utf-8")
        assert before in content
        path.write_text(content.replace(before, after, 1), encoding="utf-8")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except HTTPError as error:
            return error.code, error.read().decode("utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with _serving(tmp_path_factory.mktemp("serve")) as running:
        yield running


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[Served]:
    """serve over a copy of the bundled registry in a repository in `folder`, ended when the caller is done."""
    repo = init_repo(folder / "repo")
    shutil.copytree(BUNDLED, repo / "registry")
    commit_all(repo, "清单")
    environment = {**os.environ, "QINGDAN_CACHE_DIR": str(folder / "cache")}
    environment.pop("QINGDAN_LANG", None)
    command = [sys.executable, "-m", "qingdan", "--registry", "registry", "serve", "--port", "0"]
    process = subprocess.Popen(
        command,
        cwd=repo,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        start_new_session=True,  # its own process group: the teardown can end whatever it left running
    )
    running = Served(process, repo / "registry")
    reader = threading.Thread(target=running.read, daemon=True)
    reader.start()
    try:
        running.url = running.wait_for("http://").split()[2]
        yield running
    finally:
        with contextlib.suppress(ProcessLookupError):  # children that outlived it would hold stdout open
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        reader.join(timeout=30)
        assert process.stdout is not None
        process.stdout.close()


def _new_page(browser: Browser) -> Iterator[Page]:  # noqa: F811 (pytest hands in the imported fixture)
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    yield context.new_page()
    context.close()


# The edit and its mending are one story on one page. Every other test opens a page of its own: a page
# left open reloads itself whenever serve rebuilds, and such a late reload interrupts a later `goto`.
page = pytest.fixture(scope="module")(_new_page)
own_page = pytest.fixture(_new_page)


def test_a_save_reloads_the_page_with_its_problem(served: Served, page: Page) -> None:
    page.goto(f"{served.url}units/scjgj.html")
    item = page.locator(f'[id="{ITEM}"]')
    expect(item.locator("> .item-head .tag").first).to_have_text("行政许可")
    expect(item.locator("> .fields")).not_to_contain_text(NOTE)
    expect(page.locator("#qingdan-serve")).not_to_contain_text("QD107")
    page.evaluate("window.qingdanBeforeSave = true")  # gone once the page has reloaded

    served.save(POWER_FILE, AS_COMMITTED, MISTAKE)
    saved = time.perf_counter()
    expect(item.locator("> .fields")).to_contain_text(NOTE, timeout=RELOAD_SECONDS * 1000)
    expect(item.locator("> .item-head .tag").first).to_have_text("行政确认")
    problem = page.locator("#qingdan-serve li.qs-error", has_text="QD107")
    expect(problem).to_contain_text(f"{POWER_FILE}:", timeout=RELOAD_SECONDS * 1000)
    assert time.perf_counter() - saved < RELOAD_SECONDS
    assert page.evaluate("window.qingdanBeforeSave === undefined"), "the page changed without reloading"
    expect(page.locator("#qingdan-serve .qs-count")).to_contain_text("个错误")
    expect(page.locator("#qingdan-serve details")).to_have_attribute("open", "")
    assert problem.locator("a").get_attribute("href") == f"/units/scjgj.html#{ITEM}"  # the record's place
    assert "qs-here" in (problem.get_attribute("class") or "")  # this page's own problem, listed first
    _screenshot(page)
    served.wait_for("power/scjgj.yaml 已保存")


def test_mending_clears_the_panel(served: Served, page: Page) -> None:
    served.save(POWER_FILE, MISTAKE, MENDED)
    expect(page.locator("#qingdan-serve li.qs-error")).to_have_count(0, timeout=RELOAD_SECONDS * 1000)
    expect(page.locator("#qingdan-serve .qs-count")).to_contain_text("0 个错误")
    item = page.locator(f'[id="{ITEM}"]')
    expect(item.locator("> .item-head .tag").first).to_have_text("行政许可")
    expect(item.locator("> .fields")).to_contain_text(NOTE)
    status, problems = served.get("_problems")
    assert status == 200
    assert "QD107" not in problems


def test_changes_list_the_edit_against_head(served: Served, own_page: Page) -> None:
    page = own_page
    page.goto(f"{served.url}_changes")
    change = page.locator(f'[id="power-{ITEM}"]')
    expect(change).to_contain_text("变更")
    expect(change).to_contain_text(NOTE)
    expect(page.locator("#qingdan-serve")).to_be_attached()  # the report reloads with the working tree too


def test_a_broken_settings_file_keeps_the_last_good_pages(served: Served) -> None:
    settings = (served.registry / "qingdan.yaml").read_text(encoding="utf-8")
    (served.registry / "qingdan.yaml").write_text("qingdan: 1\nregion: [\n", encoding="utf-8")
    try:
        served.wait_for("清单库无法读取")
        status, shown = served.get("units/scjgj.html")
        assert status == 200
        assert NOTE in shown  # the last good page
        assert "清单库无法读取，显示的是上次正确的页面" in shown
        assert "qingdan.yaml:" in shown
        assert "QD007" in shown and "YAML 语法错误" in shown  # the syntax error, where it is, as validate says it
    finally:
        (served.registry / "qingdan.yaml").write_text(settings, encoding="utf-8")
    served.wait_for("已保存")
    assert "清单库无法读取" not in served.get("units/scjgj.html")[1]


@pytest.mark.parametrize(
    ("target", "status"),
    [
        ("/../qingdan.yaml", {403}),
        ("/%2e%2e/qingdan.yaml", {403}),
        ("/units/..%2f..%2fqingdan.yaml", {403}),
        ("/units\\..\\..\\qingdan.yaml", {403}),
        ("http://127.0.0.1/index.html", {403}),
        ("//etc/passwd", {403, 404}),  # Python 3.11.4+ collapses the leading slashes before serve sees them
        ("/qingdan.yaml", {404}),  # the registry's own files are not the site
        ("/power/scjgj.yaml", {404}),
        ("/index.html", {200}),
    ],
)
def test_paths_outside_the_site_are_refused(served: Served, target: str, status: set[int]) -> None:
    """Over a raw socket: a browser or urllib would normalise `/../` away before sending it."""
    assert _raw_status(served.url, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n") in status


def test_nothing_but_get_and_head(served: Served) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"):
        request = f"{method} /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
        assert _raw_status(served.url, request) == 405
    assert _raw_status(served.url, "HEAD /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n") == 200
    assert _raw_status(served.url, "GET / HTTP/1.1\r\nHost: attacker.example\r\n") == 421  # DNS rebinding


def test_ctrl_c_ends_it_cleanly(served: Served, own_page: Page) -> None:
    page = own_page
    page.goto(served.url)  # an open event stream must not hold the server up
    expect(page.locator("#qingdan-serve")).to_be_attached()
    children = _children(served.process.pid)
    assert children  # the validating process
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=20) == 0
    served.wait_for("已停止")
    assert "Traceback" not in "".join(served.printed)
    deadline = time.monotonic() + 5  # multiprocessing's resource tracker ends when it sees serve gone
    while [pid for pid in children if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in children if _running(pid)]  # none left behind


def test_killed_outright_it_leaves_nothing_running(tmp_path: Path) -> None:
    with _serving(tmp_path) as served:
        assert any("网站已就绪" in line for line in served.printed)  # validated: the validating process runs
        children = _children(served.process.pid)
        assert children  # the validating process and multiprocessing's resource tracker
        served.process.kill()  # kill -9: serve ends nothing itself
        served.process.wait()
        deadline = time.monotonic() + 10
        while [pid for pid in children if _running(pid)] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in children if _running(pid)]


def test_a_busy_port_is_said_in_the_users_language(tmp_path: Path) -> None:
    registry = shutil.copytree(BUNDLED, tmp_path / "registry")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        for lang, sentence in (("zh", f"端口 {port} 已被占用"), ("en", f"port {port} is in use")):
            command = [sys.executable, "-m", "qingdan", "--lang", lang, "--registry", str(registry), "serve"]
            done = subprocess.run([*command, "--port", port], capture_output=True, encoding="utf-8", timeout=60)
            assert done.returncode == 2
            assert sentence in done.stderr
            assert "Traceback" not in done.stderr


def _raw_status(url: str, request: str) -> int:
    host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"{request}Connection: close\r\n\r\n".encode())
        status_line = connection.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(child) for task in tasks for child in (task / "children").read_text(encoding="ascii").split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended, whoever reaps it


def _screenshot(page: Page) -> None:
    """The README's picture of the loop: the changed item under the panel showing its problem."""
    page.locator(f'[id="{ITEM}"]').scroll_into_view_if_needed()
    shot = page.screenshot(type="png")
    assert Image.open(__import__("io").BytesIO(shot)).size == (1100, 760)
    target = os.environ.get("QINGDAN_SCREENSHOT")
    if target:
        Path(target).write_bytes(shot)
