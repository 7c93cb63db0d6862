"""A list of multi-line entries with a cursor, drawn line by line and only where seen.

The search dialog replaces its whole list on every keystroke. Textual's OptionList
renders, wraps and measures every option as it is set (a few milliseconds for a
hundred two-line hits, then as much again to draw); this list only counts lines when
entries are set and draws an entry's lines when one of them is on screen. It keeps
what the dialog needs: headings the cursor steps over, entries of several lines cut
with an ellipsis to the width (the entry draws them for the width it is given), the
cursor moved by keys or a click, and Enter (or a click on the highlighted entry) to
select it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from baogao.tui.widgets.line_view import LineView


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry: how many lines it takes, how to draw them for a width, and whether
    the cursor stops on it (a heading does not)."""

    height: int
    draw: Callable[[int], Sequence[Text]]
    selectable: bool = True


class ResultList(LineView, can_focus=True):
    """Entries of one or more lines; `highlighted` is the selectable entry under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--cursor"}

    DEFAULT_CSS = """
    ResultList {
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    ResultList > .result-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class Item(Message):
        """A message about one entry."""

        def __init__(self, result_list: ResultList, index: int) -> None:
            super().__init__()
            self.result_list = result_list
            self.index = index

        @property
        def control(self) -> ResultList:
            return self.result_list

    class Selected(Item):
        """Enter, or a click on the highlighted entry."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.entries: tuple[Entry, ...] = ()
        self._starts: list[int] = []  # first line of each entry
        self._drawn: dict[tuple[int, int], Sequence[Text]] = {}  # (entry, width) -> lines
        # (line, width, under the cursor, base style) -> the strip drawn for it
        self._strips: dict[tuple[int, int, bool, Style], Strip] = {}
        self._highlighted: int | None = None

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Replace the entries; the cursor goes to the first selectable one, at the top."""
        self.entries = tuple(entries)
        starts: list[int] = []
        line = 0
        for entry in self.entries:
            starts.append(line)
            line += entry.height
        self._starts = starts
        self._drawn = {}
        self._strips = {}
        self._highlighted = next((i for i, e in enumerate(self.entries) if e.selectable), None)
        if self.virtual_size.height != line:
            self.virtual_size = Size(0, line)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not (
            0 <= index < len(self.entries) and self.entries[index].selectable
        ):
            return
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None:
            return
        height = max(self.scrollable_content_region.height, 1)
        top = round(self.scroll_y)
        first = self._starts[index]
        last = first + self.entries[index].height - 1
        if index > 0 and not self.entries[index - 1].selectable:
            first = self._starts[index - 1]  # keep the heading above in view
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=max(first, last - height + 1), animate=False, immediate=True)

    # --- keys and mouse --------------------------------------------------------------

    def _selectable(self, start: int, step: int) -> int | None:
        """The first selectable entry from `start` on, in the direction of `step`."""
        index = start
        while 0 <= index < len(self.entries):
            if self.entries[index].selectable:
                return index
            index += 1 if step > 0 else -1
        return None

    def move(self, step: int) -> None:
        """Move the cursor `step` selectable entries down (or up); stop at either end."""
        here = self._highlighted
        if here is None:
            return
        for _ in range(abs(step)):
            after = self._selectable(here + (1 if step > 0 else -1), step)
            if after is None:
                break
            here = after
        self.highlighted = here

    def page(self, step: int) -> None:
        """Move the cursor about a screenful of lines down (or up)."""
        here = self._highlighted
        if here is None:
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        target = self._starts[here] + (height if step > 0 else -height)
        line = max(0, min(target, self.virtual_size.height - 1))
        at = bisect_right(self._starts, line) - 1
        chosen = self._selectable(at, step) or self._selectable(at, -step)
        self.highlighted = chosen if chosen is not None else here

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_y) + event.y
        if not self.entries or not 0 <= line < self.virtual_size.height:
            return
        index = bisect_right(self._starts, line) - 1
        if not self.entries[index].selectable:
            return
        if index == self._highlighted:
            self.action_select()
        else:
            self.highlighted = index

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = round(self.scroll_y) + y
        if not self.entries or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        cursor = index == self._highlighted
        key = (line, width, cursor, base)
        strip = self._strips.get(key)
        if strip is None:  # a layout after new entries paints the lines once more
            strip = self._strips[key] = self._draw_line(index, line, width, cursor, base)
        return strip

    def _draw_line(self, index: int, line: int, width: int, cursor: bool, base: Style) -> Strip:
        lines = self._drawn.get((index, width))
        if lines is None:
            lines = self._drawn[index, width] = self.entries[index].draw(width)
        at = line - self._starts[index]
        if at >= len(lines):
            return Strip.blank(width, base)
        style = base
        if cursor:
            style += self.get_component_rich_style("result-list--cursor")
        text = lines[at]
        if text.cell_len > width:
            text = text.copy()
            text.truncate(width, overflow="ellipsis")
        segments = Segment.apply_style(text.render(self.app.console), style)
        return Strip(segments).adjust_cell_length(width, style)
