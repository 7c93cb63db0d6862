"""Metadata beyond the seeds: State Council, provinces, plans, reports without a title page."""

from __future__ import annotations

import pytest

from baogao.parsers import parse_text
from baogao.parsers.meta import chinese_number, five_year_plan_period
from baogao.parsers.model import SectionKind
from baogao.parsers.source import normalise

STATE_COUNCIL = (
    "政府工作报告\r\r\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\r\r\n"
    "国务院总理\u3000李强\r\r\n各位代表：\r\r\n现在，我代表国务院，向大会报告政府工作，请予审议。\r\r\n"
    "一、2023年工作回顾\r\r\n过去一年，国内生产总值增长5.2%。\r\r\n"
    "二、2024年经济社会发展总体要求和政策取向\r\r\n今年发展主要预期目标是：国内生产总值增长5%左右。\r\r\n"
    "三、2024年政府工作任务\r\r\n（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用。\r\r\n"
)

PROVINCE = """【打印】【关闭】
来源：江西省人民政府网
政府工作报告
——2024年1月22日在江西省第十四届人民代表大会第三次会议上
江西省省长 叶建春
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
过去一年工作回顾
2023年，全省地区生产总值增长4.1%。
2024年工作安排
今年全省经济社会发展的主要预期目标是：地区生产总值增长5%-5.5%。
一、着力扩大有效需求
正文。
名词注释
1.“三新”：新技术、新产业、新业态。
附件
2024年省政府民生实事
1.实施就业工程。
相关报道：
江西召开人代会
"""


def test_state_council_report_is_national_with_its_premier() -> None:
    report = parse_text(normalise(STATE_COUNCIL), "gov.txt")
    meta = report.meta
    assert (meta.region, meta.date, meta.speaker) == ("全国", "2024-03-05", "李强")
    assert (meta.review_year, meta.plan_year) == (2023, 2024)
    kinds = [s.kind for s in report.sections[1:]]
    assert kinds == [SectionKind.REVIEW, SectionKind.GOALS, SectionKind.WORK]


def test_province_report_with_unnumbered_parts_glossary_and_appendix() -> None:
    report = parse_text(normalise(PROVINCE), "jx.txt")
    assert (report.meta.region, report.meta.speaker) == ("江西省", "叶建春")
    top = [(s.title, s.kind) for s in report.sections]
    assert top == [
        ("卷首", SectionKind.FRONT),
        ("过去一年工作回顾", SectionKind.REVIEW),
        ("2024年工作安排", SectionKind.WORK),
        ("名词注释", SectionKind.GLOSSARY),
        ("附件", SectionKind.OTHER),
    ]
    assert "江西召开人代会" not in report.text and "来源" not in report.text


def test_region_of_a_report_without_title_page_comes_from_the_body(seed_reports) -> None:
    assert seed_reports["004_c029eef56a02c8f7.txt"].meta.region == "乌鲁木齐市"


@pytest.mark.parametrize(
    "numeral,value", [("九", 9), ("十", 10), ("十二", 12), ("十四", 14), ("二十", 20)]
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize(
    "number,period", [(1, "1953-1957"), (3, "1966-1970"), (12, "2011-2015"), (15, "2026-2030")]
)
def test_five_year_plan_periods(number: int, period: str) -> None:
    assert five_year_plan_period(number) == period


@pytest.mark.parametrize(
    "title,period",
    [
        ("某市国民经济和社会发展“十五”计划纲要", "2001-2005"),
        ("某省国民经济和社会发展“九五”计划纲要", "1996-2000"),
        ("某县国民经济和社会发展“十四五”规划纲要", "2021-2025"),
        ("某市国民经济和社会发展第十一个五年规划纲要", "2006-2010"),
    ],
)
def test_plan_period_from_the_plan_s_name(title: str, period: str) -> None:
    report = parse_text(f"{title}\n序言\n为实现目标，制定本纲要。\n第一章 发展基础\n正文。")
    assert report.meta.plan_period == period
