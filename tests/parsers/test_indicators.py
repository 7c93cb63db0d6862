"""Indicators: the gold rows, exact headline paragraphs, and the genre's grammar."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers import Report
from baogao.parsers.indicator_names import ALIASES, UNITS, canonical, members
from baogao.parsers.indicators import extract_indicators
from baogao.parsers.model import Indicator, IndicatorKind, Metadata, Section, SectionKind

WORK_REPORT = Metadata(region="某市", review_year=2025, plan_year=2026)
FIVE_YEAR_PLAN = Metadata(region="某市", plan_period="2011-2015")

Row = tuple[str, str, str, float | None, str | None, float | None, str | None, str | None]


def extract(
    text: str, kind: SectionKind = SectionKind.REVIEW, meta: Metadata = WORK_REPORT
) -> tuple[Indicator, ...]:
    """Indicators of `text` read as one section of the given kind."""
    return extract_indicators(text, (Section("一、测试", kind, 0, 0, 0, len(text)),), meta)


def only(
    text: str, kind: SectionKind = SectionKind.REVIEW, meta: Metadata = WORK_REPORT
) -> Indicator:
    found = extract(text, kind, meta)
    assert len(found) == 1, found
    return found[0]


def row(indicator: Indicator) -> Row:
    return (
        indicator.name,
        indicator.period,
        indicator.kind.value,
        indicator.value,
        indicator.unit,
        indicator.growth,
        indicator.growth_basis,
        indicator.qualifier,
    )


def gold_row(entry: dict[str, Any]) -> Row:
    def number(key: str) -> float | None:
        return float(entry[key]) if key in entry else None

    return (
        entry["name"],
        entry["period"],
        entry["kind"],
        number("value"),
        entry.get("unit"),
        number("growth"),
        entry.get("growth_basis"),
        entry.get("qualifier"),
    )


# ---------------------------------------------------------------- gold


def test_every_gold_indicator_is_found_with_the_same_fields(
    gold: dict[str, Any], seed_reports: dict[str, Report]
) -> None:
    missing = []
    for doc in gold["doc"]:
        found = {row(indicator) for indicator in seed_reports[doc["file"]].indicators}
        missing += [
            (doc["file"], gold_row(e)) for e in doc["indicator"] if gold_row(e) not in found
        ]
    assert missing == []


# Paragraphs a careful reader checks first, found by their opening words; within
# them exactly these figures, no more (002's 改革开放显著提高 repeats 外贸进出口总额).
# fmt: off
HEADLINES: dict[str, tuple[tuple[str, ...], set[Row]]] = {
    "000_9cdd8c7042c58540.txt": (
        ("预计全年实现地区生产总值", "主要预期目标："),
        {
            ("地区生产总值", "2025", "actual", 439.77, "亿元", 3.4, "yoy", "左右"),
            ("规模以上工业增加值", "2025", "actual", 72.03, "亿元", 6.0, "yoy", None),
            ("固定资产投资", "2025", "actual", 192.0, "亿元", 1.4, "yoy", None),
            ("社会消费品零售总额", "2025", "actual", 131.45, "亿元", 9.0, "yoy", None),
            ("一般公共预算收入", "2025", "actual", 32.77, "亿元", 13.9, "yoy", None),
            ("外贸进出口总额", "2025", "actual", 116.0, "亿元", 15.9, "yoy", None),
            ("招商引资到位资金", "2025", "actual", 416.0, "亿元", 8.0, "yoy", None),
            ("城镇居民人均可支配收入", "2025", "actual", 44072.0, "元", 5.0, "yoy", None),
            ("农村居民人均可支配收入", "2025", "actual", 25274.0, "元", 9.0, "yoy", None),
            ("地区生产总值", "2026", "target", None, None, 6.5, "yoy", "左右"),
            ("规模以上工业增加值", "2026", "target", None, None, 10.0, "yoy", None),
            ("固定资产投资", "2026", "target", None, None, 8.0, "yoy", None),
            ("社会消费品零售总额", "2026", "target", None, None, 6.5, "yoy", None),
            ("一般公共预算收入", "2026", "target", None, None, 11.0, "yoy", None),
            ("外贸进出口总额", "2026", "target", None, None, 15.0, "yoy", None),
            ("城镇居民人均可支配收入", "2026", "target", None, None, 6.2, "yoy", None),
            ("农村居民人均可支配收入", "2026", "target", None, None, 7.5, "yoy", None),
        },
    ),
    "001_ef57adda5fbd631f.txt": (
        ("预计，全年实现地区生产总值", "预计，“十四五”时期地区生产总值", "主要预期目标是："),
        {
            ("地区生产总值", "2025", "actual", 151.8, "亿元", 6.0, "yoy", None),
            ("规模以上工业增加值", "2025", "actual", 22.99, "亿元", 38.2, "yoy", None),
            ("一般公共预算收入", "2025", "actual", 10.31, "亿元", 9.25, "yoy", None),
            ("固定资产投资", "2025", "actual", 84.05, "亿元", 0.51, "yoy", None),
            ("招商引资到位资金", "2025", "actual", 156.14, "亿元", 9.96, "yoy", None),
            ("社会消费品零售总额", "2025", "actual", 40.88, "亿元", None, None, None),
            ("外贸进出口总额", "2025", "actual", 2.54, "亿元", None, None, None),
            ("城镇居民人均可支配收入", "2025", "actual", 40572.0, "元", 6.0, "yoy", None),
            ("农村居民人均可支配收入", "2025", "actual", 23356.0, "元", 7.0, "yoy", None),
            ("地区生产总值", "2021-2025", "actual", None, None, 5.4, "annual_avg", None),
            ("规模以上工业增加值", "2021-2025", "actual", None, None, 5.9, "annual_avg", None),
            ("一般公共预算收入", "2021-2025", "actual", None, None, 11.7, "annual_avg", None),
            ("固定资产投资", "2021-2025", "actual", None, None, 23.0, "annual_avg", None),
            ("社会消费品零售总额", "2021-2025", "actual", None, None, 3.9, "annual_avg", None),
            ("外贸进出口总额", "2021-2025", "actual", None, None, 36.5, "annual_avg", None),
            ("城镇居民人均可支配收入", "2021-2025", "actual", None, None, 5.4, "annual_avg", None),
            ("农村居民人均可支配收入", "2021-2025", "actual", None, None, 8.9, "annual_avg", None),
            ("接待游客", "2021-2025", "actual", None, None, 14.0, "annual_avg", None),
            ("游客花费", "2021-2025", "actual", None, None, 16.0, "annual_avg", None),
            ("地区生产总值", "2026", "target", None, None, 6.0, "yoy", "左右"),
            ("规模以上工业增加值", "2026", "target", None, None, 12.0, "yoy", None),
            ("一般公共预算收入", "2026", "target", None, None, 8.0, "yoy", None),
            ("固定资产投资", "2026", "target", None, None, 6.0, "yoy", None),
            ("招商引资到位资金", "2026", "target", None, None, 8.0, "yoy", None),
            ("社会消费品零售总额", "2026", "target", None, None, 6.0, "yoy", None),
            ("外贸进出口总额", "2026", "target", None, None, 55.0, "yoy", None),
            ("城镇居民人均可支配收入", "2026", "target", None, None, 6.0, "yoy", None),
            ("农村居民人均可支配收入", "2026", "target", None, None, 7.0, "yoy", None),
            ("接待游客", "2026", "target", None, None, 11.0, "yoy", None),
            ("游客花费", "2026", "target", None, None, 16.0, "yoy", None),
        },
    ),
    "002_27bfb2a93ca679f4.txt": (
        (
            "经济实力快速提升。",
            "综合实力明显提升。",
            "社会环境更趋优化。",
            "人居环境更加和谐。",
            "改革开放显著提高。",
            "城乡居民收入稳步提高。",
            "展望未来",
        ),
        {
            ("地区生产总值", "2006-2010", "actual", 94.0, "亿元", 14.76, "annual_avg", None),
            ("一般公共预算收入", "2006-2010", "actual", 9.5, "亿元", 28.79, "annual_avg", None),
            ("固定资产投资", "2006-2010", "actual", 56.6, "亿元", 26.4, "annual_avg", None),
            ("地区生产总值", "2011-2015", "target", 270.0, "亿元", 21.9, "annual_avg", None),
            ("人均地区生产总值", "2011-2015", "target", 4.5, "万元", 17.1, "annual_avg", None),
            ("第一产业增加值", "2011-2015", "target", 6.0, "亿元", 4.4, "annual_avg", None),
            ("第二产业增加值", "2011-2015", "target", 126.0, "亿元", 33.2, "annual_avg", None),
            ("工业增加值", "2011-2015", "target", 98.0, "亿元", 37.5, "annual_avg", None),
            ("第三产业增加值", "2011-2015", "target", 138.0, "亿元", 15.0, "annual_avg", None),
            ("外贸进出口总额", "2011-2015", "target", 7.5, "亿美元", 20.1, "annual_avg", None),
            ("社会消费品零售总额", "2011-2015", "target", 87.0, "亿元", 18.8, "annual_avg", None),
            ("一般公共预算收入", "2011-2015", "target", 23.5, "亿元", 20.0, "annual_avg", None),
            ("固定资产投资", "2011-2015", "target", 210.0, "亿元", 30.0, "annual_avg", None),
            ("城镇登记失业率", "2011-2015", "target", 3.8, "%", None, None, "以内"),
            ("城市绿化覆盖率", "2011-2015", "target", 39.2, "%", None, None, None),
            ("人口自然增长率", "2011-2015", "target", 10.0, "‰", None, None, "以内"),
            ("城镇居民人均可支配收入", "2011-2015", "target", 3.3, "万元", 21.4, "annual_avg", None),
            ("农村居民人均纯收入", "2011-2015", "target", 1.2, "万元", 9.4, "annual_avg", None),
            # 展望未来 10 年…到 2020 年: the vision runs from the plan's start to 2020
            ("地区生产总值", "2011-2020", "target", 565.0, "亿元", 15.0, "annual_avg", None),
            ("人均地区生产总值", "2011-2020", "target", 6.3, "万元", 6.9, "annual_avg", None),
            ("工业增加值", "2011-2020", "target", 198.0, "亿元", 15.1, "annual_avg", None),
            ("一般公共预算收入", "2011-2020", "target", 46.0, "亿元", 14.0, "annual_avg", None),
            ("固定资产投资", "2011-2020", "target", 330.0, "亿元", 9.0, "annual_avg", None),
        },
    ),
    "003_bd5523f91e16bcf1.txt": (
        ("预计全年地区生产总值增长6%", "主要预期目标："),
        {
            ("地区生产总值", "2024", "actual", None, None, 6.0, "yoy", None),
            ("规模以上工业增加值", "2024", "actual", None, None, 24.0, "yoy", None),
            ("一般公共预算收入", "2024", "actual", None, None, 16.68, "yoy", None),
            ("固定资产投资", "2024", "actual", None, None, 11.1, "yoy", None),
            ("社会消费品零售总额", "2024", "actual", None, None, 10.0, "yoy", None),
            ("城镇居民人均可支配收入", "2024", "actual", None, None, 6.1, "yoy", None),
            ("农村居民人均可支配收入", "2024", "actual", None, None, 9.2, "yoy", None),
            ("接待游客", "2024", "actual", 760.16, "万人次", 16.64, "yoy", None),
            ("游客花费", "2024", "actual", 30.38, "亿元", 19.66, "yoy", None),
            ("地区生产总值", "2025", "target", None, None, 7.0, "yoy", None),
            ("规模以上工业增加值", "2025", "target", None, None, 37.5, "yoy", None),
            ("一般公共预算收入", "2025", "target", None, None, 10.0, "yoy", None),
            ("固定资产投资", "2025", "target", None, None, 12.0, "yoy", None),
            ("社会消费品零售总额", "2025", "target", None, None, 11.0, "yoy", None),
            ("城镇居民人均可支配收入", "2025", "target", None, None, 6.5, "yoy", None),
            ("农村居民人均可支配收入", "2025", "target", None, None, 8.5, "yoy", None),
        },
    ),
    "004_c029eef56a02c8f7.txt": (
        ("2023年地区生产总值增长6.0%", "主要预期目标是："),
        {
            ("地区生产总值", "2023", "actual", 4168.5, "亿元", 6.0, "yoy", None),
            ("固定资产投资", "2023", "actual", None, None, 12.6, "yoy", None),
            ("社会消费品零售总额", "2023", "actual", None, None, 19.2, "yoy", None),
            ("外贸进出口总额", "2023", "actual", None, None, 36.5, "yoy", None),
            ("一般公共预算收入", "2023", "actual", None, None, 17.5, "yoy", None),
            ("城镇居民人均可支配收入", "2023", "actual", None, None, 6.0, "yoy", None),
            ("农村居民人均可支配收入", "2023", "actual", None, None, 8.3, "yoy", None),
            ("地区生产总值", "2024", "target", None, None, 7.5, "yoy", "左右"),
            ("规模以上工业增加值", "2024", "target", None, None, 8.0, "yoy", "左右"),
            ("固定资产投资", "2024", "target", None, None, 12.0, "yoy", "左右"),
            ("社会消费品零售总额", "2024", "target", None, None, 10.0, "yoy", "左右"),
            ("外贸进出口总额", "2024", "target", None, None, 38.0, "yoy", "左右"),
            ("一般公共预算收入", "2024", "target", None, None, 12.0, "yoy", "左右"),
            ("城镇新增就业", "2024", "target", 10.3, "万人", None, None, None),
            ("城镇调查失业率", "2024", "target", 5.5, "%", None, None, "以内"),
            ("城镇居民人均可支配收入", "2024", "target", None, None, 7.5, "yoy", "左右"),
            ("农村居民人均可支配收入", "2024", "target", None, None, 8.5, "yoy", "左右"),
            ("居民消费价格涨幅", "2024", "target", 3.0, "%", None, None, "以内"),
        },
    ),
}
# fmt: on


def paragraph_span(text: str, opening: str) -> tuple[int, int]:
    at = text.find(opening)
    assert at >= 0 and text.find(opening, at + 1) < 0, f"{opening} must occur once"
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


@pytest.mark.parametrize("file", sorted(HEADLINES))
def test_headline_paragraphs_yield_exactly_the_expected_indicators(
    file: str, seed_reports: dict[str, Report]
) -> None:
    report = seed_reports[file]
    openings, expected = HEADLINES[file]
    spans = [paragraph_span(report.text, opening) for opening in openings]
    found = [row(i) for i in report.indicators if any(s <= i.start < e for s, e in spans)]
    assert len(found) == len(set(found))
    assert set(found) == expected


# ---------------------------------------------------------------- never a year, ordinal or code


def test_every_seed_value_is_a_number_followed_by_its_unit(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        for indicator in report.indicators:
            figure = report.text[indicator.start : indicator.end]
            assert figure in indicator.sentence and figure[:2] in indicator.raw_name
            if indicator.value is None:
                continue
            assert indicator.unit is not None and indicator.unit.split("/")[0] in UNITS
            number = f"{indicator.value:f}".rstrip("0").rstrip(".")
            pattern = (
                rf"(?<![A-Za-z0-9.]){re.escape(number)}(?:\.0+)?\s*{re.escape(indicator.unit)}"
            )
            assert re.search(pattern, figure.replace(",", "")), (indicator, figure)


def test_no_seed_indicator_takes_a_year_as_its_value(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        for indicator in report.indicators:
            figure = report.text[indicator.start : indicator.end]
            for year in re.finditer(r"(?:19|20)\d{2}\s*年", figure):
                assert float(year[0][:4]) != indicator.value


@pytest.mark.parametrize(
    "text",
    [
        "国道G219线地区生产总值配套工程100公里。",
        "地区生产总值新增5G基站300个。",
        "PM2.5浓度下降10%，空气质量优良天数比例达到95%。",
        "旅游收入创建5A级景区2个。",
        "落实“6+2”和“14561”举措，地区生产总值稳步提升。",
        "开通12345热线，固定资产投资项目全部落地。",
        "第十八届人民代表大会，地区生产总值2025年。",
        "2025年是“十四五”规划收官之年，地区生产总值2025。",
    ],
)
def test_years_ordinals_codes_and_slogans_are_never_indicators(text: str) -> None:
    assert extract(text) == ()


# ---------------------------------------------------------------- grammar


def test_value_then_growth_with_qualifier() -> None:
    found = only("预计全年实现地区生产总值 439.77 亿元、同比增长 3.4%左右。")
    assert row(found) == ("地区生产总值", "2025", "actual", 439.77, "亿元", 3.4, "yoy", "左右")


def test_growth_then_value() -> None:
    found = only(
        "2023年地区生产总值增长6.0%、总量达4168.5亿元，首破4000亿元大关。",
        meta=Metadata(review_year=2023),
    )
    assert row(found) == ("地区生产总值", "2023", "actual", 4168.5, "亿元", 6.0, "yoy", None)


def test_annual_growth_then_value_in_a_plan_goal() -> None:
    found = only(
        "到 2015 年全市生产总值年均增长 21.9%，达到 270 亿元。", SectionKind.GOALS, FIVE_YEAR_PLAN
    )
    assert row(found) == (
        "地区生产总值",
        "2011-2015",
        "target",
        270.0,
        "亿元",
        21.9,
        "annual_avg",
        None,
    )


def test_value_only_and_growth_only() -> None:
    found = extract("社会消费品零售总额 40.88 亿元，实现正增长；固定资产投资增长11.1%。")
    assert [(i.value, i.growth) for i in found] == [(40.88, None), (None, 11.1)]


def test_fenbie_pairs_shared_suffix_names_with_values_and_growths() -> None:
    found = extract("城镇和农村居民人均可支配收入分别达到 44072 元、25274 元，同比增长 5%、9%。")
    assert [(i.name, i.value, i.growth) for i in found] == [
        ("城镇居民人均可支配收入", 44072.0, 5.0),
        ("农村居民人均可支配收入", 25274.0, 9.0),
    ]


def test_shared_suffix_group_raw_name_starts_at_the_short_word() -> None:
    found = extract("预计全年实现城镇和农村居民人均可支配收入分别增长5%、9%。")
    assert [(i.name, i.raw_name) for i in found] == [
        ("城镇居民人均可支配收入", "城镇和农村居民人均可支配收入"),
        ("农村居民人均可支配收入", "城镇和农村居民人均可支配收入"),
    ]


def test_fenbie_after_values_pairs_growths_back_onto_the_names_just_read() -> None:
    found = extract("全年接待游客 2764 万人次，游客花费 197 亿元，同比分别增长 16.4%、19.5%。")
    assert [row(i) for i in found] == [
        ("接待游客", "2025", "actual", 2764.0, "万人次", 16.4, "yoy", None),
        ("游客花费", "2025", "actual", 197.0, "亿元", 19.5, "yoy", None),
    ]


def test_shared_prefix_is_copied_onto_the_short_member() -> None:
    found = extract("接待游客人数、花费分别增长 11%、16%。", SectionKind.WORK)
    assert [(i.name, i.growth, i.raw_name) for i in found] == [
        ("接待游客", 11.0, "接待游客人数、花费"),
        ("游客花费", 16.0, "接待游客人数、花费"),
    ]


def test_collective_name_splits_into_urban_and_rural() -> None:
    found = extract("城乡居民人均可支配收入分别增长6.0%、8.3%。")
    assert [(i.name, i.growth) for i in found] == [
        ("城镇居民人均可支配收入", 6.0),
        ("农村居民人均可支配收入", 8.3),
    ]


def test_three_industries_listed_with_shared_suffix() -> None:
    found = extract("第一、二、三产业增加值分别增长3%、8%、6%。")
    assert [(i.name, i.growth) for i in found] == [
        ("第一产业增加值", 3.0),
        ("第二产业增加值", 8.0),
        ("第三产业增加值", 6.0),
    ]


def test_adjacent_full_names_share_a_fenbie_list() -> None:
    found = extract("城镇居民人均可支配收入、农村居民人均可支配收入分别达到4万元、2万元。")
    assert [(i.name, i.value, i.unit) for i in found] == [
        ("城镇居民人均可支配收入", 4.0, "万元"),
        ("农村居民人均可支配收入", 2.0, "万元"),
    ]


def test_one_growth_for_two_names_is_dropped_unless_said_to_be_shared() -> None:
    assert extract("规模以上工业增加值、固定资产投资增长8%。") == ()
    shared = extract("城乡居民人均可支配收入均增长6%。")
    assert [i.growth for i in shared] == [6.0, 6.0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("地区生产总值增长5%-5.5%。", 5.0, 5.5),
        ("地区生产总值增长6.5%－7%。", 6.5, 7.0),
        ("地区生产总值增长5%—5.5%。", 5.0, 5.5),
        ("地区生产总值增长5-6%。", 5.0, 6.0),
    ],
)
def test_range_targets_keep_both_ends(text: str, low: float, high: float) -> None:
    found = only(text, SectionKind.WORK)
    assert (found.growth, found.growth_high, found.qualifier) == (low, high, "区间")


def test_targets_spread_over_several_sentences_follow_the_paragraph_marker() -> None:
    text = (
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%。"
        "城镇新增就业1.2万人以上，城镇调查失业率控制在5.5%以内。"
    )
    found = extract(text, SectionKind.OTHER)
    assert [row(i) for i in found] == [
        ("地区生产总值", "2026", "target", None, None, 6.0, "yoy", "左右"),
        ("一般公共预算收入", "2026", "target", None, None, 5.0, "yoy", None),
        ("城镇新增就业", "2026", "target", 1.2, "万人", None, None, "以上"),
        ("城镇调查失业率", "2026", "target", 5.5, "%", None, None, "以内"),
    ]


def test_falls_are_negative_and_percentage_points_are_a_unit_of_change() -> None:
    energy, unemployment = extract("单位GDP能耗下降3%，城镇调查失业率下降0.3个百分点。")
    assert (energy.name, energy.growth) == ("单位GDP能耗", -3.0)
    assert (unemployment.growth, unemployment.unit) == (-0.3, "个百分点")


def test_percentage_points_are_not_a_growth_of_money() -> None:
    assert extract("地区生产总值增长提高1.2个百分点。") == ()


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("城镇新增就业不低于1.2万人。", 1.2, "万人", "以上"),
        ("居民消费价格涨幅不超过3%。", 3.0, "%", "以内"),
        ("城镇登记失业率控制在3.8%以内。", 3.8, "%", "以内"),
        ("城镇登记失业率控制在4%。", 4.0, "%", "以内"),
        ("人口自然增长率控制在 10‰ 以内。", 10.0, "‰", "以内"),
        ("外贸进出口总额 12.3 亿美元，增长 8%。", 12.3, "亿美元", None),
        ("粮食产量1.3万亿斤以上。", 1.3, "万亿斤", "以上"),
        ("居民消费价格上涨2.1%。", 2.1, "%", None),
    ],
)
def test_units_and_bounds(text: str, value: float, unit: str, qualifier: str | None) -> None:
    found = only(text, SectionKind.WORK)
    assert (found.value, found.unit, found.qualifier) == (value, unit, qualifier)


def test_starting_points_and_increments_are_not_values() -> None:
    found = only(
        "地区生产总值从“十三五”末的 306.06 亿元增加到“十四五”末的 439.77 亿元、年均增长 5.4%左右。"
    )
    assert (found.value, found.period, found.growth_basis) == (439.77, "2021-2025", "annual_avg")
    assert extract("全年地区生产总值比上年增加50亿元。") == ()


def test_shares_and_partial_years_are_not_indicators() -> None:
    assert extract("地区生产总值占全省比重达到5%，旅游收入占地区生产总值的比重提高到10%。") == ()
    assert extract("一季度地区生产总值增长5%。") == ()
    assert extract("景区日接待游客达1.8万人次。") == ()


def test_full_width_digits_and_thousands_separators_are_read() -> None:
    assert only("地区生产总值增长６.５％。").growth == 6.5
    assert only("全市生产总值完成1,234.5亿元，增长5.2%。").value == 1234.5


def test_a_state_council_review_reads_like_a_county_one() -> None:
    text = (
        "国内生产总值超过126万亿元，增长5.2%。城镇新增就业1244万人，城镇调查失业率平均为5.2%。"
        "居民消费价格上涨0.2%。粮食产量13908.2亿斤，增产1.3%。单位国内生产总值能耗下降0.5%。"
    )
    found = extract(text, meta=Metadata(region="全国", review_year=2023, plan_year=2024))
    assert [row(i) for i in found] == [
        ("地区生产总值", "2023", "actual", 126.0, "万亿元", 5.2, "yoy", "以上"),
        ("城镇新增就业", "2023", "actual", 1244.0, "万人", None, None, None),
        ("城镇调查失业率", "2023", "actual", 5.2, "%", None, None, None),
        ("居民消费价格涨幅", "2023", "actual", 0.2, "%", None, None, None),
        ("粮食产量", "2023", "actual", 13908.2, "亿斤", 1.3, "yoy", None),
        ("单位GDP能耗", "2023", "actual", None, None, -0.5, "yoy", None),
    ]


def test_glosses_and_comparability_notes_do_not_break_the_clause() -> None:
    text = (
        "全市实现地区生产总值（GDP）1234亿元，按可比价格计算，比上年增长9.1%；"
        "一般公共预算收入完成210亿元，同口径增长6%，一般公共预算收入中税收收入150亿元。"
    )
    assert [(i.name, i.value, i.growth) for i in extract(text)] == [
        ("地区生产总值", 1234.0, 9.1),
        ("一般公共预算收入", 210.0, 6.0),
    ]


def test_a_new_clause_about_something_else_ends_the_name() -> None:
    text = "地区生产总值增长6%，其中工业产值100亿元。固定资产投资增长12%，完成项目500个，总投资300亿元。"
    assert [(i.value, i.growth) for i in extract(text)] == [(None, 6.0), (None, 12.0)]


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("规上工业增加值", "规模以上工业增加值"),
        ("生产总值", "地区生产总值"),
        ("GDP", "地区生产总值"),
        ("国内生产总值", "地区生产总值"),
        ("地方财政一般预算收入", "一般公共预算收入"),
        ("进出口总额", "外贸进出口总额"),
        ("新增城镇就业", "城镇新增就业"),
        ("农牧民人均纯收入", "农村居民人均纯收入"),
        ("人均 GDP", "人均地区生产总值"),
    ],
)
def test_aliases_read_as_the_canonical_name(raw: str, name: str) -> None:
    found = only(f"{raw}增长8%。")
    assert (found.name, found.raw_name) == (name, raw.replace(" ", ""))


def test_net_rural_income_stays_apart_from_disposable_income() -> None:
    assert canonical("农村居民人均纯收入") != canonical("农村居民人均可支配收入")
    assert "农村居民人均纯收入" not in members("城乡居民人均可支配收入")


def test_net_rural_income_listed_after_urban_income_stays_net_income() -> None:
    found = extract("城镇居民人均可支配收入和农民人均纯收入分别增长8%和10%。")
    assert [(i.name, i.growth) for i in found] == [
        ("城镇居民人均可支配收入", 8.0),
        ("农村居民人均纯收入", 10.0),
    ]


def test_unknown_figures_are_not_indicators() -> None:
    assert (
        extract("新增高新技术企业 15 家，工业增加值 11.7 亿元，生物医药产业产值突破 51.7 亿元。")
        == ()
    )


def test_every_alias_is_matched_whole() -> None:
    for alias in ALIASES:
        assert [i.raw_name for i in extract(f"{alias}增长8%。")] == [alias], alias


# ---------------------------------------------------------------- kind and period


def test_estimated_full_year_in_review_is_actual_of_the_review_year() -> None:
    found = only("预计全年地区生产总值增长6%。", SectionKind.OTHER)
    assert (found.kind, found.period) == (IndicatorKind.ACTUAL, "2025")


def test_section_kind_comes_before_markers() -> None:
    assert only("力争地区生产总值增长6%。", SectionKind.REVIEW).kind is IndicatorKind.ACTUAL
    assert only("预计全年地区生产总值增长6%。", SectionKind.WORK).kind is IndicatorKind.TARGET


def test_glossary_definitions_are_not_figures() -> None:
    assert extract("预计全年地区生产总值增长6%。", SectionKind.GLOSSARY) == ()


def test_no_kind_no_marker_no_indicator() -> None:
    assert extract("地区生产总值增长6%。", SectionKind.OTHER) == ()


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("“十四五”时期，地区生产总值年均增长5.4%。", "2021-2025"),
        ("“十二五”时期，地区生产总值年均增长12%。", "2011-2015"),
        ("过去五年，地区生产总值年均增长6.2%。", "2021-2025"),
    ],
)
def test_annual_averages_in_a_work_report_take_the_plan_period(text: str, period: str) -> None:
    assert only(text).period == period


def test_five_year_summaries_in_a_work_report_cover_the_five_years() -> None:
    assert only("过去五年，累计实现城镇新增就业5.2万人。").period == "2021-2025"
    assert only("过去五年成就显著。这一年，新增城镇就业1.1万人。").period == "2025"


def test_annual_average_without_a_period_is_dropped() -> None:
    assert extract("地区生产总值年均增长6.2%。") == ()


def test_plan_review_figures_belong_to_the_previous_plan() -> None:
    text = (
        "“十一五”时期，实现生产总值 94 亿元，年均增长 14.76%，比“十五”末的 41.1 亿元增长 1.29 倍。"
    )
    found = only(text, SectionKind.REVIEW, FIVE_YEAR_PLAN)
    assert row(found) == (
        "地区生产总值",
        "2006-2010",
        "actual",
        94.0,
        "亿元",
        14.76,
        "annual_avg",
        None,
    )


def test_a_plan_period_sum_with_a_yearly_growth_is_dropped() -> None:
    text = "“十一五”时期，累计实现外贸进出口总额 16.53 亿美元，同比增长 171%。"
    assert extract(text, SectionKind.REVIEW, FIVE_YEAR_PLAN) == ()


def test_plan_goal_beyond_the_plan_runs_from_the_plan_start() -> None:
    text = (
        "展望未来 10 年， 到 2020 年生产总值达到 565 亿元， 年均增长 15%。人均 GDP 达到 6.3 万元。"
    )
    found = extract(text, SectionKind.GOALS, FIVE_YEAR_PLAN)
    assert [i.period for i in found] == ["2011-2020", "2011-2020"]


def test_next_plan_goals_in_a_work_report() -> None:
    text = "“十五五”时期，地区生产总值年均增长6%左右。到2030年，地区生产总值达到500亿元。"
    found = extract(text, SectionKind.GOALS)
    assert [(i.period, i.growth, i.value) for i in found] == [
        ("2026-2030", 6.0, None),
        ("2030", None, 500.0),
    ]


def test_explicit_year_in_the_sentence_wins_over_metadata() -> None:
    assert only("2023年地区生产总值增长6%。").period == "2023"
    assert only("地区生产总值比2020年增长30%。").period == "2025"


def test_without_years_in_metadata_or_text_nothing_is_emitted() -> None:
    assert extract("预计全年地区生产总值增长6%。", meta=Metadata()) == ()


# ---------------------------------------------------------------- spans and sections


def test_span_runs_from_the_name_through_the_last_figure_and_keeps_the_sentence() -> None:
    text = "一年来成效明显。\n预计全年实现地区生产总值 439.77 亿元、同比增长 3.4%左右，规上工业增加值增长6%。"
    gdp, industry = extract(text)
    assert text[gdp.start : gdp.end] == "地区生产总值 439.77 亿元、同比增长 3.4%左右"
    assert text[industry.start : industry.end] == "规上工业增加值增长6%"
    assert (
        gdp.sentence
        == "预计全年实现地区生产总值 439.77 亿元、同比增长 3.4%左右，规上工业增加值增长6%"
    )


def test_section_is_the_innermost_title() -> None:
    text = "回顾\n（一）经济\n地区生产总值增长6%。"
    child = Section("（一）经济", SectionKind.REVIEW, 1, 3, 9, len(text))
    root = Section("一、回顾", SectionKind.REVIEW, 0, 0, 3, len(text), (child,))
    (found,) = extract_indicators(text, (root,), WORK_REPORT)
    assert found.section == "（一）经济"


# ---------------------------------------------------------------- robustness and speed

# fmt: off
FRAGMENTS = st.sampled_from([
    "地区生产总值", "城乡居民人均可支配收入", "城镇、", "分别", "增长", "下降", "年均", "“十四五”",
    "2025年", "从", "到", "6.5", "%", "亿元", "个百分点", "左右", "-", "、", "，", "。", " ", "\n",
])
# fmt: on


@settings(max_examples=200, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map("".join))
def test_never_raises_and_spans_stay_in_the_text(text: str) -> None:
    for indicator in extract(text):
        assert 0 <= indicator.start < indicator.end <= len(text)
        assert indicator.value is not None or indicator.growth is not None
