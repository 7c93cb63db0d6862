"""A table of Text cells drawn line by line: sticky header, fixed first columns, a cursor.

The indicator pane's tables are part of the wide first screen. Textual's DataTable
renders each cell through a Rich console and costs that screen ~20 ms for a few
hundred cells; this table joins each row's cells into one strip and keeps only what
the panels use: a header that stays on top, fixed columns that stay on the left while
the rest scrolls sideways, zebra stripes, and a cell or row cursor driven by keys
(arrows, vim keys, g/G, page keys, Enter) or the mouse (click to move, click the
cursor again to select).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from baogao.tui.bindings import CURSOR_BINDINGS
from baogao.tui.widgets.line_view import LineView

PAD = 1  # blank cells on each side of a column
CursorKind = Literal["cell", "row"]


class TextTable(LineView, can_focus=True):
    """Rows of `Text` cells under a header, with a cell or row cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("left,h", "cursor_left", "Left", show=False),
        Binding("right,l", "cursor_right", "Right", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "text-table--header",
        "text-table--fixed",
        "text-table--even-row",
        "text-table--cursor",
    }

    DEFAULT_CSS = """
    TextTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 1;
    }
    TextTable > .text-table--header {
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    TextTable > .text-table--fixed {
        background: $panel-lighten-1 50%;
    }
    TextTable > .text-table--even-row {
        background: $primary 8%;
    }
    TextTable > .text-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    TextTable:focus > .text-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    class Cell(Message):
        """A message about one cell (in row mode, column is 0)."""

        def __init__(self, table: TextTable, row: int, column: int) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.column = column

        @property
        def control(self) -> TextTable:
            return self.table

    class CellHighlighted(Cell):
        """The cursor moved to a cell."""

    class CellSelected(Cell):
        """Enter, or a click on the cursor's cell."""

    def __init__(
        self,
        *,
        cursor: CursorKind = "cell",
        fixed_columns: int = 0,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.cursor_kind: CursorKind = cursor
        self.fixed_columns = fixed_columns
        self.headers: tuple[Text, ...] = ()
        self.rows: tuple[tuple[Text, ...], ...] = ()
        self.widths: tuple[int, ...] = ()
        self.cursor_row = 0
        self.cursor_column = 0

    # --- contents ------------------------------------------------------------------

    def set_data(
        self,
        headers: Sequence[Text],
        rows: Sequence[Sequence[Text]],
        *,
        keep_cursor: bool = True,
    ) -> None:
        """Replace the table. The cursor stays where it was when that cell still exists
        (back to the first cell, scrolled home, with `keep_cursor=False`)."""
        if not keep_cursor:
            self.cursor_row = self.cursor_column = 0
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.headers = tuple(headers)
        self.rows = tuple(tuple(row) for row in rows)
        self.widths = tuple(
            max([header.cell_len, *(row[index].cell_len for row in self.rows if index < len(row))])
            for index, header in enumerate(self.headers)
        )
        self.virtual_size = Size(self._line_width(), len(self.rows) + 1)  # + the header
        self.cursor_row = min(self.cursor_row, max(len(self.rows) - 1, 0))
        self.cursor_column = min(self.cursor_column, max(len(self.headers) - 1, 0))
        self.refresh()
        if self.rows:
            self._post_highlight()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def cell_text(self, row: int, column: int) -> str:
        return self.rows[row][column].plain

    def move_cursor(self, row: int, column: int | None = None) -> None:
        """Put the cursor on a cell (clamped to the table) and scroll it into view."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        column = self.cursor_column if column is None else column
        column = max(0, min(column, len(self.headers) - 1))
        if (row, column) == (self.cursor_row, self.cursor_column):
            return
        self.cursor_row, self.cursor_column = row, column
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlight()

    # --- keys and mouse --------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        if self.cursor_kind == "cell":
            self.move_cursor(self.cursor_row, self.cursor_column - 1)
        else:
            self.scroll_left(animate=False)

    def action_cursor_right(self) -> None:
        if self.cursor_kind == "cell":
            self.move_cursor(self.cursor_row, self.cursor_column + 1)
        else:
            self.scroll_right(animate=False)

    def action_cursor_first(self) -> None:
        self.move_cursor(0)

    def action_cursor_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - max(self._body_height() - 1, 1))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + max(self._body_height() - 1, 1))

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.CellSelected(self, self.cursor_row, self._cursor_cell()))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1 or not self.rows:
            return  # the header
        row = round(self.scroll_y) + event.y - 1
        if row >= len(self.rows):
            return
        column = self._column_at(event.x - self.gutter.left)
        if column is None:
            return
        if (row, column) == (self.cursor_row, self.cursor_column) or (
            self.cursor_kind == "row" and row == self.cursor_row
        ):
            self.action_select()
        else:
            self.move_cursor(row, column)

    # --- geometry --------------------------------------------------------------------

    def _line_width(self) -> int:
        return sum(width + 2 * PAD for width in self.widths)

    def _column_starts(self) -> list[int]:
        starts, x = [], 0
        for width in self.widths:
            starts.append(x)
            x += width + 2 * PAD
        return starts

    def _fixed_width(self) -> int:
        return sum(width + 2 * PAD for width in self.widths[: self.fixed_columns])

    def _body_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _cursor_cell(self) -> int:
        return self.cursor_column if self.cursor_kind == "cell" else 0

    def _column_at(self, x: int) -> int | None:
        """The column under screen column `x` of the content region."""
        fixed = self._fixed_width()
        line_x = x if x < fixed else x + round(self.scroll_x)
        for index, start in enumerate(self._column_starts()):
            if start <= line_x < start + self.widths[index] + 2 * PAD:
                return index
        return None

    def _scroll_to_cursor(self) -> None:
        body = self._body_height()
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + body:
            self.scroll_to(y=self.cursor_row - body + 1, animate=False, immediate=True)
        if self.cursor_kind != "cell" or self.cursor_column < self.fixed_columns:
            return
        fixed = self._fixed_width()
        room = self.scrollable_content_region.width - fixed
        start = self._column_starts()[self.cursor_column] - fixed
        end = start + self.widths[self.cursor_column] + 2 * PAD
        left = round(self.scroll_x)
        if start < left:
            self.scroll_to(x=start, animate=False, immediate=True)
        elif end > left + room:
            self.scroll_to(x=min(start, end - room), animate=False, immediate=True)

    def _post_highlight(self) -> None:
        self.post_message(self.CellHighlighted(self, self.cursor_row, self._cursor_cell()))

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        if y == 0:
            style = base + self.get_component_rich_style("text-table--header")
            line = self._line(self.headers, style, None)
        else:
            row = round(self.scroll_y) + y - 1
            if row >= len(self.rows):
                return Strip.blank(width, base)
            style = base
            if row % 2 == 1:
                style += self.get_component_rich_style("text-table--even-row")
            cursor: int | None = None
            if row == self.cursor_row:
                cursor = -1 if self.cursor_kind == "row" else self.cursor_column
            line = self._line(self.rows[row], style, cursor)
        fixed = min(self._fixed_width(), width)
        left = round(self.scroll_x)
        if fixed:
            line = Strip.join(
                [line.crop(0, fixed), line.crop(fixed + left, fixed + left + width - fixed)]
            )
        else:
            line = line.crop(left, left + width)
        return line.adjust_cell_length(width, style)

    def _line(self, cells: Sequence[Text], style: Style, cursor: int | None) -> Strip:
        """A whole row, every column padded to its width; `cursor` -1 marks the whole row."""
        console = self.app.console
        cursor_style = self.get_component_rich_style("text-table--cursor")
        fixed_style = self.get_component_rich_style("text-table--fixed")
        segments: list[Segment] = []
        for index, width in enumerate(self.widths):
            cell_style = style
            if index < self.fixed_columns:
                cell_style += fixed_style
            if cursor == -1 or cursor == index:
                cell_style += cursor_style
            text = cells[index] if index < len(cells) else Text()
            segments.append(Segment(" " * PAD, cell_style))
            segments.extend(
                Segment(segment.text, cell_style + segment.style if segment.style else cell_style)
                for segment in text.render(console, end="")
            )
            segments.append(Segment(" " * (width - text.cell_len + PAD), cell_style))
        return Strip(segments, self._line_width())
