"""The base of baogao's modal dialogs: centred, bordered, Esc closes with no answer."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer | None]):
    """A modal dialog whose first child is its box; Esc dismisses it with None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > * {
            width: auto;
            min-width: 30;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            border-title-align: center;
            background: $surface;
        }
    }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)
