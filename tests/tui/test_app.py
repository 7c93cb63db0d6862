"""The explorer, driven by keys only; assertions are on what the screen shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot

from baogao.parsers.lines import cell_offsets
from baogao.parsers.model import Location, Metadata, Report, Section, SectionKind
from baogao.seeds import seed_paths
from baogao.store.cache import seed_corpus
from baogao.tui.app import BaogaoApp
from baogao.tui.widgets.outline import Outline
from baogao.tui.widgets.reader import layout
from baogao.tui.widgets.table import TextTable
from tests.tui.helpers import from_cell, screen_lines, screen_text, widget_text

SMALL, LARGE = (80, 24), (200, 50)
XINYUAN = "001_ef57adda5fbd631f.txt"  # 新源县 2026, the seed with a 名词解释 section
YINING = "000_9cdd8c7042c58540.txt"  # 伊宁市 2026


def seed(name: str) -> str:
    return next(str(path) for path in seed_paths() if path.name == name)


async def press_until(pilot: Pilot[None], key: str, done: object, limit: int = 80) -> None:
    """Press `key` until `done()` is true (a person pressing j until they see the line)."""
    for _ in range(limit):
        if done():  # type: ignore[operator]
            return
        await pilot.press(key)
    assert done(), f"pressed {key!r} {limit} times without reaching the goal"  # type: ignore[operator]


def outline_cursor(app: BaogaoApp) -> str:
    node = app.query_one(Outline).cursor_node
    return "" if node is None else str(node.label)


def reader_lines(app: BaogaoApp) -> str:
    return app.reader.visible_text()


async def open_side_pane(pilot: Pilot[None]) -> None:
    """Open the glossary (t) and the indicators (i), then Tab back to the outline."""
    await pilot.press("t", "i")
    await pilot.pause()
    await press_until(pilot, "tab", lambda: focused_id(pilot.app) == "outline")  # type: ignore[arg-type]


async def open_in_outline(pilot: Pilot[None], *labels: str) -> None:
    """Walk the outline with j and open each label in turn with Enter (keys only)."""
    app = pilot.app
    for label in labels:
        await press_until(pilot, "j", lambda label=label: outline_cursor(app).startswith(label))
        await pilot.press("enter")
        await pilot.pause()


# --------------------------------------------------------------------------- start


async def test_no_argument_opens_the_seeds_with_the_first_report_in_the_reader() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for region in ("伊宁市", "新源县", "昭苏县", "乌鲁木齐市"):
            assert region in text
        assert "政府工作报告 2026" in text
        assert "各位代表：" in text  # the first report's opening, in the reader
        assert "伊宁市 · 政府工作报告 2026" in screen_lines(app)[0]  # the header


async def test_small_terminal_shows_outline_and_reader_and_hides_the_side_pane() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert len(lines) == 24
        assert "乌鲁木齐市" in screen_text(app)  # outline
        assert "Glossary ·" not in screen_text(app)
        assert "? Help" in lines[-1] and "q Quit" in lines[-1]  # footer with bindings
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "Indicators · 伊宁市" in text
        assert "乌鲁木齐市" not in text  # the side pane takes the outline's place
        await pilot.press("i")
        await pilot.pause()
        assert "乌鲁木齐市" in screen_text(app)


async def test_large_terminal_opens_on_outline_and_reader_and_t_i_add_the_side_pane() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "乌鲁木齐市" in text  # outline
        assert "各位代表：" in text  # reader
        assert "Glossary ·" not in text and "Indicators ·" not in text  # panels on demand
        assert "t Glossary" in text and "i Indicators" in text  # the footer says how
        await open_side_pane(pilot)
        text = screen_text(app)
        assert "乌鲁木齐市" in text and "各位代表：" in text  # beside, not over, at 200 columns
        assert "Glossary ·" in text and "Indicators · 伊宁市" in text


async def test_wide_text_is_wrapped_inside_the_reader_at_80_columns() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        reader = app.reader
        right = reader.region.right
        for line in screen_lines(app)[2:-1]:
            assert len(line) <= 80
        assert reader.region.width < 80 and right <= 80
        assert all(
            cell_offsets(text)[-1] <= reader.scrollable_content_region.width
            for text in reader_lines(app).splitlines()
        )


MEDIUM = (120, 36)


@pytest.mark.parametrize("size", [MEDIUM, LARGE])
async def test_wide_terminals_show_three_panes_and_keep_the_reader_comfortable(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await open_side_pane(pilot)
        text = screen_text(app)
        assert "乌鲁木齐市" in text and "各位代表：" in text
        assert "Glossary ·" in text and "Indicators · 伊宁市" in text
        widest = max(cell_len(line) for line in reader_lines(app).splitlines())
        assert widest >= 48  # at least 24 Chinese characters a line
        side = app.query_one("#side").region
        assert side.width >= size[0] * 0.3  # the side pane grows with the terminal
        assert app.reader.region.right <= side.x


async def test_at_120_columns_the_breadcrumb_spans_the_reader_only() -> None:
    app = BaogaoApp()
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await open_side_pane(pilot)
        row = screen_lines(app)[1]  # outline | breadcrumb | side pane title
        assert row.index("伊宁市") < row.index("政府工作报告 2026 › 卷首") < row.index("Glossary")


# --------------------------------------------------------------------------- panes and Tab


def focused_id(app: BaogaoApp) -> str:
    return getattr(app.focused, "id", None) or ""


async def test_tab_visits_each_pane_once_landing_on_its_main_list() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await open_side_pane(pilot)
        seen = [focused_id(app)]
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(focused_id(app))
        assert seen == ["outline", "reader", "glossary-terms", "region-table", "outline"]


async def test_shift_tab_visits_the_panes_backwards() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await open_side_pane(pilot)
        seen = []
        for _ in range(4):
            await pilot.press("shift+tab")
            await pilot.pause()
            seen.append(focused_id(app))
        assert seen == ["region-table", "glossary-terms", "reader", "outline"]


async def test_tab_from_inside_a_pane_goes_to_the_next_pane() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await open_side_pane(pilot)
        await pilot.press("tab", "tab", "f")  # the glossary's filter, not its list
        await pilot.pause()
        assert focused_id(app) == "glossary-filter"
        await pilot.press("tab")
        assert focused_id(app) == "region-table"


async def test_tab_skips_hidden_panes() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")
        assert focused_id(app) == "outline"  # outline -> reader -> outline: no side pane
        await pilot.press("t")  # the glossary takes the outline's place
        await pilot.pause()
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(focused_id(app))
        assert seen == ["reader", "glossary-terms", "reader"]


async def test_tab_in_a_dialog_stays_in_the_dialog() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("r")  # the region picker
        await pilot.pause()
        picker = app.screen
        await pilot.press("tab")
        assert app.screen is picker
        assert app.focused is not None and app.focused.screen is picker


# --------------------------------------------------------------------------- outline and reader


async def test_walking_the_outline_to_001_glossary_section_shows_it_in_the_reader() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await open_in_outline(pilot, "新源县", "政府工作报告 2026", "名词解释")
        assert "名词解释" in app.breadcrumb.plain
        assert "政府工作报告 2026 › 名词解释" in screen_text(app)
        assert "枫桥经验" in reader_lines(app)


async def test_outline_follows_the_reader_into_the_next_section() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("tab")  # outline -> reader
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "一、“十四五”和2025年工作回顾" in app.breadcrumb.plain
        assert outline_cursor(app).startswith("一、“十四五”和2025年工作回顾")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "（一）全面铸牢中华民族共同体意识" in app.breadcrumb.plain
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.breadcrumb.plain.endswith("二、2026年重点工作安排")


async def test_enter_on_a_reader_line_with_a_term_shows_its_definition() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await open_in_outline(pilot, "新源县", "政府工作报告 2026")
        await pilot.press("tab")  # to the reader

        async def defined() -> bool:
            await pilot.press("enter")
            await pilot.pause()
            return "浙江省绍兴市诸暨县枫桥镇" in screen_text(app)

        for _ in range(400):
            if await defined():
                break
            await pilot.press("j")
        assert "浙江省绍兴市诸暨县枫桥镇" in screen_text(app)  # 枫桥经验's definition


async def test_filtering_the_glossary_opens_a_term_definition() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await open_in_outline(pilot, "新源县", "政府工作报告 2026")
        await pilot.press("t", "f")  # open the glossary, then its filter
        await pilot.pause()
        await pilot.press(*"两品一标")
        await pilot.press("down")
        await pilot.pause()
        assert "绿色食品、有机农产品和农产品地理标志" in screen_text(app)


# --------------------------------------------------------------------------- indicators


async def test_picking_a_region_shows_its_indicator_table() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await open_in_outline(pilot, "新源县", "政府工作报告 2026")
        await pilot.press("i")
        await pilot.pause()
        assert "Indicators · 新源县" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("g", "enter")  # 伊宁市 is the first region
        await pilot.pause()
        panel = app.query_one("#indicators")
        assert "Indicators · 伊宁市" in widget_text(app, panel)
        year_2025 = re.compile(r"(?<![-\d])2025 实际")  # not the plan period 2021-2025
        await press_until(pilot, "l", lambda: year_2025.search(widget_text(app, panel)))
        table = widget_text(app, panel).splitlines()
        header = next(line for line in table if "指标" in line)
        row = next(line for line in table if line.lstrip().startswith("地区生产总值"))
        match = year_2025.search(header)
        assert match is not None
        column = cell_len(header[: match.start()])  # screen column: wide characters count 2
        assert from_cell(row, column).lstrip().startswith("439.77亿元")


async def test_enter_on_an_indicator_jumps_the_reader_to_its_sentence() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("i")  # the indicator panel, for the first seed's region
        await pilot.pause()
        await press_until(pilot, "tab", lambda: getattr(app.focused, "id", "") == "region-table")
        table = app.query_one("#region-table", TextTable)

        def on_2025_actual() -> bool:
            return table.headers[table.cursor_column].plain == "2025 实际"

        await press_until(pilot, "l", on_2025_actual)  # row 0 is 地区生产总值
        await pilot.press("enter")
        await pilot.pause()
        location = app.current_location()
        assert location is not None and location.end > location.start
        report = next(r for r in app.reports if r.path == location.path)
        sentence = report.text[location.start : location.end]
        assert "439.77" in sentence  # the sentence that holds the figure
        assert "439.77" in reader_lines(app).replace("\n", "")
        assert "一、“十四五”和2025年工作回顾" in app.breadcrumb.plain


# --------------------------------------------------------------------------- app API and keys


async def test_jump_to_opens_the_report_and_highlights_the_span() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        report = next(r for r in app.reports if r.path.endswith(XINYUAN))
        start = report.text.index("名词解释", len(report.text) // 2)
        app.jump_to(Location(report.path, start, start + 4))
        await pilot.pause()
        location = app.current_location()  # the sentence around the span
        assert location is not None and location.start <= start < start + 4 <= location.end
        assert "新源县 · 政府工作报告 2026" in screen_lines(app)[0]
        assert "名词解释" in reader_lines(app)


async def test_help_screen_lists_every_app_binding() -> None:
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for binding in BaogaoApp.BINDINGS:
            assert binding.description in text  # type: ignore[union-attr]
        for _ in range(12):  # scroll through the rest
            await pilot.press("pagedown", "j")
            text += screen_text(app)
        for words in ("Define term", "Collapse / parent", "Filter terms"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Keys (Esc to close)" not in screen_text(app)


async def test_command_palette_offers_every_described_action() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for binding in BaogaoApp.BINDINGS:
            assert binding.description in titles  # type: ignore[union-attr]


async def test_q_quits() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_a_file_that_fails_to_load_is_named_in_a_notification(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    app = BaogaoApp(paths=[seed(YINING), str(missing)])
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "nowhere.txt" in text and "no such file or folder" in text
        assert "各位代表：" in text  # the good file still opens


async def test_light_theme_keeps_the_reader_text() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert not app.current_theme.dark
        assert "各位代表：" in screen_text(app)


def test_the_first_screen_never_loads_jieba() -> None:
    """jieba's dictionary takes about 1.4 s: it loads in a worker after the first screen."""
    script = (
        "import asyncio, sys\n"
        "import baogao.tui.app\n"
        "from baogao.tui.app import BaogaoApp\n"
        "class Probe(BaogaoApp):\n"
        "    CSS_PATH = baogao.tui.app.__file__.replace('app.py', 'baogao.tcss')\n"
        "    def build_search_index(self):\n"
        "        self.jieba_before = 'jieba' in sys.modules\n"
        "        super().build_search_index()\n"
        "async def main():\n"
        "    app = Probe()\n"
        "    async with app.run_test(size=(200, 50)) as pilot:\n"
        "        await pilot.pause()\n"
        "    print(app.jieba_before)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_section_titles_are_laid_out_as_headings() -> None:
    text = "前言\n一、回顾\n正文第一段。\n"
    section = Section("一、回顾", SectionKind.REVIEW, 0, 3, 8, len(text))
    report = Report("r.txt", text, Metadata(), (section,))
    lines = layout(report, 40)
    headings = [text[line.start : line.end] for line in lines if line.heading >= 0]
    assert headings == ["一、回顾"]


def test_a_draft_layout_is_the_start_of_the_full_layout() -> None:
    """The first screen lays out only the report's beginning; it must match the full layout."""
    for report in seed_corpus().reports:
        for width in (30, 52, 104):
            full = layout(report, width)
            draft = layout(report, width, stop=2 * 24 * width)
            assert len(draft) >= 2 * 24 or len(draft) == len(full)
            assert draft == full[: len(draft)]


async def test_the_reader_completes_its_layout_after_the_first_screen() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        reader = app.reader
        assert reader.report is not None
        full = layout(reader.report, reader.scrollable_content_region.width)
        assert reader.line_count == len(full)
        assert reader.virtual_size.height == len(full)
        await pilot.press("tab", "G")  # the last line is reachable
        assert reader.cursor_line == len(full) - 1


async def test_opening_a_panel_at_200_columns_keeps_the_reader_beside_it() -> None:
    """The first screen has no side pane (it opens on demand); opening one narrows the
    reader, which is laid out again at its new width, and keeps its place."""
    app = BaogaoApp()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert app.side is None
        full_width = app.reader.size.width
        await pilot.press("i")
        await pilot.pause()
        assert app.side is not None and app.side.has_class("-open")
        assert "地区生产总值" in widget_text(app, app.query_one("#region-table"))
        assert app.reader.size.width < full_width
        assert app.reader.region.right <= app.side.region.x
        assert "各位代表：" in reader_lines(app)


async def test_plain_reader_lines_carry_the_theme_colours_in_both_themes() -> None:
    """A line without marks was drawn in the terminal's own colours (black boxes in light)."""
    app = BaogaoApp()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        for _ in range(2):
            background = app.reader.rich_style.bgcolor
            for y in range(1, 4):  # line 0 holds the cursor
                for segment in app.reader.render_line(y):
                    assert segment.style is not None and segment.style.bgcolor == background
            await pilot.press("d")
            await pilot.pause()
