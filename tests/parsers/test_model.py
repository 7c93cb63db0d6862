"""The model's shared vocabulary: one label, one year rule, one section-at-offset index."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from baogao.parsers import Report, parse_text
from baogao.parsers.model import Metadata, Section, SectionIndex, SectionKind, document_label


def test_label_names_region_type_and_year() -> None:
    meta = Metadata(title="政府工作报告", region="伊宁市", doc_type="政府工作报告", plan_year=2026)
    report = Report("/r/yining.txt", "", meta, ())
    assert report.label() == "伊宁市 政府工作报告 2026"
    assert report.label(with_region=False) == "政府工作报告 2026"


def test_label_of_a_plan_gives_its_period() -> None:
    meta = Metadata(region="伊宁市", doc_type="五年规划纲要", plan_period="2011-2015")
    assert Report("p.txt", "", meta, ()).label() == "伊宁市 五年规划纲要 2011-2015"


def test_label_falls_back_to_the_file_name() -> None:
    assert Report("/x/004.txt", "", Metadata(), ()).label() == "004"


def test_label_leaves_out_what_the_name_already_says() -> None:
    assert (
        document_label("新源县", "新源县2026年政府工作报告", "2026") == "新源县2026年政府工作报告"
    )


def test_year_is_the_plan_year_else_after_the_review_else_the_plan_start() -> None:
    assert Metadata(plan_year=2026, review_year=2025).year == 2026
    assert Metadata(review_year=2025).year == 2026
    assert Metadata(plan_period="2021-2025").year == 2021
    assert Metadata().year is None
    assert Metadata(plan_period="2021-2025").when == "2021-2025"
    assert Metadata(review_year=2016).when == "2017"


def _naive_path(sections: tuple[Section, ...], offset: int) -> tuple[Section, ...]:
    path: list[Section] = []
    level = sections
    while True:
        holder = next((s for s in level if s.start <= offset < s.end), None)
        if holder is None:
            return tuple(path)
        path.append(holder)
        level = holder.children


def test_section_index_finds_the_chain_on_the_seeds(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        for offset in range(0, len(report.text), 97):
            assert report.section_path(offset) == _naive_path(report.sections, offset)


@given(
    st.lists(
        st.sampled_from(["一、总体", "（一）工作", "1.任务", "正文。", "名词解释"]), max_size=30
    )
)
def test_section_index_agrees_with_a_walk_down_the_tree(lines: list[str]) -> None:
    report = parse_text("政府工作报告\n" + "\n".join(lines) + "\n结束。\n")
    index = SectionIndex(report.sections)
    for offset in range(len(report.text) + 1):
        assert index.path(offset) == _naive_path(report.sections, offset)


def test_section_index_of_no_sections_is_empty() -> None:
    index = SectionIndex(())
    assert index.path(3) == () and index.innermost(3) is None
    leaf = Section("一、", SectionKind.OTHER, 0, 0, 2, 5)
    assert SectionIndex((leaf,)).path(5) == ()
