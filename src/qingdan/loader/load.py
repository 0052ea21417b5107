"""Read a registry folder into records: every file, every problem, never an exception for bad data.

Each file is read once, parsed (YAML or CSV), checked against its record kind's schema and turned into
models that remember their file and path. Problems are located (line, column) through the file's source
map, which is only built for files that have a problem. One broken file never stops the run.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from qingdan.errors import RegistryError
from qingdan.file_checks import DUPLICATE_KEY, MISSING_FIELD, SETTINGS, UNKNOWN_KEY, VARIANT_FORM, WRONG_VALUE
from qingdan.laws.index import IndexEntry
from qingdan.laws.reading import Keeper, index_path, open_library, read_versions
from qingdan.loader import helper
from qingdan.loader.helper import Helper, slow_to_load
from qingdan.loader.library import has_index, library_folder
from qingdan.loader.locate import locate
from qingdan.loader.registry import FileInfo, Registry
from qingdan.loader.schema_errors import SchemaIssue, validate_record
from qingdan.loader.sharing import share_fields_sets
from qingdan.loader.vocab import normalise
from qingdan.models import Record, Settings
from qingdan.models.catalogue import Catalogue, CatalogueEntry
from qingdan.models.columns import Column, columns_for, header_map, line_entry
from qingdan.models.kinds import BY_NAME, LAYOUT, AnyKind
from qingdan.models.settings import CatalogueSettings
from qingdan.parsing import csvdoc, yamldoc
from qingdan.problems import Finding, Problem, Ref, Rule
from qingdan.problems import Path as DocPath
from qingdan.sources.files import SETTINGS_FILE, DataFile, Folder, Layout, Source, digest


@dataclass
class FileResult:
    path: str
    kind: str
    digest: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    entries: int = -1  # how many entries the YAML file's list has (records or not); -1: not a YAML list


def find_registry(explicit: Path | None, cwd: Path) -> Path:
    """`--registry`, else the nearest folder upward holding qingdan.yaml, else ./registry."""
    if explicit is not None:
        if not (explicit / SETTINGS_FILE).is_file():
            raise RegistryError("registry.not_registry", path=explicit, file=SETTINGS_FILE)
        return explicit
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    if (cwd / "registry" / SETTINGS_FILE).is_file():
        return cwd / "registry"
    raise RegistryError("registry.not_found", path=cwd, file=SETTINGS_FILE)


def load_settings(source: Source) -> Settings:
    """qingdan.yaml, or RegistryError (QD007): without it nothing else can be read."""
    raw = source.read(SETTINGS_FILE)
    if isinstance(raw, Problem):
        raise RegistryError("registry.settings", [raw], file=SETTINGS_FILE)
    document = yamldoc.parse(raw)
    problems = [finding.problem(SETTINGS_FILE) for finding in document.findings]
    if not problems:
        model, issues = validate_record(Settings, document.data if document.data is not None else {})
        if model is not None:
            assert isinstance(model, Settings)
            return model
        problems = [_issue_problem(SETTINGS_FILE, issue.path, issue) for issue in issues]
    located = locate(problems, raw, "yaml", [])
    raise RegistryError("registry.settings", located, file=SETTINGS_FILE)


def load_registry(
    where: Path | Source,
    keep: Keeper | None = None,
    kinds: Collection[AnyKind] | None = None,
    laws_ahead: bool = False,
) -> Registry:
    """The registry in a folder (a Path) or from any other Source, such as a git revision; `keep`: where the law
    library's parses are kept between runs (`qingdan.cache.store.Store`), if anywhere; `kinds`: the only kinds
    whose files are read (all when None), for a command that needs no others; `laws_ahead`: read the law
    library's files beside the records, for a command that will need it."""
    source = Folder(where) if isinstance(where, Path) else where
    layout = LAYOUT if kinds is None else LAYOUT.only({kind.name for kind in kinds})
    with no_cyclic_gc():
        return _load_registry(source, keep, layout, laws_ahead)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Loading creates hundreds of thousands of objects that all stay alive; the cyclic collector would
    scan them again and again (measured: half the load time at 100,000 items). Nothing here makes cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_registry(source: Source, keep: Keeper | None, layout: Layout, laws_ahead: bool) -> Registry:
    registry = Registry(source, load_settings(source))
    paths, problems = source.discover(layout)
    registry.problems.extend(problems)
    attach_catalogue(registry)
    attach_laws(registry, keep=keep, ahead=laws_ahead and slow_to_load(source, paths))
    for result in load_files(source, paths):
        add_file(registry, result)
    return registry


def load_files(
    source: Source, paths: list[DataFile], raws: dict[str, bytes | Problem] | None = None
) -> Iterator[FileResult]:
    """Each data file's records and problems, in the order given, the last ones loaded by a helper process
    (`helper`); `raws`: their contents, if already read."""

    def load_there(root: Path, data_file: DataFile, raw: bytes | Problem) -> FileResult:
        return load_file(Folder(root), data_file.path, BY_NAME[data_file.kind], raw=raw)

    with Helper(source, paths, load_there) as helper:
        for data_file in paths:
            relative, kind = data_file.path, BY_NAME[data_file.kind]
            done = helper.result(relative)
            if isinstance(done, FileResult):
                yield done
                continue
            raw = raws.get(relative) if raws is not None else None
            if raw is not None and not hasattr(source, "memoized"):
                result = load_file(source, relative, kind, raw=raw)
            else:
                result = _load_once(source, relative, kind, None)
            yield result


def attach_catalogue(registry: Registry) -> None:
    """The province's basic catalogue that qingdan.yaml names, if any, with the problems of reading it."""
    if registry.settings.catalogue is not None:
        registry.catalogue, problems = load_catalogue(registry.source, registry.settings.catalogue)
        registry.problems.extend(problems)


def attach_laws(
    registry: Registry, digests: Mapping[str, str] | None = None, keep: Keeper | None = None, ahead: bool = False
) -> None:
    """The law library, if the registry has one (SPEC §4.17): its index read now, its texts when first read
    (`registry.laws`: most runs need no law). `digests`: its files' digests, if already taken; `keep`: where
    its parses are kept between runs; `ahead`: its files read now by a second process, while this one loads
    the records (measured with the 3,500-file bench library: reading them takes 0.75 s, handing them over
    0.08 s; at 100,000 items loading the records takes longer, so `qingdan laws` no longer waits for them)."""
    folder = library_folder(registry.source, registry.settings, digests)
    if folder is None:
        return
    source = registry.source
    index, problems = load_law_index(source, folder)
    registry.problems.extend(problems)
    read = helper.ahead(lambda: read_versions(source, folder, digests, keep)) if ahead else lambda: None
    registry.library = lambda: open_library(source, folder, index, digests, keep, read())


def load_law_index(source: Source, folder: str) -> tuple[list[IndexEntry], list[Problem]]:
    """`laws/index.csv`, if there is one, read as registry CSVs are."""
    relative = index_path(folder)
    raw = source.read(relative) if has_index(source, folder) else None
    if not isinstance(raw, bytes):
        return [], [raw] if isinstance(raw, Problem) else []
    entries, problems, columns = csv_entries(relative, IndexEntry, raw)
    found: list[IndexEntry] = []
    for path, data, inherited in entries:
        record, record_problems = build_record(relative, IndexEntry, path, data, inherited)
        problems += record_problems
        if isinstance(record, IndexEntry):
            found.append(record)
    return found, locate(problems, raw, "csv", columns)


def add_file(registry: Registry, result: FileResult) -> None:
    """Add one file's records and problems to a registry being built, after those of the files before it."""
    registry.problems.extend(result.problems)
    registry.broken.update(result.broken)
    registry.files.append(FileInfo(result.path, result.kind, result.digest, len(result.records)))
    registry.records.setdefault(result.kind, []).extend(result.records)


def _load_once(source: Source, relative: str, kind: AnyKind, emitted: str | None) -> FileResult:
    """A source that reads git revisions remembers each file version it loaded (by blob id), so reading many
    revisions of a registry costs only the files that changed between them."""
    memoized = getattr(source, "memoized", None)
    if memoized is None:
        return load_file(source, relative, kind, emitted)
    result: FileResult = memoized(relative, kind.name, lambda: load_file(source, relative, kind, emitted))
    return result


def load_file(
    source: Source, relative: str, kind: AnyKind, emitted: str | None = None, raw: bytes | Problem | None = None
) -> FileResult:
    """One file's records and problems; `emitted`: its YAML as JSON, if another process made it; `raw`: its
    content, if already read."""
    if raw is None:
        raw = source.read(relative)
    if isinstance(raw, Problem):
        return FileResult(relative, kind.name, "", problems=[raw])
    result = FileResult(relative, kind.name, digest(raw, kind.name))
    is_csv = relative.lower().endswith(".csv")
    if is_csv:
        entries, problems, columns = csv_entries(relative, kind.model, raw)
    else:
        document = yamldoc.parse(raw, emitted=emitted)
        entries, problems, columns = _yaml_entries(relative, kind, document)
        listed = document.data.get(kind.list_key) if isinstance(document.data, dict) else None
        result.entries = len(listed) if isinstance(listed, list) else -1
    validate = kind.model.__pydantic_validator__.validate_python  # as model_validate, without its frame
    records = result.records
    for path, data, inherited in entries:
        try:
            valid = validate(data)
        except ValidationError:  # the slow path says what is wrong, and tries variant spellings
            record, record_problems = build_record(relative, kind.model, path, data, inherited)
            problems += record_problems
            if record is not None:
                records.append(record)
            elif isinstance(key := data.get("code", data.get("id")), str):
                result.broken.append(key)
        else:
            share_fields_sets(valid)
            valid.locate_in(Ref(relative, path), inherited)
            records.append(valid)
    result.problems = locate(problems, raw, "csv" if is_csv else "yaml", columns)
    return result


Entry = tuple[DocPath, dict[str, Any], frozenset[str]]


def _yaml_entries(
    relative: str, kind: AnyKind, document: yamldoc.YamlDocument
) -> tuple[list[Entry], list[Problem], list[DocPath]]:
    problems = [finding.problem(relative) for finding in document.findings]
    data = document.data
    if data is None and problems:
        return [], problems, []
    if not isinstance(data, dict):
        return [], [*problems, _problem(WRONG_VALUE, relative, variant="file", list_key=kind.list_key)], []
    allowed = {kind.list_key, "note", *kind.defaults}
    problems += [
        _problem(UNKNOWN_KEY, relative, (name,), field=name, at_key=True) for name in data if name not in allowed
    ]
    records = data.get(kind.list_key)
    if records is None:
        problems.append(_problem(MISSING_FIELD, relative, (kind.list_key,), variant="list", field=kind.list_key))
        return [], problems, []
    if not isinstance(records, list):
        problems.append(_problem(WRONG_VALUE, relative, (kind.list_key,), variant="list", field=kind.list_key))
        return [], problems, []
    defaults = {name: data[name] for name in kind.defaults if data.get(name) is not None}
    entries: list[Entry] = []
    for index, entry in enumerate(records):
        path = (kind.list_key, index)
        if not isinstance(entry, dict):
            problems.append(_problem(WRONG_VALUE, relative, path, variant="record"))
            continue
        inherited = _inherit(entry, defaults)
        entries.append((path, entry, inherited))
    return entries, problems, []


def _inherit(entry: dict[str, Any], defaults: dict[str, Any]) -> frozenset[str]:
    """Fill in the file's defaults that the record does not set; return their names."""
    missing = [name for name in defaults if name not in entry]
    for name in missing:
        entry[name] = defaults[name]
    return _frozen(tuple(missing))


@cache
def _frozen(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)  # shared: 100,000 items of a file inherit the same names


def csv_entries(relative: str, model: type[BaseModel], raw: bytes) -> tuple[list[Entry], list[Problem], list[DocPath]]:
    """A CSV file's rows as records' data, its header's problems, and the column path of each header cell."""
    document, failure = csvdoc.parse(raw)
    if document is None:
        return [], [failure.problem(relative)] if failure else [], []
    columns = columns_for(model)
    by_header = header_map(model)
    paths: list[DocPath] = []
    problems: list[Problem] = []
    for header in document.header:
        name = header.strip()
        path = by_header.get(name)
        if path is None:
            problems.append(_problem(UNKNOWN_KEY, relative, (csvdoc.HEADER, name), field=name, at_key=True))
        elif path in paths:
            problems.append(
                _problem(DUPLICATE_KEY, relative, (csvdoc.HEADER, *path), variant="column", field=name, at_key=True)
            )
        paths.append(path or (name,))
    entries: list[Entry] = []
    for index, row in enumerate(document.rows):
        record: dict[str, Any] = {}
        for path, cell in zip(paths, row, strict=False):
            if cell.strip() and path in columns:
                _place(record, path, _cell_value(cell, columns[path]))
        entries.append(((index,), record, frozenset()))
    return entries, problems, paths


def _cell_value(cell: str, column: Column) -> str | list[Any]:
    if not column.is_list:
        return cell.strip()
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    if column.line_fields is None:
        return lines
    # A line that is not in the form stays text, and the schema says what is wrong with it.
    return [line_entry(line, column) or line for line in lines]


def _place(record: dict[str, Any], path: DocPath, value: Any) -> None:
    target = record
    for part in path[:-1]:
        target = target.setdefault(str(part), {})
    target[str(path[-1])] = value


def build_record(
    relative: str, schema: type[BaseModel], path: DocPath, data: dict[str, Any], inherited: frozenset[str]
) -> tuple[Record | None, list[Problem]]:
    model, issues = validate_record(schema, data)
    problems: list[Problem] = []
    if issues:  # variant spellings of vocabulary values are only looked for when the schema refuses a record
        changes = normalise(data, schema)
        for where, written, fixed in changes:
            where_path = _field_path(path, where, inherited)
            problems.append(
                _problem(VARIANT_FORM, relative, where_path, field=str(where[-1]), written=written, value=fixed)
            )
        if changes:
            model, issues = validate_record(schema, data)
    record_key = data.get("code", data.get("id"))
    record_key = record_key if isinstance(record_key, str) else None
    for issue in issues:
        problems.append(_issue_problem(relative, _field_path(path, issue.path, inherited), issue, record_key))
    if model is None:
        return None, problems
    assert isinstance(model, Record)
    share_fields_sets(model)
    model.locate_in(Ref(relative, path), inherited)
    return model, problems


def _field_path(record_path: DocPath, field_path: DocPath, inherited: frozenset[str]) -> DocPath:
    if field_path and field_path[0] in inherited:
        return field_path  # set once at the top of the file
    return (*record_path, *field_path)


def _issue_problem(relative: str, path: DocPath, issue: SchemaIssue, record: str | None = None) -> Problem:
    finding = Finding(Ref(relative, path), issue.variant, dict(issue.args), record, issue.field, issue.at_key)
    return issue.rule.stamp(finding)


def _problem(
    rule: Rule,
    relative: str,
    path: DocPath = (),
    *,
    variant: str = "",
    field: str | None = None,
    at_key: bool = False,
    **args: str,
) -> Problem:
    if field is not None:
        args.setdefault("field", field)
    return rule.stamp(Finding(Ref(relative, path), variant, args, None, field, at_key))


# --- the province's basic catalogue (SPEC §4.16) ---------------------------------------------------------------

_CATALOGUE = "catalogue"  # the name its file goes by when the source looks for it (not a kind's folder)
_FORMULA_STARTS = ("=", "+", "-", "@")  # what a spreadsheet would run: no catalogue value starts so


def load_catalogue(source: Source, settings: CatalogueSettings) -> tuple[Catalogue, list[Problem]]:
    """The catalogue file that qingdan.yaml names, read as registry CSVs are (encodings, limits, located
    problems); RegistryError (QD007) if it is missing, since qingdan.yaml then names nothing."""
    relative = settings.file
    _, missing = source.discover(Layout(files=((relative, _CATALOGUE),), folders=(), csv=frozenset({_CATALOGUE})))
    if missing:
        raw_settings = source.read(SETTINGS_FILE)
        problem = SETTINGS.at(Ref(SETTINGS_FILE, ("catalogue", "file")), "catalogue", file=relative)
        located = locate([problem], raw_settings, "yaml", []) if isinstance(raw_settings, bytes) else [problem]
        raise RegistryError("registry.settings", located, file=SETTINGS_FILE)
    raw = source.read(relative)
    if isinstance(raw, Problem):
        return Catalogue(relative, unified=settings.unified), [raw]
    entries, problems, columns = csv_entries(relative, CatalogueEntry, raw)
    records: list[CatalogueEntry] = []
    broken: set[str] = set()
    for path, data, inherited in entries:
        formulas = _formula_problems(relative, path, data)
        record, record_problems = (
            (None, formulas) if formulas else build_record(relative, CatalogueEntry, path, data, inherited)
        )
        problems += record_problems
        if isinstance(record, CatalogueEntry):
            records.append(record)
        elif isinstance(code := data.get("code"), str):
            broken.add(code)
    catalogue = Catalogue(relative, tuple(records), frozenset(broken), settings.unified)
    return catalogue, locate(problems, raw, "csv", columns)


def _formula_problems(relative: str, path: DocPath, data: dict[str, Any]) -> list[Problem]:
    """A cell such as `=HYPERLINK(...)` is refused (QD005) rather than read as a value and shown to readers."""
    problems = []
    for name, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and text.startswith(_FORMULA_STARTS):
                problems.append(_problem(WRONG_VALUE, relative, (*path, name), variant="formula", formula=text[:40]))
                break
    return problems
