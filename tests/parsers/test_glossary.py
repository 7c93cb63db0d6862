"""The glossary: explicit 名词解释 entries, 注 lists, inline coined terms, cross-document links."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers import Report, parse_text
from baogao.parsers.glossary import extract_glossary, is_coined, term_key
from baogao.parsers.link import link_glossaries
from baogao.parsers.model import Metadata, Section, SectionKind, Term, TermSource, report_label

S000 = "000_9cdd8c7042c58540.txt"
S001 = "001_ef57adda5fbd631f.txt"
S002 = "002_27bfb2a93ca679f4.txt"
S003 = "003_bd5523f91e16bcf1.txt"
S004 = "004_c029eef56a02c8f7.txt"


def by_key(report: Report) -> dict[str, Term]:
    return {term.key: term for term in report.glossary}


def explicit(report: Report) -> list[Term]:
    return [term for term in report.glossary if term.source is TermSource.EXPLICIT]


def gold_doc(gold: dict[str, Any], name: str) -> dict[str, Any]:
    return next(doc for doc in gold["doc"] if doc["file"] == name)


def glossary_of(text: str, title: str = "名词解释", emphasis: tuple[tuple[int, int], ...] = ()):
    """Glossary of `text` where a glossary section starts at the line `title`."""
    start = text.index(title)
    body = Section("正文", SectionKind.WORK, 0, 0, 0, start)
    glossary = Section(title, SectionKind.GLOSSARY, 0, start, start + len(title) + 1, len(text))
    return extract_glossary(text, (body, glossary), emphasis)


# --- explicit entries on the seeds (real pipeline) -----------------------------------


def test_seed_001_glossary_has_gold_entry_count(seed_reports, gold):
    assert len(explicit(seed_reports[S001])) == gold_doc(gold, S001)["glossary_count"] == 27


def test_seed_001_glossary_holds_gold_sample_by_key(seed_reports, gold):
    keys = {term.key for term in explicit(seed_reports[S001])}
    assert set(gold_doc(gold, S001)["glossary_sample"]) <= keys


@pytest.mark.parametrize("name", [S000, S002, S003, S004])
def test_seeds_without_glossary_section_have_no_explicit_terms(seed_reports, gold, name):
    assert len(explicit(seed_reports[name])) == gold_doc(gold, name)["glossary_count"] == 0


def test_explicit_terms_are_clean_and_every_definition_is_whole(seed_reports):
    for term in explicit(seed_reports[S001]):
        assert "**" not in term.term and not term.term.endswith(("：", ":"))
        assert term.definition and "**" not in term.definition
        assert term.definition.endswith(("。", "新源")), term.term
        assert term.span is not None


def test_four_headword_shapes_of_001_read_cleanly(seed_reports):
    terms = by_key(seed_reports[S001])
    assert terms["枫桥经验"].term == "“枫桥经验”"  # **“t”**：d
    assert terms["两品一标"].term == "两品一标"  # **t**：d
    assert terms["1681工作举措"].term.replace(" ", "") == "“1681”工作举措"  # **“t” suffix**：d
    assert terms["两专行动"].term == "“两专”行动"  # **“t”行动：**d
    assert terms["两专行动"].definition == "安全生产专项检查和安全生产专项整治。"


def test_entry_continued_across_page_break_keeps_whole_definition(seed_reports):
    terms = by_key(seed_reports[S001])
    four_up = terms["四上企业"].definition or ""
    assert four_up.startswith("现阶段统计工作中对达到一定规模")
    assert "限额及以上企业的统称" in four_up and four_up.endswith("规模以上服务业企业。")
    plan = terms["1681工作举措"].definition or ""
    assert "8个重大战略实施路径" in plan and plan.endswith("草原明珠·醉美新源。")


def test_definition_lines_with_a_colon_are_not_read_as_entries(seed_reports):
    keys = {term.key for term in explicit(seed_reports[S001])}
    assert not {"1个目标", "6大主导产业", "8个重大战略实施路径", "1个品牌"} & keys


def test_explicit_term_span_covers_its_entry(seed_reports):
    report = seed_reports[S001]
    term = by_key(report)["放管服"]
    assert term.span is not None
    assert report.text[term.span[0] : term.span[1]] == "“放管服”：简政放权、放管结合、优化服务。"


def test_explicit_term_lists_body_occurrences_outside_its_entry(seed_reports):
    report = seed_reports[S001]
    term = by_key(report)["放管服"]
    assert term.span is not None
    assert len(term.occurrences) == 2
    for occurrence in term.occurrences:
        assert report.text[occurrence.start : occurrence.end] == "“放管服”"
        assert not term.span[0] <= occurrence.start < term.span[1]
        assert occurrence.section == report.section_path(occurrence.start)[-1].title


def test_occurrence_of_a_term_with_suffix_matches_quoted_form(seed_reports):
    report = seed_reports[S001]
    written = {report.text[o.start : o.end] for o in by_key(report)["三公经费"].occurrences}
    assert written == {"“三公”经费"}
    written = {report.text[o.start : o.end] for o in by_key(report)["1681工作举措"].occurrences}
    assert written == {"“1681”工作举措"}


def test_quoted_core_of_explicit_term_is_not_a_second_inline_term(seed_reports):
    keys = [term.key for term in seed_reports[S001].glossary]
    assert len(keys) == len(set(keys))
    assert not {"四上", "三公", "1681", "1+5+N", "六项行动"} & set(keys)


# --- glossary shapes beyond the seeds ------------------------------------------------

NUMBERED = """正文用了“两新”和“三项制度”。

名词注释

1.两新：推动新一轮大规模设备更新和消费品以旧换新。
2、“三项制度”：劳动用工制度、人事管理制度、收入分配制度。
（3）放管服：简政放权、放管结合、
优化服务。
“一老一小”：针对老年人和儿童的服务体系。
④ 三农:农业、农村、农民。

附件：2026年民生实事清单
1.新建学校：3所。
"""


def test_numbered_and_plain_entries_are_read():
    terms = {term.key: term for term in glossary_of(NUMBERED, "名词注释")}
    assert [t.term for t in terms.values() if t.source is TermSource.EXPLICIT] == [
        "两新",
        "“三项制度”",
        "放管服",
        "“一老一小”",
        "三农",
    ]
    assert terms["放管服"].definition == "简政放权、放管结合、\n优化服务。"
    assert terms["三农"].definition == "农业、农村、农民。"


def test_appendix_after_glossary_is_not_read_as_terms():
    terms = {term.key for term in glossary_of(NUMBERED, "名词注释")}
    assert "新建学校" not in terms
    defn = next(t for t in glossary_of(NUMBERED, "名词注释") if t.key == "三农").definition
    assert defn is not None and "附件" not in defn


def test_plain_headword_finds_quoted_body_use():
    term = next(t for t in glossary_of(NUMBERED, "名词注释") if t.key == "两新")
    assert [NUMBERED[o.start : o.end] for o in term.occurrences] == ["“两新”"]


def test_bold_headword_without_colon_is_an_entry():
    text = "名词解释\n两新 推动设备更新和消费品以旧换新。\n"
    start = text.index("两新")
    (term,) = glossary_of(text, emphasis=((start, start + 2),))
    assert (term.term, term.definition) == ("两新", "推动设备更新和消费品以旧换新。")


def test_glossary_heading_is_found_when_outline_marked_none():
    text = "报告正文提到“放管服”改革。\n\n名词解释\n\n“放管服”：简政放权、放管结合、优化服务。\n"
    whole = (Section("正文", SectionKind.OTHER, 0, 0, 0, len(text)),)
    (term,) = extract_glossary(text, whole, ())
    assert (
        term.source is TermSource.EXPLICIT and term.definition == "简政放权、放管结合、优化服务。"
    )
    assert [text[o.start : o.end] for o in term.occurrences] == ["“放管服”"]


def test_note_list_in_body_defines_terms():
    text = (
        "推进“两新”工作。\n注：\n1.两新：设备更新和以旧换新。\n"
        "2.三保：保基本民生、保工资、保运转。\n下一段正文。\n"
    )
    terms = {t.key: t for t in extract_glossary(text, (), ())}
    assert terms["两新"].definition == "设备更新和以旧换新。"
    assert terms["三保"].source is TermSource.EXPLICIT
    assert "下一段正文" not in (terms["三保"].definition or "")


def test_note_line_that_is_not_a_definition_gives_no_term(seed_reports):
    report = seed_reports[S002]
    assert not [t for t in report.glossary if "右下角" in t.term or t.key == "1"]
    text = "注：文中右下角“1”等数字，是名词术语注释序号，注释附后。\n"
    assert extract_glossary(text, (), ()) == ()


def test_key_drops_quotes_and_white_space():
    assert term_key("“1681” 工作举措") == "1681工作举措"
    assert term_key("《“十四五”规划》") == "十四五规划"
    assert term_key("**“三公”经费**") == "三公经费"


# --- inline coined terms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (S000, "两重"),
        (S000, "6+2"),
        (S000, "1+18+11"),
        (S000, "一带一路"),
        (S001, "1+5"),
        (S001, "两个确立"),
        (S002, "11532"),
        (S002, "两免一补"),
        (S003, "10+1产业集群"),
        (S003, "14561"),
        (S003, "1+10+X+N"),
        (S003, "两重"),
        (S004, "1+4+N"),
        (S004, "访惠聚"),
        (S004, "互联网+监管"),
    ],
)
def test_coined_terms_in_body_are_inline_terms(seed_reports, name, key):
    term = by_key(seed_reports[name])[key]
    assert term.source is TermSource.INLINE
    assert term.definition is None and term.defined_in is None
    assert term.occurrences


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (S000, "十四五"),  # plan name
        (S000, "后半篇文章"),
        (S000, "断头路"),
        (S000, "好房子"),
        (S001, "十五五"),
        (S001, "金招牌"),
        (S001, "同心圆"),
        (S001, "刀刃"),
        (S001, "专业化、精细化、特色化、创新型"),  # long phrase
        (S002, "十一五"),
        (S002, "双语"),
        (S002, "1"),  # footnote number
        (S003, "指南针"),
        (S003, "店小二"),
        (S003, "组合拳"),
        (S003, "2024冰雪旅游理想目的地"),
        (S004, "一刀切"),
        (S004, "金字招牌"),
        (S004, "建设现代化国际城市"),
    ],
)
def test_ordinary_quoted_phrases_stay_out_of_glossary(seed_reports, name, key):
    assert key not in by_key(seed_reports[name])


@pytest.mark.parametrize(
    ("phrase", "after"),
    [
        ("两新", ""),
        ("1+5+N", ""),
        ("10+1产业集群", ""),
        ("6+2", "特色产业"),
        ("1681", "工作举措"),
        ("双随机、一公开", ""),
        ("互联网+政务服务", ""),
        ("放管服", "改革"),
        ("访惠聚", "工作机制"),
        ("数据要素×", "大赛"),
        ("链长制", ""),
    ],
)
def test_is_coined_accepts_slogans_and_formulas(phrase, after):
    assert is_coined(phrase, after)


@pytest.mark.parametrize(
    ("phrase", "after"),
    [
        ("十四五", "规划"),
        ("九五", "普法"),
        ("一盘棋", "思想"),
        ("2024", ""),
        ("1", ""),
        ("金招牌", ""),
        ("放管服", ""),  # a bare quoted word needs a programme word after it
        ("发动和依靠群众，坚持矛盾不上交", ""),
        ("十五五规划》", ""),
        ("一带、两轴、三心、七片", "总体空间"),
        ("体制", ""),
    ],
)
def test_is_coined_rejects_ordinary_phrases(phrase, after):
    assert not is_coined(phrase, after)


def test_inline_terms_follow_explicit_ones_in_reading_order(seed_reports):
    glossary = seed_reports[S001].glossary
    sources = [term.source for term in glossary]
    assert sources == sorted(sources, key=lambda s: s is TermSource.INLINE)
    starts = [t.occurrences[0].start for t in glossary if t.source is TermSource.INLINE]
    assert starts == sorted(starts)


# --- across documents ----------------------------------------------------------------


@pytest.mark.parametrize("name", [S000, S004])
def test_term_used_in_one_report_resolves_to_definition_in_another(seed_reports, name):
    source = seed_reports[S001]
    term = by_key(seed_reports[name])["三项计划"]
    assert term.source is TermSource.INLINE
    assert term.definition == by_key(source)["三项计划"].definition
    assert term.defined_in == report_label(source.meta, source.path)


def test_quoted_term_defined_elsewhere_joins_the_glossary(seed_reports):
    report = seed_reports[S004]
    term = by_key(report)["枫桥经验"]
    assert term.definition and term.definition.startswith("20世纪60年代初")
    assert {report.text[o.start : o.end] for o in term.occurrences} == {"“枫桥经验”"}


def test_explicit_terms_are_labelled_with_their_own_report(seed_reports):
    report = seed_reports[S001]
    label = report_label(report.meta, report.path)
    assert label
    assert {term.defined_in for term in explicit(report)} == {label}


def test_term_no_report_defines_stays_undefined(seed_reports):
    assert by_key(seed_reports[S000])["两重"].definition is None


def test_linking_leaves_reports_without_shared_terms_unchanged():
    one = parse_text("推进“两重”建设。\n", "a.txt")
    assert link_glossaries((one,)) == (one,)


def test_report_label_names_region_type_and_year():
    meta = Metadata(title="政府工作报告", region="新源县", plan_year=2026)
    assert report_label(meta, "x/001.txt") == "新源县 政府工作报告 2026"
    assert report_label(Metadata(), "x/001.txt") == "001"
    assert report_label(Metadata(title="伊宁市“十二五”规划纲要", region="伊宁市"), "p") == (
        "伊宁市“十二五”规划纲要"
    )


def test_linking_scans_each_report_once_whatever_the_corpus_size(seed_reports, monkeypatch):
    # Linear, by count not by clock: each report's text is scanned for quoted phrases
    # once, and searched for borrowed terms at most once, however many reports and
    # definitions there are.
    from baogao.parsers import link

    scanned: list[int] = []

    def counting(function):
        def counted(text, *args):
            scanned.append(len(text))
            return function(text, *args)

        return counted

    monkeypatch.setattr(link, "quoted_spans", counting(link.quoted_spans))
    monkeypatch.setattr(link, "find_occurrences", counting(link.find_occurrences))
    base = tuple(seed_reports.values())
    for copies in (1, 40):
        scanned.clear()
        many = tuple(replace(r, path=f"{i}-{r.path}") for i in range(copies) for r in base)
        linked = link_glossaries(many)
        assert len(linked) == len(many)
        assert scanned, "nothing was scanned: the count checks nothing"
        assert sum(scanned) <= 2 * sum(len(report.text) for report in many)


# --- speed and robustness ------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="名词解释注：:“”+12两新。，\n**附件政府 ", max_size=200))
def test_extract_never_raises_and_spans_stay_in_text(text):
    whole = (Section("正文", SectionKind.OTHER, 0, 0, 0, len(text)),)
    for term in extract_glossary(text, whole, ()):
        assert term.key
        for occurrence in term.occurrences:
            assert 0 <= occurrence.start < occurrence.end <= len(text)


SHAPES = """名词解释

【两新】推动新一轮大规模设备更新和消费品以旧换新。
“两重”是指国家重大战略实施和重点领域安全能力建设。
一、经济类
1.三保
保基本民生、保工资、保运转。
¹ 四上企业：规模以上工业企业等的统称。
"""


def test_bracket_verb_and_own_line_headwords_are_read():
    terms = {t.key: t for t in glossary_of(SHAPES) if t.source is TermSource.EXPLICIT}
    assert list(terms) == ["两新", "两重", "三保", "四上企业"]
    assert terms["两新"].term == "两新"
    assert terms["两重"].term == "“两重”"
    assert terms["两重"].definition == "国家重大战略实施和重点领域安全能力建设。"
    assert terms["三保"].definition == "保基本民生、保工资、保运转。"


def test_heading_inside_glossary_is_not_an_entry():
    assert "经济类" not in {t.key for t in glossary_of(SHAPES)}


def test_note_after_colon_on_same_line_defines_term():
    text = "扩大“两重”投资。\n注：“两重”是指国家重大战略实施和重点领域安全能力建设。\n"
    (term,) = extract_glossary(text, (), ())
    assert term.source is TermSource.EXPLICIT and term.key == "两重"
    assert [text[o.start : o.end] for o in term.occurrences] == ["“两重”"]


def test_footnote_mark_inside_quotes_does_not_hide_a_term():
    text = "实施“西新工程¹”和“两新²”。\n"
    terms = {t.key: t for t in extract_glossary(text, (), ())}
    assert "两新" in terms
    assert [text[o.start : o.end] for o in terms["两新"].occurrences] == ["“两新²”"]


def make_report(text: str, path: str, region: str | None = None) -> Report:
    """A report whose glossary is extracted from `text` (a 名词解释 heading line opens it)."""
    whole = (Section("正文", SectionKind.OTHER, 0, 0, 0, len(text)),)
    return Report(
        path=path,
        text=text,
        meta=Metadata(title="政府工作报告", region=region, plan_year=2026),
        sections=whole,
        glossary=extract_glossary(text, whole, ()),
    )


DEFINES = (
    "实施“1+5+N”体系。\n\n名词解释\n\n“四上”企业：规模以上企业的统称。\n"
    "“1+5+N”：1个集团、5个板块、N个子公司。\n"
)


def test_quoted_core_in_another_report_resolves_to_term_with_suffix():
    source = make_report(DEFINES, "a.txt", "新源县")
    user = make_report("新增“四上”企业13家，“四上”占比提高。\n", "b.txt", "伊宁市")
    (term,) = link_glossaries((source, user))[1].glossary
    assert term.term == "“四上”" and term.source is TermSource.INLINE
    assert term.definition == "规模以上企业的统称。"
    assert term.defined_in == "新源县 政府工作报告 2026"
    assert [(o.start, o.end) for o in term.occurrences] == [(2, 6), (12, 16)]


def test_number_formula_is_lent_only_within_its_region():
    source = make_report(DEFINES, "a.txt", "新源县")
    elsewhere = make_report("构建“1+5+N”产业体系。\n", "b.txt", "伊宁市")
    same_place = make_report("完善“1+5+N”体系。\n", "c.txt", "新源县")
    _, far, near = link_glossaries((source, elsewhere, same_place))
    assert {t.key: t.definition for t in far.glossary}["1+5+N"] is None
    assert {t.key: t.definition for t in near.glossary}["1+5+N"] == "1个集团、5个板块、N个子公司。"


def test_whole_quoted_key_is_an_occurrence_of_term_with_suffix():
    text = "统计“四上企业”数量。\n\n名词解释\n\n“四上”企业：规模以上企业的统称。\n"
    (term,) = extract_glossary(text, (Section("正文", SectionKind.OTHER, 0, 0, 0, len(text)),), ())
    assert [text[o.start : o.end] for o in term.occurrences] == ["“四上企业”"]
