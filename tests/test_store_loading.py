"""The loading view of a cold open: progress while the store fills, Esc and q live."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from baogao import parsers
from baogao.seeds import seed_paths
from baogao.store import open_corpus, unstored, workers
from baogao.tui.screens.loading import LoadingApp, LoadingScreen


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in seed_paths():
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def screen_text(app: LoadingApp) -> str:
    screen = app.screen
    assert isinstance(screen, LoadingScreen)
    return "\n".join(str(static.render()) for static in screen.query(Static))


async def test_the_loading_view_shows_progress_and_the_file_that_failed(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    assert unstored([folder]) == (6, sum(f.stat().st_size for f in folder.iterdir()))
    app = LoadingApp([str(folder)], 6)
    seen: list[str] = []
    async with app.run_test(size=(100, 24)):
        screen = app.screen_for_loading
        for _ in range(1200):  # until the view dismisses itself (a bound, not a timing)
            if app.return_value is not None or app.screen is not screen:
                break
            seen.append(screen_text(app))
            await asyncio.sleep(0.05)  # not pilot.pause: the app may be exiting
    assert app.return_value is True
    assert screen.failed == [f"{folder / 'empty.txt'}: the file is empty"]
    assert seen and "Reading 6 reports into the store" in seen[0]
    assert unstored([folder])[0] == 1  # only the empty file: it has no report to store
    assert open_corpus([folder]).corpus.reports == parsers.load([folder]).reports


async def test_q_during_a_cold_load_stops_it_and_the_app_answers_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seed_folder(tmp_path)
    release = threading.Event()
    parse_one = workers.parse_one

    def slow(path: str, encode: bool) -> workers.Parsed:
        release.wait(timeout=30)  # the parse of each file waits for the test
        return parse_one(path, encode)

    monkeypatch.setattr(workers, "parse_one", slow)
    app = LoadingApp([str(folder)], 6)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause(0.1)
        assert "Reading 6 reports" in screen_text(app)
        await pilot.press("q")
        await asyncio.sleep(0.05)
        release.set()
    assert app.return_value is False


async def test_the_bar_and_counts_follow_each_file_as_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seed_folder(tmp_path)
    allowed = threading.Semaphore(0)
    parse_one = workers.parse_one

    def one_at_a_time(path: str, encode: bool) -> workers.Parsed:
        allowed.acquire(timeout=30)
        return parse_one(path, encode)

    monkeypatch.setattr(workers, "parse_one", one_at_a_time)
    app = LoadingApp([str(folder)], 6)
    async with app.run_test(size=(100, 24)):
        screen = app.screen_for_loading
        allowed.release()
        allowed.release()
        for _ in range(600):
            if "2 of 6 files" in screen_text(app):
                break
            await asyncio.sleep(0.05)  # not pilot.pause: the app may be exiting
        assert "2 of 6 files" in screen_text(app)
        assert screen.query_one(ProgressBar).progress == 2
        for _ in range(4):
            allowed.release()
        for _ in range(600):
            if app.return_value is not None:
                break
            await asyncio.sleep(0.05)  # not pilot.pause: the app may be exiting
    assert app.return_value is True
