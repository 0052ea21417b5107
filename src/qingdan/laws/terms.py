"""The law library's vocabularies (SPEC §4.17): levels (效力位阶), statuses, and how names are compared."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qingdan.models.common import Vocabulary


class LawLevel(Vocabulary):
    """效力位阶: the first folder under the library, or the index's column."""

    LAW = "法律"
    ADMINISTRATIVE_REGULATION = "行政法规"
    STATE_COUNCIL_DECISION = "国务院决定"
    LOCAL_REGULATION = "地方性法规"
    AUTONOMOUS_REGULATION = "自治条例和单行条例"
    DEPARTMENTAL_RULE = "部门规章"
    LOCAL_GOVERNMENT_RULE = "地方政府规章"
    NORMATIVE_DOCUMENT = "规范性文件"
    JUDICIAL_INTERPRETATION = "司法解释"


class LawStatus(Vocabulary):
    IN_FORCE = "现行有效"
    REPEALED = "已废止"
    NOT_YET_IN_FORCE = "尚未生效"


_PREFIX = "中华人民共和国"
_BRACKETS = str.maketrans({"〈": "《", "〉": "》", "<": "《", ">": "》"})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A law's name as compared (SPEC §4.17): NFKC, no whitespace, 〈〉 and <> read as 《》, the 《》 around a
    cited name and a leading 中华人民共和国 dropped. `《中华人民共和国 食品安全法》` → `食品安全法`."""
    key = _SPACE.sub("", unicodedata.normalize("NFKC", name)).translate(_BRACKETS)
    if key.startswith("《") and key.endswith("》") and key.count("《") == 1:
        key = key[1:-1]
    return key.removeprefix(_PREFIX)
