"""Where a registry's law library is (SPEC §4.17): the folder qingdan.yaml names, else `laws` when it holds one.
(`load.attach_laws` reads its index with the registry and leaves its texts for when they are first read.)"""

from __future__ import annotations

from collections.abc import Iterable

from qingdan.errors import RegistryError
from qingdan.file_checks import SETTINGS
from qingdan.laws.reading import index_path, is_law_text, law_files
from qingdan.loader.locate import locate
from qingdan.models.settings import Settings
from qingdan.problems import Ref
from qingdan.sources.files import LIBRARY_FOLDER, SETTINGS_FILE, Layout, Source

_INDEX = "law-index"  # what the index goes by when the source looks for it (not a kind's folder)


def library_folder(source: Source, settings: Settings, known: Iterable[str] | None = None) -> str | None:
    """The folder qingdan.yaml names (`laws:`), else `laws` when it holds a library; RegistryError (QD007)
    when qingdan.yaml names a folder that holds none. `known`: the registry's files, when the caller has
    listed them (validate's snapshot): walking 3,500 files again took longer than a small incremental run."""
    folder = settings.laws or LIBRARY_FOLDER
    if known is not None:
        if any(path == index_path(folder) or is_law_text(folder, path) for path in known):
            return folder
    else:
        paths, problems = law_files(source, folder)
        if paths or problems or has_index(source, folder):
            return folder
    if settings.laws is None:
        return None
    raw = source.read(SETTINGS_FILE)
    problem = SETTINGS.at(Ref(SETTINGS_FILE, ("laws",)), "laws", folder=folder)
    located = locate([problem], raw, "yaml", []) if isinstance(raw, bytes) else [problem]
    raise RegistryError("registry.settings", located, file=SETTINGS_FILE)


def _holds(folder: str, path: str) -> bool:
    """Whether a registry file is a law text or the index of the library in `folder` (as `law_files` and
    `has_index` find them)."""
    name = path.rsplit("/", 1)[-1].lower()
    return path.startswith(f"{folder}/") and (
        path == index_path(folder) or (name.endswith(".md") and name != "readme.md")
    )


def has_index(source: Source, folder: str) -> bool:
    relative = index_path(folder)
    found, _ = source.discover(Layout(files=((relative, _INDEX),), folders=(), csv=frozenset({_INDEX})))
    return any(file.path == relative for file in found)
