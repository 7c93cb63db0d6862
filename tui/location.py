"""A place in an open report: what screens hand back to the app to jump to."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A span of one report (a NamedTuple: defined and built faster than a frozen
    dataclass, and it is on the first screen's import path)."""

    path: str  # Report.path of the report
    start: int  # [start, end) offsets into Report.text; highlighted when end > start
    end: int
