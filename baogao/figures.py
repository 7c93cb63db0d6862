"""Tables of figures as data: a region's indicators across its reports, a section's figures.

The region table has one row per canonical indicator and one column per (period, kind),
so "2025 实际" and "2026 目标" never share a column. A cell never hides a choice: it
holds the figure shown and every other figure that competed for it, each with its
report, so the app can mark the cell and list the others with their sentences.
No Textual here: the app's panes and the CLI share these tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.parsers.model import Evidence, Indicator, IndicatorKind, Location, Report, Section

# Headline statistics first, in the order reports usually give them; the rest follow by name.
HEADLINE_ORDER: tuple[str, ...] = (
    "地区生产总值",
    "人均地区生产总值",
    "第一产业增加值",
    "第二产业增加值",
    "第三产业增加值",
    "规模以上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
    "外贸进出口总额",
    "招商引资到位资金",
    "城镇居民人均可支配收入",
    "农村居民人均可支配收入",
    "农村居民人均纯收入",
    "城镇新增就业",
    "城镇调查失业率",
    "城镇登记失业率",
    "居民消费价格涨幅",
    "粮食产量",
    "接待游客",
    "游客花费",
)
_HEADLINE_RANK = {name: rank for rank, name in enumerate(HEADLINE_ORDER)}

# Years in a period: "2025" or a plan period "2021-2025"
YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Figure:
    """An indicator with the report it was read from, so a jump knows the document."""

    path: str
    indicator: Indicator

    @property
    def location(self) -> Location:
        return Location(self.path, self.indicator.start, self.indicator.end)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a region table: the figure shown, and the others that competed for it."""

    shown: Figure
    others: tuple[Figure, ...] = ()

    @property
    def contested(self) -> bool:
        """Whether other figures, with other values, competed for this cell."""
        return any(_contradicts(other.indicator, self.shown.indicator) for other in self.others)


Column = tuple[str, IndicatorKind]  # (period, kind)


@dataclass(frozen=True, slots=True)
class RegionTable:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, tuple[Cell | None, ...]], ...]  # (name, one cell per column)


def _period_order(column: Column) -> tuple[int, int, int]:
    """Newest period first, so a narrow pane opens on this year's figures and targets."""
    period, kind = column
    years = [int(year) for year in YEAR.findall(period)] or [9999]
    return (-years[-1], -years[0], 0 if kind == IndicatorKind.TARGET else 1)


def _name_order(name: str) -> tuple[int, str]:
    return (_HEADLINE_RANK.get(name, len(HEADLINE_ORDER)), name)


def _completeness(indicator: Indicator) -> int:
    return (indicator.value is not None) + (indicator.growth is not None)


# The sentences a cell's figure is best taken from: the target block for a target,
# the review for an actual (a figure met in passing elsewhere gives way to them).
AUTHORITY = {
    IndicatorKind.TARGET: Evidence.TARGET_BLOCK,
    IndicatorKind.ACTUAL: Evidence.REVIEW,
}


def _preference(indicator: Indicator) -> tuple[bool, int]:
    """How a figure ranks for its cell: from the target block or review first, then the
    more complete (a level and a growth beat either alone)."""
    return (indicator.evidence is AUTHORITY[indicator.kind], _completeness(indicator))


def _contradicts(a: Indicator, b: Indicator) -> bool:
    """Whether two figures for one cell say different things (a missing half says nothing)."""
    if a.value is not None and b.value is not None and (a.value, a.unit) != (b.value, b.unit):
        return True
    if a.growth is not None and b.growth is not None:
        return (a.growth, a.growth_high) != (b.growth, b.growth_high)
    return False


def build_region_table(reports: tuple[Report, ...]) -> RegionTable:
    """One row per canonical indicator, one column per (period, kind), newest period first.

    When several figures compete for a cell (the same figure repeated, or two documents
    reporting the same year), the one from the target block (a target) or the review (an
    actual) is shown, then the most complete, then the first met; the rest are kept as
    the cell's `others`, each with its sentence.
    """
    candidates: dict[tuple[str, Column], list[Figure]] = {}
    for report in reports:
        for indicator in report.indicators:
            slot = (indicator.name, (indicator.period, indicator.kind))
            candidates.setdefault(slot, []).append(Figure(report.path, indicator))
    cells: dict[tuple[str, Column], Cell] = {}
    for slot, figures in candidates.items():
        shown = max(figures, key=lambda f: _preference(f.indicator))  # first of the best
        cells[slot] = Cell(shown, tuple(f for f in figures if f is not shown))
    columns = tuple(sorted({column for _, column in cells}, key=_period_order))
    names = sorted({name for name, _ in cells}, key=_name_order)
    rows = tuple((name, tuple(cells.get((name, column)) for column in columns)) for name in names)
    return RegionTable(columns, rows)


def section_figures(report: Report, section: Section) -> tuple[Figure, ...]:
    """Figures starting inside the section (sub-sections included), in reading order."""
    inside = (i for i in report.indicators if section.start <= i.start < section.end)
    return tuple(Figure(report.path, i) for i in sorted(inside, key=lambda i: i.start))
