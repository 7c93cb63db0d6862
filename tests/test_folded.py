"""The folded view finds what a search of a folded copy of the joined texts would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.parsers.text import fold_for_matching
from baogao.search.folded import STEP_RUNS, FoldedTexts, written_forms
from baogao.search.query import normalize_query

# Characters of every kind the fold treats differently: CJK, printable ASCII in both
# cases, full-width forms, Chinese punctuation it leaves alone, space.
ALPHABET = "增长城镇就业ab5%,.GDPＧＤＰｇ５％，。；;：（）( )、"
texts = st.lists(st.text(alphabet=ALPHABET + "\n", max_size=60), min_size=1, max_size=4)
needles = st.text(alphabet=ALPHABET, min_size=1, max_size=5)


def scanned(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


@settings(max_examples=400, deadline=None)
@given(texts, needles)
def test_find_all_equals_a_scan_of_the_folded_joined_text(parts: list[str], raw: str) -> None:
    needle = normalize_query(raw)
    if not needle or "\n" in needle:
        return
    view = FoldedTexts.of(parts)
    joined = view.joined()
    assert joined == fold_for_matching("".join(part + "\n" for part in parts))
    expected = scanned(joined, needle)
    assert view.find_all(needle, 10_000) == (expected, False)
    if len(expected) > 1:
        assert view.find_all(needle, 1) == (expected[:1], True)
    every = [p for p in range(len(view)) if joined.startswith(needle, p)]
    assert view.starting_with(needle, range(-2, len(view) + 2)) == every


@settings(max_examples=200, deadline=None)
@given(texts, needles, st.data())
def test_find_and_slice_within_a_report_read_the_folded_text(
    parts: list[str], raw: str, data: st.DataObject
) -> None:
    needle = normalize_query(raw) or "a"
    view = FoldedTexts.of(parts)
    joined = view.joined()
    i = data.draw(st.integers(0, len(parts) - 1))
    base, size = view.bases[i], len(parts[i])
    start = data.draw(st.integers(base, base + size))
    end = data.draw(st.integers(start, base + size))
    assert view.slice(start, end) == joined[start:end]
    found = joined.find(needle, start, end)
    assert view.find(needle, start, end) == found


def test_a_character_has_all_its_written_forms() -> None:
    assert set(written_forms("g")) == {"g", "G", "ｇ", "Ｇ"}
    assert set(written_forms("%")) == {"%", "％"}
    assert written_forms("增") == ("增",)


def test_the_view_holds_the_reports_own_strings() -> None:
    text = "国内生产总值增长５％左右，ＧＤＰ。" * 10
    view = FoldedTexts.of([text])
    assert view.parts[0] is text
    assert view.find_all("gdp", 100)[0] == [13 + 17 * n for n in range(10)]
    assert view.find_all("5%左右", 100)[0] == [8 + 17 * n for n in range(10)]


def test_a_long_text_is_added_in_steps_and_found_whole() -> None:
    """A report on one line of megabytes must not hold the event loop in one step."""
    text = "增长５%，" * 20_000  # 20,000 runs of foldable characters
    view = FoldedTexts()
    steps = list(view.adding(text))
    assert len(steps) >= 20_000 // STEP_RUNS and view.parts == [text]
    assert view.find_all("5%,", 30_000) == ([2 + 5 * n for n in range(20_000)], False)
