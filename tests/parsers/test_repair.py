"""Text repair: page-break splits, markdown debris, letter spacing, web debris."""

from __future__ import annotations

from baogao.parsers import Report
from baogao.parsers.repair import repair

S000 = "000_9cdd8c7042c58540.txt"
S001 = "001_ef57adda5fbd631f.txt"
S002 = "002_27bfb2a93ca679f4.txt"
S003 = "003_bd5523f91e16bcf1.txt"


def test_page_break_after_an_enumeration_comma_is_joined(seed_reports: dict[str, Report]) -> None:
    assert "同比分别增长16.4%、19.5%。" in seed_reports[S000].text


def test_page_break_inside_number_and_unit_is_joined(seed_reports: dict[str, Report]) -> None:
    assert "招商引资到位资金156.14亿元、增长9.96%" in seed_reports[S001].text


def test_page_break_inside_a_word_is_joined(seed_reports: dict[str, Report]) -> None:
    assert "积极应对各类风险挑战，推动经济社会发展" in seed_reports[S000].text


def test_stray_note_between_halves_is_kept_apart(seed_reports: dict[str, Report]) -> None:
    text = seed_reports[S002].text
    assert "排水管网总长达到349.5公里" in text
    note = text.index("注：文中右下角")
    assert text[note - 1] == "\n"
    assert text.index("\n", note) > note  # the note is a paragraph of its own


def test_no_paragraph_of_the_seeds_ends_mid_sentence(seed_reports: dict[str, Report]) -> None:
    from baogao.parsers.headings import ends_sentence, find_heading

    for report in seed_reports.values():
        front_end = report.sections[0].end
        for line in report.text[front_end:].split("\n"):
            if find_heading(line, marked=True, bold_end=None) or len(line) < 16:
                continue
            assert ends_sentence(line), line[-30:]


def test_real_paragraph_ends_and_headings_are_not_joined() -> None:
    raw = "一、2024年工作回顾\n\n过去一年，经济平稳。\n\n二、今年工作\n\n全年增长5%左右。\n"
    assert (
        repair(raw).text
        == "一、2024年工作回顾\n过去一年，经济平稳。\n二、今年工作\n全年增长5%左右。"
    )


def test_front_matter_lines_are_not_joined(seed_reports: dict[str, Report]) -> None:
    text = seed_reports[S000].text
    assert "第六次会议上\n市长 哈米提·阿克木\n各位代表：" in text


def test_markdown_marks_are_removed_from_the_text(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        assert "**" not in report.text
        assert not any(line.startswith("#") for line in report.text.split("\n"))


def test_bold_lead_sentence_becomes_an_emphasis_span(seed_reports: dict[str, Report]) -> None:
    report = seed_reports[S001]
    leads = [report.text[a:b] for a, b in report.emphasis]
    assert "一年来，我们聚力护稳定保安全，社会大局在固本强基中持续向好。" in leads


def test_bold_split_by_a_page_break_still_pairs_up() -> None:
    fixed = repair("前文很长很长很长很长很长很长。**工业经济\n\n提质增效。**后文。")
    assert fixed.text == "前文很长很长很长很长很长很长。工业经济提质增效。后文。"
    assert [fixed.text[a:b] for a, b in fixed.emphasis] == ["工业经济提质增效。"]


def test_letter_spaced_title_is_closed_up(seed_reports: dict[str, Report]) -> None:
    assert seed_reports[S003].text.startswith("政府工作报告\n")
    assert "县长 阿比连·阿布力海依尔" in seed_reports[S003].text


def test_spaces_around_numbers_in_chinese_are_closed() -> None:
    assert repair("地区生产总值 439.77 亿元、同比增长 3.4%左右。").text == (
        "地区生产总值439.77亿元、同比增长3.4%左右。"
    )


def test_web_page_debris_is_dropped() -> None:
    raw = (
        "【打印】【关闭】\n来源：某某市人民政府网\n政府工作报告\n各位代表：\n"
        "一、工作回顾\n过去一年，全市经济增长5%。\n- 3 -\n"
        "二、今年安排\n全年增长5%左右。\n相关报道：\n某某市召开大会\n"
    )
    text = repair(raw).text
    assert "打印" not in text and "来源" not in text and "相关报道" not in text
    assert "- 3 -" not in text and "某某市召开大会" not in text
    assert text.endswith("全年增长5%左右。")


def test_html_superscript_becomes_a_superscript_digit(seed_reports: dict[str, Report]) -> None:
    assert "40x104Nm³/d" in seed_reports[S002].text


def test_a_stray_star_before_bold_does_not_shift_the_bold_span() -> None:
    fixed = repair("*一**二**")
    assert fixed.text == "一二"
    assert [fixed.text[a:b] for a, b in fixed.emphasis] == ["二"]
