"""`baogao indicators`: every report's indicators as a table, CSV or JSON.

The table is for people (CJK columns padded by display width, numbers right
aligned); CSV is for spreadsheets and JSON for programs, both with every field
of the model, the sentence included. No Textual here: the CLI must start fast.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rich.cells import cell_len

from baogao.display import cut, format_growth, format_number
from baogao.parsers.model import Indicator, Report

FORMATS = ("table", "csv", "json")

# Every field, in the order spreadsheets and programs get them.
FIELDS: tuple[str, ...] = (
    "document",
    "region",
    "doc_type",
    "path",
    "name",
    "raw_name",
    "period",
    "kind",
    "value",
    "unit",
    "growth",
    "growth_high",
    "growth_basis",
    "qualifier",
    "section",
    "start",
    "end",
    "sentence",
)

DOCUMENT_WIDTH = 24  # cells; longer labels end in an ellipsis

Row = dict[str, str | int | float | None]


def csv_number(number: float | None) -> str:
    """439.77 -> "439.77", 6.0 -> "6", None -> ""."""
    return "" if number is None else format_number(number)


def indicator_row(report: Report, indicator: Indicator) -> Row:
    return {
        "document": report.label(),
        "region": report.meta.region,
        "doc_type": report.meta.doc_type,
        "path": report.path,
        "name": indicator.name,
        "raw_name": indicator.raw_name,
        "period": indicator.period,
        "kind": indicator.kind.value,
        "value": indicator.value,
        "unit": indicator.unit,
        "growth": indicator.growth,
        "growth_high": indicator.growth_high,
        "growth_basis": indicator.growth_basis,
        "qualifier": indicator.qualifier,
        "section": indicator.section,
        "start": indicator.start,
        "end": indicator.end,
        "sentence": indicator.sentence,
    }


def rows(reports: tuple[Report, ...]) -> list[Row]:
    return [indicator_row(report, i) for report in reports for i in report.indicators]


# ---------------------------------------------------------------- table


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - cell_len(text))
    return gap + text if right else text + gap


# header, cell of a report's indicator, right-aligned
TABLE_COLUMNS: tuple[tuple[str, Callable[[Report, Indicator], str], bool], ...] = (
    ("document", lambda r, i: cut(r.label(), DOCUMENT_WIDTH), False),
    ("indicator", lambda r, i: i.name, False),
    ("period", lambda r, i: i.period, False),
    ("kind", lambda r, i: i.kind.value, False),
    ("value", lambda r, i: csv_number(i.value), True),
    ("unit", lambda r, i: i.unit if i.value is not None and i.unit else "", False),
    ("growth", lambda r, i: format_growth(i, with_qualifier=False), True),
    ("basis", lambda r, i: i.growth_basis or "", False),
    ("qualifier", lambda r, i: i.qualifier or "", False),
)


def aligned_table(headers: list[str], cells: list[list[str]], right: list[bool]) -> str:
    """Columns padded to their width in display cells (CJK counts 2), a rule under the
    header, two spaces between columns; `right` aligns a column's cells to the right."""
    widths = [
        max([cell_len(h), *(cell_len(row[c]) for row in cells)]) for c, h in enumerate(headers)
    ]

    def line(values: list[str]) -> str:
        padded = (pad(v, w, r) for v, w, r in zip(values, widths, right, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("─" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in cells)]) + "\n"


def render_table(reports: tuple[Report, ...]) -> str:
    cells = [
        [cell(report, indicator) for _, cell, _ in TABLE_COLUMNS]
        for report in reports
        for indicator in report.indicators
    ]
    headers = [header for header, _, _ in TABLE_COLUMNS]
    return aligned_table(headers, cells, [right for _, _, right in TABLE_COLUMNS])


# ---------------------------------------------------------------- csv and json


def render_csv(reports: tuple[Report, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows(reports):
        writer.writerow(
            csv_number(v) if isinstance(v, float) else "" if v is None else v for v in row.values()
        )
    return out.getvalue()


def render_json(reports: tuple[Report, ...]) -> str:
    return json.dumps(rows(reports), ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[tuple[Report, ...]], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}


def render_indicators(reports: tuple[Report, ...], fmt: str) -> str:
    """All indicators of `reports` in `fmt` (table | csv | json), ready to print."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}") from None
    return renderer(tuple(reports))
