"""Headline figures beyond GDP, read by hand from eleven corpus reports (tests/corpus/
figures.json: national 1997-2017, provincial 2026, 海拉尔区 2013-2018): CPI, new urban
jobs, unemployment, budget revenue, fixed-asset investment and income.

Each row is a test; a row baogao misses today says why (known_miss) and is expected to
fail strictly, so fixing it shows. Recall and precision over the rows are held at least
where they stand (README, "Figures on real reports")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from baogao.parsers import Report, parse
from baogao.parsers.model import Indicator

CORPUS = Path(__file__).parent.parent / "corpus"
FIGURES: dict[str, Any] = json.loads((CORPUS / "figures.json").read_text(encoding="utf-8"))
ROWS: list[dict[str, Any]] = FIGURES["rows"]
EPS = 1e-6
MIN_RECALL = 68 / 71
MIN_PRECISION = 68 / 70


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: parse(CORPUS / name) for name in sorted({row["file"] for row in ROWS})}


def cell(report: Report, row: dict[str, Any]) -> list[Indicator]:
    return [
        i
        for i in report.indicators
        if (i.name, i.kind.value, i.period) == (row["name"], row["kind"], row["period"])
    ]


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < EPS


def agrees(indicator: Indicator, row: dict[str, Any]) -> bool:
    """The figure says what the hand-read row says (fields the sentence does not state
    are not compared)."""
    for field in ("value", "growth"):
        if row[field] is not None and not close(getattr(indicator, field), row[field]):
            return False
    if row["value"] is not None and indicator.unit != row["unit"]:
        return False
    return row["qualifier"] is None or indicator.qualifier == row["qualifier"]


def contradicts(indicator: Indicator, row: dict[str, Any]) -> bool:
    return any(
        row[field] is not None
        and getattr(indicator, field) is not None
        and not close(getattr(indicator, field), row[field])
        for field in ("value", "growth")
    )


def row_id(row: dict[str, Any]) -> str:
    return f"{row['file']}:{row['name']}:{row['kind']}:{row['period']}"


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(row, marks=pytest.mark.xfail(reason=row["known_miss"], strict=True))
        if "known_miss" in row
        else row
        for row in ROWS
    ],
    ids=row_id,
)
def test_hand_read_figure_is_found(reports: dict[str, Report], row: dict[str, Any]) -> None:
    found = cell(reports[row["file"]], row)
    assert any(agrees(indicator, row) for indicator in found), [
        (i.value, i.unit, i.growth, i.qualifier, i.sentence[:40]) for i in found
    ]


def test_recall_and_precision_over_the_hand_read_rows(reports: dict[str, Report]) -> None:
    found = sum(any(agrees(i, row) for i in cell(reports[row["file"]], row)) for row in ROWS)
    cells: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for row in ROWS:
        cells.setdefault((row["file"], row["name"], row["kind"], row["period"]), []).append(row)
    emitted = wrong = 0
    for rows in cells.values():
        for indicator in cell(reports[rows[0]["file"]], rows[0]):
            emitted += 1
            wrong += all(contradicts(indicator, row) for row in rows)
    assert found / len(ROWS) >= MIN_RECALL - EPS
    assert (emitted - wrong) / emitted >= MIN_PRECISION - EPS
