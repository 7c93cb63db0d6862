"""The genre as it is written: each pattern from a real report's sentence (tests/corpus, or
the reports issue 12 quotes), read as a user sees it in the figures table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers import parse_text
from baogao.parsers.indicator_names import display_name
from baogao.parsers.indicators import extract_indicators
from baogao.parsers.model import (
    Evidence,
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Qualifier,
    RegionLevel,
    Section,
    SectionKind,
)
from baogao.parsers.repair import repair

PROVINCE_2026 = Metadata(region="某省", review_year=2025, plan_year=2026)
NATION_1995 = Metadata(region="全国", review_year=1994, plan_year=1995)


def figures(
    text: str, kind: SectionKind = SectionKind.OTHER, meta: Metadata = PROVINCE_2026
) -> tuple[Indicator, ...]:
    return extract_indicators(text, (Section("一、测试", kind, 0, 0, 0, len(text)),), meta)


def gdp(
    text: str, kind: SectionKind = SectionKind.OTHER, meta: Metadata = PROVINCE_2026
) -> Indicator:
    found = [i for i in figures(text, kind, meta) if i.name == "地区生产总值"]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- GDP under other names


@pytest.mark.parametrize(
    ("sentence", "low", "high", "qualifier"),
    [
        # prov2026/GX.txt
        ("今年我区经济社会发展主要预期目标是：经济增长5%左右，城镇调查失业率5.5%左右。", 5, None, Qualifier.ABOUT),
        # state-council/1995.txt
        ("综合分析各方面的条件，今年经济增长速度的宏观调控目标，定为百分之八至九。", 8, 9, Qualifier.RANGE),
        # state-council/1997.txt (full-width digits)
        ("今年要保持国民经济持续、快速、健康发展，经济增长速度的调控目标定为８％。", 8, None, None),
        # state-council/1999.txt
        ("综合分析国内外的有利条件和制约因素，今年的经济增长预期为7％左右。", 7, None, Qualifier.ABOUT),
        # state-council/1993.txt (GNP, Chinese numerals)
        ("今年国民生产总值计划增长百分之八，是留有余地的。", 8, None, None),
    ],
)  # fmt: skip
def test_the_plan_years_gdp_target_under_its_eras_names(
    sentence: str, low: float, high: float | None, qualifier: Qualifier | None
) -> None:
    found = gdp(sentence, SectionKind.OTHER, NATION_1995)
    assert (found.kind, found.period) == (IndicatorKind.TARGET, "1995")
    assert (found.growth, found.growth_high, found.qualifier) == (low, high, qualifier)
    assert found.evidence is Evidence.TARGET_BLOCK


def test_gnp_keeps_its_name_for_the_reader_and_groups_with_gdp() -> None:
    # state-council/1993.txt
    found = gdp(
        "国民经济实现了快速增长，国民生产总值比上年增长百分之十二点八。", SectionKind.REVIEW
    )
    assert found.growth == 12.8 and found.raw_name == "国民生产总值"
    assert found.name == "地区生产总值"
    assert display_name(found.name, found.raw_name, national=True) == "国民生产总值"


def test_national_figures_are_labelled_as_the_report_names_them() -> None:
    assert display_name("地区生产总值", "国内生产总值", national=True) == "国内生产总值"
    assert display_name("地区生产总值", "生产总值", national=False) == "地区生产总值"


@pytest.mark.parametrize(
    "sentence",
    [
        "工业对经济增长贡献率35.1%，继续发挥“压舱石”作用。",  # prov2026/GX.txt
        "全省海洋生产总值增长6%。",
        "工业固定资产投资增长12%。",
    ],
)
def test_what_is_not_gdp(sentence: str) -> None:
    names = {i.name for i in figures(sentence, SectionKind.REVIEW)}
    assert "地区生产总值" not in names and "固定资产投资" not in names


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("sentence", "growth", "high"),
    [
        ("国内生产总值达到43800亿元，按可比价格计算，比上年增长百分之十一点八。", 11.8, None),
        ("地区生产总值增长8 ．8 ％。", 8.8, None),  # letter-spaced digits
        ("国内生产总值增长6.5%－7%。", 6.5, 7.0),
        ("地区生产总值增长5%—5.5%。", 5.0, 5.5),
        ("地区生产总值增长5.5%左右—6%。", 5.5, 6.0),
        ("地区生产总值增长1.29倍。", 129.0, None),
        ("国民生产总值增长一倍。", 100.0, None),
    ],
)
def test_numbers_as_reports_write_them(sentence: str, growth: float, high: float | None) -> None:
    found = gdp(sentence, SectionKind.REVIEW)
    assert (found.growth, found.growth_high) == (growth, high)


def test_a_level_written_with_yu_is_at_least_that() -> None:
    found = gdp("地区生产总值完成300余亿元，增长12%。", SectionKind.REVIEW)
    assert (found.value, found.unit, found.qualifier) == (300.0, "亿元", Qualifier.AT_LEAST)


def test_a_threshold_passed_keeps_the_level_reached() -> None:
    found = gdp("地区生产总值突破3万亿元、达3.6万亿元，增长5.5%。", SectionKind.REVIEW)
    assert (found.value, found.unit) == (3.6, "万亿元")


def test_a_number_of_hundreds_of_digits_is_refused_not_infinite() -> None:
    found = gdp("地区生产总值" + "9" * 400 + "亿元，增长5%。", SectionKind.REVIEW)
    assert found.value is None and found.growth == 5.0


# ---------------------------------------------------------------- kinds and periods


def test_a_review_sentence_in_a_work_section_is_last_years_actual() -> None:
    # state-council/2011.txt, 三、2011年的工作
    text = (
        "2011年，是“十二五”开局之年，做好今年的工作至关重要。过去一年，我们的各项工作取得了"
        "很大成绩。国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人。"
    )
    found = gdp(text, SectionKind.WORK, Metadata(region="全国", review_year=2010, plan_year=2011))
    assert (found.kind, found.period, found.growth) == (IndicatorKind.ACTUAL, "2010", 10.3)
    assert found.evidence is Evidence.REVIEW


def test_the_years_total_compared_with_the_year_before_is_an_actual() -> None:
    # state-council/1991.txt, in a section on the plan
    meta = Metadata(region="全国", review_year=1990, plan_year=1991)
    found = gdp("全年国民生产总值一万七千四百亿元，比上年增长５％。", SectionKind.WORK, meta)
    assert (found.kind, found.period, found.growth) == (IndicatorKind.ACTUAL, "1990", 5.0)


def test_the_target_block_wins_in_a_work_section() -> None:
    # state-council/2011.txt
    text = (
        "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右；城镇新增就业900万人以上。"
    )
    found = figures(
        text, SectionKind.WORK, Metadata(region="全国", review_year=2010, plan_year=2011)
    )
    assert [(i.name, i.kind, i.period, i.evidence) for i in found] == [
        ("地区生产总值", IndicatorKind.TARGET, "2011", Evidence.TARGET_BLOCK),
        ("城镇新增就业", IndicatorKind.TARGET, "2011", Evidence.TARGET_BLOCK),
    ]


def test_passing_the_target_is_no_target() -> None:
    found = gdp("全市生产总值增速超过全年预期目标，增长6.1%。")
    assert (found.kind, found.period, found.evidence) == (
        IndicatorKind.ACTUAL,
        "2025",
        Evidence.REVIEW,
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("到2020年，经济总量比2010年翻一番。届时经济总量超过90万亿元。", "2020"),
        ("今后五年，地区生产总值年均增长6%。", "2026-2030"),
        ("“十三五”时期，地区生产总值增长6.5%以上。", "2016-2020"),
    ],
)
def test_plan_period_figures_are_not_the_plan_years(text: str, period: str) -> None:
    found = gdp(text, SectionKind.WORK)
    assert (found.period, found.evidence) == (period, Evidence.PLAN_PERIOD)


def test_a_cumulative_fall_is_its_own_basis() -> None:
    found = figures("“十四五”时期，单位生产总值能耗累计下降16%。", SectionKind.REVIEW)
    assert [(i.name, i.growth, i.growth_basis, i.period) for i in found] == [
        ("单位GDP能耗", -16.0, GrowthBasis.CUMULATIVE, "2021-2025")
    ]


def test_two_series_from_start_to_end_keep_their_own_end() -> None:
    text = "城镇和农村居民人均可支配收入从2021年的4.5万元和1.8万元分别提高到5.2万元和2.2万元。"
    found = {i.name: i.value for i in figures(text, SectionKind.GOALS)}
    assert found == {"城镇居民人均可支配收入": 5.2, "农村居民人均可支配收入": 2.2}


# ---------------------------------------------------------------- text repair


@pytest.mark.parametrize(
    "line",
    [
        "下载",
        "全屏",
        "【字号：",
        "加大",
        "】",
        "当前位置： 首页>> 热点专题",
        "中央政府门户网站\u3000www.gov.cn\u3000\u3000 2011年03月15日\u3000\u3000 来源：新华社",
        "3月5日，第十一届全国人民代表大会第四次会议在北京人民大会堂开幕。国务院总理温家宝作政府工作报告。新华社记者 黄敬文 摄",
        "<!--",
        "-->",
        "（责任编辑： 于卫亚",
    ],
)  # fmt: skip
def test_web_page_debris_is_not_report_text(line: str) -> None:
    text = repair(f"各位代表：\n{line}\n现在，我代表省人民政府，向大会报告工作。").text
    assert text == "各位代表：\n现在，我代表省人民政府，向大会报告工作。"


def test_a_newspaper_page_jump_inside_a_sentence_is_removed() -> None:
    text = repair("全省地区生产总值增长5.1%，（下转第四版）增速高于预期目标。").text
    assert text == "全省地区生产总值增长5.1%，增速高于预期目标。"


def test_a_related_links_list_does_not_cut_the_next_copy() -> None:
    raw = "一、回顾\n国内生产总值增长10.3%。\n相关链接\n·\n新华社受权全文播发\n政府工作报告\n一、回顾\n国内生产总值增长10.3%。"
    text = repair(raw).text
    assert text.count("国内生产总值增长10.3%") == 2 and "新华社受权" not in text


# ---------------------------------------------------------------- metadata


def test_a_dateline_split_over_two_lines_names_the_province() -> None:
    # prov2026/GD.txt; its body says 发展省际游, which names no province
    report = parse_text(
        "政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n"
        "各位代表：\n一、2025年工作回顾\n发展省际游，全省省内游增长5%。全省推进省市合作。全省接待游客增长。"
    )
    assert (report.meta.region, report.meta.date) == ("广东省", "2026-01-26")
    assert report.meta.region_level is RegionLevel.PROVINCE


def test_a_year_before_the_region_in_a_title_is_not_part_of_it() -> None:
    report = parse_text("2026年甘肃省政府工作报告\n各位代表：\n一、2025年工作回顾\n全省经济增长。")
    assert report.meta.region == "甘肃省"


def test_a_district_is_the_region_and_its_city_the_parent() -> None:
    report = parse_text(
        "政府工作报告\n——2013年2月28日在呼伦贝尔市海拉尔区第十四届人民代表大会第二次会议上\n"
        "各位代表：\n一、过去一年工作回顾\n全区地区生产总值增长10%。"
    )
    meta = report.meta
    assert (meta.region, meta.region_parent, meta.region_level) == (
        "海拉尔区",
        "呼伦贝尔市",
        RegionLevel.COUNTY,
    )


def test_state_council_reports_are_national_and_spaced_dates_read() -> None:
    report = parse_text(
        "1981年国务院政府工作报告\n——1 9 8 1 年1 1 月3 0 日在第五届全国人民代表大会第四次会议上\n"
        "国务院总理赵紫阳\n各位代表：\n一、经济形势\n国民生产总值比上年增长百分之三。"
    )
    assert (report.meta.region, report.meta.date) == ("全国", "1981-11-30")
    assert report.meta.region_level is RegionLevel.NATIONAL


def test_a_title_sharing_its_line_with_the_dateline_is_the_title() -> None:
    # state-council/2017.txt
    report = parse_text(
        "政府工作报告——2017年3月5日在第十二届全国人民代表大会第五次会议上国务院总理\u3000李克强\n"
        "各位代表：\n一、2016年工作回顾\n国内生产总值达到74.4万亿元，增长6.7%。"
    )
    assert (report.meta.title, report.meta.doc_type) == ("政府工作报告", "政府工作报告")


def test_an_appendix_label_over_its_glossary_is_one_part() -> None:
    # prov2026/GD.txt
    report = parse_text(
        "各位代表：\n一、2025年工作回顾\n全省经济增长。\n附件1\n2026年省十件民生实事\n一、提高低保标准。\n"
        "附件2\n名词解释\n1.“四上”企业：\n现阶段统计工作实践中对达到一定规模的法人单位的一种习惯称谓。"
    )
    titles = [(s.title, s.kind) for s in report.sections if s.kind is not SectionKind.FRONT]
    assert titles == [
        ("一、2025年工作回顾", SectionKind.REVIEW),
        ("附件1", SectionKind.OTHER),
        ("名词解释", SectionKind.GLOSSARY),
    ]
    assert [t.term for t in report.glossary if t.definition][:1] == ["“四上”企业"]


def test_a_sub_population_is_not_the_regions_income() -> None:
    text = "农村居民人均可支配收入增长6.5%，其中脱贫地区农村居民人均可支配收入增长7.2%。"
    assert [i.growth for i in figures(text, SectionKind.REVIEW)] == [6.5]


# ---------------------------------------------------------------- never a figure from …

NAMES = (
    "地区生产总值",
    "国内生产总值",
    "一般公共预算收入",
    "城镇新增就业",
    "居民消费价格",
    "经济增长",
)
TAILS = ("", "，增长6.5%", "，达到120亿元", "，同比增长6.5%左右")


@st.composite
def distractors(draw: st.DrawFn) -> tuple[str, set[float]]:
    """A year, a date, an ordinal, a document number or a phone number, and its numbers."""
    year = draw(st.integers(1950, 2049))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    small = draw(st.integers(1, 99))
    phone = draw(st.integers(10_000_000, 99_999_999))
    text, numbers = draw(
        st.sampled_from(
            [
                (f"{year}年", {year}),
                (f"{year}年{month}月{day}日", {year, month, day}),
                (f"第{small}", {small}),
                (f"第{small}位", {small}),
                (f"国发〔{year}〕{small}号", {year, small}),
                (f"电话0991-{phone}", {991, phone}),
                (f"（{year}—{year + 5}年）", {year, year + 5}),
            ]
        )
    )
    return text, {float(n) for n in numbers}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(NAMES),
    st.sampled_from(("", "在", "于", "，", "自", "截至")),
    distractors(),
    st.sampled_from(TAILS),
    st.sampled_from([SectionKind.REVIEW, SectionKind.WORK, SectionKind.OTHER]),
)
def test_no_figure_is_taken_from_a_year_date_ordinal_document_number_or_phone(
    name: str, joiner: str, distractor: tuple[str, set[float]], tail: str, kind: SectionKind
) -> None:
    text, numbers = distractor
    for sentence in (f"{name}{joiner}{text}{tail}。", f"{text}{joiner}{name}{tail}。"):
        for found in figures(sentence, kind):
            assert found.value not in numbers and found.growth not in numbers, sentence


# ---------------------------------------------------------------- glossaries

BODY = "政府工作报告\n各位代表：\n一、2025年工作回顾\n我们推进“两新”工作和“5+2就业之家”建设，落实“两重”“两新”。\n"
GLOSSARIES = {
    "名词注释 under 附件": "附件\n名词注释\n1.“两新”：指大规模设备更新和消费品以旧换新。\n2.“5+2就业之家”：指五天工作两天休息的就业服务站。\n",
    "有关内容名词注释 under 附件2, N. “term”": "附件2\n有关内容名词注释\n1. “两新”：指大规模设备更新和消费品以旧换新。\n2. “5+2就业之家”：指五天工作两天休息的就业服务站。\n",
    "a heading glued to entry 1": "附件\n名词解释1.“两新”：指大规模设备更新和消费品以旧换新。\n2.“5+2就业之家”：指五天工作两天休息的就业服务站。\n",
    "注释 with a term starting with a digit": "注释\n1.“两新”：指大规模设备更新和消费品以旧换新。\n2.5+2就业之家：指五天工作两天休息的就业服务站。\n",
}  # fmt: skip


@pytest.mark.parametrize("shape", GLOSSARIES)
def test_glossary_entries_are_definitions_never_sections(shape: str) -> None:
    report = parse_text(BODY + GLOSSARIES[shape])
    parts = [s for s in report.sections if s.kind is not SectionKind.FRONT]
    assert [s.kind for s in parts] == [SectionKind.REVIEW, SectionKind.GLOSSARY]
    assert all(not s.children for s in parts)
    defined = {t.key: t.definition for t in report.glossary if t.definition}
    assert defined["两新"] == "指大规模设备更新和消费品以旧换新。"
    assert defined["5+2就业之家"] == "指五天工作两天休息的就业服务站。"


def test_two_quoted_terms_in_one_entry_each_get_their_part() -> None:
    report = parse_text(
        BODY + "附件\n名词解释\n1.“两重”“两新”：“两重”指国家重大战略实施和重点领域安全能力建设，"
        "“两新”指大规模设备更新和消费品以旧换新。\n"
    )
    defined = {t.key: t.definition for t in report.glossary if t.definition}
    assert defined["两重"] == "指国家重大战略实施和重点领域安全能力建设"
    assert defined["两新"] == "指大规模设备更新和消费品以旧换新。"


def test_an_appendix_list_of_projects_is_not_a_glossary() -> None:
    report = parse_text(
        BODY
        + "附件1\n2026年十件民生实事\n1.提高低保标准：城乡低保标准提高5%。\n2.建设养老床位：新增床位1万张。\n"
    )
    assert [s.kind for s in report.sections][-1] is SectionKind.OTHER
    assert not any(t.definition for t in report.glossary)


@pytest.mark.parametrize(
    "sentence",
    [
        "今年主要预期目标是：地区生产总值比去年增长6%左右。",
        "今年全年地区生产总值增长6%左右。",
        "在去年基础上，今年地区生产总值增长6%左右。",
    ],
)
def test_last_year_as_a_basis_is_no_review(sentence: str) -> None:
    found = gdp(sentence, SectionKind.WORK)
    assert (found.kind, found.period, found.growth) == (IndicatorKind.TARGET, "2026", 6.0)


def test_the_target_block_inside_a_part_titled_by_the_plan_is_still_the_years() -> None:
    report = parse_text(
        "政府工作报告\n各位代表：\n一、2020年工作回顾\n地区生产总值增长3%。\n二、“十四五”时期主要目标任务\n"
        "今后五年，地区生产总值年均增长6%。\n今年经济社会发展主要预期目标是：地区生产总值增长6%以上。\n"
        "城镇新增就业累计达到50万人。"
    )
    rows = {(i.name, i.period, i.growth_basis, i.evidence) for i in report.indicators}
    assert ("地区生产总值", "2021", GrowthBasis.YOY, Evidence.TARGET_BLOCK) in rows
    assert ("地区生产总值", "2021-2025", GrowthBasis.ANNUAL_AVG, Evidence.PLAN_PERIOD) in rows
    assert ("城镇新增就业", "2021-2025", None, Evidence.PLAN_PERIOD) in rows


@pytest.mark.parametrize(
    "sentence",
    [
        "分类推进县域经济特色化差异化发展，县域经济增长5.5%以上。",  # prov2026/SN.txt
        "预计大湾区经济总量突破15万亿元。",  # prov2026/GD.txt
        "经济总量超500亿元的县域增至12个。",  # prov2026/GX.txt
        "新增经济总量超200亿元县2个。",  # prov2026/SN.txt
    ],
)
def test_a_part_of_the_region_or_a_threshold_is_not_its_gdp(sentence: str) -> None:
    assert [i for i in figures(sentence, SectionKind.REVIEW) if i.name == "地区生产总值"] == []


def test_an_annual_basis_before_a_growth_name_is_annual() -> None:
    # state-council/2001.txt
    found = gdp(
        "综合考虑各方面因素，“十五”期间年均经济增长速度预期目标为7%左右。", SectionKind.WORK
    )
    assert (found.growth_basis, found.period) == (GrowthBasis.ANNUAL_AVG, "2001-2005")
