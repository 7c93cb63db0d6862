"""TextTable in a tiny host app, driven by keys and the mouse; assertions on the screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult

from baogao.tui.widgets.table import CursorKind, TextTable
from tests.tui.helpers import widget_text

Event = tuple[str, int, int]  # ("highlighted" or "selected", row, column)


class TableApp(App[None]):
    """One focused TextTable filling the screen, recording the messages it posts."""

    def __init__(
        self,
        headers: Sequence[Text],
        rows: Sequence[Sequence[Text]],
        *,
        cursor: CursorKind = "cell",
        fixed_columns: int = 0,
    ) -> None:
        super().__init__()
        self.table = TextTable(id="table", cursor=cursor, fixed_columns=fixed_columns)
        self.data = (headers, rows)
        self.events: list[Event] = []

    def compose(self) -> ComposeResult:
        yield self.table

    def on_mount(self) -> None:
        self.table.set_data(*self.data)
        self.table.focus()

    def on_text_table_cell_highlighted(self, message: TextTable.CellHighlighted) -> None:
        assert message.table is self.table and message.control is self.table
        self.events.append(("highlighted", message.row, message.column))

    def on_text_table_cell_selected(self, message: TextTable.CellSelected) -> None:
        assert message.table is self.table and message.control is self.table
        self.events.append(("selected", message.row, message.column))


def names(count: int) -> list[str]:
    return ["地区生产总值"] + [f"项目{row:02d}" for row in range(1, count)]


def wide_data(count: int = 40, periods: int = 12) -> tuple[list[Text], list[list[Text]]]:
    """A name column, then one "2025 实际"-style column per period, newest first."""
    headers = [Text("指标")] + [Text(f"{2025 - c} 实际") for c in range(periods)]
    rows = [
        [Text(name)] + [Text(f"{row}行{c}列 +{c}.5%") for c in range(periods)]
        for row, name in enumerate(names(count))
    ]
    return headers, rows


def small_data() -> tuple[list[Text], list[list[Text]]]:
    """Four rows of three columns; cells mix ASCII and wide characters."""
    headers = [Text("指标"), Text("2025 实际"), Text("Unit")]
    rows = [
        [Text("GDP"), Text("439.77亿元"), Text("亿元")],
        [Text("地区生产总值"), Text("+3.4%"), Text("%")],
        [Text("a中b"), Text("增长6.5%左右"), Text("")],
        [Text("固定资产投资"), Text("1.4%"), Text("%")],
    ]
    return headers, rows


def lines(app: TableApp) -> list[str]:
    return widget_text(app, app.table).splitlines()


def cursor_text(app: TableApp, y: int) -> str:
    """The text drawn in the cursor's colours on the table's line `y`."""
    background = app.table.get_component_rich_style("text-table--cursor").bgcolor
    assert background is not None
    strip = app.table.render_line(y)
    return "".join(s.text for s in strip if s.style and s.style.bgcolor == background).strip()


# --------------------------------------------------------------------------- drawing


async def test_the_header_stays_on_top_while_the_rows_scroll() -> None:
    app = TableApp(*wide_data(40), fixed_columns=1)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert lines(app)[1].startswith(" 地区生产总值")
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.table.cursor_row == 9  # one body (10 rows) less the kept one
        assert lines(app)[0].split() == ["指标", "2025", "实际", "2024", "实际", "2023", "实际"]
        await pilot.press("G")
        await pilot.pause()
        shown = lines(app)
        assert shown[0].startswith(" 指标          2025 实际")
        assert shown[1].startswith(" 项目30")
        assert shown[10].startswith(" 项目39        39行0列 +0.5%")  # the last row, in full
        assert "地区生产总值" not in "\n".join(shown)
        await pilot.press("g")
        await pilot.pause()
        assert lines(app)[0].startswith(" 指标")
        assert lines(app)[1].startswith(" 地区生产总值")


async def test_the_fixed_column_stays_while_the_cursor_column_scrolls_into_full_view() -> None:
    headers, rows = wide_data(5, periods=8)
    app = TableApp(headers, rows, fixed_columns=1)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        assert "2023 实际" not in lines(app)[0]  # off to the right at first
        for column in [*range(1, 9), *range(7, 0, -1)]:  # right to the end, then back
            await pilot.press("l" if column > app.table.cursor_column else "h")
            assert app.table.cursor_column == column
            header, gdp = lines(app)[0], lines(app)[1]
            assert header.startswith(" 指标" + " " * 9)  # the fixed column: 14 cells
            assert gdp.startswith(" 地区生产总值 ")
            label, cell = headers[column].plain, rows[0][column].plain
            assert label in header and cell in gdp, (column, header, gdp)
            # the cursor's cell is whole, in the row's place under its own header
            assert cell_len(gdp[: gdp.index(cell)]) == cell_len(header[: header.index(label)])
        assert "2018 实际" not in lines(app)[0]  # scrolled back to the left


async def test_cjk_cells_line_up_in_columns() -> None:
    headers, rows = small_data()
    app = TableApp(headers, rows)
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        shown = lines(app)
        # widths: 地区生产总值 (12 cells) and 增长6.5%左右 (12 cells), one blank each side
        starts = [1, 15, 29]
        for y, cells in enumerate([headers, *rows]):
            line, index = shown[y], 0
            for text, start in zip(cells, starts, strict=True):
                if text.plain:
                    index = line.index(text.plain, index)
                    assert cell_len(line[:index]) == start, (y, text.plain, line)
                    index += len(text.plain)
        assert shown[3] == " a中b          增长6.5%左右"


# --------------------------------------------------------------------------- keys


async def test_vim_keys_and_arrows_move_the_cell_cursor() -> None:
    app = TableApp(*small_data())
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        assert app.events == [("highlighted", 0, 0)]  # set_data says where the cursor is
        app.events.clear()
        await pilot.press("j", "l", "down", "right", "k", "up", "h", "left")
        await pilot.pause()
        assert app.events == [
            ("highlighted", 1, 0),
            ("highlighted", 1, 1),
            ("highlighted", 2, 1),
            ("highlighted", 2, 2),
            ("highlighted", 1, 2),
            ("highlighted", 0, 2),
            ("highlighted", 0, 1),
            ("highlighted", 0, 0),
        ]
        app.events.clear()
        await pilot.press("k", "left")  # at the edge: nothing moves
        await pilot.pause()
        assert app.events == []
        await pilot.press("end", "l", "l", "l")
        await pilot.pause()
        assert app.events == [("highlighted", 3, 0), ("highlighted", 3, 1), ("highlighted", 3, 2)]
        assert (app.table.cursor_row, app.table.cursor_column) == (3, 2)
        assert cursor_text(app, 4) == "%"


async def test_the_cursor_cell_is_drawn_in_the_cursor_colours() -> None:
    app = TableApp(*small_data())
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "l")
        await pilot.pause()
        assert cursor_text(app, 3) == "增长6.5%左右"
        assert cursor_text(app, 2) == ""
        assert cursor_text(app, 0) == ""  # the header is never the cursor


async def test_enter_selects_the_cursor_cell() -> None:
    app = TableApp(*small_data())
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        await pilot.press("j", "l", "enter")
        await pilot.pause()
        assert app.events[-1] == ("selected", 1, 1)
        assert app.table.cell_text(1, 1) == "+3.4%"


async def test_a_row_cursor_selects_the_row_whatever_the_column() -> None:
    app = TableApp(*small_data(), cursor="row")
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        app.events.clear()
        await pilot.press("j", "l", "l", "right", "enter")
        await pilot.pause()
        assert app.events == [("highlighted", 1, 0), ("selected", 1, 0)]
        assert cursor_text(app, 2).split() == ["地区生产总值", "+3.4%", "%"]  # the whole row
        await pilot.press("h", "left", "j", "enter")
        await pilot.pause()
        assert app.events[-2:] == [("highlighted", 2, 0), ("selected", 2, 0)]


async def test_page_keys_move_a_screen_of_rows() -> None:
    app = TableApp(*wide_data(40), fixed_columns=1)
    async with app.run_test(size=(60, 12)) as pilot:  # 10 body rows
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert app.table.cursor_row == 18
        assert lines(app)[10].startswith(" 项目18")  # the cursor row, at the bottom
        await pilot.press("pageup")
        await pilot.pause()
        assert app.table.cursor_row == 9
        await pilot.press("home")
        await pilot.pause()
        assert app.table.cursor_row == 0


# --------------------------------------------------------------------------- mouse


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = TableApp(*small_data())
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        app.events.clear()
        await pilot.click("#table", offset=(17, 3))  # row 2 (line 3), column 1 (cells 14-27)
        await pilot.pause()
        assert app.events == [("highlighted", 2, 1)]
        assert cursor_text(app, 3) == "增长6.5%左右"
        await pilot.click("#table", offset=(26, 3))  # the same cell, near its right edge
        await pilot.pause()
        assert app.events == [("highlighted", 2, 1), ("selected", 2, 1)]
        await pilot.click("#table", offset=(2, 1))  # another cell: moves, does not select
        await pilot.pause()
        assert app.events[-1] == ("highlighted", 0, 0)


async def test_a_click_on_the_row_cursor_selects_that_row() -> None:
    app = TableApp(*small_data(), cursor="row")
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        app.events.clear()
        await pilot.click("#table", offset=(30, 3))  # row 2, in the third column
        await pilot.pause()
        assert app.events == [("highlighted", 2, 0)]
        assert cursor_text(app, 3).split() == ["a中b", "增长6.5%左右"]
        await pilot.click("#table", offset=(2, 3))  # the same row, another column
        await pilot.press("enter")
        await pilot.pause()
        assert app.events == [("highlighted", 2, 0), ("selected", 2, 0), ("selected", 2, 0)]


async def test_a_click_on_the_header_does_nothing() -> None:
    app = TableApp(*small_data())
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        app.events.clear()
        for x in (2, 17, 30):
            await pilot.click("#table", offset=(x, 0))
            await pilot.pause()
        assert app.events == []
        assert (app.table.cursor_row, app.table.cursor_column) == (1, 0)


async def test_a_click_on_a_scrolled_table_picks_the_cell_under_it() -> None:
    headers, rows = wide_data(40)
    app = TableApp(headers, rows, fixed_columns=1)
    async with app.run_test(size=(40, 8)) as pilot:  # 6 body rows
        await pilot.pause()
        await pilot.press(*["l"] * 6, "G")
        await pilot.pause()
        header = lines(app)[0]
        x = cell_len(header[: header.index("2020 实际")])  # column 6, scrolled into view
        await pilot.click("#table", offset=(x, 1))  # the first row shown
        await pilot.pause()
        assert app.events[-1] == ("highlighted", 34, 6)
        await pilot.click("#table", offset=(3, 2))  # the fixed name column
        await pilot.pause()
        assert app.events[-1] == ("highlighted", 35, 0)
        assert lines(app)[0] == header  # the name column needs no scrolling


# --------------------------------------------------------------------------- new data


async def test_fewer_rows_clamp_the_cursor_and_show_the_rows() -> None:
    app = TableApp(*wide_data(40), fixed_columns=1)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        await pilot.press("G", "l")
        await pilot.pause()
        app.table.set_data(*wide_data(5))
        await pilot.pause()
        assert (app.table.cursor_row, app.table.cursor_column) == (4, 1)
        assert app.events[-1] == ("highlighted", 4, 1)
        shown = lines(app)
        assert shown[1].startswith(" 地区生产总值")
        assert shown[5].startswith(" 项目04")
        assert cursor_text(app, 5) == "4行0列 +0.5%"


async def test_new_data_keeps_the_cursor_on_a_cell_that_still_exists() -> None:
    headers, rows = small_data()
    app = TableApp(headers, rows)
    async with app.run_test(size=(50, 8)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "l")
        await pilot.pause()
        app.events.clear()
        renamed = [[Text(cell.plain + "!") for cell in row] for row in rows]
        app.table.set_data(headers, renamed)
        await pilot.pause()
        assert (app.table.cursor_row, app.table.cursor_column) == (2, 1)
        assert app.events == [("highlighted", 2, 1)]
        assert cursor_text(app, 3) == "增长6.5%左右!"
        app.table.set_data(headers[:2], [row[:2] for row in renamed])  # a column less
        await pilot.pause()
        assert (app.table.cursor_row, app.table.cursor_column) == (2, 1)
        app.table.set_data(headers[:1], [row[:1] for row in renamed])  # the column is gone
        await pilot.pause()
        assert (app.table.cursor_row, app.table.cursor_column) == (2, 0)
        assert app.events[-1] == ("highlighted", 2, 0)


async def test_new_data_without_keeping_the_cursor_starts_at_the_top_left() -> None:
    app = TableApp(*wide_data(40), fixed_columns=1)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.press("G", *["l"] * 6)
        await pilot.pause()
        assert "2025 实际" not in lines(app)[0]
        app.events.clear()
        app.table.set_data(*wide_data(30), keep_cursor=False)
        await pilot.pause()
        assert (app.table.cursor_row, app.table.cursor_column) == (0, 0)
        assert app.events == [("highlighted", 0, 0)]
        shown = lines(app)
        assert shown[0].startswith(" 指标          2025 实际")  # scrolled home
        assert shown[1].startswith(" 地区生产总值  0行0列 +0.5%")
        assert cursor_text(app, 1) == "地区生产总值"


async def test_an_empty_table_draws_and_ignores_keys() -> None:
    app = TableApp([], [])
    async with app.run_test(size=(30, 6)) as pilot:
        await pilot.pause()
        assert app.table.region.height == 1  # the (empty) header line
        assert widget_text(app, app.table) == ""
        await pilot.press("j", "l", "G", "pagedown", "enter")
        await pilot.click("#table", offset=(1, 1))
        await pilot.pause()
        assert app.events == []
        assert app.table.row_count == 0
        app.table.set_data([Text("指标"), Text("2025 实际")], [])  # a header, no rows
        await pilot.pause()
        assert lines(app)[0] == " 指标  2025 实际"
        await pilot.press("enter", "j")
        await pilot.pause()
        assert app.events == []
