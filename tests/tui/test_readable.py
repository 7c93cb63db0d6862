"""Readable and forgiving at 80, 120 and 200 columns: what a new user sees, by keys only."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.color import Color
from textual.pilot import Pilot

from baogao.parsers import Corpus, Report
from baogao.tui.app import BaogaoApp
from baogao.tui.contrast import MINIMUM_CONTRAST, contrast_ratio
from baogao.tui.screens.help import HelpScreen
from baogao.tui.widgets.outline import CURRENT
from tests.tui.helpers import screen_lines, screen_text, widget_text

SIZES = [(80, 24), (120, 36), (200, 50)]


async def wait_for_index(app: BaogaoApp, pilot: Pilot[None]) -> None:
    for _ in range(200):
        if app.search_index is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the search index was never built")


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_fits_the_width_and_ends_in_an_ellipsis_when_keys_are_left_out(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("tab")  # the reader: the pane with the most keys
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert cell_len(footer) <= size[0]
        assert "? Help" in footer and "q Quit" in footer
        if size[0] == 80:
            assert footer.endswith("…")  # the rest is in help (?)


@pytest.mark.parametrize("size", SIZES)
async def test_the_breadcrumb_keeps_its_end_and_cuts_the_front_with_an_ellipsis(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("tab")
        await pilot.press(*"]]]")  # into a nested section: a long trail
        await pilot.pause()
        crumb = widget_text(app, app.breadcrumb)
        section = app.report.section_path(app.reader.cursor_offset or 0)[-1]  # type: ignore[union-attr]
        title = section.title
        assert crumb.rstrip().endswith(title[-4:])  # the section the reader is in stays
        assert not crumb.rstrip().endswith("›")
        assert "\n" not in crumb
        if cell_len(app.breadcrumb.plain) > app.breadcrumb.content_size.width:
            assert crumb.lstrip().startswith("…")


@pytest.mark.parametrize("size", SIZES)
async def test_the_outline_follows_section_keys_and_marks_the_current_section(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.outline.has_focus  # ] works from the outline too
        await pilot.press("]", "]")
        await pilot.pause()
        section = app.report.section_path(app.reader.cursor_offset or 0)[-1]  # type: ignore[union-attr]
        cursor = app.outline.cursor_node
        assert cursor is not None and cursor.entry.section is section
        marked = [line for line in widget_text(app, app.outline).splitlines() if CURRENT in line]
        assert len(marked) == 1
        assert section.title[:4] in marked[0]


@pytest.mark.parametrize("size", SIZES)
async def test_angle_keys_resize_the_outline_and_the_width_is_remembered(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        before = app.outline.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        wider = app.outline.outer_size.width
        assert wider == before + 8
    again = BaogaoApp()
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        assert again.outline.outer_size.width == wider


async def test_dragging_the_outline_edge_resizes_it() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        edge = app.outline.outer_size.width - 1
        top = app.outline.region.y
        await pilot.mouse_down(app.outline, offset=(edge, 2))
        await pilot.hover(app.outline, offset=(edge + 10, 2))
        await pilot.mouse_up(app.outline, offset=(edge + 10, 2))
        await pilot.pause()
        assert app.outline.outer_size.width == edge + 11
        assert top == app.outline.region.y


@pytest.mark.parametrize("size", SIZES)
async def test_section_titles_read_whole_where_the_screen_can_spare_the_width(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "l")  # open 政府工作报告 2026 of 伊宁市
        await pilot.pause()
        outline = widget_text(app, app.outline)
        if size[0] >= 120:
            assert "一、“十四五”和2025年工作回顾" in outline
        else:
            assert "一、“十四五”" in outline  # cut, with an ellipsis, at 80 columns
            assert "…" in outline


@pytest.mark.parametrize("size", SIZES)
async def test_reopening_returns_to_the_report_and_place_left(size: tuple[int, int]) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j", "j", "j", "enter")  # 新源县's report
        await pilot.pause()
        await pilot.press("tab", *"]]")
        await pilot.pause()
        left = app.report
        crumb = app.breadcrumb.plain
    assert left is not None
    again = BaogaoApp()
    async with again.run_test(size=size) as pilot:
        await pilot.pause()
        assert again.report is not None and again.report.path == left.path
        assert again.breadcrumb.plain == crumb
        assert left.meta.region in screen_lines(again)[0]


@pytest.mark.parametrize("size", SIZES)
async def test_bookmark_place_after_a_search_jump_is_the_sentence_not_the_term(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await wait_for_index(app, pilot)
        await pilot.press("slash", *"招商引资到位资金", "enter")
        await pilot.pause()
        location = app.current_location()
        assert location is not None
        report = next(r for r in app.reports if r.path == location.path)
        sentence = report.text[location.start : location.end]
        assert "招商引资到位资金" in sentence
        assert len(sentence) > len("招商引资到位资金") + 4
        assert sentence.rstrip().endswith(("。", "；", "！", "？"))


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_the_search_dialog_keys_once_each(size: tuple[int, int]) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen.groups)
        search = dict((description, keys) for keys, description in groups["Search dialog"])
        assert search["This doc / all"] == "^t"
        assert search["Kind filter"] == "^k"
        assert search["Close"] == "esc"
        for _title, rows in groups.items():
            descriptions = [description for _keys, description in rows]
            assert len(descriptions) == len(set(descriptions))
        assert "help quit" not in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_the_section_table_says_whose_section_it_is_after_picking_another_region(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("tab", *"]]]")  # a section of 伊宁市's report with figures
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("j", "enter")  # the second region: 新源县
        await pilot.pause()
        text = screen_text(app)
        assert "Indicators · 新源县" in text
        assert "This section of 伊宁市" in text


# --------------------------------------------------------------------------- contrast

TEXT_COMPONENTS = (
    "reader--figure",
    "reader--term",
    "reader--heading-0",
    "reader--heading-1",
    "reader--heading-2",
)


async def test_every_theme_draws_figures_terms_and_headings_at_4_5_to_1() -> None:
    """Themes with ANSI colours are left out: there the terminal picks the colours."""
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        themes = [name for name in app.available_themes if not name.startswith("ansi")]
        assert "textual-light" in themes and "textual-dark" in themes
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            _, _, background, _ = app.reader.colors
            for component in TEXT_COMPONENTS:
                style = app.reader.readable_style(component)
                assert style.color is not None
                colour = Color.from_rich_color(style.color)
                ratio = contrast_ratio(colour, background)
                assert ratio >= MINIMUM_CONTRAST, (theme, component, round(ratio, 2))


async def test_a_figure_on_screen_is_drawn_in_the_readable_colour_in_the_light_theme() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        figure = app.reader.readable_style("reader--figure").color
        report = app.reports[0]
        indicator = report.indicators[len(report.indicators) // 2]
        await pilot.press("tab")
        for _ in range(200):  # page on to the indicator's line, as a reader would
            if app.reader.cursor_offset and app.reader.cursor_offset >= indicator.start - 40:
                break
            await pilot.press("j")
        await pilot.pause()
        drawn = [
            segment.text
            for y in range(app.reader.size.height)
            for segment in app.reader.render_line(y)
            if segment.style is not None and segment.style.color == figure
        ]
        assert drawn, "no figure drawn on the first screen"


async def test_the_outline_cursor_has_its_own_background_in_both_themes() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            await pilot.press("j")
            row = app.outline.cursor_node
            assert row is not None
            y = app.outline.rows.index(row.label)
            styles = {segment.style.bgcolor for segment in app.outline.render_line(y)}
            other = {segment.style.bgcolor for segment in app.outline.render_line(y + 1)}
            assert None not in styles  # not the terminal's default background
            assert styles != other


@pytest.mark.parametrize("size", SIZES)
async def test_the_search_list_and_the_breadcrumb_count_the_same_places(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await wait_for_index(app, pilot)
        await pilot.press("slash", *"招商引资")
        await pilot.pause(0.6)  # typing pauses: the places are counted
        status = re.search(r"(\d+) results · (\d+) places", screen_text(app))
        assert status is not None, screen_text(app)
        places = status.group(2)
        await pilot.press("enter")
        await pilot.pause()
        assert f"place 1 of {places}" in widget_text(app, app.breadcrumb)


CLOSING = "。，、；：！？”）》"


@pytest.mark.parametrize("size", SIZES)
async def test_the_glossary_definition_never_starts_a_line_with_closing_punctuation(
    size: tuple[int, int],
) -> None:
    from baogao.tui.widgets.glossary import Definition, GlossaryPanel, break_lines

    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "j", "j", "j", "enter", "t")  # 新源县, its glossary
        await pilot.pause()
        panel = app.query_one(GlossaryPanel)
        definition = panel.query_one(Definition)
        checked = 0
        for _ in range(12):  # the first terms, one after another
            await pilot.press("j")
            await pilot.pause()
            shown = widget_text(app, definition).splitlines()
            lines = [line.strip() for line in shown if line.strip()]
            assert all(line[0] not in CLOSING for line in lines), lines
            checked += len(lines)
        assert checked > 12
        width = definition.content_size.width
        broken = break_lines(definition.content, width).plain.split("\n")
        assert all(cell_len(line) <= width for line in broken)


@pytest.mark.parametrize("size", SIZES)
async def test_y_copies_the_sentence_with_its_citation(size: tuple[int, int]) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("tab", *"]]", "j")
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        location = app.current_location()
        assert location is not None
        report = app.report
        assert report is not None
        sentence, source = copied.split("\n——")
        assert sentence.replace(" ", "") == report.text[location.start : location.end].replace(
            "\n", ""
        ).replace(" ", "")
        assert "伊宁市" in source and "《政府工作报告 2026》" in source
        assert report.section_path(location.start)[-1].title in source
        assert report.meta.date is None or report.meta.date in source
        assert "Copied" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_percent_goes_to_that_share_of_the_report(size: tuple[int, int]) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("percent_sign", "5", "0", "enter")
        await pilot.pause()
        report = app.report
        assert report is not None
        offset = app.reader.cursor_offset or 0
        assert abs(offset - len(report.text) // 2) < 400  # the line that holds the half
        assert app.reader.has_focus


async def test_lines_stop_at_the_reading_width_on_a_very_wide_terminal() -> None:
    from baogao.tui.widgets.reader import READING_WIDTH

    app = BaogaoApp()
    async with app.run_test(size=(300, 50)) as pilot:
        await pilot.press("tab")
        await pilot.pause()
        widest = max(cell_len(line) for line in app.reader.visible_text().splitlines())
        assert READING_WIDTH - 4 <= widest <= READING_WIDTH
        assert app.reader.scrollable_content_region.width > READING_WIDTH


@pytest.mark.parametrize("size", SIZES)
async def test_a_contested_cell_lists_the_other_figures_under_the_table(
    size: tuple[int, int],
) -> None:
    from baogao.tui.widgets.table import TextTable

    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await pilot.pause()
        table = app.query_one("#region-table", TextTable)
        names = [row[0].plain for row in table.rows]
        row = names.index("外贸进出口总额")
        for _ in range(row):
            await pilot.press("j")
        for _ in range(8):  # along the row to the marked 2011-2015 target
            if table.rows[row][table.cursor_column].plain.endswith("*"):
                break
            await pilot.press("l")
        await pilot.pause()
        assert table.rows[row][table.cursor_column].plain.endswith("*")
        source = widget_text(app, app.query_one("#figure-source"))
        assert "* also" in source
        assert "五年规划纲要" in source


def _copy(report: Report, path: str, **meta: object) -> Report:
    return dataclasses.replace(report, path=path, meta=dataclasses.replace(report.meta, **meta))


@pytest.mark.parametrize("size", SIZES)
async def test_the_outline_counts_documents_shows_a_copy_once_and_names_files_that_tie(
    size: tuple[int, int], seed_corpus: Corpus
) -> None:
    yining = seed_corpus.reports[0]
    copy = _copy(yining, "/elsewhere/copy.txt")  # the same text under another path
    namesake = dataclasses.replace(
        _copy(yining, "/elsewhere/draft.txt"), text=yining.text + "\n附件"
    )  # a different text with the same name
    corpus = Corpus((*seed_corpus.reports, copy, namesake), ())
    app = BaogaoApp(corpus)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = app.outline.rows
        label = yining.label(with_region=False)
        assert f"{label} · copy.txt" not in rows  # the copy is not listed
        assert f"{label} · draft.txt" in rows
        assert f"{label} · {Path(yining.path).name}" in rows
        text = widget_text(app, app.outline)
        region = yining.meta.region or ""
        assert f"{region} 3" in text  # 2026, the plan, the draft


NOTICE = "Bookmarked: 2024年重点工作 伊宁市 政府工作报告 2026"


@pytest.mark.parametrize("size", SIZES)
async def test_a_notice_keeps_every_character_over_the_panes_edges(size: tuple[int, int]) -> None:
    # Textual's toasts float over the panes and lose a wide character wherever one
    # crosses a pane's edge (2024年重点工作 showed as 2024      工作 with the glossary
    # open at 120 columns); the notice line takes rows of its own.
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")  # the glossary: beside the reader from 120 columns
        await pilot.pause()
        app.notify(NOTICE, markup=False)
        await pilot.pause()
        lines = screen_lines(app)
        assert any(line.strip() == "› " + NOTICE for line in lines), lines[-4:]
        assert lines[-1].lstrip().startswith(("f Filter", "? Help"))  # the keys stay below it


@pytest.mark.parametrize("size", SIZES)
async def test_a_notice_from_a_dialog_shows_in_the_dialog_and_goes_when_its_time_is_up(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("B")  # the bookmarks list: a dialog
        await pilot.pause()
        app.notify("没有书签可删：2024年重点工作", severity="warning", timeout=0.3)
        await pilot.pause()
        assert "! 没有书签可删：2024年重点工作" in screen_text(app)
        await pilot.pause(0.6)
        assert "没有书签可删" not in screen_text(app)


async def test_a_notice_escapes_control_characters_and_reads_markup_only_when_asked() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("[b]x[/b] \x1b]52;c;AAAA\x07", markup=False)
        app.notify("[b]粗体[/b]", title="标题")
        await pilot.pause()
        text = screen_text(app)
        assert "[b]x[/b] \\x1b]52;c;AAAA\\x07" in text
        assert "› 标题: 粗体" in text
