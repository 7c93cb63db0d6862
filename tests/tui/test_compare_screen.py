"""The compare view driven by keys: pick the indicator, read a cell, sort, jump, export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from baogao.parsers import Report, load
from baogao.parsers.model import Location
from baogao.tui.screens.compare import CompareScreen, ConfirmDialog
from tests.tui.helpers import screen_text, widget_text

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def reports() -> tuple[Report, ...]:
    corpus = load([CORPUS / "hailaer", CORPUS / "prov2026"])
    assert not corpus.errors
    return corpus.reports


class HostApp(App[None]):
    """A reader stand-in: `c` opens the compare view and records where it jumps."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "compare", "Compare")]

    def __init__(self, reports: tuple[Report, ...]) -> None:
        super().__init__()
        self.reports = reports
        self.jumps: list[Location | None] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def action_compare(self) -> None:
        self.push_screen(CompareScreen(self.reports), self.jumps.append)


def grid(app: App[Any]) -> DataTable[object]:
    return app.screen.query_one("#compare-grid", DataTable)


def row_names(app: App[Any]) -> list[str]:
    table = grid(app)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def open_view(app: HostApp, pilot: object) -> CompareScreen:
    await pilot.press("c")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


async def test_the_grid_shows_each_region_once_with_target_outcome_and_mark(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(app, pilot)
        names = row_names(app)
        assert names.count("海拉尔区") == 1
        assert "安徽省" in names
        text = screen_text(app)
        assert "5–5.5→–" in text  # 安徽省 2026: a range target, no outcome yet
        assert "2026" in text and "2013" in text


async def test_a_cell_reads_its_target_and_outcome_and_the_detail_line_names_the_source(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(app, pilot)
        names = row_names(app)
        years = screen.years
        table = grid(app)
        table.move_cursor(row=names.index("海拉尔区"), column=years.index(2018) + 1)
        await pilot.pause()
        assert str(table.get_cell_at(table.cursor_coordinate)) == "6左右→–"
        detail = widget_text(app, screen.query_one("#compare-detail"))
        assert "海拉尔区 2018 · target 6左右 · outcome –" in detail
        assert "地区生产总值增长6%左右" in detail


async def test_picking_an_indicator_by_keys_rebuilds_the_grid(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(app, pilot)
        assert screen.indicators[0] == "地区生产总值" and len(screen.indicators) > 1
        await pilot.press("i", "down", "enter")
        await pilot.pause()
        assert screen.indicator == screen.indicators[1]
        assert all(row.indicator == screen.indicators[1] for row in screen.rows)
        assert screen.query_one("#compare-grid").has_focus


async def test_the_level_filter_keeps_only_counties(reports: tuple[Report, ...]) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(app, pilot)
        await pilot.press("l", "down", "down", "down", "enter")  # All, Prov, Pref, Counties
        await pilot.pause()
        assert row_names(app) == ["海拉尔区"]


async def test_sort_by_gap_puts_the_biggest_miss_of_the_year_first(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(app, pilot)
        # No year of these reports has both sides: give 2025 targets to compare against.
        from dataclasses import replace

        screen.rows = tuple(
            replace(row, target=5.0) if row.year == 2025 and row.actual is not None else row
            for row in screen.rows
        )
        screen.fill_grid()
        table = grid(app)
        table.move_cursor(column=screen.years.index(2025) + 1)
        await pilot.press("g")
        await pilot.pause()
        gaps = {row.region.name: row.gap for row in screen.rows if row.year == 2025}
        shown = [name for name in row_names(app) if gaps.get(name) is not None]
        assert shown == sorted(shown, key=lambda name: gaps[name] or 0.0)
        assert row_names(app)[0] == min(gaps, key=lambda name: gaps[name] or 0.0)
        assert "✗" in screen_text(app)


async def test_enter_on_a_cell_jumps_to_the_target_sentence(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(app, pilot)
        table = grid(app)
        table.move_cursor(row=row_names(app).index("海拉尔区"), column=screen.years.index(2017) + 1)
        await pilot.press("enter")
        await pilot.pause()
        (jump,) = app.jumps
        assert jump is not None and jump.path.endswith("hailaer/2017.txt")
        report = next(r for r in reports if r.path == jump.path)
        assert "地区生产总值增长7.5%" in report.text[jump.start : jump.end + 20]


async def test_o_jumps_to_the_outcome_sentence(reports: tuple[Report, ...]) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_view(app, pilot)
        table = grid(app)
        table.move_cursor(row=row_names(app).index("海拉尔区"), column=screen.years.index(2016) + 1)
        await pilot.press("o")
        await pilot.pause()
        (jump,) = app.jumps
        assert jump is not None and jump.path.endswith("hailaer/2017.txt")


async def test_export_writes_the_view_as_csv_and_asks_before_overwriting(
    reports: tuple[Report, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = HostApp(reports)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(app, pilot)
        await pilot.press("l", "down", "down", "down", "enter")  # the counties only
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the default: the current folder
        await pilot.pause()
        path = tmp_path / "baogao-compare-地区生产总值.csv"
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
        assert {row["region"] for row in rows} == {"海拉尔区"}
        assert [(r["year"], r["target"], r["actual"]) for r in rows[:2]] == [
            ("2012", "", "18.5"),
            ("2013", "20", ""),
        ]
        path.write_text("mine", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == "mine"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert path.read_text(encoding="utf-8-sig").startswith("region,code,level,year")


async def test_the_chart_renders_target_and_outcome_at_80x24(
    reports: tuple[Report, ...],
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(app, pilot)
        table = grid(app)
        table.move_cursor(row=row_names(app).index("海拉尔区"))
        await pilot.pause()
        chart = widget_text(app, screen.query_one("#compare-chart"))
        assert "target" in chart and "outcome" in chart
        assert "2013" in chart and "2018" in chart
        text = screen_text(app)
        assert "海拉尔区: target and outcome" in text
        assert "Export CSV" in text  # the footer


@pytest.mark.parametrize("key", ["escape", "c"])
async def test_escape_or_c_again_closes_without_a_jump(
    reports: tuple[Report, ...], key: str
) -> None:
    app = HostApp(reports)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.jumps == [None]
        assert not isinstance(app.screen, CompareScreen)


async def test_in_the_app_c_opens_the_view_and_enter_opens_the_sentence_in_the_reader() -> None:
    from baogao.tui.app import BaogaoApp

    app = BaogaoApp()  # the bundled seeds
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = grid(app)
        table.move_cursor(row=row_names(app).index("伊宁市"), column=screen.years.index(2026) + 1)
        await pilot.pause()
        row = screen.row_at_cursor()
        assert row is not None and row.target_source is not None
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        here, figure = app.current_location(), row.target_source.location
        assert here is not None and here.path == figure.path
        assert here.start <= figure.start < figure.end <= here.end  # the figure's sentence
