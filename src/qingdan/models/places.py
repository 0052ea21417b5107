"""Places written where a unit id is expected: a duty or a grid event handled by "the street or town where it
happens" (属地街道(镇)), a violation reported to "the street or town of the community" (所在街道(镇)).

A place written in a variant form (`属地街道（镇）`) is refused by the schema, so that the loader normalises it
with a warning (QD006) as it does vocabulary values, rather than taking it for an unknown unit id.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from qingdan.models.common import Terms

LOCAL_TOWNSHIP = "属地街道(镇)"
OWN_TOWNSHIP = "所在街道(镇)"
PLACES = frozenset({LOCAL_TOWNSHIP, OWN_TOWNSHIP})


def _exact(value: str) -> str:
    if value not in PLACES and unicodedata.normalize("NFKC", value).strip() in PLACES:
        raise PydanticCustomError("qd_place", "a variant form of a place")
    return value


# A unit id, or one of the places.
UnitOrPlace = Annotated[str, Field(min_length=1), AfterValidator(_exact), Terms(PLACES)]
