"""The compare view: regions × years, each cell a target against its outcome, with a chart.

The rows come from baogao.compare (the same rows `baogao compare` prints); this screen only
lays them out. Enter on a cell dismisses the screen with the Location of the target's
sentence (o: the outcome's), which the app opens, as the bookmarks screen does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Select

from baogao.compare import (
    DEFAULT_INDICATOR,
    CompareRow,
    compare_indicators,
    compare_rows,
    format_gap,
    format_target,
    met_mark,
    render_csv,
)
from baogao.display import format_number
from baogao.files import atomic_write
from baogao.parsers.gazetteer import Level
from baogao.parsers.model import Location, Report

ALL_LEVELS = "all"
LEVEL_CHOICES: tuple[tuple[str, str], ...] = (
    ("All levels", ALL_LEVELS),
    ("Provinces", Level.PROVINCE.value),
    ("Prefectures", Level.PREFECTURE.value),
    ("Counties", Level.COUNTY.value),
)
REGION_COLUMN = "region"
MISSING = "–"  # a side of a cell that no report states


def cell_text(row: CompareRow | None) -> Text:
    """ "7.5左右→7.8 ✓": the target, the outcome, and whether it was met."""
    if row is None:
        return Text("")
    target = format_target(row) or MISSING
    actual = format_number(row.actual) if row.actual is not None else MISSING
    text = Text(f"{target}→{actual}")
    if row.met is not None:
        text.append(f" {met_mark(row)}", style="bold green" if row.met else "bold red")
    return text


def detail_text(row: CompareRow | None) -> Text:
    """The highlighted cell in words: year, target, outcome, gap, and where each was read."""
    if row is None:
        return Text("")
    parts = [f"{row.region.name} {row.year}", f"target {format_target(row) or MISSING}"]
    parts.append(f"outcome {format_number(row.actual) if row.actual is not None else MISSING}")
    if row.gap is not None:
        parts.append(f"gap {format_gap(row.gap)} {met_mark(row)}")
    source = row.target_source or row.actual_source
    where = f"\n{source.document}：{source.sentence}" if source else ""
    return Text(" · ".join(parts) + where)


def default_export_path(indicator: str) -> Path:
    return Path.cwd() / f"baogao-compare-{indicator}.csv"


class ConfirmDialog(ModalScreen[bool]):
    """A yes / no question: y confirms, n or Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        & > Label { border: round $warning; background: $surface; padding: 0 1; }
    }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Label(Text(f"{self.question} (y / n)"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class CompareScreen(ModalScreen[Location | None]):
    """Targets against outcomes for every open region: i indicator, l level, g sort by
    gap, Enter the target's sentence, o the outcome's, x export CSV."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("c", "close", "Close", show=False),  # the key that opened it, not a second one
        Binding("enter", "jump", "Target sentence", show=False),
        Binding("o", "jump_outcome", "Outcome"),
        Binding("i", "pick_indicator", "Indicator"),
        Binding("l", "pick_level", "Level"),
        Binding("g", "sort_by_gap", "By gap"),
        Binding("x", "export", "Export CSV"),
    ]

    DEFAULT_CSS = """
    CompareScreen {
        & > Vertical { background: $surface; }
        & #compare-bar { height: 1; }
        & #compare-bar Select { width: 1fr; }
        & #compare-grid { height: 1fr; }
        & #compare-detail {
            width: 1fr;
            height: 2;
            padding: 0 1;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        & #compare-chart-box {
            height: 45%;
            border-top: solid $accent;
            border-title-align: center;
        }
    }
    """

    indicator: reactive[str] = reactive(DEFAULT_INDICATOR, init=False)
    """The indicator compared; every row is rebuilt when it changes."""
    level: reactive[str] = reactive(ALL_LEVELS, init=False)
    """The level of regions shown (province, prefecture, county), or all."""
    gap_order: reactive[bool] = reactive(False, init=False)
    """Regions by the gap of the highlighted year, biggest miss first (else by code)."""

    def __init__(self, reports: Sequence[Report], indicator: str = DEFAULT_INDICATOR) -> None:
        super().__init__()
        self.reports = tuple(reports)
        self.indicators = compare_indicators(self.reports)
        self.set_reactive(CompareScreen.indicator, indicator)
        self.rows: tuple[CompareRow, ...] = compare_rows(self.reports, indicator)

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot  # plotting is loaded with this view only

        with Vertical():
            with Horizontal(id="compare-bar"):
                yield Select(
                    [(name, name) for name in self.indicators],
                    value=self.indicator,
                    allow_blank=False,
                    compact=True,
                    id="compare-indicator",
                )
                yield Select(
                    [(label, value) for label, value in LEVEL_CHOICES],
                    value=ALL_LEVELS,
                    allow_blank=False,
                    compact=True,
                    id="compare-level",
                )
            table: DataTable[Text] = DataTable(
                cursor_type="cell", fixed_columns=1, zebra_stripes=True, id="compare-grid"
            )
            yield table
            yield Label(id="compare-detail")
            with Vertical(id="compare-chart-box"):
                yield PlotextPlot(id="compare-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.fill_grid()
        self.query_one("#compare-grid", DataTable).focus()

    # --- what the view shows ---------------------------------------------------------

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.visible_rows()})

    def visible_rows(self) -> tuple[CompareRow, ...]:
        """The rows of the regions at the chosen level (the view that is exported)."""
        if self.level == ALL_LEVELS:
            return self.rows
        return tuple(row for row in self.rows if row.region.level == self.level)

    def region_order(self, year: int | None) -> list[str]:
        """Region keys in the order shown: by code, or by the gap of `year`."""
        rows = self.visible_rows()
        keys = list(dict.fromkeys(row.region.key for row in rows))
        if not self.gap_order or year is None:
            return keys
        gaps = {row.region.key: row.gap for row in rows if row.year == year}

        def by_gap(key: str) -> tuple[int, float]:
            gap = gaps.get(key)
            return (1, 0.0) if gap is None else (0, gap)

        return sorted(keys, key=by_gap)

    def exported_rows(self) -> tuple[CompareRow, ...]:
        """The view's rows in its order: region as shown, then year."""
        order = {key: rank for rank, key in enumerate(self.region_order(self.cursor_year))}
        return tuple(sorted(self.visible_rows(), key=lambda r: (order[r.region.key], r.year)))

    @property
    def cursor_year(self) -> int | None:
        table = self.query_one("#compare-grid", DataTable)
        years = self.years
        column = table.cursor_coordinate.column - 1
        if not years:
            return None
        return years[column] if 0 <= column < len(years) else years[-1]

    def region_at_cursor(self) -> str | None:
        """The name of the highlighted region."""
        table = self.query_one("#compare-grid", DataTable)
        if table.row_count == 0:
            return None
        return str(table.get_cell_at(Coordinate(table.cursor_coordinate.row, 0)))

    def row_at_cursor(self) -> CompareRow | None:
        table = self.query_one("#compare-grid", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        year = self.cursor_year
        for row in self.visible_rows():
            if row.region.key == key and row.year == year:
                return row
        return None

    def fill_grid(self, keep: tuple[str | None, int | None] = (None, None)) -> None:
        """Lay the visible rows out as regions × years; the cursor stays on `keep`."""
        table: DataTable[Text] = self.query_one("#compare-grid", DataTable)
        table.clear(columns=True)
        years = self.years
        table.add_column(Text("region"), key=REGION_COLUMN)
        for year in years:
            table.add_column(Text(str(year)), key=str(year))
        cells = {(row.region.key, row.year): row for row in self.visible_rows()}
        names = {row.region.key: row.region.name for row in self.visible_rows()}
        order = self.region_order(
            keep[1] if keep[1] is not None else (years[-1] if years else None)
        )
        for key in order:
            table.add_row(
                Text(names[key]), *(cell_text(cells.get((key, year))) for year in years), key=key
            )
        region, kept_year = keep
        at_row = order.index(region) if region in order else 0
        at_column = years.index(kept_year) + 1 if kept_year in years else len(years)
        if order:
            table.cursor_coordinate = Coordinate(at_row, at_column)
        self.draw_chart()

    def draw_chart(self) -> None:
        """Target against outcome over the years, for the highlighted region."""
        from textual_plotext import PlotextPlot

        chart = self.query_one("#compare-chart", PlotextPlot)
        box = self.query_one("#compare-chart-box")
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        table = self.query_one("#compare-grid", DataTable)
        if table.row_count == 0:
            box.border_title = "no target or outcome of this indicator in the open reports"
            chart.refresh()
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        rows = [row for row in self.visible_rows() if row.region.key == key]
        box.border_title = f"{rows[0].region.name}: target and outcome, {self.indicator} %"
        targets = [(row.year, row.target) for row in rows if row.target is not None]
        actuals = [(row.year, row.actual) for row in rows if row.actual is not None]
        for series, label, color in ((targets, "target", "blue+"), (actuals, "outcome", "green+")):
            if series:
                xs, ys = [float(y) for y, _ in series], [v for _, v in series]
                plt.plot(xs, ys, label=label, marker="hd", color=color)
                plt.scatter(xs, ys, marker="dot", color=color)  # a lone year is a point
        years = sorted({row.year for row in rows})
        plt.xticks([float(year) for year in years], [str(year) for year in years])
        plt.xlim(years[0] - 0.5, years[-1] + 0.5)  # a point at the edge would hide in the frame
        values = [v for _, v in targets + actuals]
        plt.ylim(min(values) - 0.5, max(values) + 0.5)
        chart.refresh()

    # --- reactions ---------------------------------------------------------------

    def _keep(self) -> tuple[str | None, int | None]:
        row = self.row_at_cursor()
        table = self.query_one("#compare-grid", DataTable)
        key = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if table.row_count
            else None
        )
        return (row.region.key if row else key, self.cursor_year)

    def watch_indicator(self, indicator: str) -> None:
        keep = self._keep()
        self.rows = compare_rows(self.reports, indicator)
        self.fill_grid(keep)

    def watch_level(self) -> None:
        self.fill_grid(self._keep())

    def watch_gap_order(self) -> None:
        self.fill_grid(self._keep())

    @on(Select.Changed, "#compare-indicator")
    def indicator_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.indicator = event.value
            self.query_one("#compare-grid", DataTable).focus()

    @on(Select.Changed, "#compare-level")
    def level_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.level = event.value
            self.query_one("#compare-grid", DataTable).focus()

    @on(DataTable.CellHighlighted, "#compare-grid")
    def cell_highlighted(self) -> None:
        self.draw_chart()
        detail = detail_text(self.row_at_cursor())
        if not detail and (region := self.region_at_cursor()) is not None:
            detail = Text(f"{region} {self.cursor_year}: no target or outcome")
        self.query_one("#compare-detail", Label).update(detail)

    @on(DataTable.CellSelected, "#compare-grid")
    def cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_jump()

    # --- actions -----------------------------------------------------------------

    def action_pick_indicator(self) -> None:
        select = self.query_one("#compare-indicator", Select)
        select.focus()
        select.expanded = True

    def action_pick_level(self) -> None:
        select = self.query_one("#compare-level", Select)
        select.focus()
        select.expanded = True

    def action_sort_by_gap(self) -> None:
        self.gap_order = not self.gap_order
        self.notify("Sorted by gap, biggest miss first" if self.gap_order else "Sorted by region")

    def action_jump(self) -> None:
        row = self.row_at_cursor()
        source = row and (row.target_source or row.actual_source)
        if source:
            self.dismiss(source.location)
        else:
            self.notify("No sentence in this cell", severity="warning")

    def action_jump_outcome(self) -> None:
        row = self.row_at_cursor()
        if row and row.actual_source:
            self.dismiss(row.actual_source.location)
        else:
            self.notify("No outcome in this cell", severity="warning")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        """Ask for a file (default in the current folder), ask before overwriting, write."""
        from baogao.tui.screens.bookmarks import FileDialog

        data = render_csv(self.exported_rows()).encode("utf-8-sig")  # BOM: spreadsheets

        def write(path: Path) -> None:
            try:
                atomic_write(path, data)
            except OSError as error:
                self.notify(f"Not exported: {path}: {error.strerror}", severity="error")
                return
            self.notify(f"Exported {len(self.exported_rows())} rows to {path}", markup=False)

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.exists():
                self.app.push_screen(
                    ConfirmDialog(f"{path} exists. Overwrite?"),
                    lambda yes: write(path) if yes else self.notify("Not exported"),
                )
            else:
                write(path)

        self.app.push_screen(
            FileDialog("Export this view as CSV to", default_export_path(self.indicator)), chosen
        )
