"""The whole app, by keys only: search and step through hits; bookmark, export, read the TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot

from baogao.tui.app import BaogaoApp
from baogao.tui.screens.bookmarks import BookmarksScreen, NoteDialog
from baogao.tui.screens.search import SearchScreen

from .helpers import screen_text

SIZE = (100, 30)


async def wait_for_index(app: BaogaoApp, pilot: Pilot[None]) -> None:
    for _ in range(100):
        if app.search_index is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the search index was never built")


async def test_search_jumps_to_the_hit_and_n_steps_through_hits() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_index(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"招商引资到位资金", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        screen = screen_text(app)
        assert "place 1 of" in screen
        hit = app.search_hits[0]
        report = next(r for r in app.reports if r.path == hit.path)
        assert report.text[hit.start : hit.end] == "招商引资到位资金"
        assert app.reader.current_location() is not None
        assert "招商引资到位资金" in screen  # the reader shows the hit
        await pilot.press("n")
        assert "place 2 of" in screen_text(app)
        await pilot.press("N", "N")
        total = len(app.search_hits)
        assert f"place {total} of {total}" in screen_text(app)  # wraps around


async def test_search_without_hits_says_so() -> None:
    app = BaogaoApp()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_index(app, pilot)
        await pilot.press("slash", *"qqqzzz")
        await pilot.pause()
        assert "no results" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


async def test_bookmark_a_section_by_keys_export_and_read_the_toml(home: Path) -> None:
    app = BaogaoApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "enter")  # outline: open the first report's second section
        await pilot.pause()
        section = app._section
        assert section is not None
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"note 1", "enter")
        await pilot.pause()
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        assert "note 1" in screen_text(app)
        await pilot.press("escape", "e", "enter")
        await pilot.pause()
    (exported,) = home.glob("baogao-bookmarks-*.toml")
    document = tomllib.loads(exported.read_text(encoding="utf-8"))
    (entry,) = document["bookmark"]
    report = app.reports[0]
    assert entry["note"] == "note 1"
    assert entry["path"] == report.path
    assert entry["region"] == report.meta.region
    assert entry["section_path"] == [s.title for s in report.section_path(section.start)]
    assert report.text[section.start : section.end].startswith(entry["excerpt"][:20])
