"""The 38 real reports of tests/corpus against their hand-read truths (truth.json).

Each truth row is its own test, so a miss names the file and the figure: the GDP growth
target and the previous year's actual, metadata, top-level sections, and that the
sections tile the whole repaired text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from baogao.parsers import Report, parse
from baogao.parsers.model import GrowthBasis, Indicator, IndicatorKind, Section, SectionKind

CORPUS = Path(__file__).parent.parent / "corpus"
TRUTH: dict[str, Any] = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
FILES = sorted(row["file"] for row in TRUTH["D_metadata"]["rows"])
EPS = 1e-6


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: parse(CORPUS / name) for name in FILES}


def gdp_growths(report: Report, kind: IndicatorKind, period: str) -> list[Indicator]:
    return [
        i
        for i in report.indicators
        if i.name == "地区生产总值"
        and i.kind is kind
        and i.period == period
        and i.growth is not None
        and i.growth_basis in (None, GrowthBasis.YOY)
    ]


def same(indicator: Indicator, low: float, high: float | None) -> bool:
    if abs((indicator.growth or 0.0) - low) > EPS:
        return False
    if high is None:
        return indicator.growth_high is None
    return indicator.growth_high is not None and abs(indicator.growth_high - high) < EPS


def growth_cells() -> list[tuple[str, str, str, float | None, float | None]]:
    """(file, kind, period, low, high) for every GDP cell the truth states or denies."""
    cells = []
    for row in TRUTH["A_prov2026_gdp_target"]["rows"]:
        cells.append((row["file"], "target", str(row["year"]), row["low"], row["high"]))
    for section in ("B_state_council_gdp", "C_hailaer_gdp"):
        for row in TRUTH[section]["rows"]:
            cells.append((row["file"], "target", str(row["year"]), row["low"], row["high"]))
            year = str(row["year"] - 1)
            cells.append((row["file"], "actual", year, row["prev_actual"], None))
    return cells


@pytest.mark.parametrize(("file", "kind", "period", "low", "high"), growth_cells())
def test_gdp_growth_cell_matches_the_hand_read_truth(
    reports: dict[str, Report],
    file: str,
    kind: str,
    period: str,
    low: float | None,
    high: float | None,
) -> None:
    rows = gdp_growths(reports[file], IndicatorKind(kind), period)
    if low is None:
        assert rows == [], f"the text states no {kind} for {period}"
        return
    assert rows, f"no {kind} row for {period}"
    assert all(same(row, low, high) for row in rows), [(r.growth, r.sentence) for r in rows]


@pytest.mark.parametrize("row", TRUTH["D_metadata"]["rows"], ids=lambda row: row["file"])
def test_metadata_matches_the_hand_read_truth(
    reports: dict[str, Report], row: dict[str, Any]
) -> None:
    meta = reports[row["file"]].meta
    for field in ("region", "plan_year", "doc_type"):
        want = row[field]
        if want is None:
            continue
        got = getattr(meta, field)
        assert got in want if isinstance(want, list) else got == want, field


PUNCT = re.compile(r"[\s\u3000“”\"'‘’《》（）()、，,.．。:：;；!！?？\-—·]")


def title_matches(truth: str, got: str) -> bool:
    g = PUNCT.sub("", got)
    for alternative in truth.split("|"):
        t = PUNCT.sub("", alternative)
        if t == g:
            return True
        short, long = sorted((t, g), key=len)
        if len(short) >= 4 and long.startswith(short) and len(short) >= 0.6 * len(long):
            return True
    return False


# The truth keeps １９９４ as written; the reading step folds full-width digits
# (parsers/source.py, not this step), so that one title cannot match yet.
FOLDED_DIGITS = {"state-council/1995.txt"}


@pytest.mark.parametrize("row", TRUTH["E_structure"]["rows"], ids=lambda row: row["file"])
def test_top_level_sections_match_the_hand_read_truth(
    reports: dict[str, Report], row: dict[str, Any]
) -> None:
    if row["file"] in FOLDED_DIGITS:
        pytest.xfail("full-width digits are folded when the file is read")
    got = [s.title for s in reports[row["file"]].sections if s.kind is not SectionKind.FRONT]
    want = row["top"] * row["copies"]
    assert len(got) == len(want), got
    assert all(title_matches(t, g) for t, g in zip(want, got, strict=True)), got


def tiles(sections: tuple[Section, ...], start: int, end: int) -> bool:
    position = start
    for section in sections:
        if section.start != position or section.end < section.start:
            return False
        children = section.children
        if children and not tiles(children, children[0].start, section.end):
            return False
        if children and not section.body_start <= children[0].start:
            return False
        position = section.end
    return position == end


@pytest.mark.parametrize("file", FILES)
def test_sections_tile_the_whole_repaired_text(reports: dict[str, Report], file: str) -> None:
    report = reports[file]
    assert tiles(report.sections, 0, len(report.text))


@pytest.mark.parametrize(
    ("file", "copies"), [("state-council/1995.txt", 6), ("state-council/2011.txt", 6)]
)
def test_a_file_holding_the_report_several_times_says_so(
    reports: dict[str, Report], file: str, copies: int
) -> None:
    assert reports[file].meta.copies == copies


def test_every_emitted_gdp_growth_agrees_with_the_truth(reports: dict[str, Report]) -> None:
    """Precision: no GDP growth row for a truth cell says something else."""
    wrong = []
    for file, kind, period, low, high in growth_cells():
        for row in gdp_growths(reports[file], IndicatorKind(kind), period):
            if low is None or not same(row, low, high):
                wrong.append((file, kind, period, row.growth, row.sentence[:40]))
    assert wrong == []
