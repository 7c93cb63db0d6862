"""A place in an open report: what screens hand back to the app to jump to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    path: str  # Report.path of the report
    start: int  # [start, end) offsets into Report.text; highlighted when end > start
    end: int
