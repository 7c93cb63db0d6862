"""The search screen, hosted in a tiny app with the reader, driven by keys only."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider

from baogao.parsers import Corpus, Report
from baogao.parsers.model import Location
from baogao.search.index import SearchIndex, SearchOutcome
from baogao.tui.screens.search import SearchCommands, SearchScreen
from baogao.tui.widgets.reader import Reader
from tests.tui.helpers import screen_lines, screen_text


class Host(App[None]):
    """The reader and `/`: what the real app does with an outcome, nothing more."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("slash", "search", "Search")]

    def __init__(self, reports: tuple[Report, ...], index: SearchIndex) -> None:
        super().__init__()
        self.reports = {report.path: report for report in reports}
        self.current = reports[0]
        self.index = index
        self.outcomes: list[SearchOutcome | None] = []

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")

    def on_mount(self) -> None:
        self.query_one(Reader).show(self.current)

    def action_search(self) -> None:
        self.push_screen(SearchScreen(self.index, self.current.path), self.found)

    def found(self, outcome: SearchOutcome | None) -> None:
        self.outcomes.append(outcome)
        if outcome is not None:
            hit = outcome.hit
            self.current = self.reports[hit.path]
            self.query_one(Reader).show(self.current, hit.start, (hit.start, hit.end))


@pytest.fixture(scope="module")
def index(seed_corpus: Corpus) -> SearchIndex:
    return SearchIndex.build(seed_corpus.reports)


async def _open_and_type(pilot: object, query: str) -> None:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_typing_shows_grouped_results_and_a_count(
    seed_corpus: Corpus, index: SearchIndex
) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "枫桥经验")
        text = screen_text(app)
        assert "── 名词" in text and "── 正文" in text
        assert f"{app.screen.results.total} results" in text
        assert "枫桥经验" in text


async def test_query_without_hits_says_no_results(seed_corpus: Corpus, index: SearchIndex) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "量子纠缠xyz")
        assert "no results for “量子纠缠xyz”" in screen_text(app)


async def test_enter_jumps_the_reader_to_the_hit(seed_corpus: Corpus, index: SearchIndex) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "规模以上工业增价值")
        first = app.screen.shown[0]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        outcome = app.outcomes[-1]
        assert outcome is not None and outcome.hit == first
        location = app.query_one(Reader).current_location()  # the sentence around the hit
        assert location is not None and location.path == first.path
        assert location.start <= first.start < first.end <= location.end
        assert location.end - location.start > first.end - first.start
        report = app.reports[first.path]
        shown = "".join(line.strip() for line in screen_lines(app))  # lines wrap
        assert report.text[first.start : first.end] in shown


async def test_down_then_enter_picks_the_second_hit_among_all_in_reading_order(
    seed_corpus: Corpus, index: SearchIndex
) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "枫桥经验")
        second = app.screen.shown[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        outcome = app.outcomes[-1]
        assert outcome is not None and outcome.hit == second
        order = {path: i for i, path in enumerate(app.reports)}
        keys = [(order[hit.path], hit.start) for hit in outcome.hits]
        assert keys == sorted(keys) and len(outcome.hits) > 2


async def test_escape_closes_without_an_outcome(seed_corpus: Corpus, index: SearchIndex) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "就业")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.outcomes == [None]


async def test_ctrl_t_searches_this_document_only(seed_corpus: Corpus, index: SearchIndex) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "枫桥经验")
        assert "[全部文档" in screen_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "[本文档" in screen_text(app)
        assert {hit.path for hit in app.screen.shown} == {app.current.path}


async def test_ctrl_k_cycles_the_kind_filter(seed_corpus: Corpus, index: SearchIndex) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_and_type(pilot, "就业")
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert "· 重点工作" in screen_text(app)
        for hit in app.screen.shown:
            assert app.reports[hit.path].section_path(hit.start)[0].kind == "重点工作"


async def test_long_rows_are_cut_with_an_ellipsis_to_fit(
    seed_corpus: Corpus, index: SearchIndex
) -> None:
    app = Host(seed_corpus.reports, index)
    async with app.run_test(size=(60, 24)) as pilot:
        await _open_and_type(pilot, "矛盾纠纷")  # only body text: long sentences
        rows = [row for row in screen_lines(app) if "矛盾纠纷" in row]
        assert rows and any(row.rstrip(" │╯╮").endswith("…") for row in rows)
        assert all(cell_len(row) <= 60 for row in screen_lines(app))


class PaletteHost(App[None]):
    """An app exposing `search_index` and `jump_to`, with the search commands in its palette."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SearchCommands}

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.search_index = index
        self.jumps: list[Location] = []

    def jump_to(self, location: Location) -> None:
        self.jumps.append(location)


async def test_command_palette_finds_a_term_by_pinyin_and_jumps(index: SearchIndex) -> None:
    app = PaletteHost(index)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"fqjy")
        await pilot.pause(0.5)
        assert "枫桥经验" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        first = index.search("fqjy", limit_per_group=5).hits[0]
        assert app.jumps == [Location(first.path, first.start, first.end)]


@pytest.mark.parametrize("width", [1, 2, 9, 10, 11, 40])
def test_a_hit_is_cut_to_the_width_in_cells_with_an_ellipsis(
    index: SearchIndex, width: int
) -> None:
    from baogao.tui.screens.search import hit_lines

    hit = next(h for h in index.search("矛盾纠纷").hits if len(h.snippet) > 30)
    snippet, place = hit_lines(hit, width)
    for line in (snippet, place):
        assert line.cell_len <= max(width, 1) and line.plain.endswith("…")
    if width >= 40 and hit.spans[0][1] < 15:
        assert any("reverse" in str(span.style) for span in snippet.spans)
