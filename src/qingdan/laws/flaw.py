"""What is wrong in a library file (QD127), located."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flaw:
    """Something wrong in a library file: where (1-based), and the message's variant and arguments."""

    line: int
    column: int
    variant: str
    args: tuple[tuple[str, str], ...] = ()
