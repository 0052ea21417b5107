"""Properties of the loader: it never raises on any bytes, positions lie inside the file, and the fast
and precise YAML paths agree on every document."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingdan.loader.load import load_file
from qingdan.models.kinds import POWER
from qingdan.parsing import yamldoc
from qingdan.sources.files import Folder

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _inside(raw: bytes, line: int, column: int) -> bool:
    # A line ends at CR LF, LF or a lone CR, as in YAML, the csv module and editors.
    lines = re.split(r"\r\n|\r|\n", raw.decode("utf-8", errors="replace"))
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


_YAMLISH = st.lists(
    st.sampled_from(
        [
            b"items:\n",
            b"  - code: X\n",
            b"    name: \xe5\x90\x8d\n",
            b"[",
            b"]",
            b"{",
            b"}",
            b"&a ",
            b"*a",
            b"!!python/object ",
            b": ",
            b"- ",
            b"\t",
            b"\r\n",
            b'"',
            b"'",
            b"\xff",
            b"#",
            b"%YAML",
            b"---\n",
            b"unit: u\n",
            b"    legal_basis: [\xe3\x80\x8aa\xe3\x80\x8b]\n",
            b"\x00",
            b" ",
        ]
    ),
    max_size=40,
).map(b"".join)


@_SETTINGS
@given(raw=st.one_of(st.binary(max_size=400), _YAMLISH))
def test_any_bytes_become_problems_never_exceptions(tmp_path: Path, raw: bytes) -> None:
    for name in ("power/any.yaml", "power/any.csv"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(raw)
        result = load_file(Folder(tmp_path), name, POWER)
        for found in result.problems:
            assert _inside(raw, found.line, found.column), (found, raw)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_DATA = st.recursive(
    _TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_TEXT, children, max_size=3),
    max_leaves=12,
)


@_SETTINGS
@given(data=st.dictionaries(_TEXT, _DATA, min_size=1, max_size=4), flow=st.booleans())
def test_fast_and_precise_paths_agree(data: dict[str, object], flow: bool) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False).encode()
    fast = yamldoc.parse(raw)
    precise = yamldoc.parse(raw, positions=True)
    assert fast.data == precise.data
    assert [f.check for f in fast.findings] == [f.check for f in precise.findings]
