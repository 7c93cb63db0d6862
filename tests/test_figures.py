"""Region tables as data: which figure a cell shows when several compete."""

from __future__ import annotations

from pathlib import Path

from baogao.figures import build_region_table
from baogao.parsers import parse, parse_text
from baogao.parsers.model import Evidence, IndicatorKind

CORPUS = Path(__file__).parent / "corpus"


def cell(path: str, name: str, period: str, kind: IndicatorKind):  # type: ignore[no-untyped-def]
    table = build_region_table((parse(CORPUS / path),))
    column = table.columns.index((period, kind))
    return dict(table.rows)[name][column]


def test_the_target_cell_shows_the_target_block_over_a_more_complete_passing_figure() -> None:
    report = parse_text(
        "政府工作报告\n各位代表：\n一、2025年工作回顾\n地区生产总值增长5.2%。\n二、2026年工作安排\n"
        "今年主要预期目标是：地区生产总值增长5%左右。\n（一）推动发展。地区生产总值力争达到5000亿元、增长5.5%。"
    )
    table = build_region_table((report,))
    target = dict(table.rows)["地区生产总值"][table.columns.index(("2026", IndicatorKind.TARGET))]
    assert target is not None and target.contested
    assert (target.shown.indicator.growth, target.shown.indicator.evidence) == (
        5.0,
        Evidence.TARGET_BLOCK,
    )
    assert [other.indicator.growth for other in target.others] == [5.5]


def test_the_actual_cell_shows_the_review_and_lists_the_others_with_their_sentences() -> None:
    shown = cell("state-council/2011.txt", "居民消费价格涨幅", "2010", IndicatorKind.ACTUAL)
    assert shown is not None
    assert shown.shown.indicator.evidence is Evidence.REVIEW
    assert shown.shown.indicator.value == 3.3
    assert all(other.indicator.sentence for other in shown.others)
