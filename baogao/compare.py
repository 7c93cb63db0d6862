"""Did a region meet its target? Targets against outcomes, by region and year, as data.

The target of year Y is in the report that plans for Y; its outcome is in the review of
a later report (an actual with period Y). Where several reports state the outcome (the
next year's review, a later revision), the earliest report is used and the others are
kept as `also`. Regions are unified with the gazetteer, so 呼伦贝尔市海拉尔区 and 海拉尔区
form one timeline, keyed by the official code. No Textual here: the CLI and the app's
compare view share these rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from baogao.display import cut, format_number
from baogao.output import aligned_table, csv_number
from baogao.parsers.gazetteer import LEVEL_ORDER, Level, lookup
from baogao.parsers.model import (
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Location,
    Qualifier,
    Report,
)

DEFAULT_INDICATOR = "地区生产总值"
# What the national reports call the default indicator.
NATIONAL_NAMES: dict[str, tuple[str, ...]] = {"地区生产总值": ("地区生产总值", "国内生产总值")}
# Figures where less is better: the target is a ceiling, met when the outcome stays under it.
CEILING_INDICATORS = frozenset({"城镇调查失业率", "城镇登记失业率", "居民消费价格涨幅"})

FORMATS = ("table", "csv", "json")
FIELDS: tuple[str, ...] = (
    "region",
    "code",
    "level",
    "year",
    "indicator",
    "target",
    "target_high",
    "qualifier",
    "target_source",
    "actual",
    "actual_source",
    "gap",
    "met",
)
SENTENCE_WIDTH = 40  # cells of a source sentence in the table; longer ends in an ellipsis


@dataclass(frozen=True, slots=True)
class Region:
    """A region as the gazetteer knows it; `code` and `level` are None for a name it does
    not know (the name as the report gives it then keys the timeline)."""

    name: str
    code: str | None = None
    level: Level | None = None

    @property
    def key(self) -> str:
        return self.code or self.name


def region_of(report: Report) -> Region | None:
    name = report.meta.region
    if not name:
        return None
    found = lookup(name)
    if found is None:
        return Region(name)
    return Region(found.name, found.code, found.level)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was read: the document and the sentence."""

    document: str
    path: str
    start: int
    end: int
    sentence: str

    @property
    def location(self) -> Location:
        return Location(self.path, self.start, self.end)

    def as_text(self) -> str:
        return f"{self.document}：{self.sentence}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "document": self.document,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class CompareRow:
    region: Region
    year: int
    indicator: str
    target: float | None = None
    target_high: float | None = None  # the high end of a range target
    qualifier: Qualifier | None = None
    target_source: Source | None = None
    actual: float | None = None
    actual_source: Source | None = None
    also: tuple[Source, ...] = ()  # later reports that state the outcome too
    ceiling: bool = False  # the target is a ceiling (以内, a rate to keep low)

    @property
    def gap(self) -> float | None:
        """Actual − target in percentage points; 0 inside a range, else to the nearer end."""
        if self.target is None or self.actual is None:
            return None
        high = self.target_high if self.target_high is not None else self.target
        if self.actual < self.target:
            gap = self.actual - self.target
        elif self.actual > high:
            gap = self.actual - high
        else:
            gap = 0.0
        return round(gap, 4) + 0.0  # 7.8 - 7.5 is 0.3, not 0.2999…; never -0.0

    @property
    def met(self) -> bool | None:
        gap = self.gap
        if gap is None:
            return None
        return gap <= 0 if self.ceiling else gap >= 0

    def as_dict(self) -> dict[str, object]:
        """The row for programs: every key of FIELDS, sources as objects."""
        actual_source: dict[str, object] | None = None
        if self.actual_source is not None:
            actual_source = {
                **self.actual_source.as_dict(),
                "also": [s.as_dict() for s in self.also],
            }
        return {
            "region": self.region.name,
            "code": self.region.code,
            "level": self.region.level.value if self.region.level else None,
            "year": self.year,
            "indicator": self.indicator,
            "target": self.target,
            "target_high": self.target_high,
            "qualifier": self.qualifier.value if self.qualifier else None,
            "target_source": self.target_source.as_dict() if self.target_source else None,
            "actual": self.actual,
            "actual_source": actual_source,
            "gap": self.gap,
            "met": self.met,
        }

    def as_cells(self) -> tuple[str, ...]:
        """The row for spreadsheets: every key of FIELDS as text, sources as 'document：sentence'."""
        actual_source = ""
        if self.actual_source is not None:
            actual_source = " | ".join(
                [self.actual_source.as_text(), *(f"also {s.as_text()}" for s in self.also)]
            )
        met = "" if self.met is None else str(self.met).lower()
        return (
            self.region.name,
            self.region.code or "",
            self.region.level.value if self.region.level else "",
            str(self.year),
            self.indicator,
            csv_number(self.target),
            csv_number(self.target_high),
            self.qualifier.value if self.qualifier else "",
            self.target_source.as_text() if self.target_source else "",
            csv_number(self.actual),
            actual_source,
            csv_number(self.gap),
            met,
        )


def _names_for(indicator: str, region: Region) -> tuple[str, ...]:
    if region.level == Level.NATION:
        return NATIONAL_NAMES.get(indicator, (indicator,))
    return (indicator,)


def _single_year(period: str) -> int | None:
    return int(period) if len(period) == 4 and period.isdigit() else None


def _is_annual_growth(figure: Indicator) -> bool:
    return figure.growth is not None and figure.growth_basis in (None, GrowthBasis.YOY)


def _source(report: Report, figure: Indicator) -> Source:
    return Source(report.label(), report.path, figure.start, figure.end, figure.sentence)


@dataclass(slots=True)
class _Slot:
    """What is known so far of one (region, year)."""

    target: tuple[Report, Indicator] | None = None
    actuals: list[tuple[Report, Indicator]] | None = None  # oldest report first


def compare_rows(
    reports: Iterable[Report], indicator: str = DEFAULT_INDICATOR
) -> tuple[CompareRow, ...]:
    """One row per (region, year) where a target or an outcome of `indicator` exists,
    ordered by level (nation first), region code, year."""
    regions: dict[str, Region] = {}
    slots: dict[tuple[str, int], _Slot] = {}
    ordered = sorted(reports, key=lambda r: (r.meta.year or 0, r.path))
    for report in ordered:
        region = region_of(report)
        plans_for = report.meta.year
        if region is None or plans_for is None:
            continue
        regions.setdefault(region.key, region)
        names = _names_for(indicator, region)
        seen_actual: set[int] = set()  # one outcome a report: a file may repeat its text
        for figure in report.indicators:
            year = _single_year(figure.period)
            if figure.name not in names or year is None or not _is_annual_growth(figure):
                continue
            slot = slots.setdefault((region.key, year), _Slot())
            if figure.kind == IndicatorKind.TARGET and year == plans_for:
                if slot.target is None:
                    slot.target = (report, figure)
            elif (
                figure.kind == IndicatorKind.ACTUAL and year < plans_for and year not in seen_actual
            ):
                seen_actual.add(year)
                slot.actuals = [*(slot.actuals or []), (report, figure)]
    rows = [
        _row(regions[key], year, indicator, slot)
        for (key, year), slot in slots.items()
        if slot.target is not None or slot.actuals
    ]
    rows.sort(key=row_order)
    return tuple(rows)


def row_order(row: CompareRow) -> tuple[int, str, int]:
    level = LEVEL_ORDER[row.region.level] if row.region.level else len(LEVEL_ORDER)
    return (level, row.region.key, row.year)


def _row(region: Region, year: int, indicator: str, slot: _Slot) -> CompareRow:
    target = target_high = qualifier = target_source = None
    if slot.target is not None:
        report, figure = slot.target
        target, target_high, qualifier = figure.growth, figure.growth_high, figure.qualifier
        target_source = _source(report, figure)
    actual = actual_source = None
    also: tuple[Source, ...] = ()
    if slot.actuals:
        (report, figure), *later = slot.actuals  # reports were read oldest first
        actual, actual_source = figure.growth, _source(report, figure)
        also = tuple(_source(r, f) for r, f in later)
    return CompareRow(
        region=region,
        year=year,
        indicator=indicator,
        target=target,
        target_high=target_high,
        qualifier=qualifier,
        target_source=target_source,
        actual=actual,
        actual_source=actual_source,
        also=also,
        ceiling=qualifier == Qualifier.WITHIN or indicator in CEILING_INDICATORS,
    )


def compare_indicators(reports: Iterable[Report]) -> tuple[str, ...]:
    """Indicators with a one-year growth target in some report, the default first."""
    names = {
        figure.name
        for report in reports
        for figure in report.indicators
        if figure.kind == IndicatorKind.TARGET
        and _single_year(figure.period) is not None
        and _is_annual_growth(figure)
    }
    names.discard(DEFAULT_INDICATOR)
    return (DEFAULT_INDICATOR, *sorted(names))


# ---------------------------------------------------------------- output


def format_target(row: CompareRow) -> str:
    """5 -> "5", a range -> "5–5.5", with its qualifier: "5以上"."""
    if row.target is None:
        return ""
    text = format_number(row.target)
    if row.target_high is not None:
        text += f"–{format_number(row.target_high)}"
    if row.qualifier in (Qualifier.ABOUT, Qualifier.AT_LEAST, Qualifier.WITHIN):
        text += row.qualifier.value
    return text


def met_mark(row: CompareRow) -> str:
    return {True: "✓", False: "✗", None: ""}[row.met]


def format_gap(gap: float | None) -> str:
    return "" if gap is None else f"{'+' if gap > 0 else ''}{format_number(gap)}"


def source_excerpt(row: CompareRow) -> str:
    source = row.target_source or row.actual_source
    return cut(source.sentence, SENTENCE_WIDTH) if source else ""


# header, cell of a row, right-aligned
TABLE_COLUMNS: tuple[tuple[str, Callable[[CompareRow], str], bool], ...] = (
    ("region", lambda r: r.region.name, False),
    ("year", lambda r: str(r.year), False),
    ("target", format_target, True),
    ("actual", lambda r: csv_number(r.actual), True),
    ("gap", lambda r: format_gap(r.gap), True),
    ("met", met_mark, False),
    ("source", lambda r: source_excerpt(r), False),
)


def render_table(rows: tuple[CompareRow, ...]) -> str:
    cells = [[cell(row) for _, cell, _ in TABLE_COLUMNS] for row in rows]
    headers = [header for header, _, _ in TABLE_COLUMNS]
    return aligned_table(headers, cells, [right for _, _, right in TABLE_COLUMNS])


def render_csv(rows: tuple[CompareRow, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(row.as_cells() for row in rows)
    return out.getvalue()


def render_json(rows: tuple[CompareRow, ...]) -> str:
    return (
        json.dumps({"rows": [row.as_dict() for row in rows]}, ensure_ascii=False, indent=2) + "\n"
    )


RENDERERS: dict[str, Callable[[tuple[CompareRow, ...]], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}


def render_compare(rows: tuple[CompareRow, ...], fmt: str) -> str:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}") from None
    return renderer(rows)
