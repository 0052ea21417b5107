"""The districts of a province folder: one folder per district, each a registry (qingdan.yaml) or the open-data
export of one (datapackage.json with its CSVs, or the Parquet files of `export --format parquet`).

What cannot be a district is said once, in a line naming it, and left out; the rest are still counted: a
folder that is neither registry nor export, a symbolic link leading out of the province folder, an export
without the columns the report reads. Hidden folders (`.git`) and plain files (a README) are not districts and
are passed over in silence. A province folder that does not exist, or holds no district at all, stops the run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from qingdan.errors import QingdanError, UsageError
from qingdan.models.kinds import POWER, UNITS
from qingdan.publish.opendata import DESCRIPTOR
from qingdan.publish.parquet import REGION_CODE, REGION_NAME, SUFFIX
from qingdan.sources.files import SETTINGS_FILE

# The columns the report reads, as `export` names them; other columns are carried along unread.
POWER_COLUMNS = ("code", "name", "type", "unit", "parent", "legal_basis", "catalog_code")
UNIT_COLUMNS = ("id", "name", "kind")
REQUIRED = {POWER.name: POWER_COLUMNS, UNITS.name: UNIT_COLUMNS}
_REGION = re.compile(r"\d{6}")
_PACKAGE_NAME = re.compile(r"qingdan-(\d{6})")
_PACKAGE_TITLE_SUFFIX = "权责清单"  # publish.opendata titles a package "<region name>权责清单"


class Shape(StrEnum):
    REGISTRY = "registry"
    DATAPACKAGE = "datapackage"
    PARQUET = "parquet"


@dataclass(frozen=True)
class Folder:
    path: Path  # inside the province folder, as found there
    shape: Shape


class Skipped(QingdanError):
    """A folder left out of the province, with the reason (said as one line, the run goes on)."""


def district_folders(province: Path) -> tuple[list[Folder], list[Skipped]]:
    """The district folders in name order, and the folders that cannot be districts."""
    if not province.is_dir():
        raise UsageError("province.not_folder", path=str(province))
    inside = province.resolve()
    folders: list[Folder] = []
    skipped: list[Skipped] = []
    for path in sorted(province.iterdir()):
        if path.name.startswith(".") or not path.is_dir():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            skipped.append(Skipped("province.symlink", where=str(path), target=str(path.resolve())))
            continue
        shape = _shape(path)
        if shape is None:
            skipped.append(Skipped("province.not_district", where=str(path)))
        else:
            folders.append(Folder(path, shape))
    if not folders and not skipped:
        raise UsageError("province.empty", path=str(province))
    return folders, skipped


def _shape(path: Path) -> Shape | None:
    if (path / SETTINGS_FILE).is_file():
        return Shape.REGISTRY
    if (path / DESCRIPTOR).is_file():
        return Shape.DATAPACKAGE
    if (path / f"{POWER.name}{SUFFIX}").is_file():
        return Shape.PARQUET
    return None


def export_files(folder: Folder, province: Path) -> dict[str, Path]:
    """The power and units files of an export (Parquet, or the package's CSVs), each inside the province folder;
    Skipped if one is missing or leads out of it."""
    extension = ".csv" if folder.shape is Shape.DATAPACKAGE else SUFFIX
    files = {}
    for kind in (POWER.name, UNITS.name):
        path = folder.path / f"{kind}{extension}"
        if not path.is_file():
            raise Skipped("province.missing_file", where=str(folder.path), file=path.name)
        if not path.resolve().is_relative_to(province.resolve()):
            raise Skipped("province.symlink", where=str(path), target=str(path.resolve()))
        files[kind] = path
    return files


def parquet_region(folder: Path, power_file: Path) -> tuple[str, str]:
    """(code, name) of a Parquet export: from the files' metadata (`export` writes it), else from a folder named
    by the region code; Skipped when neither says."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(power_file).metadata or {}
    except Exception as error:  # pyarrow's errors for a file that is not Parquet have no common base
        raise Skipped("province.unreadable", where=str(power_file), detail=str(error)) from None
    code = metadata.get(REGION_CODE.encode(), b"").decode("utf-8", "replace")
    if _REGION.fullmatch(code):
        return code, metadata.get(REGION_NAME.encode(), b"").decode("utf-8", "replace") or code
    if _REGION.fullmatch(folder.name):
        return folder.name, folder.name
    raise Skipped("province.no_region", where=str(folder))


def package_region(folder: Path) -> tuple[str, str]:
    """(code, name) of a Data Package, from its name (`qingdan-330205`) and title."""
    try:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Skipped("province.unreadable", where=str(folder / DESCRIPTOR), detail=str(error)) from None
    match = _PACKAGE_NAME.fullmatch(str(descriptor.get("name", ""))) if isinstance(descriptor, dict) else None
    if match is None:
        if _REGION.fullmatch(folder.name):
            return folder.name, folder.name
        raise Skipped("province.no_region", where=str(folder))
    title = str(descriptor.get("title", ""))
    return match[1], title.removesuffix(_PACKAGE_TITLE_SUFFIX) or match[1]


def missing_columns(names: list[str], kind: str) -> list[str]:
    return [column for column in REQUIRED[kind] if column not in names]
