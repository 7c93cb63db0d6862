"""The glossary sidebar and the indicator tables, each mounted alone and driven by keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input

from baogao.display import format_figure
from baogao.figures import build_region_table
from baogao.parsers.model import (
    Indicator,
    IndicatorKind,
    Location,
    Metadata,
    Occurrence,
    Report,
    Section,
    SectionKind,
    Term,
    TermSource,
)
from baogao.search.terms import filter_terms, ordered_terms, spell_terms
from baogao.tui.widgets.glossary import (
    NOT_DEFINED,
    GlossaryPanel,
    TermList,
    term_detail,
)
from baogao.tui.widgets.indicators import (
    IndicatorPanel,
    column_label,
)
from baogao.tui.widgets.table import TextTable

ACTUAL, TARGET = IndicatorKind.ACTUAL, IndicatorKind.TARGET

# ---------------------------------------------------------------- hand-built reports

WORK_TEXT = (
    "一、2025年工作回顾\n"
    "预计全年地区生产总值439.77亿元、同比增长3.4%左右，固定资产投资增长1.4%。"
    "深入推进“三项计划”，坚持和发展新时代“枫桥经验”。\n"
    "二、2026年重点工作\n"
    "地区生产总值增长6.5%左右，一般公共预算收入下降2.1%。"
    "继续实施“三项计划”和“两重”建设。\n"
    "名词解释\n"
    "“枫桥经验”：基层社会治理经验。\n"
)


def _span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _section(text: str, title: str, end_marker: str | None, kind: SectionKind) -> Section:
    start = text.index(title)
    end = text.index(end_marker) if end_marker else len(text)
    return Section(title, kind, 0, start, start + len(title) + 1, end)


def _indicator(text: str, phrase: str, section: str, **fields: object) -> Indicator:
    start, end = _span(text, phrase)
    return Indicator(section=section, start=start, end=end, sentence=phrase, **fields)  # type: ignore[arg-type]


def work_report(path: str = "/seeds/yining-2026.txt") -> Report:
    text = WORK_TEXT
    review = _section(text, "一、2025年工作回顾", "二、", SectionKind.REVIEW)
    work = _section(text, "二、2026年重点工作", "名词解释", SectionKind.WORK)
    glossary = _section(text, "名词解释", None, SectionKind.GLOSSARY)
    indicators = (
        _indicator(
            text, "地区生产总值439.77亿元、同比增长3.4%左右", review.title,
            name="地区生产总值", raw_name="地区生产总值", period="2025", kind=ACTUAL,
            value=439.77, unit="亿元", growth=3.4, growth_basis="yoy", qualifier="左右",
        ),
        _indicator(
            text, "固定资产投资增长1.4%", review.title,
            name="固定资产投资", raw_name="固定资产投资", period="2025", kind=ACTUAL,
            growth=1.4, growth_basis="yoy",
        ),
        _indicator(
            text, "地区生产总值增长6.5%左右", work.title,
            name="地区生产总值", raw_name="地区生产总值", period="2026", kind=TARGET,
            growth=6.5, growth_basis="yoy", qualifier="左右",
        ),
        _indicator(
            text, "一般公共预算收入下降2.1%", work.title,
            name="一般公共预算收入", raw_name="一般公共预算收入", period="2026", kind=TARGET,
            growth=-2.1, growth_basis="yoy",
        ),
    )  # fmt: skip
    fengqiao = Term(
        term="“枫桥经验”",
        key="枫桥经验",
        definition="基层社会治理经验。",
        source=TermSource.EXPLICIT,
        defined_in="伊宁市2026年政府工作报告",
        occurrences=(Occurrence(review.title, *_span(text, "枫桥经验")),),
        span=_span(text, "“枫桥经验”：基层社会治理经验。"),
    )
    three_plans = Term(
        term="“三项计划”",
        key="三项计划",
        definition="各民族青少年交流计划，各民族互嵌式发展计划，旅游促进各民族交往交流交融计划。",
        source=TermSource.INLINE,
        defined_in="新源县2026年政府工作报告",
        occurrences=(
            Occurrence(work.title, *_span(text, "三项计划", 1)),
            Occurrence(review.title, *_span(text, "三项计划", 0)),
        ),
    )
    two_key = Term(
        term="“两重”",
        key="两重",
        definition=None,
        source=TermSource.INLINE,
        defined_in=None,
        occurrences=(Occurrence(work.title, *_span(text, "两重")),),
    )
    return Report(
        path=path,
        text=text,
        meta=Metadata(
            title="伊宁市2026年政府工作报告",
            region="伊宁市",
            doc_type="政府工作报告",
            review_year=2025,
            plan_year=2026,
        ),
        sections=(review, work, glossary),
        glossary=(three_plans, two_key, fengqiao),  # inline listed first on purpose
        indicators=indicators,
    )


PLAN_TEXT = (
    "第二章主要目标\n全市生产总值年均增长21.9%，达到270亿元；城镇登记失业率控制在3.8%以内。\n"
)


def plan_report(path: str = "/seeds/yining-plan.txt") -> Report:
    text = PLAN_TEXT
    goals = _section(text, "第二章主要目标", None, SectionKind.GOALS)
    indicators = (
        _indicator(
            text, "生产总值年均增长21.9%，达到270亿元", goals.title,
            name="地区生产总值", raw_name="生产总值", period="2011-2015", kind=TARGET,
            value=270, unit="亿元", growth=21.9, growth_basis="annual_avg",
        ),
        _indicator(
            text, "城镇登记失业率控制在3.8%以内", goals.title,
            name="城镇登记失业率", raw_name="城镇登记失业率", period="2011-2015", kind=TARGET,
            value=3.8, unit="%", qualifier="以内",
        ),
    )  # fmt: skip
    meta = Metadata(region="伊宁市", doc_type="五年规划纲要", plan_period="2011-2015")
    return Report(path, text, meta, (goals,), indicators=indicators)


def indicator(**fields: object) -> Indicator:
    base: dict[str, object] = dict(name="地区生产总值", raw_name="", period="2026", kind=TARGET)
    return Indicator(**{**base, **fields})  # type: ignore[arg-type]


def screen_text(app: App[Any]) -> str:
    """What the screen shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


class PanelApp(App[None]):
    """A tiny app holding one panel and recording the jumps it asks for."""

    def __init__(self, panel: GlossaryPanel | IndicatorPanel) -> None:
        super().__init__()
        self.panel = panel
        self.jumps: list[Location] = []

    def compose(self) -> ComposeResult:
        yield self.panel

    def on_glossary_panel_jump_requested(self, message: GlossaryPanel.JumpRequested) -> None:
        self.jumps.append(message.location)

    def on_indicator_panel_jump_requested(self, message: IndicatorPanel.JumpRequested) -> None:
        self.jumps.append(message.location)


# ---------------------------------------------------------------- indicator formatting


def test_column_label_keeps_actual_and_target_apart() -> None:
    assert column_label("2025", ACTUAL) == "2025 实际"
    assert column_label("2026", TARGET) == "2026 目标"


# ---------------------------------------------------------------- the region table as data


def test_region_table_columns_put_the_newest_period_first() -> None:
    table = build_region_table((work_report(), plan_report()))
    assert table.columns == (("2026", TARGET), ("2025", ACTUAL), ("2011-2015", TARGET))


def test_region_table_puts_headline_indicators_first() -> None:
    table = build_region_table((work_report(), plan_report()))
    names = [name for name, _ in table.rows]
    assert names == ["地区生产总值", "固定资产投资", "一般公共预算收入", "城镇登记失业率"]


def test_a_cell_with_a_different_competing_figure_is_contested() -> None:
    report = work_report()
    rival = indicator(name="地区生产总值", period="2025", kind=ACTUAL, value=440.1, unit="亿元")
    doubled = Report(report.path, report.text, report.meta, report.sections,
                     indicators=(*report.indicators, rival))  # fmt: skip
    table = build_region_table((doubled,))
    cell = table.rows[0][1][table.columns.index(("2025", ACTUAL))]
    assert cell is not None and cell.contested
    assert cell.shown.indicator.value == 439.77 and cell.others[0].indicator is rival


def test_region_table_keeps_the_most_complete_duplicate() -> None:
    report = work_report()
    bare_repeat = indicator(name="地区生产总值", period="2025", kind=ACTUAL, growth=3.4)
    doubled = Report(report.path, report.text, report.meta, report.sections,
                     indicators=(bare_repeat, *report.indicators))  # fmt: skip
    table = build_region_table((doubled,))
    gdp_2025 = table.rows[0][1][table.columns.index(("2025", ACTUAL))]
    assert gdp_2025 is not None and gdp_2025.shown.indicator.value == 439.77
    assert [other.indicator for other in gdp_2025.others] == [bare_repeat]
    assert not gdp_2025.contested  # the same growth, less complete: not another choice


# ---------------------------------------------------------------- the indicator panel


async def test_region_table_shows_the_value_under_its_period_column() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (work_report(), plan_report()))
        await pilot.pause()
        screen = screen_text(app)
        assert "伊宁市" in screen
        assert "政府工作报告 2026 · 五年规划纲要 2011-2015" in screen
        assert "2025 实际" in screen and "2026 目标" in screen
        gdp_line = next(line for line in screen.splitlines() if "地区生产总值" in line)
        assert "439.77亿元 +3.4%左右" in gdp_line
        assert gdp_line.index("+6.5%左右") < gdp_line.index("439.77")  # newest first


async def test_enter_on_a_region_cell_jumps_to_that_figure() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (report,))
        await pilot.pause()
        panel.query_one("#region-table").focus()
        await pilot.press("l", "enter")  # name -> 2026 目标 (newest first)
        target = report.indicators[2]
        assert app.jumps == [Location(report.path, target.start, target.end)]
        assert report.text[target.start : target.end] == "地区生产总值增长6.5%左右"


async def test_highlighted_cell_names_its_document_and_sentence() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (work_report(), plan_report()))
        await pilot.pause()
        panel.query_one("#region-table").focus()
        await pilot.press("l")
        await pilot.pause()
        assert "政府工作报告 2026: 地区生产总值增长6.5%左右" in screen_text(app)
        await pilot.press("l", "l")
        await pilot.pause()
        assert "五年规划纲要 2011-2015: 生产总值年均增长21.9%，达到270亿元" in screen_text(app)


async def test_showing_the_same_region_again_keeps_the_cursor() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    reports = (work_report(), plan_report())
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", reports)
        await pilot.pause()
        table = panel.query_one("#region-table", TextTable)
        table.focus()
        await pilot.press("j", "l")
        panel.show_region("伊宁市", reports)
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column) == (1, 1)
        panel.show_region("伊宁市", reports[:1])
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column) == (0, 0)


async def test_enter_on_the_name_column_jumps_to_the_first_period() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (report,))
        await pilot.pause()
        panel.query_one("#region-table").focus()
        await pilot.press("j", "enter")  # second row: 固定资产投资
        first = report.indicators[1]
        assert app.jumps == [Location(report.path, first.start, first.end)]


async def test_jump_from_region_table_names_the_document_it_came_from() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    plan = plan_report()
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (work_report(), plan))
        await pilot.pause()
        panel.query_one("#region-table").focus()
        await pilot.press("l", "l", "l", "enter")  # 地区生产总值 / 2011-2015 目标 (oldest, last)
        assert [jump.path for jump in app.jumps] == [plan.path]


async def test_g_and_G_move_to_first_and_last_rows() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_region("伊宁市", (work_report(), plan_report()))
        await pilot.pause()
        table = panel.query_one("#region-table", TextTable)
        table.focus()
        await pilot.press("G")
        assert table.cursor_row == 3
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_section_table_lists_only_that_sections_figures() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_section(report, report.sections[1])
        await pilot.pause()
        screen = screen_text(app)
        assert "This section · 2 figures · 二、2026年重点工作" in screen
        assert "−2.1%" in screen
        assert "439.77" not in screen
        table = panel.query_one("#section-table", TextTable)
        table.focus()
        await pilot.press("j", "enter")
        cut = report.indicators[3]
        assert app.jumps == [Location(report.path, cut.start, cut.end)]


async def test_no_section_clears_the_section_table() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(120, 30)) as pilot:
        panel.show_section(report, report.sections[0])
        await pilot.pause()
        panel.show_section(report, None)
        await pilot.pause()
        assert panel.query_one("#section-table", TextTable).row_count == 0
        assert not panel.query_one("#section-table").display
        assert "none selected" in screen_text(app)


async def test_section_without_figures_hides_its_empty_table() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_section(report, report.sections[2])  # 名词解释: no figures
        await pilot.pause()
        assert "This section · no figures · 名词解释" in screen_text(app)
        assert "时期" not in screen_text(app)
        panel.show_section(report, report.sections[0])
        await pilot.pause()
        assert "时期" in screen_text(app)


async def test_region_without_figures_says_so() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    empty = Report(
        "/x/a.txt", "", Metadata(region="昭苏县", doc_type="政府工作报告", plan_year=2025), ()
    )
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_region("昭苏县", (empty,))
        await pilot.pause()
        assert "No figures found in 政府工作报告 2025" in screen_text(app)


async def test_narrow_region_table_keeps_the_name_column_while_scrolling_right() -> None:
    panel = IndicatorPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(38, 20)) as pilot:
        panel.show_region("伊宁市", (work_report(), plan_report()))
        await pilot.pause()
        table = panel.query_one("#region-table", TextTable)
        table.focus()
        await pilot.press("l", "l", "l")
        await pilot.pause()
        gdp_line = next(line for line in screen_text(app).splitlines() if "地区生产总值" in line)
        assert "年均+21.9%" in gdp_line  # the last (oldest) column beside the fixed name


# ---------------------------------------------------------------- glossary data


def test_explicit_terms_come_first_then_inline_in_report_order() -> None:
    keys = [term.key for term in ordered_terms(work_report().glossary)]
    assert keys == ["枫桥经验", "三项计划", "两重"]


def test_filter_matches_substrings_then_subsequences() -> None:
    terms = ordered_terms(work_report().glossary)
    assert [t.key for t in filter_terms(terms, "计划")] == ["三项计划"]
    assert [t.key for t in filter_terms(terms, "枫验")] == ["枫桥经验"]
    assert filter_terms(terms, "  ") == terms
    assert filter_terms(terms, "统计") == ()


def test_filter_by_pinyin_initials_or_syllables() -> None:
    terms = ordered_terms(work_report().glossary)
    index = spell_terms(term.key for term in terms)
    assert [t.key for t in filter_terms(terms, "fqjy", index)] == ["枫桥经验"]
    assert [t.key for t in filter_terms(terms, "sanxiang", index)] == ["三项计划"]


def test_explicit_term_never_claims_to_come_from_elsewhere() -> None:
    report = work_report()
    untitled = Report(report.path, report.text, Metadata(), report.sections)
    fengqiao = report.glossary[2]
    assert "defined in" not in term_detail(fengqiao, untitled).plain
    assert "defined in 新源县" in term_detail(report.glossary[0], untitled).plain


# ---------------------------------------------------------------- the glossary panel


class UnfocusedPanelApp(PanelApp):
    AUTO_FOCUS = None  # like the real app, where the outline takes the first focus


async def test_pinyin_dictionary_loads_only_once_the_filter_is_used() -> None:
    panel = GlossaryPanel()
    app = UnfocusedPanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(work_report())
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert not panel.pinyin_ready
        await pilot.click("#glossary-filter-hint")  # the real filter box takes its place
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.pinyin_ready


async def test_glossary_lists_explicit_terms_before_inline_ones_with_badges() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(work_report())
        await pilot.pause()
        lines = screen_text(app).splitlines()
        fengqiao = next(i for i, line in enumerate(lines) if "释 “枫桥经验”" in line)
        three = next(i for i, line in enumerate(lines) if "引 “三项计划” ×2" in line)
        assert fengqiao < three
        assert "3 terms (1 释)" in lines[0]


async def test_moving_through_terms_shows_each_definition() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(work_report())
        await pilot.pause()
        panel.query_one(TermList).focus()
        assert "基层社会治理经验。" in screen_text(app)
        await pilot.press("j")
        screen = screen_text(app)
        assert "各民族青少年交流计划" in screen
        assert "defined in 新源县2026年政府工作报告" in screen
        assert "2 occurrences: 二、2026年重点工作 · 一、2025年工作回顾" in screen
        await pilot.press("G")
        assert NOT_DEFINED in screen_text(app)


async def test_enter_cycles_through_occurrences_in_reading_order() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    report = work_report()
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(report)
        await pilot.pause()
        panel.query_one(TermList).focus()
        await pilot.press("j", "enter", "enter", "enter")
        first, second = _span(report.text, "三项计划", 0), _span(report.text, "三项计划", 1)
        assert [(j.start, j.end) for j in app.jumps] == [first, second, first]
        assert {j.path for j in app.jumps} == {report.path}


async def test_typing_in_the_filter_narrows_the_list_and_escape_returns_to_it() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(work_report())
        await pilot.pause()
        panel.query_one(TermList).focus()
        await pilot.press("f")
        assert isinstance(app.focused, Input)
        await pilot.press(*"fqjy")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [t.key for t in panel.shown] == ["枫桥经验"]
        assert "1 match" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.focused, TermList)
        await pilot.press("enter")
        assert len(app.jumps) == 1


async def test_show_term_clears_a_hiding_filter_and_selects_the_term() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(work_report())
        await pilot.pause()
        panel.action_focus_filter()  # as the f key does
        await pilot.pause()
        await pilot.press(*"三项")
        await pilot.pause()
        panel.show_term("枫桥经验")
        await pilot.pause()
        assert panel.highlighted_term is not None
        assert panel.highlighted_term.key == "枫桥经验"
        assert len(panel.shown) == 3
        assert "基层社会治理经验。" in screen_text(app)


async def test_document_without_terms_says_so() -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(60, 24)) as pilot:
        panel.show_report(plan_report())
        await pilot.pause()
        assert "No glossary terms in this document" in screen_text(app)


async def test_long_terms_are_cut_with_an_ellipsis_when_narrow() -> None:
    report = work_report()
    key = "推进新型工业化和城乡融合发展示范区建设行动"
    long_term = Term(f"“{key}”", key, None, TermSource.INLINE, None)
    wide = Report(report.path, report.text, report.meta, report.sections, glossary=(long_term,))
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(24, 16)) as pilot:
        panel.show_report(wide)
        await pilot.pause()
        line = next(x for x in screen_text(app).splitlines() if "推进新型" in x)
        assert "…" in line


# ---------------------------------------------------------------- the seeds, once parsed


def test_seed_region_table_reads_yining_gdp_2025(seed_reports: dict[str, Report]) -> None:
    yining = tuple(r for r in seed_reports.values() if r.meta.region == "伊宁市")
    table = build_region_table(yining)
    gdp = dict(table.rows)["地区生产总值"]
    cell = gdp[table.columns.index(("2025", ACTUAL))]
    assert cell is not None and format_figure(cell.shown.indicator).startswith("439.77亿元")
    assert Path(cell.shown.path).name == "000_9cdd8c7042c58540.txt"


def test_inline_terms_defined_elsewhere_come_before_undefined_ones() -> None:
    report = work_report()
    undefined, defined = report.glossary[1], report.glossary[0]
    assert ordered_terms((undefined, defined)) == (defined, undefined)


SEED_001 = "001_ef57adda5fbd631f.txt"
SEED_000 = "000_9cdd8c7042c58540.txt"


async def test_seed_001_glossary_lists_its_27_explained_terms_first(
    seed_reports: dict[str, Report],
) -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_report(seed_reports[SEED_001])
        await pilot.pause()
        assert "(27 释)" in screen_text(app)
        sources = [term.source for term in panel.shown]
        assert sources[:27] == [TermSource.EXPLICIT] * 27
        assert TermSource.EXPLICIT not in sources[27:]


async def test_seed_001_term_definition_is_shown_on_request(
    seed_reports: dict[str, Report],
) -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_report(seed_reports[SEED_001])
        await pilot.pause()
        panel.show_term("三公经费")
        await pilot.pause()
        assert panel.highlighted_term is not None
        assert panel.highlighted_term.key == "三公经费"
        assert "因公出国" in screen_text(app)


async def test_seed_000_term_defined_in_001_names_its_source(
    seed_reports: dict[str, Report],
) -> None:
    panel = GlossaryPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_report(seed_reports[SEED_000])
        await pilot.pause()
        panel.show_term("三项计划")
        await pilot.pause()
        screen = screen_text(app)
        assert "各民族青少年交流计划" in screen
        assert "defined in" in screen
        panel.query_one(TermList).focus()
        await pilot.press("enter")
        start, end = app.jumps[0].start, app.jumps[0].end
        assert "三项计划" in seed_reports[SEED_000].text[start:end]


async def test_seed_yining_gdp_2025_cell_jumps_to_its_sentence_in_000(
    seed_reports: dict[str, Report],
) -> None:
    yining = tuple(r for r in seed_reports.values() if r.meta.region == "伊宁市")
    panel = IndicatorPanel()
    app = PanelApp(panel)
    async with app.run_test(size=(80, 24)) as pilot:
        panel.show_region("伊宁市", yining)
        await pilot.pause()
        panel.query_one("#region-table").focus()
        column = panel.region_table.columns.index(("2025", ACTUAL)) + 1
        await pilot.press(*"l" * column)
        await pilot.pause()
        gdp_line = next(x for x in screen_text(app).splitlines() if "地区生产总值" in x)
        assert "439.77亿元 +3.4%左右" in gdp_line
        await pilot.press("enter")
        (jump,) = app.jumps
        assert Path(jump.path).name == SEED_000
        assert "439.77" in seed_reports[SEED_000].text[jump.start : jump.end]


class LateMountApp(App[None]):
    """Mounts the glossary only when asked, and asks for a term straight away, as the app does."""

    def __init__(self) -> None:
        super().__init__()
        self.panel = GlossaryPanel()

    def on_mount(self) -> None:
        self.mount(self.panel)
        self.panel.show_report(work_report())
        self.panel.show_term("三项计划")


async def test_term_asked_for_before_the_panel_is_composed_is_shown_once_it_is() -> None:
    app = LateMountApp()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        assert app.panel.highlighted_term is not None
        assert app.panel.highlighted_term.key == "三项计划"
        assert "各民族青少年交流计划" in screen_text(app)
