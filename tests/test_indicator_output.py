"""`baogao indicators --format table|csv|json`: what people, spreadsheets and programs get."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.cells import cell_len

from baogao.cli import main
from baogao.display import cut
from baogao.output import FIELDS, render_indicators
from baogao.parsers.model import (
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Qualifier,
    Report,
)

SENTENCE = "预计全年实现地区生产总值 439.77 亿元、同比增长 3.4%左右"


def report(indicators: tuple[Indicator, ...], region: str | None = "伊宁市") -> Report:
    meta = Metadata(title="政府工作报告", region=region, doc_type="政府工作报告", plan_year=2026)
    return Report("seeds/000.txt", SENTENCE, meta, (), indicators=indicators)


GDP = Indicator(
    name="地区生产总值",
    raw_name="生产总值",
    period="2025",
    kind=IndicatorKind.ACTUAL,
    value=439.77,
    unit="亿元",
    growth=3.4,
    growth_basis=GrowthBasis.YOY,
    qualifier=Qualifier.ABOUT,
    section="一、2025年工作回顾",
    start=6,
    end=32,
    sentence=SENTENCE,
)
INCOME = Indicator(
    name="城镇居民人均可支配收入",
    raw_name="城镇居民人均可支配收入",
    period="2026",
    kind=IndicatorKind.TARGET,
    growth=5.0,
    growth_high=5.5,
    growth_basis=GrowthBasis.YOY,
    qualifier=Qualifier.RANGE,
)
UNEMPLOYMENT = Indicator(
    name="城镇调查失业率",
    raw_name="城镇调查失业率",
    period="2025",
    kind=IndicatorKind.ACTUAL,
    unit="个百分点",
    growth=-0.3,
    growth_basis=GrowthBasis.YOY,
)
REPORTS = (report((GDP, INCOME, UNEMPLOYMENT)),)


def test_table_has_a_header_a_rule_and_one_line_per_indicator() -> None:
    lines = render_indicators(REPORTS, "table").splitlines()
    assert lines[0].split() == [
        "document",
        "indicator",
        "period",
        "kind",
        "value",
        "unit",
        "growth",
        "basis",
        "qualifier",
    ]
    assert set(lines[1].replace(" ", "")) == {"─"}
    assert len(lines) == 2 + 3
    assert lines[2].split() == [
        "伊宁市",
        "政府工作报告",
        "2026",
        "地区生产总值",
        "2025",
        "actual",
        "439.77",
        "亿元",
        "+3.4%",
        "yoy",
        "左右",
    ]


def test_table_columns_line_up_in_display_cells_despite_wide_characters() -> None:
    lines = render_indicators(REPORTS, "table").splitlines()
    rows = zip([lines[0], *lines[2:]], ["kind", "actual", "target", "actual"], strict=True)
    kind_at = [cell_len(line[: line.index(word)]) for line, word in rows]
    assert len(set(kind_at)) == 1


def test_table_shows_ranges_and_percentage_points_as_written() -> None:
    table = render_indicators(REPORTS, "table")
    assert "5%–5.5%" in table
    assert "−0.3个百分点" in table


def test_a_long_document_label_ends_in_an_ellipsis() -> None:
    long = Report(
        "seeds/伊犁哈萨克自治州察布查尔锡伯自治县二〇二五年政府工作报告全文.txt",
        "",
        Metadata(),
        (),
        indicators=(GDP,),
    )
    first_row = render_indicators((long,), "table").splitlines()[2]
    assert "…" in first_row
    assert cut("伊犁哈萨克自治州", 9) == "伊犁哈萨…"
    assert cell_len(cut("伊犁哈萨克自治州", 9)) <= 9
    assert cut("伊宁市", 9) == "伊宁市"


def test_csv_has_every_field_and_reads_back() -> None:
    rows = list(csv.DictReader(io.StringIO(render_indicators(REPORTS, "csv"))))
    assert tuple(rows[0]) == FIELDS
    assert rows[0]["name"] == "地区生产总值" and rows[0]["raw_name"] == "生产总值"
    assert (rows[0]["value"], rows[0]["growth"], rows[0]["growth_high"]) == ("439.77", "3.4", "")
    assert rows[0]["sentence"] == SENTENCE
    assert (rows[1]["growth"], rows[1]["growth_high"], rows[1]["qualifier"]) == ("5", "5.5", "区间")


def test_json_is_a_list_of_rows_with_numbers_and_nulls() -> None:
    rows = json.loads(render_indicators(REPORTS, "json"))
    assert [tuple(row) for row in rows] == [FIELDS] * 3
    assert rows[0]["value"] == 439.77 and rows[0]["growth_high"] is None
    assert rows[1]["kind"] == "target" and rows[1]["value"] is None
    assert rows[0]["start"] == 6 and rows[0]["section"] == "一、2025年工作回顾"


def test_no_reports_gives_just_the_headers() -> None:
    assert render_indicators((), "table").count("\n") == 2
    assert render_indicators((), "csv") == ",".join(FIELDS) + "\n"
    assert json.loads(render_indicators((), "json")) == []


def test_an_unknown_format_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="xml"):
        render_indicators(REPORTS, "xml")


def test_cli_prints_the_seed_indicators_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    from baogao.seeds import seed_paths

    path = next(p for p in seed_paths() if p.name.startswith("004"))
    assert main(["indicators", "--format", "json", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    targets = {(r["name"], r["growth"], r["qualifier"]) for r in rows if r["kind"] == "target"}
    assert ("地区生产总值", 7.5, "左右") in targets
    assert {r["region"] for r in rows} == {"乌鲁木齐市"}
