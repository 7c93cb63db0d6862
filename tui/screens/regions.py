"""The region picker: a list of the open regions; Enter picks one, Escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class RegionPicker(ModalScreen[str | None]):
    """A list of the open regions; Enter picks one, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    DEFAULT_CSS = """
    RegionPicker {
        align: center middle;
        & > OptionList {
            width: auto;
            min-width: 30;
            max-width: 80%;
            height: auto;
            max-height: 80%;
            border: round $accent;
        }
    }
    """

    def __init__(self, names: Sequence[str], current: str | None) -> None:
        super().__init__()
        self.names = tuple(names)
        self.current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(name, id=name) for name in self.names))
        options.border_title = "Region"
        if self.current in self.names:
            options.highlighted = self.names.index(self.current)
        yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(OptionList).action_first()

    def action_last(self) -> None:
        self.query_one(OptionList).action_last()
