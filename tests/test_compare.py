"""`baogao compare`: targets against outcomes by region and year, on real reports and built ones.

The real reports are copies of shared/corpus (tests/corpus/, same names) and the expected
values are its truth file, read by hand.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baogao.cli import main
from baogao.compare import (
    FIELDS,
    CompareRow,
    Region,
    compare_rows,
    render_compare,
)
from baogao.parsers import load
from baogao.parsers.model import (
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Qualifier,
    Report,
)

CORPUS = Path(__file__).parent / "corpus"
TRUTH: dict[str, Any] = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
QUALIFIERS = {
    "": None,
    "左右": Qualifier.ABOUT,
    "以上": Qualifier.AT_LEAST,
    "区间": Qualifier.RANGE,
}


@cache
def rows_of(folder: str) -> tuple[CompareRow, ...]:
    corpus = load([CORPUS / folder])
    assert not corpus.errors
    return compare_rows(corpus.reports)


def row_at(rows: tuple[CompareRow, ...], region: str, year: int) -> CompareRow | None:
    found = [row for row in rows if row.region.name == region and row.year == year]
    assert len(found) <= 1, f"{region} {year} has {len(found)} rows"
    return found[0] if found else None


def truth_rows(key: str, folder: str) -> list[dict[str, Any]]:
    present = {path.name for path in (CORPUS / folder).iterdir()}
    rows: list[dict[str, Any]] = TRUTH[key]["rows"]
    return [row for row in rows if row["file"].split("/")[-1] in present]


def expected_gap(low: float, high: float | None, actual: float) -> float:
    if actual < low:
        return actual - low
    if actual > (high if high is not None else low):
        return actual - (high if high is not None else low)
    return 0.0


# ---------------------------------------------------------------- 海拉尔区, 2013-2018


def test_hailaer_reports_form_one_region_keyed_by_its_code() -> None:
    regions = {(row.region.name, row.region.code, row.region.level) for row in rows_of("hailaer")}
    assert regions == {("海拉尔区", "150702", "county")}


@pytest.mark.parametrize(
    "truth", truth_rows("C_hailaer_gdp", "hailaer"), ids=lambda t: str(t["year"])
)
def test_hailaer_target_of_each_year_is_the_truth(truth: dict[str, Any]) -> None:
    row = row_at(rows_of("hailaer"), "海拉尔区", truth["year"])
    assert row is not None
    assert (row.target, row.target_high, row.qualifier) == (
        truth["low"],
        truth["high"],
        QUALIFIERS[truth["qualifier"]],
    )
    assert row.target_source is not None
    assert row.target_source.path.endswith(truth["file"])


@pytest.mark.parametrize(
    "truth", truth_rows("C_hailaer_gdp", "hailaer"), ids=lambda t: str(t["year"] - 1)
)
def test_hailaer_outcome_of_the_year_before_each_report_is_the_truth(
    truth: dict[str, Any],
) -> None:
    row = row_at(rows_of("hailaer"), "海拉尔区", truth["year"] - 1)
    if truth["prev_actual"] is None:  # the 2018 report states no 2017 growth
        assert row is None or row.actual is None
        return
    assert row is not None and row.actual == truth["prev_actual"]
    assert row.actual_source is not None and row.actual_source.path.endswith(truth["file"])


def test_hailaer_met_and_gap_only_where_both_sides_are_known() -> None:
    truths = {t["year"]: t for t in TRUTH["C_hailaer_gdp"]["rows"]}
    actuals = {t["year"] - 1: t["prev_actual"] for t in truths.values()}
    for row in rows_of("hailaer"):
        target, actual = truths.get(row.year), actuals.get(row.year)
        if target is not None and actual is not None:
            assert row.gap == pytest.approx(expected_gap(target["low"], target["high"], actual))
            assert row.met is (row.gap is not None and row.gap >= 0)
        else:  # no year of these four reports has both: each outcome is in a report not here
            assert row.gap is None and row.met is None


# ---------------------------------------------------------------- 国务院, the national rows


def national_targets() -> list[Any]:
    params = []
    for truth in truth_rows("B_state_council_gdp", "state-council"):
        if truth["low"] is None:
            continue
        params.append(pytest.param(truth, id=str(truth["year"])))
    return params


def national_outcomes() -> list[Any]:
    params = []
    for truth in truth_rows("B_state_council_gdp", "state-council"):
        if truth["prev_actual"] is None:
            continue
        params.append(pytest.param(truth, id=str(truth["year"] - 1)))
    return params


def test_state_council_reports_are_one_national_region() -> None:
    regions = {(row.region.name, row.region.level) for row in rows_of("state-council")}
    assert regions == {("全国", "nation")}


@pytest.mark.parametrize("truth", national_targets())
def test_national_target_of_each_year_is_the_truth(truth: dict[str, Any]) -> None:
    row = row_at(rows_of("state-council"), "全国", truth["year"])
    assert row is not None
    assert (row.target, row.target_high, row.qualifier) == (
        truth["low"],
        truth["high"],
        QUALIFIERS[truth["qualifier"]],
    )


@pytest.mark.parametrize("truth", national_outcomes())
def test_national_outcome_is_read_from_the_next_years_review(truth: dict[str, Any]) -> None:
    row = row_at(rows_of("state-council"), "全国", truth["year"] - 1)
    assert row is not None and row.actual == truth["prev_actual"]
    assert row.actual_source is not None and row.actual_source.path.endswith(truth["file"])


def test_national_rows_have_met_and_gap_exactly_where_target_and_outcome_meet() -> None:
    # The corpus holds the reports of odd years only: no year has its target (report Y)
    # and its outcome (report Y+1) both, so no national row may claim a verdict.
    for row in rows_of("state-council"):
        assert (row.met is None) == (row.target is None or row.actual is None)


# ---------------------------------------------------------------- 14 provinces, 2026


def province_targets() -> list[Any]:
    params = []
    for truth in TRUTH["A_prov2026_gdp_target"]["rows"]:
        params.append(pytest.param(truth, id=truth["region"]))
    return params


@pytest.mark.parametrize("truth", province_targets())
def test_each_province_has_one_2026_row_with_the_truth_target(truth: dict[str, Any]) -> None:
    row = row_at(rows_of("prov2026"), truth["region"], 2026)
    assert row is not None
    assert row.region.level == "province"
    assert (row.target, row.target_high, row.qualifier) == (
        truth["low"],
        truth["high"],
        QUALIFIERS[truth["qualifier"]],
    )


def test_the_14_provinces_of_2026_give_14_rows_and_14_targets() -> None:
    rows = [row for row in rows_of("prov2026") if row.year == 2026]
    assert len(rows) == 14
    assert {row.region.name for row in rows} == {
        t["region"] for t in TRUTH["A_prov2026_gdp_target"]["rows"]
    }
    assert all(row.target is not None for row in rows)


def test_provinces_are_grouped_by_level_and_keep_their_codes() -> None:
    rows = rows_of("prov2026")
    known = [row for row in rows if row.region.code is not None]
    assert {row.region.level for row in known} == {"province"}
    assert row_at(rows, "安徽省", 2026) is not None
    assert next(r for r in rows if r.region.name == "安徽省").region.code == "340000"


# ---------------------------------------------------------------- built reports: gap and met


def figure(year: int, kind: IndicatorKind, growth: float, **fields: Any) -> Indicator:
    return Indicator(
        name=fields.pop("name", "地区生产总值"),
        raw_name="地区生产总值",
        period=str(year),
        kind=kind,
        growth=growth,
        growth_basis=GrowthBasis.YOY,
        sentence=fields.pop("sentence", f"{year}年地区生产总值增长{growth}%"),
        **fields,
    )


def built(path: str, region: str, year: int, *figures: Indicator) -> Report:
    meta = Metadata(title="政府工作报告", region=region, doc_type="政府工作报告", plan_year=year)
    return Report(path, "正文", meta, (), indicators=figures)


def target(year: int, low: float, **fields: Any) -> Indicator:
    return figure(year, IndicatorKind.TARGET, low, **fields)


def actual(year: int, growth: float, **fields: Any) -> Indicator:
    return figure(year, IndicatorKind.ACTUAL, growth, **fields)


def one_row(reports: list[Report], year: int = 2025) -> CompareRow:
    rows = [row for row in compare_rows(reports) if row.year == year]
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize(
    ("outcome", "gap", "met"),
    [(5.2, 0.0, True), (5.0, 0.0, True), (5.5, 0.0, True), (4.6, -0.4, False), (6.1, 0.6, True)],
)
def test_gap_is_zero_inside_a_range_else_the_distance_to_the_nearer_end(
    outcome: float, gap: float, met: bool
) -> None:
    reports = [
        built(
            "a/2025.txt",
            "安徽省",
            2025,
            target(2025, 5, growth_high=5.5, qualifier=Qualifier.RANGE),
        ),
        built("a/2026.txt", "安徽省", 2026, actual(2025, outcome)),
    ]
    row = one_row(reports)
    assert (row.target, row.target_high) == (5, 5.5)
    assert row.gap == pytest.approx(gap)
    assert row.met is met


@pytest.mark.parametrize(("outcome", "met"), [(5.0, True), (5.3, True), (4.9, False)])
def test_an_at_least_target_is_met_from_its_figure_up(outcome: float, met: bool) -> None:
    reports = [
        built("c/2025.txt", "重庆市", 2025, target(2025, 5, qualifier=Qualifier.AT_LEAST)),
        built("c/2026.txt", "重庆市", 2026, actual(2025, outcome)),
    ]
    row = one_row(reports)
    assert row.qualifier == Qualifier.AT_LEAST
    assert row.met is met
    assert row.gap == pytest.approx(outcome - 5)


def test_gap_is_in_percentage_points_without_float_noise() -> None:
    reports = [
        built("n/2012.txt", "全国", 2012, target(2012, 7.5, qualifier=Qualifier.ABOUT)),
        built("n/2013.txt", "全国", 2013, actual(2012, 7.8)),
    ]
    assert one_row(reports, 2012).gap == 0.3


def test_a_within_target_is_a_ceiling() -> None:
    cpi = {"name": "居民消费价格涨幅"}
    reports = [
        built("h/2025.txt", "河北省", 2025, target(2025, 3, qualifier=Qualifier.WITHIN, **cpi)),
        built("h/2026.txt", "河北省", 2026, actual(2025, 2.1, **cpi)),
    ]
    row = compare_rows(reports, "居民消费价格涨幅")[0]
    assert (row.gap, row.met) == (pytest.approx(-0.9), True)


@pytest.mark.parametrize("side", ["target", "actual"])
def test_a_missing_side_leaves_gap_and_met_null(side: str) -> None:
    figures = [target(2025, 5)] if side == "target" else []
    reports = [built("q/2025.txt", "青海省", 2025, *figures)]
    if side == "actual":
        reports.append(built("q/2026.txt", "青海省", 2026, actual(2025, 4.1)))
    row = one_row(reports)
    assert (row.gap, row.met) == (None, None)
    assert (row.target is None) == (side == "actual")


def test_the_earliest_review_gives_the_outcome_and_later_ones_are_listed() -> None:
    reports = [
        built("s/2027.txt", "山东省", 2027, actual(2025, 5.6, sentence="修订后增长5.6%")),
        built("s/2025.txt", "山东省", 2025, target(2025, 5, qualifier=Qualifier.AT_LEAST)),
        built("s/2026.txt", "山东省", 2026, actual(2025, 5.5, sentence="增长5.5%")),
    ]
    row = one_row(reports)
    assert row.actual == 5.5
    assert row.actual_source is not None and row.actual_source.path == "s/2026.txt"
    assert [source.sentence for source in row.also] == ["修订后增长5.6%"]
    cells = dict(zip(FIELDS, row.as_cells(), strict=True))
    assert "增长5.5%" in cells["actual_source"] and "also" in cells["actual_source"]
    assert "修订后增长5.6%" in cells["actual_source"]


def test_a_target_is_read_only_from_the_report_that_plans_for_its_year() -> None:
    reports = [built("x/2025.txt", "江西省", 2025, target(2025, 5), target(2026, 9))]
    assert [row.year for row in compare_rows(reports)] == [2025]


def test_a_repeated_copy_of_a_report_gives_one_outcome() -> None:
    reports = [built("r/2026.txt", "江西省", 2026, actual(2025, 5.0), actual(2025, 5.0))]
    row = one_row(reports)
    assert row.also == ()


def test_a_district_named_with_and_without_its_city_is_one_region() -> None:
    reports = [
        built("h/2017.txt", "呼伦贝尔市海拉尔区", 2017, target(2017, 7.5)),
        built("h/2018.txt", "海拉尔区", 2018, actual(2017, 7.0)),
    ]
    row = one_row(reports, 2017)
    assert (row.region.name, row.region.code) == ("海拉尔区", "150702")
    assert (row.gap, row.met) == (pytest.approx(-0.5), False)


def test_national_gdp_is_read_under_its_own_name_too() -> None:
    reports = [
        built("n/2017.txt", "全国", 2017, target(2017, 6.5, name="国内生产总值")),
        built("n/2018.txt", "全国", 2018, actual(2017, 6.9, name="国内生产总值")),
    ]
    row = one_row(reports, 2017)
    assert (row.indicator, row.met, row.gap) == ("地区生产总值", True, pytest.approx(0.4))


def test_a_region_the_gazetteer_does_not_know_keeps_its_name_without_a_code() -> None:
    reports = [built("u/2025.txt", "某某新区", 2025, target(2025, 6))]
    row = one_row(reports)
    assert (row.region.name, row.region.code, row.region.level) == ("某某新区", None, None)


growth = st.floats(min_value=-20, max_value=30, allow_nan=False).map(lambda x: round(x, 1))


@given(low=growth, width=st.sampled_from([None, 0.5, 1.0]), outcome=growth)
def test_gap_is_zero_exactly_inside_the_target_and_met_agrees_with_its_sign(
    low: float, width: float | None, outcome: float
) -> None:
    high = None if width is None else round(low + width, 1)
    row = CompareRow(
        region=Region("江西省"),
        year=2025,
        indicator="地区生产总值",
        target=low,
        target_high=high,
        actual=outcome,
    )
    assert row.gap is not None
    inside = low <= outcome <= (high if high is not None else low)
    assert (row.gap == 0) == inside
    assert row.met is (row.gap >= 0)
    assert abs(row.gap) <= abs(outcome - low) + 1e-9


# ---------------------------------------------------------------- output and the command


def test_json_is_an_object_of_rows_with_every_key() -> None:
    document = json.loads(render_compare(rows_of("hailaer"), "json"))
    assert list(document) == ["rows"]
    assert all(list(row) == list(FIELDS) for row in document["rows"])
    first = document["rows"][1]
    assert (first["year"], first["target"], first["met"]) == (2013, 20, None)
    assert "地区生产总值增长20%" in first["target_source"]["sentence"]


def test_csv_has_the_same_keys_as_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(render_compare(rows_of("hailaer"), "csv"))))
    assert list(rows[0]) == list(FIELDS)
    assert [(r["year"], r["target"], r["actual"]) for r in rows[:2]] == [
        ("2012", "", "18.5"),
        ("2013", "20", ""),
    ]


def test_compare_command_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(CORPUS / "hailaer")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:6] == ["region", "year", "target", "actual", "gap", "met"]
    assert any(line.startswith("海拉尔区") and "6左右" in line for line in lines)


def test_compare_command_takes_an_indicator_and_a_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(CORPUS / "hailaer")
    assert main(["compare", path, "--indicator", "没有这个指标", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"rows": []}
