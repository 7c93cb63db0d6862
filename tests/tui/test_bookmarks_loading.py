"""The bookmark store is read in a thread: keys never wait for it."""

from __future__ import annotations

import threading

import pytest

import baogao.bookmarks
from baogao.bookmarks import BookmarkStore
from baogao.tui.app import BaogaoApp
from baogao.tui.screens.bookmarks import NoteDialog

from .helpers import screen_text


class SlowStore(BookmarkStore):
    """A store whose reading lasts until the test lets it go (a store of 100,000
    bookmarks takes tomllib seconds)."""

    release = threading.Event()

    def __init__(self) -> None:
        assert self.release.wait(10)
        super().__init__()


@pytest.fixture
def slow_store(monkeypatch: pytest.MonkeyPatch) -> type[SlowStore]:
    SlowStore.release = threading.Event()
    monkeypatch.setattr(baogao.bookmarks, "BookmarkStore", SlowStore)
    return SlowStore


async def test_keys_move_while_the_bookmark_store_is_read(slow_store: type[SlowStore]) -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.bookmarks is None  # still being read
        before = app.outline.cursor_node
        await pilot.press("j", "j")
        assert app.outline.cursor_node is not before  # the outline moved meanwhile
        slow_store.release.set()
        for _ in range(100):
            if app.bookmarks is not None:
                break
            await pilot.pause(0.02)
        assert isinstance(app.bookmarks, SlowStore)


async def test_a_bookmark_key_while_the_store_is_read_waits_for_it(
    slow_store: type[SlowStore],
) -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.bookmarks is None
        threading.Timer(0.2, slow_store.release.set).start()
        await pilot.press("tab", "b")  # the reader: bookmark the sentence
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert "Bookmarked" in screen_text(app)
        assert len(app.bookmarks.bookmarks) == 1  # type: ignore[union-attr]
