"""The parse cache: a set of files parsed once is read back, never stale, under XDG_CACHE_HOME."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from baogao import parsers
from baogao.seeds import seed_paths
from baogao.store.cache import cache_file, corpus_key, load_corpus, prune_cache

REPORT = "政府工作报告\n\n各位代表：\n\n一、过去一年工作回顾\n\n{}\n"


def test_second_load_reads_the_cache_instead_of_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_corpus(seed_paths())

    def no_parsing(paths: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsers, "load", no_parsing)
    second = load_corpus(seed_paths())
    assert [r.path for r in second.reports] == [r.path for r in first.reports]
    assert second.reports[0].text == first.reports[0].text
    assert second.reports[0].sections == first.reports[0].sections


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text(REPORT.format("经济平稳。"), "utf-8")
    assert "经济平稳" in load_corpus([file]).reports[0].text
    file.write_text(REPORT.format("经济回升向好。"), "utf-8")
    assert "经济回升向好" in load_corpus([file]).reports[0].text


def test_a_pickle_stored_under_another_key_is_not_trusted(tmp_path: Path) -> None:
    """The file name is a 64-bit checksum; the full key inside decides."""
    file = tmp_path / "report.txt"
    file.write_text(REPORT.format("经济平稳。"), "utf-8")
    key = corpus_key([file])
    other = tmp_path / "other.txt"
    other.write_text(REPORT.format("另一份报告。"), "utf-8")
    impostor = load_corpus([other])
    cached = cache_file(key)
    cached.write_bytes(pickle.dumps(("not " + key, impostor.reports, ())))
    assert "经济平稳" in load_corpus([file]).reports[0].text


def test_a_damaged_cache_file_is_parsed_again(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text(REPORT.format("经济平稳。"), "utf-8")
    cache_file(corpus_key([file])).parent.mkdir(parents=True, exist_ok=True)
    cache_file(corpus_key([file])).write_bytes(b"\x80\x05garbage")
    assert "经济平稳" in load_corpus([file]).reports[0].text


def test_missing_files_are_errors_next_to_the_cached_reports(tmp_path: Path) -> None:
    load_corpus(seed_paths())
    corpus = load_corpus([*seed_paths(), tmp_path / "nowhere.txt"])
    assert len(corpus.reports) == 5
    assert [error.problem for error in corpus.errors] == ["no such file or folder"]


def test_cache_lives_under_xdg_cache_home(private_xdg: Path) -> None:
    load_corpus(seed_paths())
    cached = list((private_xdg / "xdg_cache_home" / "baogao").glob("corpus-*.pickle"))
    assert len(cached) == 1
    _key, reports, failures = pickle.loads(cached[0].read_bytes())
    assert len(reports) == 5 and failures == ()


def test_old_cache_files_are_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    for number in range(12):
        (folder / f"corpus-{number}.pickle").write_bytes(b"")
    prune_cache(folder, keep=3)
    assert len(list(folder.glob("corpus-*.pickle"))) == 3


def test_reading_the_cache_imports_no_parsing_step_and_no_textual() -> None:
    """A cache hit needs only the model: the parsers' regexes and Textual stay unloaded."""
    code = (
        "import sys\n"
        "from baogao.seeds import seed_paths\n"
        "from baogao.store.cache import load_corpus\n"
        "load_corpus(seed_paths())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('baogao.parsers.', 'textual'))))\n"
    )
    load_corpus(seed_paths())  # fill the cache (the child shares this test's XDG dirs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(["baogao.parsers.model"])


def test_cached_reports_equal_freshly_parsed_ones_in_every_field() -> None:
    """The compact pickling (a call of each model class) loses nothing."""
    load_corpus(seed_paths())  # written
    cached = load_corpus(seed_paths())  # read back
    fresh = parsers.load(seed_paths())
    assert cached.reports == fresh.reports
    glossaries = [term for report in cached.reports for term in report.glossary]
    assert any(term.occurrences for term in glossaries)
    assert any(report.indicators for report in cached.reports)
