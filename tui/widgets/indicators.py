"""Indicator tables: a region's figures across its documents, and the figures of one section.

The region table has one row per canonical indicator and one column per
(period, kind), so "2025 实际" and "2026 目标" never share a column. Selecting a
cell (or its row) asks the app to jump the reader to the figure's sentence.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from baogao.display import cut, format_figure, format_growth, format_value, kind_label
from baogao.figures import (
    Cell,
    Figure,
    RegionTable,
    build_region_table,
    section_figures,
)
from baogao.parsers.model import Indicator, IndicatorKind, Report, Section
from baogao.tui.widgets import messages
from baogao.tui.widgets.outline import region_of
from baogao.tui.widgets.table import TextTable

NAME_WIDTH = 24  # cells; longer indicator names are cut with an ellipsis


# ---------------------------------------------------------------- labels


def column_label(period: str, kind: IndicatorKind) -> str:
    """Column header: "2025 实际", "2021-2025 目标"."""
    return f"{period} {kind_label(kind)}"


SECTION_COLUMNS = ("指标", "时期", "类别", "数值", "增长", "限定")


def section_row(indicator: Indicator) -> tuple[str, ...]:
    """A section-table row, one string per SECTION_COLUMNS entry."""
    return (
        indicator.name,
        indicator.period,
        kind_label(indicator.kind),
        format_value(indicator, with_qualifier=False),
        format_growth(indicator, with_qualifier=False),
        indicator.qualifier or "",
    )


def figure_source(figure: Figure, reports: tuple[Report, ...]) -> Text:
    """The figure's document and sentence: 政府工作报告 2026: 地区生产总值439.77亿元、…"""
    report = next((r for r in reports if r.path == figure.path), None)
    document = report.label(with_region=False) if report else Path(figure.path).name
    sentence = " ".join(figure.indicator.sentence.split())
    return Text.assemble((document, "bold"), ": ", sentence)


CONTESTED_MARK = "*"  # other figures competed for this cell


def cell_source(cell: Cell, reports: tuple[Report, ...]) -> Text:
    """Where a cell's figure comes from and, for a contested cell, every other figure
    that competed for it with its document and sentence (one line each)."""
    text = figure_source(cell.shown, reports)
    for other in cell.others if cell.contested else ():
        text.append("\n")
        text.append(f"{CONTESTED_MARK} also {format_figure(other.indicator)} · ", style="bold")
        text.append_text(figure_source(other, reports))
    return text


def _cell_text(cell: Cell | None) -> Text:
    """A region-table cell: the figure shown, marked when others competed for it."""
    if cell is None:
        return Text("")
    text = Text(format_figure(cell.shown.indicator))
    if cell.contested:
        text.append(CONTESTED_MARK, style="bold")
    return text


# ---------------------------------------------------------------- widgets


class IndicatorPanel(Widget):
    """The selected region's indicators across its documents, and the current section's figures."""

    DEFAULT_CSS = """
    IndicatorPanel {
        height: 1fr;
        layout: vertical;
    }
    IndicatorPanel > Static {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    IndicatorPanel > .indicators--title {
        background: $boost;
        color: $text-accent;
        text-style: bold;
    }
    IndicatorPanel > .indicators--note {
        color: $text-muted;
    }
    IndicatorPanel > #figure-source {
        height: auto;
        max-height: 4;
    }
    IndicatorPanel > TextTable {
        height: 1fr;
        min-height: 3;
    }
    IndicatorPanel > #section-table {
        height: auto;
        max-height: 40%;
    }
    IndicatorPanel > #section-table.-empty {
        display: none;
    }
    """

    class JumpRequested(messages.JumpRequested):
        """The user picked a figure: show its sentence in the reader."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.region_name: str | None = None
        self.region_reports: tuple[Report, ...] = ()
        self.region_table = RegionTable((), ())
        self.section: Section | None = None
        self.section_report: Report | None = None
        self.section_rows: tuple[Figure, ...] = ()
        self._composed = False  # is_mounted turns True only after on_mount returns

    def compose(self) -> ComposeResult:
        yield Static(Text("Indicators"), id="region-title", classes="indicators--title")
        yield Static(Text("No region selected"), id="region-note", classes="indicators--note")
        yield TextTable(id="region-table", cursor="cell", fixed_columns=1)
        yield Static(Text(""), id="figure-source", classes="indicators--note")
        yield Static(Text("This section"), id="section-title", classes="indicators--title")
        yield TextTable(id="section-table", cursor="row")

    # ------------------------------------------------------------ public API

    def show_region(self, region: str, reports: tuple[Report, ...]) -> None:
        """Fill the region table from every document of `region`.

        Showing the same region again keeps the cursor, so a jump that reopens a
        document of the region does not lose the user's place in the table.
        """
        same = len(reports) == len(self.region_reports) and all(
            a is b for a, b in zip(reports, self.region_reports, strict=True)
        )
        if region == self.region_name and same:
            return
        self.region_name = region
        self.region_reports = reports
        self.region_table = build_region_table(reports)
        if self._composed:
            self._render_region()

    def show_section(self, report: Report, section: Section | None) -> None:
        """Fill the second table with the figures found in `section` (cleared when None)."""
        self.section = section
        self.section_report = report
        self.section_rows = section_figures(report, section) if section else ()
        if self._composed:
            self._render_section()

    def on_mount(self) -> None:
        self._composed = True
        self._render_region()
        self._render_section()

    # ------------------------------------------------------------ internals

    def _render_region(self) -> None:
        title = self.query_one("#region-title", Static)
        note = self.query_one("#region-note", Static)
        if self.region_name is None:
            title.update(Text("Indicators"))
            note.update(Text("No region selected"))
        else:
            title.update(Text.assemble("Indicators · ", (self.region_name, "bold")))
            documents = " · ".join(r.label(with_region=False) for r in self.region_reports)
            if self.region_table.rows:
                note.update(Text(documents))
            else:
                note.update(Text(f"No figures found in {documents or 'its documents'}"))
        headers = [Text("指标")]
        for period, kind in self.region_table.columns:
            style = "italic" if kind == IndicatorKind.TARGET else ""
            headers.append(Text(column_label(period, kind), style=style))
        rows = [
            [Text(cut(name, NAME_WIDTH), style="bold")] + [_cell_text(cell) for cell in cells]
            for name, cells in self.region_table.rows
        ]
        # another region (or other documents): the cursor starts again at the top left
        self.query_one("#region-table", TextTable).set_data(headers, rows, keep_cursor=False)

    def _render_section(self) -> None:
        table = self.query_one("#section-table", TextTable)
        title = self.query_one("#section-title", Static)
        # An empty table would only take rows from the region table: hide it.
        table.set_class(not self.section_rows, "-empty")
        if self.section is None:
            table.set_data((), (), keep_cursor=False)
            title.update(Text("This section: none selected"))
            return
        count = len(self.section_rows)
        figures = f"{count} figure{'s' if count != 1 else ''}" if count else "no figures"
        title.update(
            Text.assemble(
                f"This section{self._other_region()} · {figures} · ", (self.section.title, "bold")
            )
        )
        rows = [section_row(figure.indicator) for figure in self.section_rows]
        # Drop columns no figure fills (a targets section has no values), so narrow panes fit.
        keep = [i for i in range(len(SECTION_COLUMNS)) if i < 3 or any(r[i] for r in rows)]
        table.set_data(
            [Text(SECTION_COLUMNS[i]) for i in keep],
            [[Text(row[i]) for i in keep] for row in rows],
            keep_cursor=False,
        )

    def _other_region(self) -> str:
        """Names the section's document (" of 伊宁市 政府工作报告 2026") when it is not
        one of the region table's: the region picker switched the table only."""
        report = self.section_report
        if report is None or self.region_name in (None, region_of(report)):
            return ""
        return f" of {report.label()}"

    def region_cell(self, row: int, column: int) -> Cell | None:
        """The region-table cell at (row, column); the name column (or a blank cell) means
        the row's first period."""
        if not 0 <= row < len(self.region_table.rows):
            return None
        _, cells = self.region_table.rows[row]
        if column >= 1 and (cell := cells[column - 1]) is not None:
            return cell
        return next((cell for cell in cells if cell is not None), None)

    def region_figure(self, row: int, column: int) -> Figure | None:
        cell = self.region_cell(row, column)
        return cell.shown if cell is not None else None

    def on_text_table_cell_selected(self, event: TextTable.CellSelected) -> None:
        event.stop()
        if event.table.id == "region-table":
            figure = self.region_figure(event.row, event.column)
            if figure is not None:
                self.post_message(self.JumpRequested(figure.location))
        elif 0 <= event.row < len(self.section_rows):
            self.post_message(self.JumpRequested(self.section_rows[event.row].location))

    def on_text_table_cell_highlighted(self, event: TextTable.CellHighlighted) -> None:
        """Say where the figure under the cursor comes from, so it can be checked at a glance."""
        event.stop()
        if event.table.id != "region-table":
            return
        cell = self.region_cell(event.row, event.column)
        self.query_one("#figure-source", Static).update(
            cell_source(cell, self.region_reports) if cell else Text("")
        )
