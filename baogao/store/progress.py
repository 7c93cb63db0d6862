"""What a load reports as it goes: one file's outcome and where the whole load stands.

Kept apart from `workers` so that a warm open, which parses nothing, imports neither
multiprocessing nor concurrent.futures (tens of milliseconds of the first screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from baogao.parsers.model import Report, ReportError


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file's outcome: the encoded model (for the store) or the report, or the error."""

    path: str
    size: int  # bytes read
    digest: str = ""
    text_bytes: int = 0
    summary: bytes | None = None
    body: bytes | None = None
    report: Report | None = None  # when not encoded (no store, or a figure JSON refuses)
    problem: str | None = None  # why the file could not be read or parsed

    @property
    def error(self) -> ReportError | None:
        """The failure as a ReportError (kept as text: ReportError does not pickle)."""
        return None if self.problem is None else ReportError(self.path, self.problem)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a load stands, after each file: for a progress bar and its failures."""

    done: int
    total: int
    bytes_done: int
    bytes_total: int
    path: str = ""  # the file just finished
    failed: ReportError | None = None  # set when that file could not be read or parsed


ProgressCallback = Callable[[Progress], None]
