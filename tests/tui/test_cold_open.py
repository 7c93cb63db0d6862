"""A cold open streams: the explorer is up at once and the reports join it as parsed.

Each test opens a copy of the seeds on an empty store (the XDG tree is private to each
test, see tests/conftest.py); the parse of each file waits for the test to allow it,
so what is on screen mid-load is known.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar

from baogao.seeds import seed_paths
from baogao.store import unstored, workers
from baogao.store.corpus import WARM_STREAM_FILES, index_paths, streamed_open
from baogao.store.stream import StreamedLoad
from baogao.tui.app import BaogaoApp
from baogao.tui.screens.search import SearchScreen
from tests.tui.helpers import screen_text

SEEDS = len(seed_paths())


def seed_folder(tmp_path: Path, *, failing: bool = False) -> Path:
    """The seeds copied under new names; with `failing`, an empty file sorted first
    whose name holds a control character (shown escaped)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for index, seed in enumerate(seed_paths()):
        (folder / f"{index + 1:02}_{seed.name}").write_bytes(seed.read_bytes())
    if failing:
        (folder / "00_bad\x07name.txt").write_bytes(b"")
    return folder


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Semaphore]:
    """Each file's parse waits for one release (the corpus is small: it is parsed in
    the loader's thread, where the patched parse_one runs)."""
    allowed = threading.Semaphore(0)
    parse_one = workers.parse_one

    def gated(path: str, encode: bool, keep_report: bool = False) -> workers.Parsed:
        allowed.acquire(timeout=30)
        return parse_one(path, encode, keep_report)

    monkeypatch.setattr(workers, "parse_one", gated)
    yield allowed
    for _ in range(SEEDS + 1):
        allowed.release()  # nothing left waiting when the test ends


def streamed_app(folder: Path) -> BaogaoApp:
    files, _ = unstored([folder])
    return BaogaoApp(streamed=StreamedLoad([str(folder)], files=files))


def unwrapped(app: BaogaoApp) -> str:
    """The screen's words on one line (a long file name wraps)."""
    return " ".join(screen_text(app).split())


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for `condition` (a bound on the tries, not a timing)."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_the_loading_strip_shows_files_done_of_total(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    app = streamed_app(seed_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert f"loading 0 of {SEEDS} files…" in screen_text(app)
        gate.release()
        gate.release()
        await until(pilot, lambda: f"2 of {SEEDS} files" in screen_text(app))
        assert "Esc: stop loading" in screen_text(app)
        assert app.query_one("#loading-bar", ProgressBar).progress == 2


async def test_keys_work_while_the_reports_are_loading(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    app = streamed_app(seed_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        gate.release()
        gate.release()
        await until(pilot, lambda: len(app.reports) == 2)
        app.outline.focus()
        before = app.outline.cursor_node
        await pilot.press("j")
        assert app.outline.cursor_node is not before
        await pilot.press("k")
        assert app.outline.cursor_node is before
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.loading is not None  # still loading all the while


async def test_the_first_report_is_readable_before_the_load_ends(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    app = streamed_app(seed_folder(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        gate.release()
        await until(pilot, lambda: app.report is not None)
        await pilot.pause()
        first = app.reports[0]
        assert app.reader.visible_text().strip()
        assert first.text.startswith(app.reader.visible_text().splitlines()[0].strip()[:5])
        assert "loading 0 of" not in screen_text(app)
        assert app.loading is not None and f"1 of {SEEDS} files" in screen_text(app)
        for _ in range(SEEDS):
            gate.release()
        await until(pilot, lambda: app.loading is None)
        assert len(app.reports) == SEEDS
        assert app.report is not None and app.report.path == first.path  # the place kept


async def test_a_file_that_fails_is_named_in_the_strip(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    app = streamed_app(seed_folder(tmp_path, failing=True))
    async with app.run_test(size=(100, 24)) as pilot:
        gate.release()  # the empty file, sorted first
        await until(pilot, lambda: "the file is empty" in unwrapped(app))
        assert "could not open:" in unwrapped(app)
        assert "bad\\x07name.txt: the file is empty" in unwrapped(app)  # escaped
        assert "\x07" not in screen_text(app)


async def test_esc_stops_loading_and_keeps_what_was_read(
    tmp_path: Path, gate: threading.Semaphore
) -> None:
    folder = seed_folder(tmp_path)
    app = streamed_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        gate.release()
        gate.release()
        await until(pilot, lambda: len(app.reports) == 2)
        await pilot.press("escape")
        for _ in range(SEEDS):
            gate.release()  # the parse in flight ends, and is dropped
        await until(pilot, lambda: app.loading is None)
        assert len(app.reports) == 2
        assert len(app.outline.rows) >= 2
        assert app.report is not None and app.reader.visible_text().strip()
    assert unstored([folder])[0] == SEEDS - 2  # what was read is in the store


async def test_q_while_loading_quits_and_ends_the_worker_processes(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    files, _ = unstored([folder])
    load = StreamedLoad([str(folder)], files=files, in_process_bytes=0)  # real processes
    app = BaogaoApp(streamed=load)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: load.workers_alive > 0)
        assert app.loading is not None  # mid-load
        await pilot.press("q")
    assert app.return_code == 0
    assert not load.running  # the loader's thread is over
    assert load.workers_alive == 0


async def test_reports_joining_the_outline_keep_its_cursor_and_open_nodes() -> None:
    from baogao.parsers import load

    reports = load(seed_paths()).reports
    app = BaogaoApp(corpus=load(seed_paths()[:2]))
    async with app.run_test(size=(80, 24)) as pilot:
        outline = app.outline
        outline.focus()
        await pilot.press("j", "j", "l")  # a document opened, the cursor in it
        cursor = outline.cursor_node
        assert cursor is not None and cursor.expanded
        rows = len(outline.rows)
        outline.set_reports(reports)
        await pilot.pause()
        kept = outline.cursor_node
        assert kept is not None and kept is not cursor  # a node of the new tree
        assert kept.label == cursor.label and kept.expanded
        assert len(outline.rows) > rows  # the documents that joined


async def test_a_warm_open_of_many_files_shows_its_first_report_at_once(tmp_path: Path) -> None:
    """Reading a thousand stored reports back takes seconds: the first is read before
    the first frame, the others stream in behind it."""
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = [seed.read_bytes() for seed in seed_paths()]
    for index in range(WARM_STREAM_FILES):
        (folder / f"{index:03}.txt").write_bytes(seeds[index % SEEDS])
    assert index_paths([folder]).stored == WARM_STREAM_FILES
    app = BaogaoApp(paths=[str(folder)])
    assert app.streamed is not None and len(app.reports) == 1  # read before the first frame
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.report is app.reports[0]
        assert app.reader.visible_text().splitlines()[0].strip()[:5] in app.report.text
        assert "loading 0 of" not in screen_text(app)
        await until(pilot, lambda: app.loading is None)
        assert len(app.reports) == WARM_STREAM_FILES
        assert app.report is not None and app.report.path == str(folder / "000.txt")


def test_a_few_stored_files_open_in_one_go(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    index_paths([folder])
    assert streamed_open([folder]) is None
