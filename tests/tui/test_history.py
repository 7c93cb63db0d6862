"""Back and forward through the places jumps left (issue 17)."""

from __future__ import annotations

import re

from baogao.parsers.model import Location
from baogao.tui.app import BaogaoApp
from baogao.tui.history import History
from tests.tui.helpers import screen_text, widget_text


def title(app: BaogaoApp) -> str:
    return screen_text(app).splitlines()[0]


async def test_back_and_forward_return_to_the_places_a_jump_left() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        first, second = app.reports[0], app.reports[1]
        first_title = title(app)
        words = re.compile(r"[\u4e00-\u9fff]{6}").search(second.text, len(second.text) // 2)
        assert words is not None
        start = words.start()
        app.jump_to(Location(second.path, start, start + 6))
        await pilot.pause()
        jumped_title = title(app)
        assert jumped_title != first_title
        await pilot.press("backspace")
        await pilot.pause()
        assert title(app) == first_title
        assert app.report is first
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert title(app) == jumped_title
        assert second.text[start : start + 6] in widget_text(app, app.reader)
        await pilot.press("ctrl+right")
        await pilot.pause()
        assert "Nothing further forward" in screen_text(app)


async def test_back_with_no_jump_behind_says_so_and_stays() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        before = title(app)
        await pilot.press("right_square_bracket")  # the next section is not a jump
        await pilot.press("ctrl+left")
        await pilot.pause()
        assert "Nothing further back" in screen_text(app)
        assert title(app) == before


async def test_help_lists_the_back_and_forward_keys() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "Back" in text
        assert "Forward" in text


def test_a_new_jump_forgets_the_way_forward() -> None:
    history = History()
    a, b, c = (Location(name, 0, 0) for name in "abc")
    history.left(a)
    assert history.back(b) == a
    history.left(a)  # from a, a jump elsewhere: b is no longer ahead
    assert history.forward(c) is None
    assert history.back(c) == a
    assert history.back(a) is None


async def test_enter_in_the_outline_is_a_jump_back_returns_from() -> None:
    app = BaogaoApp()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = app.report
        for _ in range(len(app.outline.rows)):  # down to another document
            await pilot.press("j")
            node = app.outline.cursor_node
            if node is not None and node.entry.report not in (None, first):
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.report is not first
        opened = title(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert app.report is first
        assert title(app) != opened
