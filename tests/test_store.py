"""The corpus store: reports parsed once are read back as validated data, never as code.

Planted, damaged and hostile rows are parsed again with a notice; a damaged database
is set aside and rebuilt; an unusable cache folder costs only speed.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from baogao import parsers
from baogao.seeds import seed_paths
from baogao.store import codec, corpus, open_corpus, summaries, workers
from baogao.store.cache import load_corpus, seed_corpus
from baogao.store.database import DATABASE_NAME, CorpusStore, checksum, parser_version

REPORT = "政府工作报告\n\n各位代表：\n\n一、过去一年工作回顾\n\n{}\n"


def database(private_xdg: Path) -> Path:
    return private_xdg / "xdg_cache_home" / "baogao" / DATABASE_NAME


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any parse from here on fails the test: reports must come from the store."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(workers, "parse_one", refuse)
    monkeypatch.setattr(parsers, "parse", refuse)


def write_report(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / name
    file.write_text(REPORT.format(body), "utf-8")
    return file


def rows(private_xdg: Path) -> list[tuple[str, bytes, bytes]]:
    with sqlite3.connect(database(private_xdg)) as db:
        return list(db.execute("SELECT key, summary, body FROM reports"))


def replace_body(private_xdg: Path, body: bytes, *, fix_checksum: bool) -> None:
    """Overwrite every stored body, as a planted or damaged row would."""
    with sqlite3.connect(database(private_xdg)) as db:
        for (key,) in list(db.execute("SELECT key FROM reports")):
            body_sum = checksum(body) if fix_checksum else "0" * 32
            db.execute(
                "UPDATE reports SET body = ?, body_sum = ? WHERE key = ?", (body, body_sum, key)
            )


# --------------------------------------------------------------------------- reuse


def test_second_load_reads_the_store_instead_of_parsing(
    request: pytest.FixtureRequest,
) -> None:
    first = load_corpus(seed_paths())
    request.getfixturevalue("no_parsing")
    second = load_corpus(seed_paths())
    assert second == first


def test_stored_reports_equal_freshly_parsed_ones_in_every_field() -> None:
    load_corpus(seed_paths())  # written
    stored = load_corpus(seed_paths())  # read back
    fresh = parsers.load(seed_paths())
    assert stored.reports == fresh.reports
    assert any(term.occurrences for report in stored.reports for term in report.glossary)
    assert any(report.indicators for report in stored.reports)


def test_seed_corpus_goes_through_the_store(private_xdg: Path) -> None:
    assert len(seed_corpus().reports) == 5
    assert len(rows(private_xdg)) == 5


def test_a_subset_and_a_copy_elsewhere_reuse_the_entries_of_another_set(
    tmp_path: Path, request: pytest.FixtureRequest, private_xdg: Path
) -> None:
    first = write_report(tmp_path / "a", "report.txt", "经济平稳。")
    second = write_report(tmp_path / "a", "other.txt", "另一份报告。")
    load_corpus([first, second])
    copy = tmp_path / "b" / "report.txt"
    copy.parent.mkdir()
    shutil.copy(first, copy)
    request.getfixturevalue("no_parsing")
    assert "经济平稳" in load_corpus([first]).reports[0].text
    reread = load_corpus([copy]).reports[0]
    assert reread.path == str(copy) and "经济平稳" in reread.text
    assert len(rows(private_xdg)) == 2  # one entry per content, not per set of paths


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    file = write_report(tmp_path, "report.txt", "经济平稳。")
    assert "经济平稳" in load_corpus([file]).reports[0].text
    file.write_text(REPORT.format("经济回升向好。"), "utf-8")
    assert "经济回升向好" in load_corpus([file]).reports[0].text


def test_the_file_name_is_part_of_the_key_because_untitled_reports_are_named_by_it(
    tmp_path: Path,
) -> None:
    text = "一、总体要求\n\n" + "坚持稳中求进工作总基调，推动经济高质量发展。" * 20 + "\n"
    (tmp_path / "甲.txt").write_text(text, "utf-8")
    (tmp_path / "乙.txt").write_text(text, "utf-8")
    loaded = load_corpus([tmp_path])
    assert loaded.reports == parsers.load([tmp_path]).reports
    assert [report.title for report in loaded.reports] == ["乙", "甲"]


def test_missing_files_are_errors_next_to_the_stored_reports(tmp_path: Path) -> None:
    load_corpus(seed_paths())
    loaded = load_corpus([*seed_paths(), tmp_path / "nowhere.txt"])
    assert len(loaded.reports) == 5
    assert [error.problem for error in loaded.errors] == ["no such file or folder"]


def test_no_store_parses_without_creating_a_database(private_xdg: Path) -> None:
    loaded = open_corpus(seed_paths(), use_store=False)
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert not database(private_xdg).exists()


# --------------------------------------------------------------------------- data, never code


class Planted:
    """Unpickling this runs code: the attack on the old pickle cache."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_row_is_never_run_and_the_file_is_parsed_again(
    tmp_path: Path, private_xdg: Path
) -> None:
    file = write_report(tmp_path, "report.txt", "经济平稳。")
    load_corpus([file])
    marker = tmp_path / "pwned"
    replace_body(private_xdg, pickle.dumps(Planted(marker)), fix_checksum=True)
    loaded = open_corpus([file])
    assert not marker.exists()
    assert "经济平稳" in loaded.corpus.reports[0].text
    assert any("damaged" in notice for notice in loaded.notices)


def body(rest: bytes, text: bytes = b"x", size: int | None = None) -> bytes:
    """A body in the stored framing: magic, text length, UTF-8 text, compressed JSON."""
    length = (len(text) if size is None else size).to_bytes(8, "big")
    return codec.BODY_MAGIC + length + text + zlib.compress(rest)


@pytest.mark.parametrize(
    "payload",
    [
        b"\x80\x05garbage",
        body(b"[1, " * 100_000),  # nesting the JSON decoder cannot follow
        body(b"[1, [], [], [[" + b"9" * 500 + b"]]]"),  # a huge number
        body(b"[1, [[0, 99999999]], [], []]"),  # a span past the text
        body(b'[1, [], [], [["a","a","2025","actual",1e999,null,null,null,null,null,"",0,0,""]]]'),
        body(b"[" * 10 + b"]" * 10),
        body(b"[1, [], [], []]", text="短".encode()),  # a text of another length
        body(b"[1, [], [], []]", text=b"\xff\xfe"),  # not UTF-8
        body(b"[1, [], [], []]", size=1 << 40),  # a text length past the end
        zlib.compress(b"\0" * (300 << 20)),  # a bomb: inflates past the cap
        codec.BODY_MAGIC + (1).to_bytes(8, "big") + b"x" + zlib.compress(b"\0" * (300 << 20)),
        codec.BODY_MAGIC + (1).to_bytes(8, "big") + b"x" + b"not compressed",
    ],
    ids=[
        "not-zlib",
        "deep",
        "huge-int",
        "span-out",
        "infinite",
        "wrong-shape",
        "other-length",
        "not-utf8",
        "length-past-end",
        "bomb",
        "figures-bomb",
        "figures-not-zlib",
    ],
)
def test_a_hostile_row_is_rebuilt_with_a_notice_never_fatal(
    payload: bytes, tmp_path: Path, private_xdg: Path
) -> None:
    file = write_report(tmp_path, "report.txt", "经济平稳。")
    load_corpus([file])
    replace_body(private_xdg, payload, fix_checksum=True)
    loaded = open_corpus([file])
    assert loaded.corpus.reports == parsers.load([file]).reports
    assert any("damaged" in notice for notice in loaded.notices)
    assert open_corpus([file]).notices == ()  # stored again, cleanly


def test_a_row_damaged_on_disk_fails_its_checksum_and_is_parsed_again(
    tmp_path: Path, private_xdg: Path
) -> None:
    file = write_report(tmp_path, "report.txt", "经济平稳。")
    load_corpus([file])
    (_, _, body) = rows(private_xdg)[0]
    flipped = bytes(body[:-5]) + bytes([body[-5] ^ 1]) + bytes(body[-4:])
    replace_body(private_xdg, flipped, fix_checksum=False)
    loaded = open_corpus([file])
    assert loaded.corpus.reports == parsers.load([file]).reports
    assert loaded.notices


def test_summaries_reject_a_row_of_another_shape(tmp_path: Path, private_xdg: Path) -> None:
    file = write_report(tmp_path, "report.txt", "经济平稳。")
    load_corpus([file])
    with sqlite3.connect(database(private_xdg)) as db:
        bad = zlib.compress(
            b'[1, ["t",null,null,null,null,null,null,null], [["x","bogus",0,0,0,0,[]]], 1]'
        )
        db.execute("UPDATE reports SET summary = ?, summary_sum = ?", (bad, checksum(bad)))
    loaded = open_corpus([file])
    assert loaded.corpus.reports == parsers.load([file]).reports
    assert loaded.notices


def test_a_non_finite_figure_is_refused_by_the_encoder() -> None:
    report = parsers.load(seed_paths()).reports[0]
    row = next(r for r in report.indicators if r.value is not None)
    from dataclasses import replace

    broken = replace(report, indicators=(replace(row, value=float("inf")),))
    with pytest.raises(ValueError):
        codec.encode_body(broken)


# --------------------------------------------------------------------------- a damaged store


def test_a_file_that_is_not_a_database_is_set_aside_and_rebuilt_with_a_notice(
    private_xdg: Path,
) -> None:
    path = database(private_xdg)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite" * 1000)
    loaded = open_corpus(seed_paths())
    assert len(loaded.corpus.reports) == 5
    assert any("set aside" in notice for notice in loaded.notices)
    assert list(path.parent.glob(f"{DATABASE_NAME}.corrupt-*"))
    assert len(rows(private_xdg)) == 5
    assert open_corpus(seed_paths()).notices == ()


def test_a_database_damaged_past_its_first_page_is_rebuilt(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    path = database(private_xdg)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for at in range(page * 2, len(data), 7):  # keep the header, wreck the tables' pages
        data[at] = 0xFF
    path.write_bytes(bytes(data))
    loaded = open_corpus(seed_paths())
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert loaded.notices


@pytest.mark.parametrize("where", ["xdg-is-a-file", "baogao-is-a-file"])
def test_a_cache_folder_that_cannot_be_created_costs_only_speed(
    where: str, private_xdg: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("x")
    if where == "xdg-is-a-file":
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    else:
        (private_xdg / "xdg_cache_home" / "baogao").write_text("x")
    loaded = open_corpus(seed_paths())
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert len(loaded.notices) == 1 and "unavailable" in loaded.notices[0]


def test_a_crash_mid_write_loses_nothing_already_stored(
    private_xdg: Path, request: pytest.FixtureRequest
) -> None:
    load_corpus(seed_paths())
    crash = (
        "import os\n"
        "from baogao.store.database import CorpusStore\n"
        "store = CorpusStore()\n"
        "db = store._db\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "db.execute('DELETE FROM reports')\n"
        "db.execute(\"INSERT INTO reports VALUES ('k', 'p', 1, 1, x'00', 's', x'00', 'c', 0)\")\n"
        "os._exit(9)  # killed before the commit\n"
    )
    done = subprocess.run([sys.executable, "-c", crash], env=os.environ.copy(), check=False)
    assert done.returncode == 9
    request.getfixturevalue("no_parsing")
    loaded = open_corpus(seed_paths())
    assert len(loaded.corpus.reports) == 5 and loaded.notices == ()


# --------------------------------------------------------------------------- upkeep


def test_entries_of_another_parser_or_long_unused_are_pruned(
    tmp_path: Path, private_xdg: Path
) -> None:
    old = write_report(tmp_path, "old.txt", "旧报告。")
    new = write_report(tmp_path, "new.txt", "新报告。")
    load_corpus([old, new])
    with sqlite3.connect(database(private_xdg)) as db:
        db.execute("UPDATE reports SET parser = 'older' WHERE key LIKE '%.old.txt'")
    with CorpusStore() as store:
        assert store.prune() == 1
        assert [key.rsplit(".", 2)[-2:] for key, *_ in rows(private_xdg)] == [["new", "txt"]]
        assert store.prune(now=1e12) == 1  # unused for ages
    assert rows(private_xdg) == []


def test_a_warm_open_takes_no_write_lock_while_another_process_writes(
    private_xdg: Path, request: pytest.FixtureRequest
) -> None:
    """`baogao index` in another terminal holds the write lock for its batches: an open
    that only reads must not wait for it (a write would wait the busy timeout, 5 s)."""
    load_corpus(seed_paths())
    request.getfixturevalue("no_parsing")
    writer = sqlite3.connect(database(private_xdg), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        loaded = open_corpus(seed_paths())
        waited = time.monotonic() - started
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert len(loaded.corpus.reports) == 5 and loaded.notices == ()
    assert waited < 2.5


def test_a_read_marks_an_entry_used_once_it_was_last_marked_a_day_ago(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    with sqlite3.connect(database(private_xdg)) as db:
        db.execute("UPDATE reports SET used = 1000.0")
        db.execute("UPDATE links SET used = 1000.0")
    load_corpus(seed_paths())
    with sqlite3.connect(database(private_xdg)) as db:
        used = [
            row[0]
            for row in db.execute("SELECT used FROM reports UNION ALL SELECT used FROM links")
        ]
    assert len(used) == 6 and all(when > time.time() - 60 for when in used)


def test_keys_carry_the_parser_version(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    assert all(f".{parser_version()}." in key for key, *_ in rows(private_xdg))


def test_a_change_to_any_parser_module_is_a_new_parser_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from baogao.store import database

    (tmp_path / "formats").mkdir()
    (tmp_path / "__init__.py").write_text("")
    reader = tmp_path / "formats" / "pdf.py"
    reader.write_text("LIMIT = 1\n")
    monkeypatch.setattr(database.parsers, "__file__", str(tmp_path / "__init__.py"))
    versions = []
    for content in ("LIMIT = 1\n", "LIMIT = 2\n", "LIMIT = 22\n"):
        reader.write_text(content)
        os.utime(reader, ns=(1, 10**18 + len(versions)))  # a new time, whatever the clock
        monkeypatch.setattr(database, "_parser_version", None)
        versions.append(database.parser_version())
    assert len(set(versions)) == 3
    monkeypatch.setattr(database, "_parser_version", None)
    assert database.parser_version() == versions[-1]  # nothing changed: the same parser


# --------------------------------------------------------------------------- lazy loading


def test_summaries_give_the_outline_without_reading_any_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = parsers.load(seed_paths())
    load_corpus(seed_paths())

    def no_body(*args: object) -> None:
        raise AssertionError("a body was read")

    monkeypatch.setattr(codec, "decode_report", no_body)
    found, notices = summaries(seed_paths())
    assert notices == ()
    assert [(s.path, s.meta, s.sections, s.length) for s in found] == [
        (r.path, r.meta, r.sections, len(r.text)) for r in fresh.reports
    ]
    assert [s.label() for s in found] == [r.label() for r in fresh.reports]


def test_read_report_gives_one_full_report() -> None:
    path = seed_paths()[0]
    assert corpus.read_report(path) == parsers.parse(path)


# --------------------------------------------------------------------------- workers


def test_parsing_in_worker_processes_reports_progress_and_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "IN_PROCESS_BYTES", 0)  # use the pool even for the seeds
    for seed in seed_paths():
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    seen: list[workers.Progress] = []
    loaded = open_corpus([tmp_path], progress=seen.append)
    assert loaded.corpus.reports == parsers.load([tmp_path]).reports
    assert [p.done for p in seen] == list(range(1, 7))
    assert seen[-1].total == 6 and seen[-1].bytes_done == seen[-1].bytes_total
    failed = [p.failed for p in seen if p.failed is not None]
    assert [error.path for error in failed] == [str(tmp_path / "empty.txt")]
    assert [error.path for error in loaded.corpus.errors] == [str(tmp_path / "empty.txt")]


def test_the_word_cutter_loads_when_the_cache_folder_cannot_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search index's jieba used to mkdir the cache folder and crash the app."""
    from baogao.search.index import load_segmenter

    blocker = tmp_path / "cache-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    segment = load_segmenter(["枫桥经验"])
    assert "枫桥经验" in segment("坚持和发展新时代枫桥经验")
    assert blocker.read_text() == "x"


def test_a_store_of_an_older_schema_is_started_afresh_without_fuss(private_xdg: Path) -> None:
    path = database(private_xdg)
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE store (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO store VALUES ('schema', '1')")
        db.execute("CREATE TABLE reports (key TEXT PRIMARY KEY, body BLOB)")
    loaded = open_corpus(seed_paths())
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert loaded.notices == ()
    assert len(rows(private_xdg)) == 5


def test_a_store_whose_tables_are_not_ours_is_set_aside_and_rebuilt(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    with sqlite3.connect(database(private_xdg)) as db:
        db.execute("DROP TABLE reports")
        db.execute("CREATE TABLE reports (key TEXT PRIMARY KEY, body BLOB)")
    loaded = open_corpus(seed_paths())
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert any("set aside" in notice for notice in loaded.notices)
    assert open_corpus(seed_paths()).notices == ()


# --------------------------------------------------------------------------- linked glossaries


def test_a_warm_open_imports_no_parsing_step_and_no_textual() -> None:
    """A warm open needs only the model: linking is read back, the parser stays unloaded."""
    code = (
        "import sys\n"
        "from baogao.seeds import seed_paths\n"
        "from baogao.store.cache import load_corpus\n"
        "load_corpus(seed_paths())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('baogao.parsers.', 'textual'))))\n"
    )
    load_corpus(seed_paths())  # fill the store (the child shares this test's XDG dirs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(["baogao.parsers.model"])


def test_glossaries_lent_across_reports_come_back_from_the_store() -> None:
    fresh = parsers.load(seed_paths()).reports
    unlinked = tuple(parsers.parse(path) for path in seed_paths())
    assert fresh != unlinked  # the seeds do lend definitions to each other
    load_corpus(seed_paths())
    assert load_corpus(seed_paths()).reports == fresh
    subset = [seed_paths()[0], seed_paths()[3]]
    assert load_corpus(subset).reports == parsers.load(subset).reports  # its own linking


def test_a_damaged_linking_row_is_linked_again_with_a_notice(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    with sqlite3.connect(database(private_xdg)) as db:
        bad = zlib.compress(b'[1, [[0, [["x","x",null,"inline",null,[["s",0,999999999]],null]]]]]')
        db.execute("UPDATE links SET glossaries = ?, links_sum = ?", (bad, checksum(bad)))
    loaded = open_corpus(seed_paths())
    assert loaded.corpus.reports == parsers.load(seed_paths()).reports
    assert any("linked again" in notice for notice in loaded.notices)


def test_links_are_kept_as_edits_read_back_onto_the_reports_own_terms() -> None:
    from dataclasses import replace

    from baogao.store import codec

    own = tuple(parsers.parse(path) for path in seed_paths())
    linked = parsers.load(seed_paths()).reports
    changed = [
        (i, before.glossary, after.glossary)
        for i, (before, after) in enumerate(zip(own, linked, strict=True))
        if after.glossary != before.glossary
    ]
    assert changed
    data = codec.encode_links(changed)
    lent = codec.decode_links(data, [(r.glossary, len(r.text)) for r in own])
    assert {i: terms for i, terms in lent.items()} == {i: after for i, _, after in changed}
    for i, before, _after in changed:
        for old, new in zip(before, lent[i], strict=False):
            assert new.occurrences is old.occurrences  # one copy of a term's uses
    first, before, after = changed[0]
    with pytest.raises(ValueError):  # linking only lends definitions and adds terms
        codec.encode_links([(first, before, (replace(after[0], key="改了"), *after[1:]))])
