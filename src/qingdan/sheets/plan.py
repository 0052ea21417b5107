"""Where each imported record goes and the new bytes of every file it changes, computed in memory.

A record already in the registry is updated in the file that holds it, only in the fields whose values
differ (compared as data, so `60` and `60.0`, or a citation and the same legal basis as a mapping, are
equal and left as written). A new record is appended to `--into` or to its kind's conventional file. No
file is written here: the caller validates the registry as it would be, then writes all files or none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from qingdan.models import Record, parse_citation
from qingdan.models.columns import text_of
from qingdan.models.kinds import POWER, AnyKind
from qingdan.models.legal_basis import basis_fields
from qingdan.models.shape import field_order, typed_paths
from qingdan.problems import Path as DocPath
from qingdan.sheets import csvfile
from qingdan.sheets.cells import comparable, sheet_columns
from qingdan.sheets.errors import CommandError
from qingdan.sheets.rows import Imported
from qingdan.sources import files
from qingdan.writing import yamlwrite


@dataclass
class Plan:
    files: dict[str, bytes] = field(default_factory=dict)  # registry-relative path → new content
    places: dict[tuple[str, DocPath], int] = field(default_factory=dict)  # (file, record path) → sheet row
    added: list[Imported] = field(default_factory=list)
    updated: list[Imported] = field(default_factory=list)
    unchanged: list[Imported] = field(default_factory=list)


class _Target(Protocol):
    def update(self, path: DocPath, changes: dict[str, Any]) -> DocPath: ...

    def append(self, data: dict[str, Any]) -> DocPath: ...

    def render(self) -> bytes: ...


def plan_import(
    root: Path, kind: AnyKind, records: list[Imported], existing: dict[str, Record], into: str | None
) -> Plan:
    plan = Plan()
    targets: dict[str, _Target] = {}
    for imported in records:
        old = existing.get(imported.key)
        if old is not None:
            changes = field_changes(old, imported)
            if not changes:
                plan.unchanged.append(imported)
                continue
            relative = old.file
            place = _target(targets, root, relative, kind, imported).update(old.ref.path, changes)
            plan.updated.append(imported)
        else:
            relative = into or conventional_file(root, kind, imported)
            place = _target(targets, root, relative, kind, imported).append(imported.data)
            plan.added.append(imported)
        plan.places[(relative, place)] = imported.row
    plan.files = {relative: target.render() for relative, target in targets.items()}
    return plan


def field_changes(old: Record, imported: Imported) -> dict[str, Any]:
    """Top-level keys whose values differ as data → the new text value (None: remove the key). A legal basis's
    `checked` date is not in the sheet (a citation string cannot hold it), so it is not compared."""
    before, after = sheet_data(old), sheet_data(imported.model)
    return {name: imported.data.get(name) for name in field_order(type(old)) if before.get(name) != after.get(name)}


def sheet_data(record: Record) -> dict[str, Any]:
    """A record's data as a sheet can hold it: what an empty cell cannot tell apart, and `checked`, left out."""
    dumped: dict[str, Any] = comparable(record.model_dump(by_alias=True, exclude_none=True)) or {}
    for name in basis_fields(type(record)):
        if isinstance(dumped.get(name), list):
            dumped[name] = [_without_checked(entry) for entry in dumped[name]]
    return dumped


def _without_checked(entry: Any) -> Any:
    return {key: value for key, value in entry.items() if key != "checked"} if isinstance(entry, dict) else entry


def conventional_file(root: Path, kind: AnyKind, imported: Imported) -> str:
    """units.yaml; power/<unit>.yaml (or the unit's CSV file if it has only that); <folder>/<year>.yaml."""
    if kind.file is not None:
        return kind.file
    if kind is POWER:
        unit = str(imported.data.get("unit", ""))
        yaml_file, csv_file = f"{kind.prefix}{unit}.yaml", f"{kind.prefix}{unit}.csv"
        return csv_file if (root / csv_file).is_file() and not (root / yaml_file).exists() else yaml_file
    year = _year(imported.data)
    if year is None:
        raise CommandError("import.where", key=imported.key)
    return f"{kind.prefix}{year}.yaml"


def _year(data: dict[str, Any]) -> str | None:
    candidates = [data.get("year"), (data.get("review") or {}).get("date"), data.get("effective_date")]
    return next((str(value)[:4] for value in candidates if value), None)


def _target(targets: dict[str, _Target], root: Path, relative: str, kind: AnyKind, first: Imported) -> _Target:
    if relative not in targets:
        exists = (root / relative).exists()
        if relative.lower().endswith(".csv"):
            targets[relative] = _CsvTarget(root, relative, kind) if exists else _CsvTarget.new(kind)
        else:
            targets[relative] = _YamlTarget(root, relative, kind, first if not exists else None)
    return targets[relative]


def _read(root: Path, relative: str) -> bytes:
    raw = files.read(root, relative)
    if not isinstance(raw, bytes):
        raise CommandError(raw.message_key, where=relative, **raw.args)
    return raw


class _YamlTarget:
    def __init__(self, root: Path, relative: str, kind: AnyKind, first: Imported | None) -> None:
        self.kind = kind
        model = kind.model
        self.typed = lambda path: path in typed_paths(model)
        if first is None:
            try:
                self.document = yamlwrite.load(_read(root, relative))
            except Exception as error:  # the file was loaded fine a moment ago; ruamel may still refuse it
                raise CommandError("import.unreadable", where=relative, detail=str(error)) from error
        else:
            self.document = _new_document(root, relative, kind, first)
        self.defaults = _model_defaults(model)
        self.citations = frozenset(column.key for column in kind.columns if column.citations)

    @property
    def items(self) -> Any:
        data = self.document.data
        if data.get(self.kind.list_key) is None:
            data[self.kind.list_key] = CommentedSeq()
        return data[self.kind.list_key]

    def update(self, path: DocPath, changes: dict[str, Any]) -> DocPath:
        node = self.items[path[1]]
        shaped = {name: self._yaml_value(name, value, node.get(name)) for name, value in changes.items()}
        yamlwrite.update_mapping(node, shaped, field_order(self.kind.model), self.typed)
        return path

    def append(self, data: dict[str, Any]) -> DocPath:
        inherited = {name: self.document.data.get(name) for name in self.kind.defaults}
        kept = {
            name: self._yaml_value(name, value, None)
            for name, value in data.items()
            if self.defaults.get(name) != value and inherited.get(name) != value
        }
        yamlwrite.append_item(self.items, yamlwrite.to_node(kept, self.typed))
        return (self.kind.list_key, len(self.items) - 1)

    def render(self) -> bytes:
        return yamlwrite.render(self.document)

    def _yaml_value(self, name: str, value: Any, old: Any) -> Any:
        """Legal bases as mappings, except where the file has that entry as a citation string; an entry that
        cites what the file's entry cites keeps the file's `checked` date."""
        if name not in self.citations or not isinstance(value, list):
            return value
        return [_basis_value(entry, old, index) for index, entry in enumerate(value)]


def _new_document(root: Path, relative: str, kind: AnyKind, first: Imported) -> yamlwrite.Document:
    data = CommentedMap()
    schema = root / "schemas" / f"{kind.name}.schema.json"
    if schema.is_file():  # editors validate the new file like the bundled ones
        link = Path(os.path.relpath(schema, (root / relative).parent)).as_posix()
        data.yaml_set_start_comment(f"yaml-language-server: $schema={link}")
    for name in sorted(kind.defaults):
        if first.data.get(name) is not None:
            data[name] = yamlwrite.scalar(str(first.data[name]))
    data[kind.list_key] = CommentedSeq()
    return yamlwrite.Document(data, yamlwrite.CANONICAL, "", "")


def _model_defaults(model: type[Record]) -> dict[str, str]:
    """Fields whose default is a value (source 法定本级行使, status 有效): a new record leaves them out."""
    return {
        info.alias or name: text_of(info.default)
        for name, info in model.model_fields.items()
        if info.default is not None and not info.is_required()
    }


def _basis_value(entry: Any, old: Any, index: int) -> Any:
    if not isinstance(entry, str) or _is_text_at(old, index):
        return entry
    return _kept_checked(parse_citation(entry), old)


def _kept_checked(entry: dict[str, Any], old: Any) -> dict[str, Any]:
    for before in old if isinstance(old, list) else ():
        if isinstance(before, dict) and before.get("checked") and _without_checked(dict(before)) == entry:
            return {**entry, "checked": before["checked"]}
    return entry


def _is_text_at(old: Any, index: int) -> bool:
    return isinstance(old, list) and index < len(old) and isinstance(old[index], str)


class _CsvTarget:
    def __init__(self, root: Path, relative: str, kind: AnyKind, table: csvfile.CsvTable | None = None) -> None:
        self.kind = kind
        self.relative = relative
        self.table = table or csvfile.load(_read(root, relative), kind.model, relative)

    @classmethod
    def new(cls, kind: AnyKind) -> _CsvTarget:
        labels = [column.label for column in sheet_columns(kind.model)]
        return cls(Path(), "", kind, csvfile.new_table(labels, kind.model))

    def update(self, path: DocPath, changes: dict[str, Any]) -> DocPath:
        row = int(path[0])
        self.table.set_cells(row, self._cells(changes))
        return (row,)

    def append(self, data: dict[str, Any]) -> DocPath:
        return (self.table.append(self._cells(data)),)

    def _cells(self, changes: dict[str, Any]) -> dict[int, str]:
        cells: dict[int, str] = {}
        for name, value in changes.items():
            columns = self.table.columns_under(name)
            for index in columns:
                cells[index] = _csv_text(_at(value, self.table.paths[index] or ()))
            if value is not None and not columns:
                raise CommandError("import.csv_column", where=self.relative, field=name)
        return cells

    def render(self) -> bytes:
        return self.table.render()


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for part in path[1:]:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(entry if isinstance(entry, str) else _citation(entry) for entry in value)
    return str(value)


def _citation(entry: dict[str, str]) -> str:
    from qingdan.models import LegalBasis

    return LegalBasis.model_validate(entry).citation
