"""QD501's history scan on its own, for `make bench`: `python -m bench.qd501 REGISTRY_DIR`.

(`validate --base` also validates both revisions, which the validate rows already measure.)"""

from __future__ import annotations

import sys
from pathlib import Path

from qingdan.cache.store import Store, cache_dir
from qingdan.history.codes import retired_codes
from qingdan.sources.git import History


def main(argv: list[str]) -> None:
    with History(Path(argv[0])) as history:
        retired = retired_codes(history, Store(cache_dir()))
    print(f"{len(retired)} retired codes")


if __name__ == "__main__":
    main(sys.argv[1:])
