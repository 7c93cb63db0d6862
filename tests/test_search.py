"""The search index, driven by queries a reader would type."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers import Corpus, Report
from baogao.parsers.model import (
    Indicator,
    IndicatorKind,
    Metadata,
    Section,
    SectionKind,
    Term,
    TermSource,
)
from baogao.parsers.text import fold_for_matching
from baogao.search.index import (
    GROUP_ORDER,
    Group,
    SearchIndex,
    SearchResults,
    normalize_query,
)

# ---------------------------------------------------------------- a hand-built report

TEXT = (
    "一、2025年工作回顾\n"
    "规模以上工业增加值增长6%，城镇新增就业4000人。坚持和发展新时代“枫桥经验”。\n"
    "二、2026年重点工作\n"
    "深化“三医联动”改革；推进“1+5+N”国有企业体系建设。\n"
    "名词解释\n"
    "“枫桥经验”：基层社会治理经验。\n"
)


def _at(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def _section(title: str, kind: SectionKind, end_title: str | None) -> Section:
    start = TEXT.index(title)
    end = TEXT.index(end_title) if end_title else len(TEXT)
    return Section(title, kind, 0, start, start + len(title) + 1, end)


def _indicator(name: str, nth: int = 0) -> Indicator:
    start, end = _at(name, nth)
    return Indicator(name, name, "2025", IndicatorKind.ACTUAL, growth=6.0, start=start, end=end)


def _report(path: str = "a.txt", region: str = "伊宁市") -> Report:
    sections = (
        _section("一、2025年工作回顾", SectionKind.REVIEW, "二、"),
        _section("二、2026年重点工作", SectionKind.WORK, "名词解释"),
        _section("名词解释", SectionKind.GLOSSARY, None),
    )
    glossary = (
        Term(
            "“枫桥经验”",
            "枫桥经验",
            "基层社会治理经验。",
            TermSource.EXPLICIT,
            "伊宁市",
            span=_at("“枫桥经验”", 1),
        ),
        Term("“三医联动”", "三医联动", None, TermSource.INLINE, None, span=_at("三医联动")),
    )
    meta = Metadata(title="政府工作报告", region=region, doc_type="政府工作报告", plan_year=2026)
    return Report(
        path,
        TEXT,
        meta,
        sections,
        glossary=glossary,
        indicators=(_indicator("规模以上工业增加值"),),
    )


@pytest.fixture(scope="module")
def small() -> SearchIndex:
    return SearchIndex.build((_report("a.txt"), _report("b.txt", "新源县")))


@pytest.fixture(scope="module")
def seeds(seed_corpus: Corpus) -> SearchIndex:
    return SearchIndex.build(seed_corpus.reports)


def _places(results: SearchResults) -> list[tuple[str, int, int]]:
    return [(hit.path, hit.start, hit.end) for hit in results.hits]


def _matched(report: Report, start: int, end: int) -> str:
    return report.text[start:end]


# ---------------------------------------------------------------- queries a reader types


def test_exact_phrase_finds_every_place_it_is_written(
    seeds: SearchIndex, seed_corpus: Corpus
) -> None:
    phrase = "规模以上工业增加值"
    results = seeds.search(phrase, limit_per_group=500)
    written = sum(report.text.count(phrase) for report in seed_corpus.reports)
    exact = [hit for hit in results.group(Group.TEXT) if hit.exact]
    assert written >= 5
    assert len(exact) == written
    by_path = {report.path: report for report in seed_corpus.reports}
    for hit in exact:
        assert _matched(by_path[hit.path], hit.start, hit.end) == phrase
        (start, end), *_ = hit.spans
        assert hit.snippet[start:end] == phrase


def test_typo_finds_the_written_phrase_first_in_the_text(
    seeds: SearchIndex, seed_corpus: Corpus
) -> None:
    results = seeds.search("规模以上工业增价值")
    first = results.group(Group.TEXT)[0]
    by_path = {report.path: report for report in seed_corpus.reports}
    assert _matched(by_path[first.path], first.start, first.end) == "规模以上工业增加值"
    assert not first.exact


def test_typo_finds_the_indicator_name_first(small: SearchIndex) -> None:
    results = small.search("规模以上工业增价值")
    indicator = results.group(Group.INDICATORS)[0]
    assert indicator.snippet.startswith("规模以上工业增加值")
    assert TEXT[indicator.start : indicator.end] == "规模以上工业增加值"


def test_pinyin_initials_find_the_term(seeds: SearchIndex) -> None:
    results = seeds.search("fqjy")
    first = results.group(Group.TERMS)[0]
    assert first.snippet.startswith("枫桥经验")
    assert first.spans == ((0, 4),)


def test_full_pinyin_finds_titles_and_terms(small: SearchIndex) -> None:
    assert small.search("fengqiao").group(Group.TERMS)[0].snippet.startswith("枫桥经验")
    assert small.search("zhongdiangongzuo").group(Group.SECTIONS)[0].snippet == (
        "二、2026年重点工作"
    )
    assert small.search("zdgz").group(Group.SECTIONS)[0].spans == ((7, 11),)


def test_slogan_with_plus_signs_is_found_with_or_without_quotes(
    seeds: SearchIndex, seed_corpus: Corpus
) -> None:
    by_path = {report.path: report for report in seed_corpus.reports}
    for query in ("1+5+N", "“1+5+N”", "１＋５＋ｎ"):
        results = seeds.search(query)
        term = results.group(Group.TERMS)[0]
        assert term.exact and term.snippet.startswith("1+5+N")
        texts = [_matched(by_path[hit.path], hit.start, hit.end) for hit in results.hits]
        assert "1+5+N" in texts


def test_query_without_hits_has_no_results(seeds: SearchIndex) -> None:
    results = seeds.search("量子纠缠xyz")
    assert results.groups == ()
    assert results.total == 0
    assert results.in_reading_order() == ()


def test_blank_query_has_no_results(seeds: SearchIndex) -> None:
    assert seeds.search("   ").groups == ()


def test_groups_come_in_order_sections_terms_indicators_text(small: SearchIndex) -> None:
    results = small.search("枫桥经验")
    names = [group for group, _ in results.groups]
    assert names == [group for group in GROUP_ORDER if group in names]
    assert names[:1] == [Group.TERMS] and Group.TEXT in names


def test_exact_hits_rank_before_fuzzy_ones(seeds: SearchIndex) -> None:
    for _, hits in seeds.search("枫桥经验").groups:
        flags = [hit.exact for hit in hits]
        assert flags == sorted(flags, reverse=True)


def test_each_hit_names_its_document_and_section(small: SearchIndex) -> None:
    hit = small.search("城镇新增就业").group(Group.TEXT)[0]
    assert hit.doc == "伊宁市 政府工作报告 2026"
    assert hit.section == ("一、2025年工作回顾",)


def test_text_hits_are_the_sentence_holding_the_match(small: SearchIndex) -> None:
    hit = small.search("城镇新增就业").group(Group.TEXT)[0]
    assert hit.snippet == "规模以上工业增加值增长6%，城镇新增就业4000人。"
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "城镇新增就业"


def test_this_document_filter_keeps_one_report(small: SearchIndex) -> None:
    results = small.search("枫桥经验", path="b.txt")
    assert results.hits and {hit.path for hit in results.hits} == {"b.txt"}
    assert {hit.path for hit in small.search("枫桥经验").hits} == {"a.txt", "b.txt"}


def test_kind_filter_keeps_hits_in_sections_of_that_kind(small: SearchIndex) -> None:
    work = frozenset({SectionKind.WORK})
    results = small.search("三医联动", kinds=work)
    assert results.hits
    assert all(TEXT.index("二、") <= hit.start < TEXT.index("名词解释") for hit in results.hits)
    assert small.search("城镇新增就业", kinds=work).groups == ()


def test_kind_filter_works_on_the_seeds(seeds: SearchIndex, seed_corpus: Corpus) -> None:
    by_path = {report.path: report for report in seed_corpus.reports}
    results = seeds.search("就业", kinds=frozenset({SectionKind.WORK}), limit_per_group=200)
    assert results.group(Group.TEXT)
    for hit in results.group(Group.TEXT):
        assert by_path[hit.path].section_path(hit.start)[0].kind == SectionKind.WORK


def test_reading_order_holds_every_hit_once_in_document_order(
    seeds: SearchIndex, seed_corpus: Corpus
) -> None:
    results = seeds.search("枫桥经验", limit_per_group=2)
    hits = results.in_reading_order()
    order = {report.path: i for i, report in enumerate(seed_corpus.reports)}
    keys = [(order[hit.path], hit.start) for hit in hits]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    written = {
        (report.path, match.start(), match.end())
        for report in seed_corpus.reports
        for match in re.finditer("枫桥经验", report.text)
    }
    assert len(written) > 2  # more than the two shown per group
    assert written <= {(hit.path, hit.start, hit.end) for hit in hits}


def test_hits_name_their_document_by_its_label() -> None:
    hit = SearchIndex.build((_report(),)).search("枫桥经验").hits[0]
    assert hit.doc == "伊宁市 政府工作报告 2026" == _report().label()


def test_queries_fold_width_case_and_quotes() -> None:
    assert normalize_query(" “１＋５＋Ｎ” ") == "1+5+n"
    assert normalize_query("就业   城镇") == "就业 城镇"
    assert len(fold_for_matching(TEXT)) == len(TEXT)


# ---------------------------------------------------------------- typing, key by key


def _naive_count(reports: tuple[Report, ...], needle: str) -> int:
    pattern = re.compile(f"(?={re.escape(needle)})")
    return sum(len(pattern.findall(fold_for_matching(report.text))) for report in reports)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_typing_key_by_key_finds_what_a_fresh_search_finds(
    seed_corpus: Corpus, data: st.DataObject
) -> None:
    reports = seed_corpus.reports
    report = data.draw(st.sampled_from(reports))
    start = data.draw(st.integers(0, len(report.text) - 8))
    query = report.text[start : start + data.draw(st.integers(1, 8))]
    typed = SearchIndex.build(reports, pinyin=False)
    for size in range(1, len(query) + 1):
        typed.search(query[:size])
    for size in range(len(query), 0, -1):  # and back, as with backspace
        prefix = query[:size]
        needle = normalize_query(prefix)
        if not needle or " " in needle:
            continue
        kept = typed.search(prefix, limit_per_group=10_000)
        fresh = SearchIndex.build(reports, pinyin=False).search(prefix, limit_per_group=10_000)
        assert _places(kept) == _places(fresh)
        exact_text = [hit for hit in kept.group(Group.TEXT) if hit.exact]
        assert len(exact_text) == min(_naive_count(reports, needle), 10_000)


# ---------------------------------------------------------------- jieba


def test_words_in_any_order_match_once_jieba_is_ready() -> None:
    index = SearchIndex.build((_report(),))
    before = index.search("城镇就业新增")
    assert not index.segmenter_ready
    assert before.group(Group.TEXT) == ()  # characters only: no phrase, no close sentence
    index.load_segmenter()
    assert index.segmenter_ready
    after = index.search("城镇就业新增").group(Group.TEXT)
    assert after and after[0].section == ("一、2025年工作回顾",)
    assert [after[0].snippet[s:e] for s, e in after[0].spans] == ["城镇", "新增", "就业"]


def test_spaces_separate_words_before_jieba_is_ready(small: SearchIndex) -> None:
    hits = small.search("就业 城镇").group(Group.TEXT)
    assert hits and "城镇新增就业" in hits[0].snippet


def test_glossary_terms_are_single_words_for_jieba() -> None:
    index = SearchIndex.build((_report(),))
    assert index.words("三医联动改革") == ("三医联动改革",)  # no jieba yet: one piece
    index.load_segmenter()
    assert "三医联动" in index.words("三医联动改革")


def test_jieba_writes_nothing_to_the_temp_dir_and_prints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the cached temp dir
    assert tempfile.gettempdir() == str(shared)
    index = SearchIndex.build((_report(),))
    index.load_segmenter()
    assert list(shared.iterdir()) == []
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    cached = Path(os.environ["XDG_CACHE_HOME"]) / "baogao" / "jieba.cache"
    assert cached.is_file()


def test_building_the_index_does_not_import_jieba() -> None:
    code = (
        "import sys\n"
        "from baogao.parsers import load\n"
        "from baogao.search.index import SearchIndex\n"
        "from baogao.seeds import seed_paths\n"
        "SearchIndex.build(load(seed_paths()).reports).search('就业')\n"
        "print('jieba' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_jieba_in_its_own_process_cuts_words_once_ready_and_pieces_stay_whole_before() -> None:
    index = SearchIndex.build((_report(),))
    process = index.start_segmenter()
    try:
        assert index.segmenter_ready  # attached at once: a key never waits for the load
        for _ in range(3000):  # the load takes a second or two; answers come in order
            words = index.words("三医联动改革")  # asks, and takes any answers that came
            if process.ready and "三医联动" in words:
                break
            time.sleep(0.01)
        assert process.ready
        assert "三医联动" in index.words("三医联动改革")
        after = index.search("城镇就业新增").group(Group.TEXT)
        assert after and after[0].section == ("一、2025年工作回顾",)
    finally:
        process.close()
    assert index.words("新的词语组合") == ("新的词语组合",)  # process gone: whole pieces


def test_clearing_the_cache_forgets_needles_and_search_answers_the_same(
    small: SearchIndex,
) -> None:
    first = small.search("城镇")
    assert small.occurrences("城镇") is small.occurrences("城镇")  # cached
    cached = small.occurrences("城镇")
    small.clear_cache()
    assert small.occurrences("城镇") is not cached
    assert small.search("城镇").hits == first.hits


def test_an_index_built_in_steps_equals_one_built_at_once(seed_corpus: Corpus) -> None:
    whole = SearchIndex.build(seed_corpus.reports)
    steps = list(SearchIndex.build_in_steps(seed_corpus.reports))
    stepped = steps[-1]
    assert isinstance(stepped, SearchIndex) and all(step is None for step in steps[:-1])
    assert len(steps) > len(seed_corpus.reports) // 2  # small steps, not one
    joined = "".join(report.text + "\n" for report in seed_corpus.reports)
    assert stepped.corpus.joined() == fold_for_matching(joined) == whole.corpus.joined()
    assert stepped.bases == whole.bases
    assert stepped.sentence_starts == whole.sentence_starts
    for query in ("规模以上工业增加值", "fqjy", "就业 城镇", "规模以上工业增价值"):
        assert stepped.search(query).hits == whole.search(query).hits


def test_building_in_steps_spells_pinyin_in_another_process() -> None:
    """pypinyin's import (0.2 s, one step no yield could split) stays out of the app."""
    code = (
        "import sys\n"
        "from baogao.parsers import load\n"
        "from baogao.search.index import Group, SearchIndex\n"
        "from baogao.seeds import seed_paths\n"
        "if __name__ == '__main__':  # the spelling process is spawned\n"
        "    *_, index = SearchIndex.build_in_steps(load(seed_paths()).reports)\n"
        "    hits = index.search('fqjy').group(Group.TERMS)\n"
        "    print('pypinyin' in sys.modules, bool(hits))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_an_index_in_steps_is_searchable_before_its_pinyin(seed_corpus: Corpus) -> None:
    """A search opened while the index builds answers on the text as soon as it can."""
    early: list[tuple[bool, int]] = []

    def searchable(index: SearchIndex) -> None:
        early.append((index.pinyin_pending, len(index.search("就业").hits)))

    steps = list(SearchIndex.build_in_steps(seed_corpus.reports, searchable=searchable))
    index = steps[-1]
    assert isinstance(index, SearchIndex)
    assert len(early) == 1 and early[0][0] and early[0][1] > 0
    assert not index.pinyin_pending and index.search("fqjy").group(Group.TERMS)


def test_a_folded_query_finds_full_width_and_capital_forms_and_shows_them_as_written() -> None:
    """The index keeps no folded copy: 增长6% and ai must still find 增长6％ and AI in a real
    report, and the snippet shows the text as the report writes it."""
    from pathlib import Path

    from baogao.parsers import parse

    report = parse(Path(__file__).parent / "corpus" / "prov2026" / "SN.txt")
    index = SearchIndex.build((report,), pinyin=False)
    for query, written in (("增长6%", "增长6％"), ("ai", "AI"), ("reit", "REIT")):
        hits = [hit for hit in index.search(query).hits if hit.group is Group.TEXT and hit.exact]
        assert len(hits) == report.text.count(written), query
        for hit in hits:
            assert report.text[hit.start : hit.end] == written
            start, end = hit.spans[0]
            assert hit.snippet[start:end] == written  # as written, not folded
