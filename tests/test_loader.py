from __future__ import annotations

from pathlib import Path

from helpers import found, write_registry


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
