"""The region picker: a list of the open regions; Enter picks one, Escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from baogao.tui.bindings import CURSOR_BINDINGS
from baogao.tui.screens.dialog import Dialog


class RegionPicker(Dialog[str]):
    """A list of the open regions; Enter picks one, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
    ]

    DEFAULT_CSS = """
    RegionPicker > OptionList { max-width: 80%; max-height: 80%; }
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

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cursor_first(self) -> None:
        self.query_one(OptionList).action_first()

    def action_cursor_last(self) -> None:
        self.query_one(OptionList).action_last()

    def action_page_down(self) -> None:
        self.query_one(OptionList).action_page_down()  # type: ignore[no-untyped-call]

    def action_page_up(self) -> None:
        self.query_one(OptionList).action_page_up()  # type: ignore[no-untyped-call]
