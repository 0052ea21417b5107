"""Random edits of a generated registry, as a clerk makes them in a text editor, for the incremental tests.

Each edit works on the text of one file: its records are the blocks that start with `  - ` (the generator
writes every list that way), so an edit can rename, recode, reparent, delete, duplicate or cancel a record,
move a file's unit, break the YAML and mend it again, add and remove files. Most edits make problems; the
next edits go on from there, so problems come and go as they do in a working day.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

Block = list[str]


def split(text: str) -> tuple[list[str], list[Block]]:
    """The lines before the first record, and each record's lines."""
    head: list[str] = []
    blocks: list[Block] = []
    for line in text.splitlines():
        if line.startswith("  - "):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            head.append(line)
    return head, blocks


def join(head: list[str], blocks: list[Block]) -> str:
    return "\n".join([*head, *(line for block in blocks for line in block)]) + "\n"


def value(block: Block, key: str) -> str | None:
    for line in block:
        stripped = line[4:] if line.startswith("  - ") else line.strip()
        if stripped.startswith(f"{key}: "):
            return stripped[len(key) + 2 :]
    return None


def replace_value(block: Block, key: str, new: str | None) -> Block:
    """The block with `key` set to `new` (None: the key removed); a key it lacks is added at its end."""
    result: Block = []
    done = False
    for line in block:
        first = line.startswith("  - ")
        stripped = line[4:] if first else line.strip()
        if not done and stripped.startswith(f"{key}: ") and (first or (line.startswith("    ") and line[4] != " ")):
            done = True
            if new is None:
                if first:  # the key that opens the record: keep the record open with a placeholder key
                    result.append("  - note: 已删除字段")
                continue
            result.append(f"{'  - ' if first else '    '}{key}: {new}")
        else:
            result.append(line)
    if not done and new is not None:
        result.append(f"    {key}: {new}")
    return result


# The kinds after assessments (SPEC §4.6–§4.15), and for each the edits of one of its fields: the values
# (None: the key removed) may name a random power item `{code}`/`{other}` or unit `{unit}`/`{unit2}`.
OTHER_EDITS: dict[str, list[tuple[str, list[str | None]]]] = {
    "assessment-results": [("final", ["88.88", "100"]), ("grade", ["优秀", "较差", None]), ("subject", ["{unit}"])],
    "personnel": [
        ("rank", ["科级领导干部", "一般干部"]),
        ("date", ["2030-01-01", "2019-01-02"]),
        ("agency", ["{unit}"]),
    ],
    "guides": [
        ("name", ["改名后的服务", "村集体资产资源出租、发包合同备案"]),  # the latter: an internal matter's
        ("promised_limit", ["30工作日", "即办", "5工作日"]),
        ("category", ["法定办理事项", "驻场街道(镇)办理事项", "部门下放或委托至街道(镇)办理事项"]),
        ("items", ["[{code}]", "[{code}, {other}]", "[XK-330000-999999]"]),
        ("status", ["已取消", "有效"]),
        ("visits", ["2", "0"]),
    ],
    "internal-matters": [
        ("handler", ["{unit}", "nobody"]),
        ("forward_to", ["{unit}", None]),
        ("related_task", ["SQ-2019-0001", "SQ-2099-0001", None]),
        ("name", ["改名后的事项", "最低生活保障申请受理、调查核实与初审公示"]),  # the latter: a street item's
        ("online", ["否", "是"]),
    ],
    "platform-standard": [("topic", ["信息平台", "组织架构"]), ("lists", ["[guides]", "[duties]"])],
    "duties": [
        ("lead", ["{{unit: {unit}, tasks: 牵头负责}}", "{{unit: 属地街道(镇), tasks: 属地管理}}"]),
        ("power_items", ["[{code}]", "[XK-330000-999999]", None]),
        ("delegation", ["XF-2099-001", None]),
        ("zone", ["{unit}", None]),
        ("status", ["已取消", "有效"]),
    ],
    "stationed-tasks": [("agency", ["{unit}", "{unit2}"]), ("indicator", ["业务工作完成情况", "不存在的指标", None])],
    "violations": [
        ("penalty_items", ["[{code}]", "[{code}, {other}]"]),
        ("event", ["01", "01-01", "09-99", None]),
        ("report_to", ["{unit}", "所在街道(镇)", "nobody"]),
    ],
    "grid-events": [
        ("time_limit", ["即办", "2工作日", "10工作日", None]),
        ("handler", ["{unit}", "属地街道(镇)", "nobody"]),
        ("code", ['"01"', "99-01", "01-1"]),
        ("power_items", ["[{code}]", None]),
    ],
    "institutions": [("credit_code", ['"12330000400000001X"', "bad"]), ("sponsor", ["{unit}"]), ("type", ["公立医院"])],
    "indicator-sets": [("year", ["2020", "2021"])],
    "annual-reports": [("year", ["2020", "2022"]), ("submitted", ["2023-05-01", "2022-02-01"])],
}
OTHER_KINDS = sorted(OTHER_EDITS)


class Editor:
    """Random edits of one registry folder; `log` lists what was done, to replay a failure."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root = root
        self.rng = rng
        self.original = {path: path.read_text(encoding="utf-8") for path in root.rglob("*.yaml")}
        self.log: list[str] = []
        self.edits: list[tuple[int, Callable[[], str]]] = [
            (6, self.rename),
            (5, self.recode),
            (4, self.reparent),
            (4, self.delete_record),
            (4, self.duplicate_record),
            (3, self.cancel),
            (3, self.retype),
            (2, self.bad_value),
            (2, self.unknown_key),
            (3, self.break_yaml),
            (5, self.restore),
            (2, self.move_unit),
            (3, self.edit_unit),
            (3, self.edit_delegation),
            (2, self.edit_task),
            (2, self.edit_assessment),
            (20, self.edit_other_kind),
            (2, self.comment),
            (1, self.remove_file),
            (2, self.add_file),
            (1, self.csv_file),
            (1, self.no_change),
        ]

    def edit(self) -> str:
        weights = [weight for weight, _ in self.edits]
        action = self.rng.choices([edit for _, edit in self.edits], weights=weights)[0]
        done = action()
        self.log.append(done)
        return done

    # --- helpers ------------------------------------------------------------------------------------------

    def files(self, folder: str) -> list[Path]:
        where = self.root / folder
        return sorted(where.glob("*.yaml")) if where.is_dir() else []

    def power_file(self) -> Path | None:
        candidates = self.files("power")
        return self.rng.choice(candidates) if candidates else None

    def codes(self) -> list[str]:
        found: list[str] = []
        for path in self.files("power"):
            found += [code for block in split(path.read_text(encoding="utf-8"))[1] if (code := value(block, "code"))]
        return found

    def unit_ids(self) -> list[str]:
        blocks = split((self.root / "units.yaml").read_text(encoding="utf-8"))[1]
        return [ident for block in blocks if (ident := value(block, "id"))]

    def change_block(self, path: Path, change: Callable[[list[Block], int], None]) -> str:
        head, blocks = split(path.read_text(encoding="utf-8"))
        if not blocks:
            return f"{path.name}: nothing to change"
        index = self.rng.randrange(len(blocks))
        change(blocks, index)
        path.write_text(join(head, blocks), encoding="utf-8")
        return f"{path.relative_to(self.root)} #{index}"

    def set_field(self, path: Path | None, key: str, choices: list[str | None]) -> str:
        if path is None or not choices:
            return "no file"
        new = self.rng.choice(choices)

        def change(blocks: list[Block], index: int) -> None:
            blocks[index] = replace_value(blocks[index], key, new)

        return f"{key}={new} " + self.change_block(path, change)

    # --- the edits --------------------------------------------------------------------------------------

    def rename(self) -> str:
        return self.set_field(
            self.power_file(), "name", [f"改名后的事项{self.rng.randint(1, 999)}", "对违法行为的行政处罚"]
        )

    def recode(self) -> str:
        codes = self.codes()
        choices: list[str | None] = [*self.rng.sample(codes, min(3, len(codes))), "XK-330000-999999", "CF-330000-12"]
        return self.set_field(self.power_file(), "code", choices)

    def reparent(self) -> str:
        codes = self.codes()
        choices: list[str | None] = [*self.rng.sample(codes, min(3, len(codes))), "CF-330000-888888", None]
        return self.set_field(self.power_file(), "parent", choices)

    def delete_record(self) -> str:
        folder = self.rng.choice(["power", "power", "power", "delegations", "community-tasks", *OTHER_KINDS])
        candidates = self.files(folder)
        if not candidates:
            return "no file"
        return "delete " + self.change_block(self.rng.choice(candidates), lambda blocks, index: blocks.pop(index))

    def duplicate_record(self) -> str:
        if self.rng.random() < 0.3:  # a record of another kind, twice in its file
            candidates = self.files(self.rng.choice(OTHER_KINDS))
            if candidates:
                path = self.rng.choice(candidates)
                return "dup " + self.change_block(path, lambda blocks, index: blocks.append(list(blocks[index])))
        source, target = self.power_file(), self.power_file()
        if source is None or target is None:
            return "no file"
        blocks = split(source.read_text(encoding="utf-8"))[1]
        if not blocks:
            return "empty"
        copied = list(self.rng.choice(blocks))
        head, target_blocks = split(target.read_text(encoding="utf-8"))
        target_blocks.insert(self.rng.randint(0, len(target_blocks)), copied)
        target.write_text(join(head, target_blocks), encoding="utf-8")
        return f"duplicate {source.name} → {target.name}"

    def cancel(self) -> str:
        return self.set_field(self.power_file(), "status", ["已取消", "有效"])

    def retype(self) -> str:
        return self.set_field(self.power_file(), "type", ["行政许可", "行政处罚", "行政检查"])

    def bad_value(self) -> str:
        return self.set_field(self.power_file(), "source", ["上级下放", "法定本级行使", "上级下放X"])

    def unknown_key(self) -> str:
        return self.set_field(self.power_file(), "colour", ["红色"])

    def break_yaml(self) -> str:
        others = self.files(self.rng.choice(OTHER_KINDS))
        path = self.rng.choice([*self.files("power"), self.root / "units.yaml", *self.files("delegations"), *others])
        text = path.read_text(encoding="utf-8")
        broken = self.rng.choice(["  - code: [unclosed\n", "items: twice\n", "\tname: tab\n", "    name: a: b: c\n"])
        lines = text.splitlines(keepends=True)
        lines.insert(self.rng.randint(1, max(1, len(lines))), broken)
        path.write_text("".join(lines), encoding="utf-8")
        return f"break {path.relative_to(self.root)}"

    def restore(self) -> str:
        path = self.rng.choice(sorted(self.original))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.original[path], encoding="utf-8")
        return f"restore {path.relative_to(self.root)}"

    def move_unit(self) -> str:
        path = self.power_file()
        if path is None:
            return "no file"
        lines = path.read_text(encoding="utf-8").splitlines()
        new = self.rng.choice([*self.unit_ids(), "no-such-unit"])
        lines = [f"unit: {new}" if line.startswith("unit: ") else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return f"unit={new} {path.name}"

    def edit_unit(self) -> str:
        path = self.root / "units.yaml"
        action = self.rng.choice(["kind", "delete", "duplicate", "status", "abbr"])
        if action == "delete":
            return "units " + self.change_block(path, lambda blocks, index: blocks.pop(index))
        if action == "duplicate":
            return "units dup " + self.change_block(path, lambda blocks, index: blocks.append(list(blocks[index])))
        choices: dict[str, list[str | None]] = {
            "kind": ["部门", "街道", "社区", "派驻机构"],
            "status": ["已撤销", "有效"],
            "abbr": ["ZZ99", None, "bad abbr"],
        }
        return self.set_field(path, action, choices[action])

    def edit_delegation(self) -> str:
        candidates = self.files("delegations")
        path = self.rng.choice(candidates) if candidates else None
        key = self.rng.choice(["status", "from_unit", "effective_date"])
        choices: dict[str, list[str | None]] = {
            "status": ["已批准", "审议中", "不予批准"],
            "from_unit": [*self.rng.sample(self.unit_ids(), 2), "nobody"],
            "effective_date": ["2000-01-01", "2030-01-01", None],
        }
        return self.set_field(path, key, choices[key])

    def edit_task(self) -> str:
        candidates = self.files("community-tasks")
        path = self.rng.choice(candidates) if candidates else None
        key = self.rng.choice(["decision", "merged_into"])
        choices: dict[str, list[str | None]] = {
            "decision": ["保留", "归并", "取消"],
            "merged_into": ["SQ-2019-0001", "SQ-2099-0001", None],
        }
        return self.set_field(path, key, choices[key])

    def edit_assessment(self) -> str:
        candidates = self.files("assessments")
        path = self.rng.choice(candidates) if candidates else None
        return self.set_field(path, "year", ["2020", "二〇二〇"])

    def edit_other_kind(self) -> str:
        """A field of a record of the kinds after assessments: a guide renamed, a grid event's time limit, a
        duty's lead, a violation's penalty …, to values that make problems and to values that mend them."""
        folder = self.rng.choice(sorted(OTHER_EDITS))
        candidates = self.files(folder)
        if not candidates:
            return f"no {folder}"
        key, choices = self.rng.choice(OTHER_EDITS[folder])
        codes = self.rng.sample(self.codes(), 2)
        units = self.rng.sample(self.unit_ids(), 2)
        values: list[str | None] = [
            None if choice is None else choice.format(code=codes[0], other=codes[1], unit=units[0], unit2=units[1])
            for choice in choices
        ]
        return f"{folder} " + self.set_field(self.rng.choice(candidates), key, values)

    def comment(self) -> str:
        path = self.rng.choice([*self.files("power"), self.root / "units.yaml"])
        path.write_text("# 校对\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        return f"comment {path.relative_to(self.root)}"

    def remove_file(self) -> str:
        path = self.power_file()
        if path is None:
            return "no file"
        path.unlink()
        return f"remove {path.name}"

    def add_file(self) -> str:
        source = self.power_file()
        if source is None:
            return "no file"
        number = self.rng.randint(1, 99)
        text = source.read_text(encoding="utf-8").replace("-330000-", f"-3300{number:02d}-")
        target = source.with_name(f"extra-{number}.yaml")
        target.write_text(text, encoding="utf-8")
        return f"add {target.name} from {source.name}"

    def csv_file(self) -> str:
        target = self.root / "power" / "extra.csv"
        unit = self.rng.choice(self.unit_ids())
        rows = [
            "code,name,type,unit,legal_basis",
            f"XK-330000-777777,新增事项,行政许可,{unit},《中华人民共和国行政许可法》第十二条",
            f"XK-330000-777778,另一事项,行政许可X,{unit},",
        ]
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return f"csv with unit {unit}"

    def no_change(self) -> str:
        path = self.power_file()
        if path is not None:
            path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        return "rewrite unchanged"
