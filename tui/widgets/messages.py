"""Messages shared by the panes."""

from __future__ import annotations

from textual.message import Message

from baogao.parsers.model import Location


class JumpRequested(Message):
    """A pane asks the app to show `location` in the reader."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location
