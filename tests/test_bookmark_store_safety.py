"""Nothing lost, nothing injected: the bookmark store against two writers, kills, odd
files and hostile input, as a user meets them (the CLI, real processes, the app)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import baogao.files
from baogao.bookmarks import Bookmark, BookmarkError, BookmarkStore, dumps_bookmarks, store_path
from baogao.bookmarks.anchor import place
from baogao.cli import main as cli_main
from baogao.parsers import parse_text

REPORT_RAW = """\
# 政府工作报告

2026年1月22日在伊宁市第十九届人民代表大会第六次会议上

## 一、2025年工作回顾

2025年是“十四五”规划收官之年。全年实现地区生产总值151.8亿元、增长6%。
"""


def a_bookmark(number: int, **changes: object) -> Bookmark:
    fields: dict[str, object] = {
        "id": f"{number:016x}",
        "document": "政府工作报告",
        "path": "/reports/yining-2026.md",
        "doc_key": "sha1:0123456789abcdef",
        "section_path": ("一、2025年工作回顾",),
        "excerpt": f"摘录{number}",
        "start": 0,
        "end": 4,
        "note": "",
        "created": datetime(2026, 1, 22, 9, 30, tzinfo=UTC),
        **changes,
    }
    return Bookmark(**fields)  # type: ignore[arg-type]


def write_store(text: str | bytes) -> Path:
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli_main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --------------------------------------------------------------------------- two writers

ADDER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from baogao.bookmarks import Bookmark, BookmarkStore

    name, count = sys.argv[1], int(sys.argv[2])
    store = BookmarkStore()
    for number in range(count):
        store.add(Bookmark(
            id=f"{name}{number:015d}", document="政府工作报告", path="/r.md",
            doc_key="sha1:0", section_path=(), excerpt=f"{name} {number}", start=0,
            end=1, note="", created=datetime(2026, 1, 22, tzinfo=UTC)))
    """
)


def test_two_processes_adding_bookmarks_at_once_lose_none() -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", ADDER, name, "100"], env=os.environ.copy())
        for name in ("a", "b")
    ]
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0]
    ids = [b.id for b in BookmarkStore().bookmarks]
    assert len(ids) == len(set(ids)) == 200


def test_a_write_landing_right_after_our_rename_is_not_taken_for_our_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours = BookmarkStore()
    ours.path.parent.mkdir(parents=True)
    theirs = ours.path.with_name("theirs.toml")
    theirs.write_text(dumps_bookmarks([a_bookmark(1), a_bookmark(2)]), encoding="utf-8")
    replace = os.replace

    def then_another_tool_writes(source: str, target: Path) -> None:
        replace(source, target)
        monkeypatch.setattr(baogao.files.os, "replace", replace)
        replace(theirs, target)  # a sync tool's write, between our rename and our stat

    monkeypatch.setattr(baogao.files.os, "replace", then_another_tool_writes)
    ours.add(a_bookmark(1))
    ours.add(a_bookmark(3))
    assert {b.id for b in BookmarkStore().bookmarks} == {f"{n:016x}" for n in (1, 2, 3)}


def test_a_held_lock_gives_a_clear_message_and_the_change_is_saved_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from baogao.files import locked

    store = BookmarkStore()
    store.add(a_bookmark(1))
    monkeypatch.setattr(baogao.files, "LOCK_TIMEOUT", 0.2)
    monkeypatch.setattr(baogao.files.locked, "__defaults__", (0.2,))
    with locked(store.path), pytest.raises(BookmarkError, match="held the lock") as raised:
        store.add(a_bookmark(2))
    assert str(store.path) in str(raised.value) and "kept" in str(raised.value)
    assert len(BookmarkStore().bookmarks) == 1
    store.add(a_bookmark(3))
    assert {b.id for b in BookmarkStore().bookmarks} == {f"{n:016x}" for n in (1, 2, 3)}


# --------------------------------------------------------------------------- the file itself


def test_saving_keeps_the_store_files_permissions() -> None:
    path = write_store(dumps_bookmarks([a_bookmark(1)]))
    path.chmod(0o644)
    BookmarkStore().add(a_bookmark(2))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_saving_a_symlinked_store_writes_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "synced" / "bookmarks.toml"
    target.parent.mkdir()
    target.write_text(dumps_bookmarks([a_bookmark(1)]), encoding="utf-8")
    link = store_path()
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    BookmarkStore().add(a_bookmark(2))
    assert link.is_symlink() and link.resolve() == target
    assert len(BookmarkStore(target).bookmarks) == 2
    assert [p.name for p in link.parent.iterdir()] == ["bookmarks.toml"]


def test_temp_files_left_by_a_killed_writer_are_cleaned_on_the_next_save() -> None:
    path = write_store(dumps_bookmarks([a_bookmark(1)]))
    orphan = path.with_name(".bookmarks.toml.k1ll3d.tmp")
    orphan.write_bytes(b"half a")
    BookmarkStore().add(a_bookmark(2))
    assert not orphan.exists()


def test_a_store_with_a_byte_order_mark_is_read_not_set_aside() -> None:
    path = write_store(b"\xef\xbb\xbf" + dumps_bookmarks([a_bookmark(1)]).encode("utf-8"))
    store = BookmarkStore()
    assert store.problem is None and len(store.bookmarks) == 1
    assert list(path.parent.glob("*.corrupt-*")) == []


# --------------------------------------------------------------------------- deep nesting

NESTED = "version = 1\nx = " + "[" * 1000 + "]" * 1000 + "\n"


def test_importing_toml_nested_a_thousand_deep_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "nested.toml"
    hostile.write_text(NESTED, encoding="utf-8")
    status, _, err = cli(capsys, "bookmarks", "import", str(hostile))
    assert status == 1
    assert err.startswith(f"baogao: {hostile}: not valid TOML: nested too deeply (line 2)")
    assert "Traceback" not in err


def test_a_store_nested_a_thousand_deep_is_set_aside_and_the_next_start_is_clean() -> None:
    path = write_store(NESTED)
    store = BookmarkStore()
    assert store.problem is not None and "nested too deeply" in store.problem
    (aside,) = path.parent.glob("bookmarks.toml.corrupt-*")
    assert aside.read_text(encoding="utf-8") == NESTED
    assert BookmarkStore().problem is None


async def test_the_app_starts_with_a_deeply_nested_store_and_says_so(tmp_path: Path) -> None:
    from baogao.tui.app import BaogaoApp

    write_store(NESTED)
    report = tmp_path / "report.md"
    report.write_text(REPORT_RAW, encoding="utf-8")
    app = BaogaoApp(paths=[str(report)])
    messages: list[str] = []
    shown = app.notify

    def notify(message: str, **options: Any) -> None:
        messages.append(message)
        shown(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("B")
        await pilot.pause()
        assert any("nested too deeply" in message for message in messages)
    assert list(store_path().parent.glob("bookmarks.toml.corrupt-*"))


# --------------------------------------------------------------------------- export is read-only


def test_export_of_a_newer_version_store_leaves_it_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = 'version = 2\n[[bookmark]]\nexcerpt = "x"\npath = "/r.md"\n'
    path = write_store(newer)
    status, _, err = cli(capsys, "bookmarks", "export", str(tmp_path / "out.toml"))
    assert status == 1 and "version 2" in err and "nothing exported" in err
    assert path.read_text(encoding="utf-8") == newer
    assert list(path.parent.glob("*.corrupt-*")) == []
    assert not (tmp_path / "out.toml").exists()


# --------------------------------------------------------------------------- hostile values


def test_negative_offsets_in_an_imported_bookmark_place_it_inside_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = parse_text(REPORT_RAW, "/reports/yining-2026.md")
    tail = report.text[-8:]
    hostile = tmp_path / "negative.toml"
    hostile.write_text(
        f'version = 1\n[[bookmark]]\npath = "/reports/yining-2026.md"\n'
        f'excerpt = "{tail}"\nstart = -8\nend = -1\n',
        encoding="utf-8",
    )
    assert cli(capsys, "bookmarks", "import", str(hostile))[0] == 0
    (bookmark,) = BookmarkStore().bookmarks
    assert bookmark.start >= 0 and bookmark.end >= bookmark.start
    placement = place(bookmark, [report])
    assert placement is not None
    assert 0 <= placement.start < placement.end <= len(report.text)
    assert report.text[placement.start : placement.end] == tail


def test_control_characters_in_a_file_name_are_shown_escaped_in_cli_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / "evil\x1b]0;PWNED\x07\x1b[2J.toml"
    for argv in (("bookmarks", "import", str(name)), ("dump", str(name))):
        status, out, err = cli(capsys, *argv)
        assert status == 1
        assert "\x1b" not in err + out and "\x07" not in err + out
        assert r"evil\x1b]0;PWNED\x07\x1b[2J.toml" in err


def test_control_characters_in_an_unknown_option_are_shown_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli_main(["dump", "--\x1b[2Jbogus"])
    err = capsys.readouterr().err
    assert "\x1b" not in err and r"--\x1b[2Jbogus" in err
