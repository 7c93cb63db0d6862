"""A list of one-line Text items with a cursor, drawn line by line.

The glossary's term list is on the wide first screen; Textual's OptionList costs it
a few milliseconds more in styling and drawing than this list, which keeps what the
glossary needs: items cut with an ellipsis to the width, a highlighted item moved
by keys (arrows, vim keys, g/G, page keys) or a click, and Enter (or a click on the
highlighted item) to select it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from baogao.tui.bindings import CURSOR_BINDINGS
from baogao.tui.widgets.line_view import LineView


class LineList(LineView, can_focus=True):
    """One Text per line; `highlighted` is the index under the cursor (None when empty)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--cursor"}

    DEFAULT_CSS = """
    LineList {
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    LineList > .line-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    LineList:focus > .line-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class Item(Message):
        """A message about one item."""

        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

        @property
        def control(self) -> LineList:
            return self.line_list

    class Highlighted(Item):
        """The cursor moved to an item."""

    class Selected(Item):
        """Enter, or a click on the highlighted item."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.items: tuple[Text, ...] = ()
        self._highlighted: int | None = None

    def set_items(self, items: Iterable[Text]) -> None:
        """Replace the items; the cursor goes back to the top (set `highlighted` after)."""
        self.items = tuple(items)
        self._highlighted = None
        self.virtual_size = Size(0, len(self.items))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self.items) - 1)) if self.items else None
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        if index is not None:
            self.scroll_to_highlight()
            self.post_message(self.Highlighted(self, index))

    def scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None:
            return
        height = max(self.scrollable_content_region.height, 1)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    # --- keys and mouse --------------------------------------------------------------

    def _step(self, step: int) -> None:
        here = self._highlighted
        self.highlighted = (
            (-1 if step > 0 else len(self.items)) + step if here is None else here + step
        )

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_first(self) -> None:
        self.highlighted = 0

    def action_cursor_last(self) -> None:
        self.highlighted = len(self.items) - 1

    def action_page_up(self) -> None:
        self._step(-max(self.scrollable_content_region.height - 1, 1))

    def action_page_down(self) -> None:
        self._step(max(self.scrollable_content_region.height - 1, 1))

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if not 0 <= index < len(self.items):
            return
        if index == self._highlighted:
            self.action_select()
        else:
            self.highlighted = index

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        index = round(self.scroll_y) + y
        if index >= len(self.items):
            return Strip.blank(width, base)
        style = base
        if index == self._highlighted:
            style += self.get_component_rich_style("line-list--cursor")
        text = self.items[index]
        if text.cell_len > width:
            text = text.copy()
            text.truncate(width, overflow="ellipsis")
        segments = Segment.apply_style(text.render(self.app.console), style)
        return Strip(segments).adjust_cell_length(width, style)
