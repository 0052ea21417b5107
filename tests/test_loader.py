from __future__ import annotations

from pathlib import Path

from helpers import found, write_registry
from qingdan.models.kinds import POWER


def test_sample_registry_is_clean(sample: Path) -> None:
    assert found(sample) == set()


def test_hostile_yaml_is_refused_with_a_position(tmp_path: Path) -> None:
    root = write_registry(
        tmp_path,
        {
            "power/tag.yaml": "unit: scjgj\nitems: !!python/object:os.system [ls]\n",
            "power/alias.yaml": "unit: &u scjgj\nitems: [*u]\n",
            "power/deep.yaml": "items: " + "[" * 5000 + "\n",
            "power/bytes.yaml": b"unit: scjgj\nitems:\n  - code: \xff\xfe\n",
        },
    )
    assert found(root) == {
        ("power/alias.yaml", 1, 7, "QD001"),
        ("power/bytes.yaml", 3, 11, "QD001"),
        ("power/deep.yaml", 1, 1007, "QD008"),
        ("power/tag.yaml", 2, 8, "QD001"),
    }


def test_symlink_out_of_the_registry_is_refused(tmp_path: Path) -> None:
    root = write_registry(tmp_path, {})
    (root / "power").mkdir()
    (root / "power" / "passwd.yaml").symlink_to("/etc/passwd")
    assert found(root) == {("power/passwd.yaml", 1, 1, "QD008")}


def test_excel_csv_in_gb18030_and_utf8_bom_loads_the_same_text() -> None:
    from qingdan.loader.load import load_registry

    root = Path(__file__).parent / "examples" / "valid" / "excel-csv"
    items = {item.code: item for item in load_registry(root).of(POWER)}
    licence = items["XK-330205-0201"]  # GB18030, Chinese headers, CRLF, a list cell, a blank Excel row
    assert licence.name == "公共场所卫生许可"
    assert licence.responsibilities == ["受理责任", "审查责任", "决定责任"]
    assert licence.legal_basis and licence.legal_basis[0].text == "经营单位应当及时向卫生行政部门申请办理“卫生许可证”。"
    assert items["GF-330205-0301"].legal_basis[0].article == "第四十八条"  # type: ignore[index]


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    bomb = "unit: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"k{n}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(9)
    )
    root = write_registry(tmp_path, {"power/bomb.yaml": bomb})
    assert found(root) == {("power/bomb.yaml", 1, 7, "QD001")}


def test_a_link_loop_and_a_linked_kind_folder_are_refused(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "registry", {})
    (root / "power").mkdir()
    (root / "power" / "loop.yaml").symlink_to("loop.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("items: []\n", encoding="utf-8")
    (root / "delegations").symlink_to(outside)
    assert found(root) == {("power/loop.yaml", 1, 1, "QD008"), ("delegations", 1, 1, "QD008")}
