"""Every district as the two Parquet tables the report reads (power items and units), with its validation summary.

A registry is validated and exported to Parquet into the user's cache (`<cache>/province/<key>/`), where the key
is a digest of its files' paths, sizes and modification times and of qingdan's version: a rerun with no
district changed finds every key and reads no registry. Registries are staged in parallel, one process per core
(a 5,000-item registry takes about 0.25 s to validate and export). A Data Package's CSVs are turned into Parquet
the same way (its lists are one value per line in a cell); a Parquet export is read where it lies, once its
columns are checked.

The cache holds data, never code (Parquet and JSON); a folder is written under a temporary name and renamed
into place, so a run stopped half-way leaves nothing that a later one would take for finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from qingdan import __version__
from qingdan.cache.store import Area, cache_dir
from qingdan.errors import QingdanError, RegistryError
from qingdan.messages import LANGUAGES, message, text
from qingdan.models.kinds import POWER, UNITS
from qingdan.province.districts import (
    REQUIRED,
    Folder,
    Shape,
    Skipped,
    export_files,
    missing_columns,
    package_region,
    parquet_region,
)
from qingdan.publish.parquet import SUFFIX

FORMAT = "1"  # of what a cache folder holds; part of every key
SUMMARY = "summary.json"
TABLES = (POWER.name, UNITS.name)


@dataclass(frozen=True)
class Catalogue:
    """The catalogue a registry names: its file, and a digest of its bytes (registries sharing one agree)."""

    path: Path
    digest: str


@dataclass(frozen=True)
class District:
    code: str
    name: str
    folder: Path
    shape: Shape
    files: dict[str, Path]  # power, units → Parquet file
    key: str  # of its files as staged (see `_key`)
    synthetic: bool = False
    errors: int | None = None  # None for an export: nobody validated it here
    warnings: int | None = None
    catalogue: Catalogue | None = None


def stage(folders: list[Folder]) -> tuple[list[District], list[Skipped]]:
    """Every district staged, in folder order, and the folders that could not be."""
    cache = cache_dir() / Area.PROVINCE
    keys = {folder.path: _key(folder) for folder in folders}
    todo = [folder for folder in folders if not _reused(cache / keys[folder.path])]
    _build(todo, cache, keys)
    districts: list[District] = []
    skipped: list[Skipped] = []
    for folder in folders:
        try:
            districts.append(_district(folder, cache / keys[folder.path]))
        except Skipped as reason:
            skipped.append(reason)
    return districts, skipped


def _reused(staged: Path) -> bool:
    """Whether a district is staged already; if so, marked as used (`cache.prune` forgets what is not)."""
    if not (staged / SUMMARY).is_file():
        return False
    with contextlib.suppress(OSError):  # a cache that cannot be written is used as it is
        os.utime(staged)
    return True


def _key(folder: Folder) -> str:
    """A digest of the paths, sizes and times of a folder's files (an export's, too: its CSVs are converted and
    its Parquet files' columns checked once)."""
    entries = []
    for top, dirs, files in os.walk(folder.path):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(top, name)
            try:
                status = path.stat()
            except OSError:
                continue
            entries.append(f"{path.relative_to(folder.path).as_posix()}\0{status.st_size}\0{status.st_mtime_ns}")
    digest = hashlib.blake2b(digest_size=16, person=b"qingdan-province")
    digest.update(f"{FORMAT}\0{__version__}\0{folder.shape}\0{folder.path.resolve()}\n".encode())
    digest.update("\n".join(entries).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _build(todo: list[Folder], cache: Path, keys: dict[Path, str]) -> None:
    jobs = [(folder, cache / keys[folder.path]) for folder in todo]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        for folder, target in jobs:
            _stage_one(folder, target)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        list(pool.map(_stage_one, *zip(*jobs, strict=True)))


def _stage_one(folder: Folder, target: Path) -> None:
    """One district into its cache folder (in a worker process): its summary, and its tables if it has any."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=".staging-"))
    try:
        summary = _summary(folder, scratch)
        (scratch / SUMMARY).write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
        with contextlib.suppress(OSError):  # another run staged it first
            scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _summary(folder: Folder, scratch: Path) -> dict[str, Any]:
    try:
        if folder.shape is Shape.REGISTRY:
            return _registry(folder.path, scratch)
        if folder.shape is Shape.DATAPACKAGE:
            return _package(folder.path, scratch)
        return _parquet(folder)
    except QingdanError as error:
        return {"skipped": _said(error)}
    except Exception as error:  # a worker must hand back a sentence, never die with a traceback
        return {
            "skipped": {lang: text("internal", lang, detail=f"{type(error).__name__}: {error}") for lang in LANGUAGES}
        }


def _said(error: QingdanError) -> dict[str, str]:
    """An error in every language (the worker does not know the user's)."""
    sentences = {}
    for lang in LANGUAGES:
        lines = [error.localized(lang)]
        if isinstance(error, RegistryError):
            found = error.problems  # as `validate` says them
            lines += [f"{one.file}:{one.line}:{one.column}: {one.check} {message(one, lang)}" for one in found]
        sentences[lang] = "\n".join(lines)
    return sentences


def _registry(root: Path, scratch: Path) -> dict[str, Any]:
    from qingdan.loader.load import load_registry
    from qingdan.models.common import YesNo
    from qingdan.publish.parquet import write_parquet
    from qingdan.validation.validate import report_for

    registry = load_registry(root)
    report = report_for(registry, str(root))
    write_parquet(registry, scratch, only=REQUIRED)  # the columns the report reads: 0.1 s less a district
    settings = registry.settings
    catalogue = None
    if settings.catalogue is not None and registry.catalogue is not None:
        raw = (root / settings.catalogue.file).read_bytes()
        catalogue = {"file": settings.catalogue.file, "digest": hashlib.sha256(raw).hexdigest()}
    return {
        "code": settings.region.code,
        "name": settings.region.name,
        "synthetic": settings.synthetic is YesNo.YES,
        "errors": report.errors,
        "warnings": report.warnings,
        "catalogue": catalogue,
    }


def _package(folder: Path, scratch: Path) -> dict[str, Any]:
    """A Data Package's power and units CSVs as Parquet, list columns split at their line breaks."""
    import duckdb

    code, name = package_region(folder)
    files = export_files(Folder(folder, Shape.DATAPACKAGE), folder.parent)
    connection = duckdb.connect()
    for kind, path in files.items():
        source = f"read_csv('{_quoted(path)}', header = true, all_varchar = true)"
        columns = [row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        missing = missing_columns(columns, kind)
        if missing:
            raise Skipped("province.columns", where=str(path), columns=", ".join(missing))
        select = ", ".join(
            f"string_split({column}, chr(10)) AS {column}" if column == "legal_basis" else column for column in columns
        )
        connection.execute(
            f"COPY (SELECT {select} FROM {source}) TO '{_quoted(scratch / (kind + SUFFIX))}' (FORMAT parquet)"
        )
    return {"code": code, "name": name}


def _parquet(folder: Folder) -> dict[str, Any]:
    """A Parquet export is read where it lies: only its columns are checked and its region read, once."""
    files = export_files(folder, folder.path.parent)
    _check_columns(files)
    code, name = parquet_region(folder.path, files[POWER.name])
    return {"code": code, "name": name}


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _district(folder: Folder, cached: Path) -> District:
    summary = json.loads((cached / SUMMARY).read_text(encoding="utf-8"))
    if "skipped" in summary:
        raise Skipped("province.skipped", where=str(folder.path), **_languages(summary))
    if folder.shape is Shape.PARQUET:
        files = {kind: folder.path / f"{kind}{SUFFIX}" for kind in TABLES}
    else:
        files = {kind: cached / f"{kind}{SUFFIX}" for kind in TABLES}
    catalogue = summary.get("catalogue")
    return District(
        summary["code"],
        summary["name"],
        folder.path,
        folder.shape,
        files,
        cached.name,
        summary.get("synthetic", False),
        summary.get("errors"),
        summary.get("warnings"),
        Catalogue(folder.path / catalogue["file"], catalogue["digest"]) if catalogue else None,
    )


def _languages(summary: dict[str, Any]) -> dict[str, str]:
    return {f"detail_{lang}": sentence for lang, sentence in summary["skipped"].items()}


def _check_columns(files: dict[str, Path]) -> None:
    import pyarrow.parquet as pq

    for kind, path in files.items():
        try:
            names = pq.read_schema(path).names
        except Exception as error:  # pyarrow's errors for a file that is not Parquet have no common base
            raise Skipped("province.unreadable", where=str(path), detail=str(error)) from None
        missing = missing_columns(names, kind)
        if missing:
            raise Skipped("province.columns", where=str(path), columns=", ".join(missing))
