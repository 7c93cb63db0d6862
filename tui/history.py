"""Back and forward through reading positions, as a browser goes through pages.

A jump (Enter in the outline, a search hit, a bookmark, a term or a figure) leaves a
position behind; stepping line by line or section by section does not.
"""

from __future__ import annotations

from baogao.parsers.model import Location

HISTORY_CAP = 100  # positions kept each way


class History:
    """The positions behind (most recent last) and ahead of the reader.

    A plain class, not a dataclass: see "Records" in the baogao package."""

    __slots__ = ("ahead", "behind")

    def __init__(self) -> None:
        self.behind: list[Location] = []
        self.ahead: list[Location] = []

    def left(self, here: Location) -> None:
        """A jump leaves `here`: it can be gone back to, and the way forward is new."""
        if not self.behind or self.behind[-1] != here:
            self.behind.append(here)
            del self.behind[:-HISTORY_CAP]
        self.ahead.clear()

    def back(self, here: Location) -> Location | None:
        """Where back goes from `here` (None at the oldest); `here` is then ahead."""
        return self._step(self.behind, self.ahead, here)

    def forward(self, here: Location) -> Location | None:
        """Where forward goes from `here` (None at the newest); `here` is then behind."""
        return self._step(self.ahead, self.behind, here)

    @staticmethod
    def _step(source: list[Location], other: list[Location], here: Location) -> Location | None:
        if not source:
            return None
        other.append(here)
        del other[:-HISTORY_CAP]
        return source.pop()
