"""The bookmarks screen and its dialogs, driven by keys in a tiny host app."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from baogao.bookmarks import (
    BookmarkStore,
    bookmark_label,
    export_bookmarks,
    make_bookmark,
    store_path,
)
from baogao.parsers import Report, parse_text
from baogao.parsers.model import Location
from baogao.tui.screens import bookmarks as bookmarks_screen
from baogao.tui.screens.bookmarks import (
    CANNOT_PLACE,
    BookmarkList,
    BookmarksScreen,
    NoteDialog,
    ask_and_add_bookmark,
    column_widths,
    row_cells,
)
from tests.tui.helpers import screen_text

REPORT_RAW = """\
# 政府工作报告

2026年1月22日在新源县第十八届人民代表大会第六次会议上

## 一、2025年工作回顾

2025年是“十四五”规划收官之年。新时代“枫桥经验”深入践行，矛盾纠纷一次性化解率达96.91%。

## 二、2026年重点工作

主要预期目标是：地区生产总值增长6%左右。坚持和发展新时代“枫桥经验”，全面推进信访工作法治化。
"""


def report() -> Report:
    return parse_text(REPORT_RAW, "/reports/xinyuan-2026.md")


class HostApp(App[None]):
    """A reader stand-in: `b` bookmarks its last section, `B` opens the bookmarks screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "bookmark", "Bookmark section"),
        Binding("B", "bookmarks", "Bookmarks"),
    ]

    def __init__(self, reports: tuple[Report, ...]) -> None:
        super().__init__()
        self.reports = reports
        self.store = BookmarkStore()
        self.jumps: list[Location | None] = []
        self.messages: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("reader")

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.messages.append(message)
        super().notify(message, **options)

    def action_bookmark(self) -> None:
        section = self.reports[0].walk()[-1]
        ask_and_add_bookmark(self, self.store, self.reports[0], section.start, section.end)

    def action_bookmarks(self) -> None:
        self.push_screen(BookmarksScreen(self.store, self.reports), self.jumps.append)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's home folder, where an export is offered by default."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def stored_passage(report: Report, passage: str, note: str = "") -> None:
    start = report.text.index(passage)
    BookmarkStore().add(make_bookmark(report, start, start + len(passage), note))


# --------------------------------------------------------------------------- pure helpers


def test_bookmark_label_adds_region_and_year_unless_the_title_has_them() -> None:
    shown = report()
    bookmark = make_bookmark(shown, 0, 10)
    plain = replace(bookmark, document="政府工作报告", region="新源县", year=2026)
    assert bookmark_label(plain) == "新源县 政府工作报告 2026"
    titled = replace(plain, document="新源县2026年政府工作报告")
    assert bookmark_label(titled) == "新源县2026年政府工作报告"


def test_columns_share_the_width_left_by_the_date() -> None:
    widths = column_widths(120)
    assert len(widths) == 4 and sum(widths) <= 120 - 10
    assert widths[2] == max(widths)  # the excerpt gets the most room


# --------------------------------------------------------------------------- the flow


async def test_bookmark_a_section_by_keys_then_export_writes_readable_toml(home: Path) -> None:
    shown = report()
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"fqjy", "space", "!")
        await pilot.press("enter")
        assert any(message.startswith("Bookmarked") for message in app.messages)
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        assert "fqjy !" in screen_text(app)
        await pilot.press("x", "enter")
        await pilot.pause()
    (exported,) = home.glob("baogao-bookmarks-*.toml")
    document = tomllib.loads(exported.read_text(encoding="utf-8"))
    section = shown.walk()[-1]
    (entry,) = document["bookmark"]
    assert document["version"] == 1
    assert entry["note"] == "fqjy !"
    assert entry["document"] == shown.title
    assert entry["path"] == shown.path
    assert entry["section_path"] == [s.title for s in shown.section_path(section.start)]
    assert shown.text[section.start : section.end].strip().startswith(entry["excerpt"])
    assert entry["created"].tzinfo is not None
    assert any(message.startswith("Exported 1 bookmark to") for message in app.messages)


async def test_escape_in_the_note_dialog_bookmarks_nothing() -> None:
    app = HostApp((report(),))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "x", "escape")
        assert not isinstance(app.screen, NoteDialog)
    assert BookmarkStore().bookmarks == ()


async def test_enter_jumps_to_the_bookmarked_passage() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。")
    app = HostApp((shown,))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B", "enter")
        await pilot.pause()
    start = shown.text.index("矛盾纠纷一次性化解率达96.91%。")
    assert app.jumps == [Location(shown.path, start, start + len("矛盾纠纷一次性化解率达96.91%。"))]


async def test_a_bookmark_that_cannot_be_placed_is_listed_and_marked() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="keep me")
    edited = parse_text(REPORT_RAW.replace("矛盾纠纷一次性化解率达96.91%。", ""), shown.path)
    app = HostApp((edited,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        text = screen_text(app)
        assert CANNOT_PLACE in text and "keep me" in text
        await pilot.press("enter")
        assert isinstance(app.screen, BookmarksScreen)  # nowhere to jump: stays open
    assert app.jumps == []
    assert len(BookmarkStore().bookmarks) == 1


async def test_e_edits_the_note_and_saves_it() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="old")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "e", "ctrl+a", "ctrl+k", *"new", "enter")
        assert "new" in screen_text(app)
    assert BookmarkStore().bookmarks[0].note == "new"


async def test_multiline_note_keeps_its_lines_when_edited() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="line one\nline two")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "e", "!", "ctrl+s")
    assert BookmarkStore().bookmarks[0].note == "line one\nline two!"


async def test_d_deletes_and_u_brings_it_back() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="first")
    stored_passage(shown, "全面推进信访工作法治化。", note="second")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "d")
        assert "first" not in screen_text(app)
        assert [b.note for b in BookmarkStore().bookmarks] == ["second"]
        await pilot.press("u")
        assert "first" in screen_text(app)
    assert [b.note for b in BookmarkStore().bookmarks] == ["first", "second"]


async def test_i_imports_a_file_without_duplicates(tmp_path: Path) -> None:
    shown = report()
    start = shown.text.index("全面推进信访工作法治化。")
    shared = tmp_path / "colleague.toml"
    export_bookmarks([make_bookmark(shown, start, start + 12, "from a colleague")], shared)
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "i", *str(shared), "enter")
        assert "from a colleague" in screen_text(app)
        await pilot.press("i", *str(shared), "enter")
    assert app.messages[-2:] == ["Imported 1 new, 0 duplicates", "Imported 0 new, 1 duplicates"]
    assert len(BookmarkStore().bookmarks) == 1


async def test_importing_bad_toml_says_which_line_and_changes_nothing(tmp_path: Path) -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="mine")
    before = store_path().read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[bookmark]]\nnote = "oops\n', encoding="utf-8")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "i", *str(bad), "enter")
        await pilot.pause()
    assert "Nothing imported" in app.messages[-1] and "line 3" in app.messages[-1]
    assert store_path().read_bytes() == before


async def test_a_corrupt_store_is_reported_when_the_screen_opens() -> None:
    store_path().parent.mkdir(parents=True)
    store_path().write_text("[[bookmark]\n", encoding="utf-8")
    app = HostApp((report(),))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        assert "No bookmarks yet" in screen_text(app)
    assert any("kept as" in message and "corrupt" in message for message in app.messages)


async def test_escape_closes_without_a_jump() -> None:
    app = HostApp((report(),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("B", "escape")
        assert not isinstance(app.screen, BookmarksScreen)
    assert app.jumps == [None]


# --------------------------------------------------------------------------- moving, following


async def test_j_moves_down_the_list_so_j_d_deletes_the_second_bookmark() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="first")
    stored_passage(shown, "全面推进信访工作法治化。", note="second")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "j", "d")
        assert [b.note for b in BookmarkStore().bookmarks] == ["first"]
        await pilot.press("u", "k", "k", "d")
        assert [b.note for b in BookmarkStore().bookmarks] == ["second"]


def test_the_lists_movement_keys_are_in_its_bindings_with_descriptions() -> None:
    keys = {
        key: binding.description
        for binding in BookmarkList.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }
    assert keys["j"] == keys["down"] and keys["k"] == keys["up"] and keys["j"]


async def wait_until(pilot: Any, done: Any, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if done():
            return
        await pilot.pause(0.1)
    assert done()


async def test_a_bookmark_saved_by_another_window_appears_in_the_open_list() -> None:
    shown = report()
    stored_passage(shown, "矛盾纠纷一次性化解率达96.91%。", note="mine")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        assert "Bookmarks (1)" in screen_text(app)
        stored_passage(shown, "全面推进信访工作法治化。", note="theirs")
        await wait_until(pilot, lambda: "theirs" in screen_text(app))
        assert "Bookmarks (2)" in screen_text(app)
        await pilot.press("j", "e", "ctrl+a", "ctrl+k", *"edited", "enter")
    assert [b.note for b in BookmarkStore().bookmarks] == ["mine", "edited"]


async def test_a_bookmark_naming_its_report_with_the_region_is_placed() -> None:
    shown = report()
    passage = "全面推进信访工作法治化。"
    store_path().parent.mkdir(parents=True)
    store_path().write_text(
        'version = 1\n[[bookmark]]\ndocument = "新源县政府工作报告"\n'
        f'path = "/elsewhere/notes.md"\nexcerpt = "{passage}"\n',
        encoding="utf-8",
    )
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        assert CANNOT_PLACE not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    start = shown.text.index(passage)
    assert app.jumps == [Location(shown.path, start, start + len(passage))]


async def test_a_bookmark_naming_another_region_is_not_placed() -> None:
    shown = report()
    store_path().parent.mkdir(parents=True)
    store_path().write_text(
        'version = 1\n[[bookmark]]\ndocument = "伊宁市政府工作报告"\n'
        'path = "/elsewhere/notes.md"\nexcerpt = "全面推进信访工作法治化。"\n',
        encoding="utf-8",
    )
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        assert CANNOT_PLACE in screen_text(app)


async def test_a_huge_store_opens_formatting_only_the_rows_on_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = report()
    template = make_bookmark(shown, 0, 10)
    app = HostApp((shown,))
    app.store.bookmarks = tuple(
        replace(template, id=f"{n:016x}", excerpt=f"第{n}条摘录") for n in range(5000)
    )
    formatted: list[str] = []

    def counted(bookmark: Any, placement: Any, widths: Any) -> Any:
        formatted.append(bookmark.id)
        return row_cells(bookmark, placement, widths)

    monkeypatch.setattr(bookmarks_screen, "row_cells", counted)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        assert "第0条摘录" in screen_text(app)
        assert len(formatted) < 100
        await pilot.press("G")
        await pilot.pause()
        assert "第4999条摘录" in screen_text(app)
        assert len(formatted) < 200
        await wait_until(
            pilot, lambda: "Bookmarks (5000), 5000 cannot be placed" in screen_text(app)
        )


async def test_an_imported_note_with_control_characters_is_edited_escaped_and_kept_if_untouched() -> (
    None
):
    shown = report()
    stored_passage(shown, "全面推进信访工作法治化。", note="bell\x07here")
    app = HostApp((shown,))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("B", "e")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.note == r"bell\x07here"
        await pilot.press("enter")
    assert BookmarkStore().bookmarks[0].note == "bell\x07here"
