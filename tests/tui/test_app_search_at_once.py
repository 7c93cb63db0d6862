"""`/` opens the search dialog at once, index or not, and every key typed goes to it."""

from __future__ import annotations

import multiprocessing
import re

import pytest
from textual import events

from baogao.tui.app import BaogaoApp
from baogao.tui.screens.search import SearchScreen
from tests.tui.helpers import screen_text

SIZES = [(80, 24), (120, 36), (200, 50)]


@pytest.mark.parametrize("size", SIZES)
async def test_slash_fqjy_typed_at_once_finds_fengqiao_and_the_app_keeps_running(
    size: tuple[int, int],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *"fqjy")  # before the index is built: `q` must not quit
        assert isinstance(app.screen, SearchScreen)
        assert app.is_running
        for _ in range(200):  # the index arrives; the dialog answers without another key
            await pilot.pause(0.05)
            if "枫桥经验" in screen_text(app):
                break
        assert "枫桥经验" in screen_text(app)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_text == "fqjy"


class IndexNeverReady(BaogaoApp):
    def build_search_index(self) -> None:
        """The worker is still busy: no index yet."""


@pytest.mark.parametrize("size", SIZES)
async def test_the_dialog_says_the_index_is_being_built(size: tuple[int, int]) -> None:
    app = IndexNeverReady()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *"qj")
        await pilot.pause()
        assert "索引建立中" in screen_text(app)
        assert app.screen.query_one("#search-input").value == "qj"  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES)
async def test_slash_fqjy_in_one_burst_goes_to_the_search_input(size: tuple[int, int]) -> None:
    """As a terminal delivers fast typing: every key queued before the first is handled."""
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key, character in (("slash", "/"), ("f", "f"), ("q", "q"), ("j", "j"), ("y", "y")):
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert app.is_running
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_text == "fqjy"


async def test_slash_typed_in_the_glossary_filter_is_a_character() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("f", "slash")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert getattr(app.focused, "value", None) == "/"


def result_count(text: str) -> int:
    """The number in the search dialog's status line ("24 results")."""
    match = re.search(r"(\d+)\+? results?", text)
    assert match is not None, text
    return int(match.group(1))


async def test_the_dialog_cuts_the_words_again_when_jieba_comes_up() -> None:
    """城镇就业新增 is one piece until jieba (in its own process) cuts it into words in any
    order: the dialog searches again by itself, and finds 城镇新增就业 too."""
    app = BaogaoApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"城镇就业新增")
        for _ in range(200):
            await pilot.pause(0.05)
            if app.search_index is not None and "result" in screen_text(app):
                break
        before = screen_text(app)
        assert not app.segmenter_ready, "jieba came up before the index: nothing to compare"
        assert "分词加载中" in before
        for _ in range(400):
            await pilot.pause(0.05)
            if app.segmenter_ready:
                break
        await pilot.pause(0.1)
        after = screen_text(app)
        assert "分词加载中" not in after
        assert result_count(after) > result_count(before)
        assert "城镇新增就业" in after
        assert app.screen.query_text == "城镇就业新增"  # type: ignore[attr-defined]


def jieba_processes() -> list[str]:
    return [child.name for child in multiprocessing.active_children() if "jieba" in child.name]


async def test_jiebas_process_ends_with_the_app() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if app.segmenter_ready:
                break
        assert jieba_processes() == ["baogao-jieba"]
        assert "报告" in screen_text(app)
    assert jieba_processes() == []
