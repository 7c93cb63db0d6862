"""The section tree: levels from numbering, nothing lost, spans in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers import Report, parse_text
from baogao.parsers.model import SectionKind


def assert_partition(report: Report) -> None:
    """Every character belongs to exactly one node (title or own body), in order."""
    covered = 0
    for node in report.walk():
        assert node.start == covered, (node.title, node.start, covered)
        assert node.start <= node.body_start <= node.own_end <= node.end
        covered = node.own_end
        if node.children:
            assert node.children[-1].end == node.end
    assert covered == len(report.text)


def test_nothing_is_lost_in_any_seed(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        assert_partition(report)


def test_each_title_is_the_text_of_its_span(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        for node in report.walk():
            if node.kind != SectionKind.FRONT:
                assert report.text[node.start : node.body_start].startswith(node.title)


def test_levels_come_from_numbering_not_from_hash_marks() -> None:
    raw = (
        "## 一、回顾\n\n正文。\n\n### 二、安排\n\n（一）第一项\n\n正文。\n\n#### 三、建设\n\n正文。"
    )
    report = parse_text(raw)
    assert [(s.title, s.level) for s in report.walk()] == [
        ("一、回顾", 0),
        ("二、安排", 0),
        ("（一）第一项", 1),
        ("三、建设", 0),
    ]


def test_lead_sentence_is_a_heading_with_the_paragraph_as_body() -> None:
    report = parse_text(
        "二、重点工作\n（一）扩大内需。积极扩大有效投资。\n（二）深化改革。推进改革。"
    )
    first = report.sections[0].children[0]
    assert first.title == "（一）扩大内需"
    assert report.text[first.body_start : first.end].strip() == "积极扩大有效投资。"


def test_numbering_restarts_under_a_new_part() -> None:
    raw = "2023年工作回顾\n一、稳定\n正文。\n二、发展\n正文。\n2024年重点工作\n一、改革\n正文。"
    report = parse_text(raw)
    assert [(s.title, s.kind, len(s.children)) for s in report.sections] == [
        ("2023年工作回顾", SectionKind.REVIEW, 2),
        ("2024年重点工作", SectionKind.WORK, 1),
    ]


def test_plan_chapters_hold_their_sections() -> None:
    raw = "规划纲要\n序言\n前言正文。\n第一章 发展基础\n第一节 成就\n正文。\n第二节 环境\n正文。\n第二章 目标\n正文。"
    top = parse_text(raw).sections
    assert [s.title for s in top] == ["卷首", "序言", "第一章 发展基础", "第二章 目标"]
    assert [c.title for c in top[2].children] == ["第一节 成就", "第二节 环境"]


def test_numbered_glossary_entries_are_not_sections() -> None:
    raw = "一、回顾\n正文。\n名词注释\n1.三项计划：各民族交流计划。\n2.两新：设备更新。"
    glossary = parse_text(raw).sections[-1]
    assert glossary.kind == SectionKind.GLOSSARY and glossary.children == ()


def test_text_without_any_heading_is_one_section() -> None:
    report = parse_text("各位代表：今年经济平稳。")
    assert [s.title for s in report.sections] == ["正文"]


PIECES = [
    *"一二三四五、（）()1234567890.年工作回顾重点名词解释第章节。，：；“”*# \n\r\t",
    *("\n\n", "一、", "（一）", "第一章", "## ", "**", "2024年工作回顾\n", "名词解释\n"),
]
REPORTISH = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(REPORTISH)
def test_any_text_parses_without_losing_a_character(raw: str) -> None:
    report = parse_text(raw)
    assert_partition(report)
    for start, end in report.emphasis:
        assert 0 <= start < end <= len(report.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(raw: str) -> None:
    assert_partition(parse_text(raw))
