"""Bookmarks: none may be lost (store, atomic write, anchoring, TOML export/import, CLI)."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import baogao.files
from baogao.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    document_key,
    dumps_bookmarks,
    export_bookmarks,
    make_bookmark,
    merge_bookmarks,
    parse_bookmarks,
    place,
    read_bookmark_file,
    store_path,
)
from baogao.bookmarks.model import EXCERPT_LIMIT
from baogao.cli import main as cli_main
from baogao.cli import run_bookmarks_command
from baogao.parsers import Report, parse_text
from baogao.parsers.text import sentence_span

SEED = "001_ef57adda5fbd631f.txt"

REPORT_RAW = """\
# 政府工作报告

2026年1月22日在新源县第十八届人民代表大会第六次会议上

各位代表：

## 一、2025年工作回顾

2025年是“十四五”规划收官之年。全年实现地区生产总值151.8亿元、增长6%。\
新时代“枫桥经验”深入践行，矛盾纠纷一次性化解率达96.91%。

## 二、2026年重点工作

主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长12%。\
坚持和发展新时代“枫桥经验”，全面推进信访工作法治化。
"""

PASSAGE = "矛盾纠纷一次性化解率达96.91%。"


def report_of(raw: str, path: str = "reports/xinyuan-2026.md") -> Report:
    return parse_text(raw, path)


def bookmark_passage(report: Report, passage: str = PASSAGE, note: str = "") -> Bookmark:
    start = report.text.index(passage)
    return make_bookmark(report, start, start + len(passage), note)


def a_bookmark(note: str = "", excerpt: str = "样例摘录", **changes: object) -> Bookmark:
    fields: dict[str, object] = {
        "id": "0123456789abcdef",
        "document": "新源县政府工作报告",
        "path": "/data/xinyuan.md",
        "doc_key": "sha1:0000000000000000",
        "section_path": ("一、2025年工作回顾",),
        "excerpt": excerpt,
        "start": 10,
        "end": 10 + len(excerpt),
        "note": note,
        "created": datetime(2026, 1, 22, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        "region": "新源县",
        "year": 2026,
    }
    fields.update(changes)
    return Bookmark(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- making


def test_empty_span_bookmarks_the_sentence_under_the_cursor() -> None:
    report = report_of(REPORT_RAW)
    inside = report.text.index("一次性化解率")
    bookmark = make_bookmark(report, inside, inside, "note")
    assert bookmark.excerpt == "新时代“枫桥经验”深入践行，矛盾纠纷一次性化解率达96.91%。"
    assert report.text[bookmark.start : bookmark.end] == bookmark.excerpt


def test_cursor_on_a_line_break_bookmarks_the_next_sentence() -> None:
    text = "第一段结束。\n\n第二段开始。"
    assert sentence_span(text, text.index("\n")) == (8, 14)
    assert sentence_span(text + "\n\n", len(text) + 1) == (8, 14)
    assert sentence_span("  \n", 1) == (0, 0)


def test_sentence_ends_at_a_paragraph_break() -> None:
    text = "标题\n\n第一句。第二句没有句号\n下一段。"
    start, end = sentence_span(text, text.index("没有"))
    assert text[start:end] == "第二句没有句号"


def test_bookmark_records_section_path_and_document_identity() -> None:
    report = report_of(REPORT_RAW)
    bookmark = bookmark_passage(report)
    offset = report.text.index(PASSAGE)
    assert bookmark.section_path == tuple(s.title for s in report.section_path(offset))
    assert bookmark.doc_key == document_key(report.text)
    assert bookmark.path == report.path
    assert bookmark.created.tzinfo is not None


def test_long_passage_keeps_a_short_excerpt_and_the_full_span(
    seed_reports: dict[str, Report],
) -> None:
    report = seed_reports[SEED]
    bookmark = make_bookmark(report, 100, 5000)
    assert len(bookmark.excerpt) == EXCERPT_LIMIT
    assert bookmark.end - bookmark.start > EXCERPT_LIMIT


def test_document_key_ignores_markdown_marks_and_spacing() -> None:
    assert document_key("# 政府工作报告\n\n**各位代表：**") == document_key(
        "政府工作报告\n各位代表"
    )
    assert document_key("政府工作报告 2026") != document_key("政府工作报告 2025")


# --------------------------------------------------------------------------- anchoring


def test_bookmark_is_placed_exactly_where_it_was() -> None:
    report = report_of(REPORT_RAW)
    bookmark = bookmark_passage(report)
    placement = place(bookmark, [report])
    assert placement is not None and placement.exact
    assert (placement.start, placement.end) == (bookmark.start, bookmark.end)
    assert placement.location.path == report.path


def test_bookmark_is_found_again_after_the_text_shifts() -> None:
    old = report_of(REPORT_RAW)
    bookmark = bookmark_passage(old)
    shifted_raw = REPORT_RAW.replace(
        "2025年是", "过去一年极不平凡。面对复杂严峻的外部环境，我们迎难而上。\n\n2025年是"
    )
    new = report_of(shifted_raw)
    placement = place(bookmark, [new])
    assert placement is not None and placement.exact
    assert placement.start > bookmark.start
    assert new.text[placement.start : placement.end] == PASSAGE


def test_bookmark_survives_a_small_edit_inside_its_excerpt_by_fuzzy_match() -> None:
    old = report_of(REPORT_RAW)
    passage = "2025年是“十四五”规划收官之年。全年实现地区生产总值151.8亿元、增长6%。"
    bookmark = bookmark_passage(old, passage)
    new = report_of(REPORT_RAW.replace("151.8亿元", "151.9亿元"))
    placement = place(bookmark, [new])
    assert placement is not None and not placement.exact
    assert "151.9亿元" in new.text[placement.start : placement.end]


def test_bookmark_follows_a_moved_file_by_document_identity() -> None:
    bookmark = bookmark_passage(report_of(REPORT_RAW, "old/place.md"))
    other = report_of(REPORT_RAW.replace("新源县", "伊宁市"), "old/place.md")
    moved = report_of(REPORT_RAW, "new/place.md")
    placement = place(bookmark, [other, moved])
    assert placement is not None and placement.report is moved


def test_repeated_excerpt_is_placed_at_the_occurrence_nearest_its_old_offset() -> None:
    report = report_of(REPORT_RAW)
    second = report.text.rindex("新时代“枫桥经验”")
    bookmark = make_bookmark(report, second, second + len("新时代“枫桥经验”"))
    shifted = report_of(REPORT_RAW.replace("各位代表：", "各位代表、同志们：\n\n现在报告工作。"))
    placement = place(bookmark, [shifted])
    assert placement is not None
    assert placement.start == shifted.text.rindex("新时代“枫桥经验”")


def test_bookmark_whose_text_is_gone_cannot_be_placed() -> None:
    bookmark = bookmark_passage(report_of(REPORT_RAW))
    edited = report_of(REPORT_RAW.replace(PASSAGE, "各项工作取得新成效。"))
    assert place(bookmark, [edited]) is None


def test_bookmark_is_not_placed_in_another_report_sharing_its_sentence() -> None:
    bookmark = bookmark_passage(report_of(REPORT_RAW, "xinyuan.md"))
    other = report_of(REPORT_RAW.replace("新源县", "伊宁市"), "yining.md")
    assert PASSAGE in other.text
    assert place(bookmark, [other]) is None


def test_bookmark_is_placed_in_the_same_report_converted_again() -> None:
    again = report_of("附件\n\n" + REPORT_RAW, "converted/xinyuan.txt")
    bookmark = replace(bookmark_passage(report_of(REPORT_RAW, "xinyuan.md")), document=again.title)
    assert bookmark.doc_key != document_key(again.text)
    placement = place(bookmark, [again])
    assert placement is not None and placement.report is again


def test_bookmark_on_a_seed_is_placed_again_after_reparse(seed_reports: dict[str, Report]) -> None:
    report = seed_reports[SEED]
    start = report.text.index("矛盾纠纷一次性化解率")
    bookmark = make_bookmark(report, start, start)
    reparsed = parse_text(Path(report.path).read_text(encoding="utf-8"), report.path)
    placement = place(bookmark, [reparsed])
    assert placement is not None
    assert reparsed.text[placement.start : placement.end] == bookmark.excerpt


# --------------------------------------------------------------------------- TOML format

TEXT = st.text(max_size=60)
SPANS = st.tuples(st.integers(0, 10**9), st.integers(0, 10**6)).map(
    lambda span: (span[0], span[0] + span[1])
)
BOOKMARKS = st.builds(
    lambda span, **fields: Bookmark(start=span[0], end=span[1], **fields),
    span=SPANS,
    id=st.text("0123456789abcdef", min_size=16, max_size=16),
    document=TEXT,
    path=st.text(min_size=1, max_size=40),
    doc_key=TEXT,
    section_path=st.lists(TEXT, max_size=3).map(tuple),
    excerpt=st.text(min_size=1, max_size=EXCERPT_LIMIT),
    note=st.text(),
    created=st.datetimes(
        min_value=datetime(1970, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))]
        ),
    ),
    region=TEXT,
    year=st.none() | st.integers(1, 9999),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(BOOKMARKS, max_size=4))
def test_export_then_import_is_lossless(bookmarks: list[Bookmark]) -> None:
    read, problems = parse_bookmarks(dumps_bookmarks(bookmarks), "<export>")
    assert problems == ()
    assert list(read) == bookmarks


@settings(max_examples=100, deadline=None)
@given(note=st.text(alphabet=st.characters(codec="utf-8")))
def test_any_note_survives_a_file_round_trip(note: str, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("notes")
    bookmark = a_bookmark(note=note)
    export_bookmarks([bookmark], folder / "out.toml")
    assert read_bookmark_file(folder / "out.toml") == (bookmark,)


def test_quotes_and_newlines_in_notes_round_trip() -> None:
    note = '他说："三个""" 引号\'\'\'\n第二行\r\n第三行\\结尾\t'
    assert parse_bookmarks(dumps_bookmarks([a_bookmark(note)]), "x")[0][0].note == note


def test_exported_toml_has_one_readable_table_per_bookmark() -> None:
    text = dumps_bookmarks([a_bookmark("第一行\n第二行"), a_bookmark(id="fedcba9876543210")])
    assert text.count("\n[[bookmark]]\n") == 2
    assert "version = 1" in text
    assert 'document = "新源县政府工作报告"' in text
    assert 'region = "新源县"' in text
    assert "year = 2026" in text
    assert "created = 2026-01-22 09:30:00+08:00" in text
    assert 'note = """\n第一行\n第二行"""' in text  # a person reads the note as written


def test_unknown_region_and_year_are_left_out_not_written_empty() -> None:
    text = dumps_bookmarks([a_bookmark(region="", year=None)])
    assert "region" not in text and "year" not in text
    (read,), _ = parse_bookmarks(text, "x")
    assert read.region == "" and read.year is None


def test_minimal_entry_from_another_tool_is_accepted_with_a_stable_id() -> None:
    text = '[[bookmark]]\npath = "a.md"\nexcerpt = "摘录"\ncreated = "2026-01-22T09:30:00+08:00"\n'
    first = parse_bookmarks(text, "x")[0][0]
    again = parse_bookmarks(text, "x")[0][0]
    assert first.id == again.id and first.note == "" and first.section_path == ()


def test_entry_of_the_wrong_shape_is_named_with_file_and_number() -> None:
    text = '[[bookmark]]\npath = "a.md"\nexcerpt = "x"\n\n[[bookmark]]\npath = "b.md"\nnote = 3\n'
    _, problems = parse_bookmarks(text, "shared.toml")
    assert problems == ("shared.toml: bookmark 2: 'note' must be str, not 3",)


# --------------------------------------------------------------------------- merge


def test_merge_skips_duplicates_by_id_and_by_place() -> None:
    mine = a_bookmark("mine")
    same_id = a_bookmark("")
    same_place = a_bookmark("", id="ffffffffffffffff")
    new = a_bookmark("", id="eeeeeeeeeeeeeeee", excerpt="另一段")
    result = merge_bookmarks([mine], [same_id, same_place, new])
    assert (result.added, result.duplicates) == (1, 2)
    assert result.bookmarks == (mine, new)


def test_merge_fills_an_empty_note_and_keeps_both_different_notes() -> None:
    empty = merge_bookmarks([a_bookmark("")], [a_bookmark("theirs")])
    assert empty.bookmarks[0].note == "theirs"
    both = merge_bookmarks([a_bookmark("mine")], [a_bookmark("theirs")])
    assert both.bookmarks[0].note == "mine\n\ntheirs" and both.notes_merged == 1
    again = merge_bookmarks(both.bookmarks, [a_bookmark("theirs")])
    assert again.bookmarks[0].note == "mine\n\ntheirs" and again.notes_merged == 0


# --------------------------------------------------------------------------- store


def test_store_lives_under_xdg_data_home(private_xdg: Path) -> None:
    assert store_path() == private_xdg / "xdg_data_home" / "baogao" / "bookmarks.toml"


def test_store_saves_every_change_and_reads_it_back() -> None:
    store = BookmarkStore()
    assert store.add(a_bookmark("first"))
    store.set_note("0123456789abcdef", "edited")
    assert BookmarkStore().bookmarks == (a_bookmark("edited"),)


def test_adding_the_same_place_twice_keeps_one_bookmark() -> None:
    store = BookmarkStore()
    assert store.add(a_bookmark())
    assert not store.add(a_bookmark(id="ffffffffffffffff"))
    assert len(store.bookmarks) == 1


def test_deleted_bookmark_is_restored_in_its_place() -> None:
    store = BookmarkStore()
    for number in range(3):
        store.add(a_bookmark(id=f"{number:016x}", excerpt=f"摘录{number}"))
    removed = store.remove(f"{1:016x}")
    assert removed is not None and len(BookmarkStore().bookmarks) == 2
    store.restore(*removed)
    assert [b.id for b in BookmarkStore().bookmarks] == [f"{n:016x}" for n in range(3)]


def test_two_sessions_writing_the_same_store_lose_nothing() -> None:
    first, second = BookmarkStore(), BookmarkStore()
    first.add(a_bookmark(id="a" * 16, excerpt="甲"))
    second.add(a_bookmark(id="b" * 16, excerpt="乙"))
    first.set_note("a" * 16, "note")
    assert {b.id for b in BookmarkStore().bookmarks} == {"a" * 16, "b" * 16}


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failure_mid_write_leaves_the_old_file_intact(monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore()
    store.add(a_bookmark("safe"))
    before = store.path.read_bytes()

    def half_then_disk_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(BookmarkError, match="No space left"):
        patch.setattr(baogao.files, "_write_all", half_then_disk_full)
        store.add(a_bookmark("kept", id="f" * 16, excerpt="新的"))
    assert store.path.read_bytes() == before
    assert _temp_files(store.path.parent) == []
    assert len(store.bookmarks) == 2  # still held in memory for the next save
    store.save()
    assert len(BookmarkStore().bookmarks) == 2


def test_failure_to_sync_leaves_the_old_file_intact(monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore()
    store.add(a_bookmark("safe"))
    before = store.path.read_bytes()

    def fail(fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    with monkeypatch.context() as patch, pytest.raises(BookmarkError):
        patch.setattr(baogao.files.os, "fsync", fail)
        store.set_note("0123456789abcdef", "changed")
    assert store.path.read_bytes() == before
    assert _temp_files(store.path.parent) == []


def test_corrupt_store_is_set_aside_never_overwritten() -> None:
    path = store_path()
    path.parent.mkdir(parents=True)
    garbage = b'version = 1\n[[bookmark]]\nnote = "unterminated\n'
    path.write_bytes(garbage)
    store = BookmarkStore()
    assert store.bookmarks == ()
    assert store.problem is not None
    assert str(path) in store.problem and "line 3" in store.problem
    (aside,) = path.parent.glob("bookmarks.toml.corrupt-*")
    assert aside.read_bytes() == garbage
    assert str(aside) in store.problem
    store.add(a_bookmark())
    assert aside.read_bytes() == garbage
    assert BookmarkStore().bookmarks == (a_bookmark(),)


def test_store_that_is_not_utf8_is_set_aside_as_unreadable() -> None:
    path = store_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"version = 1\n\xff\xfe")
    store = BookmarkStore()
    assert store.problem is not None and "cannot read" in store.problem
    (aside,) = path.parent.glob("bookmarks.toml.corrupt-*")
    assert aside.read_bytes() == b"version = 1\n\xff\xfe"
    assert not path.exists()


def test_store_with_one_bad_entry_keeps_the_good_ones_and_the_original() -> None:
    path = store_path()
    path.parent.mkdir(parents=True)
    good = dumps_bookmarks([a_bookmark("good")])
    original = good + '\n[[bookmark]]\npath = "x.md"\nexcerpt = 5\n'
    path.write_text(original, encoding="utf-8")
    store = BookmarkStore()
    assert store.bookmarks == (a_bookmark("good"),)
    assert store.problem is not None and "bookmark 2" in store.problem
    (aside,) = path.parent.glob("bookmarks.toml.corrupt-*")
    assert aside.read_text(encoding="utf-8") == original


def test_store_from_a_newer_version_is_set_aside() -> None:
    path = store_path()
    path.parent.mkdir(parents=True)
    path.write_text("version = 2\n", encoding="utf-8")
    store = BookmarkStore()
    assert store.problem is not None and "version 2" in store.problem
    assert list(path.parent.glob("bookmarks.toml.corrupt-*"))


def test_store_that_goes_bad_while_open_keeps_what_the_session_showed() -> None:
    store = BookmarkStore()
    store.add(a_bookmark("kept"))
    store.path.write_text("not toml at all = = =", encoding="utf-8")
    store.add(a_bookmark(id="b" * 16, excerpt="乙"))
    assert {b.id for b in BookmarkStore().bookmarks} == {"0123456789abcdef", "b" * 16}
    assert list(store.path.parent.glob("bookmarks.toml.corrupt-*"))


# --------------------------------------------------------------------------- CLI


def test_cli_export_then_import_into_an_empty_store_is_lossless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = (a_bookmark('引号"与\n换行'), a_bookmark(id="b" * 16, excerpt="乙", year=None))
    BookmarkStore().merge(saved)
    out = tmp_path / "share.toml"
    assert cli_main(["bookmarks", "export", str(out)]) == 0
    assert capsys.readouterr().out == f"exported 2 bookmarks to {out}\n"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "colleague"))
    assert run_bookmarks_command("import", out) == 0
    assert capsys.readouterr().out == "imported 2 new, 0 duplicates\n"
    assert BookmarkStore().bookmarks == saved


def test_cli_import_twice_adds_no_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "share.toml"
    export_bookmarks([a_bookmark("n")], out)
    assert run_bookmarks_command("import", out) == 0
    assert run_bookmarks_command("import", out) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0 new, 1 duplicates"
    assert len(BookmarkStore().bookmarks) == 1


def test_cli_import_of_bad_toml_names_the_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = BookmarkStore()
    store.add(a_bookmark("mine"))
    before = store.path.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n\n[[bookmark]]\nnote = "oops\n', encoding="utf-8")
    assert run_bookmarks_command("import", bad) == 1
    error = capsys.readouterr().err
    assert str(bad) in error and "line 4" in error
    assert store.path.read_bytes() == before


def test_cli_import_of_a_wrong_shape_names_the_entry_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[bookmark]]\npath = "a.md"\nexcerpt = "x"\n\n[[bookmark]]\nnote = ""\n')
    assert run_bookmarks_command("import", bad) == 1
    assert "bookmark 2: missing 'excerpt'" in capsys.readouterr().err
    assert not store_path().exists()


def test_cli_import_of_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_bookmarks_command("import", tmp_path / "nope.toml") == 1
    assert "nope.toml: cannot read" in capsys.readouterr().err


def test_cli_export_never_overwrites_a_file_that_is_not_bookmarks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "pyproject.toml"
    precious.write_text("not = [bookmarks", encoding="utf-8")
    assert run_bookmarks_command("export", precious) == 1
    assert "not overwritten" in capsys.readouterr().err
    assert precious.read_text(encoding="utf-8") == "not = [bookmarks"


def test_cli_export_replaces_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "share.toml"
    export_bookmarks([], out)
    BookmarkStore().add(a_bookmark())
    assert run_bookmarks_command("export", out) == 0
    assert read_bookmark_file(out) == (a_bookmark(),)
