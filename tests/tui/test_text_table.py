"""TextTable, the line-drawn table of the indicator pane: header, fixed column, cursor."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult

from tests.tui.helpers import widget_text
from tui.widgets.table import TextTable

HEADERS = [Text("指标"), *(Text(f"{year} 实际") for year in range(2015, 2027))]
ROWS = [
    [Text(f"地区生产总值{row}"), *(Text(f"{row * 100 + col}.5亿元") for col in range(12))]
    for row in range(40)
]


class TableApp(App[None]):
    def __init__(self, cursor: str = "cell") -> None:
        super().__init__()
        self.table = TextTable(cursor=cursor, fixed_columns=1)  # type: ignore[arg-type]
        self.events: list[tuple[str, int, int]] = []

    def compose(self) -> ComposeResult:
        yield self.table

    def on_mount(self) -> None:
        self.table.set_data(HEADERS, ROWS)
        self.table.focus()

    def on_text_table_cell_highlighted(self, event: TextTable.CellHighlighted) -> None:
        self.events.append(("highlighted", event.row, event.column))

    def on_text_table_cell_selected(self, event: TextTable.CellSelected) -> None:
        self.events.append(("selected", event.row, event.column))


async def test_the_header_stays_on_top_and_the_last_row_is_reachable() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("G")
        await pilot.pause()
        lines = widget_text(app, app.table).splitlines()
        assert lines[0].lstrip().startswith("指标")
        assert any("地区生产总值39" in line for line in lines)
        assert app.table.cursor_row == 39


async def test_the_name_column_stays_while_the_cursor_scrolls_right() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press(*["l"] * 12)
        await pilot.pause()
        lines = widget_text(app, app.table).splitlines()
        assert "地区生产总值0" in lines[1]  # the fixed column
        assert "2026 实际" in lines[0]  # the last column, wholly in view
        assert "0.5亿元" not in lines[1].split("地区生产总值0")[1][:12]  # 2015 scrolled away
        assert app.events[-1] == ("highlighted", 0, 12)


async def test_columns_line_up_in_cells_with_wide_characters() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        lines = widget_text(app, app.table).splitlines()
        starts = {cell_len(line[: line.index("实际") - 5]) for line in lines[:1]}
        values = {cell_len(line[: line.index("0.5亿元")]) for line in lines[1:2]}
        assert starts == values  # "2015 实际" and its first value start in the same cell


async def test_keys_move_and_enter_selects_the_cursor_cell() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("j", "j", "l", "k", "enter")
        await pilot.pause()
        assert app.events[-1] == ("selected", 1, 1)
        await pilot.press("g", "h", "enter")
        await pilot.pause()
        assert app.events[-1] == ("selected", 0, 0)


async def test_row_cursor_selects_column_zero_and_a_second_click_selects() -> None:
    app = TableApp(cursor="row")
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("l", "j", "enter")
        await pilot.pause()
        assert app.events[-1] == ("selected", 1, 0)
        await pilot.click(TextTable, offset=(3, 4))  # row 3 (line 0 is the header)
        await pilot.pause()
        assert app.table.cursor_row == 3
        await pilot.click(TextTable, offset=(3, 4))
        await pilot.pause()
        assert app.events[-1] == ("selected", 3, 0)
        selected = len([e for e in app.events if e[0] == "selected"])
        await pilot.click(TextTable, offset=(3, 0))  # the header does nothing
        await pilot.pause()
        assert len([e for e in app.events if e[0] == "selected"]) == selected


async def test_new_data_clamps_or_resets_the_cursor_and_an_empty_table_selects_nothing() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("G")
        app.table.set_data(HEADERS, ROWS[:5])
        assert app.table.cursor_row == 4
        app.table.set_data(HEADERS, ROWS, keep_cursor=False)
        assert (app.table.cursor_row, app.table.cursor_column) == (0, 0)
        app.table.set_data((), ())
        await pilot.pause()
        count = len(app.events)
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.events) == count
