"""The search index: section titles, glossary terms, indicator names and body text.

The index puts the parts together (one module a job): `results` (what a search
returns), `query` (normalizing, scores, snippets), `fields` (short-field tables),
`occurrences` (needles in the body text, cached), `segmenter` (jieba).

No UI here, so the search screen and the command palette can share it and tests
can drive it alone. Building needs neither jieba nor a per-character loop over
the text: the body of every report is joined into one case-folded string that
`str.find` and compiled patterns scan in C, and short fields (titles, terms,
indicator names) are deduplicated into small tables that rapidfuzz and the
pinyin matcher walk quickly. Per keystroke:

- exact: occurrences of the query, narrowed from the cached occurrences of a
  shorter query when the new one extends it (typing) or was typed before (delete);
- words: with jieba ready, the query's words in any order within one sentence
  (whitespace always separates words, jieba or not);
- pinyin: ASCII letters match the initials (fqjy) or full pinyin (fengqiao) of
  short fields;
- fuzzy: rapidfuzz over the short fields, and over the sentences holding either
  half of the query (one typo leaves one half intact), with "did you mean"
  corrections from the short fields searched in the text.
"""

from __future__ import annotations

import os
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path
from time import perf_counter

from rapidfuzz import fuzz

from baogao.display import format_figure
from baogao.parsers.model import Report, SectionKind, Span
from baogao.parsers.pinyin import (
    MIN_INITIALS,
    MIN_SYLLABLES,
    Spelling,
    query_letters,
    spell_all,
)
from baogao.parsers.pinyin import match as pinyin_match
from baogao.parsers.text import SENTENCE_MARKS, fold_for_matching
from baogao.search.fields import FieldTable, Joined, Place
from baogao.search.folded import FoldedTexts
from baogao.search.occurrences import Found, Occurrences
from baogao.search.query import (
    SCORE_CONTAINS,
    SCORE_EQUAL,
    SCORE_FULL_PINYIN,
    SCORE_FUZZY_MAX,
    SCORE_INITIALS,
    SCORE_PREFIX,
    SCORE_WORDS,
    WORDLIKE,
    Scope,
    normalize_query,
    shorten,
    trimmed,
)
from baogao.search.results import (
    GROUP_ORDER,
    READING_CAP,
    Group,
    SearchHit,
    SearchOutcome,
    SearchResults,
)
from baogao.search.segmenter import (
    CHILD_NICENESS,
    Segmenter,
    SegmenterProcess,
    load_segmenter,
)

__all__ = [
    "Group",
    "SearchHit",
    "SearchIndex",
    "SearchOutcome",
    "SearchResults",
    "Segmenter",
    "SegmenterProcess",
    "load_segmenter",
    "normalize_query",
]


# A sentence: up to and including 。！？；(or their ASCII forms), or up to a line break;
# the same in the text and its folded form, whose sentences the index keeps.
# e.g. 「规模以上工业增加值 72.03 亿元、同比增长 6%，」… ends at 「；」
_MARKS = "".join(sorted(set(SENTENCE_MARKS + fold_for_matching(SENTENCE_MARKS))))
SENTENCE = re.compile(f"[^{_MARKS}\n]+[{_MARKS}]?")

FIELD_CAP = 2_000  # short fields matched per group and way of matching (one character…)
FUZZY_CANDIDATES = 1_000  # fields or sentences verified by rapidfuzz per group
WORD_ANCHORS = 5_000  # places of the longest word looked at for the other words
SNIPPET_BEFORE = 16  # characters of context kept before a text match
FIELD_FUZZY_CUTOFF = 72.0
TEXT_FUZZY_CUTOFF = 75.0
CORRECTION_CUTOFF = 80.0
POSITION = "I"  # the array type of sentence places
STEP_SECONDS = 0.003  # a build step yields to the event loop after this long
STEP_SENTENCES = 256  # sentences found at a time, between looks at the clock
STEP_SPELLINGS = 300  # short fields spelled in pinyin per build step


class StepClock:
    """When a build step has run STEP_SECONDS: the steps look at it between small
    pieces of work, yield when it is due, and `restart` it when they are resumed."""

    def __init__(self, seconds: float = STEP_SECONDS) -> None:
        self.seconds = seconds
        self.restart()

    def restart(self) -> None:
        self._until = perf_counter() + self.seconds

    def due(self) -> bool:
        return perf_counter() >= self._until


# --------------------------------------------------------------------------- the index


class SearchIndex:
    """Search over a tuple of reports. Build it in a worker; search from the UI thread.

    Mutable only in its caches (occurrences of recent needles) and in the
    segmenter, which a background thread attaches when jieba is ready.
    """

    def __init__(self, reports: tuple[Report, ...], *, pinyin: bool = True) -> None:
        for _ in self._steps(tuple(reports), pinyin):
            pass

    @classmethod
    def build(cls, reports: tuple[Report, ...], *, pinyin: bool = True) -> SearchIndex:
        return cls(tuple(reports), pinyin=pinyin)

    @classmethod
    def build_in_steps(
        cls,
        reports: tuple[Report, ...],
        *,
        pinyin: bool = True,
        spell_in_process: bool = True,
        searchable: Callable[[SearchIndex], None] | None = None,
    ) -> Iterator[SearchIndex | None]:
        """Build in small steps, for the event loop itself: each `next()` does a few
        milliseconds of work and yields None; the last yields the index.

        The app can drive it between keys (`for step in ...: await asyncio.sleep(0)`)
        instead of a thread, where the GIL would stall keys. With `spell_in_process`
        the pinyin of the short fields is worked out in a spawned process (pypinyin's
        import alone is 0.2 s that no step could split); the steps yield meanwhile.

        `searchable` is called with the index as soon as its text and short fields can
        be searched, before the pinyin (`pinyin_pending` says it is still to come): a
        search opened early answers on what is indexed so far.
        """
        index = cls.__new__(cls)
        index.searchable = False
        for step in index._steps(tuple(reports), pinyin, spell_in_process):
            if searchable is not None and index.searchable:
                searchable(index)
                searchable = None
            yield step
        yield index

    def _steps(
        self, reports: tuple[Report, ...], pinyin: bool, spell_in_process: bool = False
    ) -> Iterator[None]:
        self.searchable = False  # the text and the short fields can be searched
        self.pinyin_pending = pinyin  # the short fields' pinyin is still to come
        self.reports = reports
        self.labels = tuple(report.label() for report in reports)
        self.order = {report.path: i for i, report in enumerate(reports)}
        # Top-level sections of each report, for kind filters.
        self.top_starts = tuple(
            tuple(section.start for section in report.sections) for report in reports
        )
        self.top_kinds = tuple(
            tuple(section.kind for section in report.sections) for report in reports
        )
        self.fields: dict[Group, FieldTable] = {group: FieldTable() for group in GROUP_ORDER[:3]}
        # The texts as they are, searched folded (FoldedTexts: no folded copy), with
        # positions as if laid end to end with a line break after each; a sentence
        # never crosses a line break, so each report's sentences are found on its own.
        self.corpus = corpus = FoldedTexts()
        # Four bytes a place (a corpus of up to 4 billion characters): at a thousand
        # reports there are some 430,000 sentences.
        starts: array[int] = array(POSITION)
        ends: array[int] = array(POSITION)
        clock = StepClock()
        for i, report in enumerate(reports):
            offset = corpus.size
            for _ in corpus.adding(report.text):
                if clock.due():
                    yield None
                    clock.restart()
            for n, match in enumerate(SENTENCE.finditer(report.text), 1):
                starts.append(offset + match.start())
                ends.append(offset + match.end())
                if n % STEP_SENTENCES == 0 and clock.due():
                    yield None
                    clock.restart()
            self._add_fields(i, report)
            if clock.due():
                yield None
                clock.restart()
        yield None
        clock.restart()
        self.bases = tuple(corpus.bases)
        self.sentence_starts = starts
        self.sentence_ends = ends
        self._occurrences = Occurrences(self.corpus)
        self._segment: Segmenter | None = None
        for table in self.fields.values():
            if clock.due():
                yield None
                clock.restart()
            table.joined = Joined.of(table.strings)
        self.searchable = True
        if not pinyin:
            return
        yield None
        if spell_in_process:
            yield from self._spell_in_process()
        else:
            for table in self.fields.values():
                spellings: list[Spelling] = []
                for at in range(0, len(table.originals), STEP_SPELLINGS):
                    spellings.extend(spell_all(table.originals[at : at + STEP_SPELLINGS]))
                    yield None
                self._set_spellings(table, spellings)
        self.pinyin_pending = False

    def _spell_in_process(self) -> Iterator[None]:
        """Spell every short field in a spawned process, yielding until it answers.

        Each step does one thing: the imports, the pool, one table sent, so none
        holds the event loop long (the first submit starts the process)."""
        import multiprocessing

        yield None
        from concurrent.futures import Future, ProcessPoolExecutor

        yield None
        tables = list(self.fields.values())
        context = multiprocessing.get_context("spawn")  # never fork a process with threads
        # At a lower priority: on a busy machine the app's keys come before the spelling.
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=os.nice, initargs=(CHILD_NICENESS,)
        )
        try:
            futures: list[Future[list[Spelling]]] = []
            for table in tables:
                yield None
                futures.append(pool.submit(spell_all, table.originals))
            while not all(future.done() for future in futures):
                yield None
            for table, future in zip(tables, futures, strict=True):
                self._set_spellings(table, future.result())
                yield None
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _set_spellings(table: FieldTable, spellings: list[Spelling]) -> None:
        table.spellings = spellings
        table.joined_initials = Joined.of([s.initials for s in spellings])
        table.joined_syllables = Joined.of([s.syllables for s in spellings])

    # ----------------------------------------------------------------- building

    def _add_fields(self, i: int, report: Report) -> None:
        for section in report.walk():
            if section.title.strip():
                self.fields[Group.SECTIONS].add(
                    section.title, Place(i, section.start, section.body_start, section.kind)
                )
        for term in report.glossary:
            span = term.span or (
                (term.occurrences[0].start, term.occurrences[0].end) if term.occurrences else None
            )
            if span is None:
                continue
            place = Place(i, span[0], span[1], self._kind_at(i, span[0]), term.definition or "")
            self.fields[Group.TERMS].add(term.key or term.term, place)
        for indicator in report.indicators:
            place = Place(
                i,
                indicator.start,
                indicator.end,
                self._kind_at(i, indicator.start),
                f"{indicator.period} {format_figure(indicator)}",
            )
            self.fields[Group.INDICATORS].add(indicator.name, place)
            if indicator.raw_name and indicator.raw_name != indicator.name:
                self.fields[Group.INDICATORS].add(indicator.raw_name, place)

    def _kind_at(self, i: int, offset: int) -> SectionKind:
        starts = self.top_starts[i]
        at = bisect_right(starts, offset) - 1
        return self.top_kinds[i][at] if at >= 0 else SectionKind.FRONT

    # ----------------------------------------------------------------- occurrences

    def clear_cache(self) -> None:
        """Forget the cached needles (as if the search screen had just opened)."""
        self._occurrences.clear_cache()

    def occurrences(self, needle: str) -> Found:
        """Where `needle` occurs in the folded corpus (see Occurrences)."""
        return self._occurrences.find(needle)

    # ----------------------------------------------------------------- segmenter

    @property
    def segmenter_ready(self) -> bool:
        return self._segment is not None

    def glossary_words(self) -> tuple[str, ...]:
        return tuple(self.fields[Group.TERMS].originals)

    def load_segmenter(self, folder: Path | None = None) -> None:
        """Load jieba with the glossary terms as words; call from a worker thread."""
        self.attach_segmenter(load_segmenter(self.glossary_words(), folder))

    def start_segmenter(self, folder: Path | None = None) -> SegmenterProcess:
        """jieba in a process of its own, attached now: no key waits on it (see
        SegmenterProcess); words are cut once its `ready` is True. Close it when done."""
        process = SegmenterProcess(self.glossary_words(), folder)
        self.attach_segmenter(process)
        return process

    def attach_segmenter(self, segment: Segmenter | None) -> None:
        self._segment = segment

    def words(self, query: str) -> tuple[str, ...]:
        """The query's words: white space always separates; jieba cuts each piece when ready."""
        words: list[str] = []
        for piece in normalize_query(query).split():
            cut = self._segment(piece) if self._segment is not None else [piece]
            for word in cut:
                word = word.strip()
                if word and WORDLIKE.search(word) and word not in words:
                    words.append(word)
        return tuple(words)

    # ----------------------------------------------------------------- search

    def search(
        self,
        query: str,
        *,
        path: str | None = None,
        kinds: frozenset[SectionKind] | None = None,
        limit_per_group: int = 50,
    ) -> SearchResults:
        """Hits for `query`, grouped and ranked; `path` keeps one report, `kinds` some sections."""
        needle = normalize_query(query)
        if not needle:
            return SearchResults(query, ())
        only = self.order.get(path) if path is not None else None
        if path is not None and only is None:
            return SearchResults(query, ())
        scope = Scope(only, kinds)
        words = self.words(needle)
        near: list[tuple[float, str]] = []  # close short fields: corrections for the text
        capped = False
        groups: list[tuple[Group, tuple[SearchHit, ...]]] = []
        counts: list[tuple[Group, int]] = []
        for group in GROUP_ORDER[:3]:
            hits, count, group_capped = self._search_fields(
                group, needle, words, scope, limit_per_group, near
            )
            capped = capped or group_capped
            if hits:
                groups.append((group, hits))
                counts.append((group, count))
        corrections = tuple(text for _, text in sorted(set(near), reverse=True)[:2])
        text_hits, count, text_capped, more = self._search_text(
            needle, words, corrections, scope, limit_per_group
        )
        if text_hits:
            groups.append((Group.TEXT, text_hits))
            counts.append((Group.TEXT, count))
        return SearchResults(query, tuple(groups), tuple(counts), capped or text_capped, more)

    # ----------------------------------------------------------------- short fields

    def _search_fields(
        self,
        group: Group,
        needle: str,
        words: tuple[str, ...],
        scope: Scope,
        limit: int,
        near: list[tuple[float, str]],
    ) -> tuple[tuple[SearchHit, ...], int, bool]:
        """Hits of one group of short fields, their count, and whether the count is capped."""
        table = self.fields[group]
        joined = table.joined
        matches: dict[int, tuple[float, bool, tuple[Span, ...]]] = {}
        if joined is None:
            return (), 0, False
        found = joined.find_all(needle, FIELD_CAP)
        for index, at in found.items():
            text = table.strings[index]
            score = SCORE_EQUAL if text == needle else SCORE_PREFIX if at == 0 else SCORE_CONTAINS
            matches[index] = (score, True, ((at, at + len(needle)),))
        if len(words) > 1:
            anchor = max(words, key=len)
            for index in joined.find_all(anchor, FIELD_CAP):
                text = table.strings[index]
                if index not in matches and all(word in text for word in words):
                    spans = tuple(sorted((text.find(w), text.find(w) + len(w)) for w in words))
                    matches[index] = (SCORE_WORDS, False, spans)
        self._match_pinyin(table, needle, matches)
        if len(needle) >= 3 and len(matches) < limit:
            self._match_fuzzy(table, needle, matches, near)
        ranked = sorted(
            matches.items(),
            key=lambda item: (not item[1][1], -item[1][0], len(table.strings[item[0]])),
        )
        hits: list[SearchHit] = []
        count = 0
        for index, (score, exact, spans) in ranked:
            places = table.places[index]
            if scope.everything and len(hits) >= limit:
                count += len(places)  # only counted: no need to look at each
                continue
            for place in places:
                if not scope.admits(place.report, place.kind):
                    continue
                count += 1
                if len(hits) < limit:
                    hits.append(self._field_hit(group, table, index, place, score, exact, spans))
        return tuple(hits), count, len(found) >= FIELD_CAP

    def _match_pinyin(
        self,
        table: FieldTable,
        needle: str,
        matches: dict[int, tuple[float, bool, tuple[Span, ...]]],
    ) -> None:
        """Fields the query spells in pinyin (the rule of `parsers.pinyin.match`).

        The joined initials and syllables find the candidates in one C scan each.
        """
        initials, syllables = table.joined_initials, table.joined_syllables
        letters = query_letters(needle)
        if initials is None or syllables is None or letters is None:
            return
        candidates: set[int] = set()
        if len(letters) >= MIN_INITIALS:
            candidates.update(initials.find_all(letters, FIELD_CAP))
        if len(letters) >= MIN_SYLLABLES:
            candidates.update(syllables.find_all(letters, FIELD_CAP))
        for index in sorted(candidates - matches.keys()):
            spelling = table.spellings[index]
            span = pinyin_match(letters, spelling)
            if span is None:
                continue
            by_initials = spelling.initials[span[0] : span[1]] == letters
            score = SCORE_INITIALS if by_initials else SCORE_FULL_PINYIN
            matches[index] = (score + (1 if span[0] == 0 else 0), False, (span,))

    def _match_fuzzy(
        self,
        table: FieldTable,
        needle: str,
        matches: dict[int, tuple[float, bool, tuple[Span, ...]]],
        near: list[tuple[float, str]],
    ) -> None:
        """Fields close to the query, among those holding either half of it.

        Fields close enough as a whole go to `near`: the text is searched for them
        too (规模以上工业增价值 → 规模以上工业增加值).
        """
        joined = table.joined
        if joined is None:
            return
        middle = len(needle) // 2
        candidates: set[int] = set()
        for part in (needle[middle:], needle[:middle]):  # the longer half first
            if len(part) < 2:  # one character is in everything: no filter at all
                continue
            candidates.update(joined.find_all(part, FUZZY_CANDIDATES - len(candidates)))
            if len(candidates) >= FUZZY_CANDIDATES:
                break
        for index in sorted(candidates - matches.keys()):
            text = table.strings[index]
            alignment = fuzz.partial_ratio_alignment(needle, text, score_cutoff=FIELD_FUZZY_CUTOFF)
            if alignment is None:
                continue
            whole = fuzz.ratio(needle, text)
            score = min(SCORE_FUZZY_MAX, 0.7 * alignment.score + 0.3 * whole)
            span = trimmed(text, alignment.dest_start, alignment.dest_end, 0)
            matches[index] = (score, False, (span,))
            if whole >= CORRECTION_CUTOFF and text != needle:
                near.append((whole, text))

    def _field_hit(
        self,
        group: Group,
        table: FieldTable,
        index: int,
        place: Place,
        score: float,
        exact: bool,
        spans: tuple[Span, ...],
    ) -> SearchHit:
        report = self.reports[place.report]
        original = table.originals[index]
        start, end = place.start, place.end
        # Highlight the matched part (or for a fuzzy match the whole field) where
        # the text spells it the same way; else the whole place.
        part = table.strings[index]
        if spans and score > SCORE_FUZZY_MAX:
            part = part[spans[0][0] : spans[0][1]]
        base = self.bases[place.report]
        at = self.corpus.find(part, base + start, base + end)
        if at >= 0:
            start, end = at - base, at - base + len(part)
        snippet = original if not place.detail else f"{original}  {place.detail}"
        titles = tuple(s.title for s in report.section_path(place.start))
        if group == Group.SECTIONS and titles and titles[-1] == original:
            titles = titles[:-1]
        return SearchHit(
            group,
            report.path,
            self.labels[place.report],
            titles,
            start,
            end,
            shorten(snippet),
            spans,
            score,
            exact,
            place.report,
        )

    # ----------------------------------------------------------------- body text

    def _sentence(self, position: int) -> int:
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def _report_of(self, position: int) -> int:
        return self.corpus.report_at(position)

    def _search_text(
        self,
        needle: str,
        words: tuple[str, ...],
        corrections: tuple[str, ...],
        scope: Scope,
        limit: int,
    ) -> tuple[tuple[SearchHit, ...], int, bool, Callable[[], tuple[SearchHit, ...]] | None]:
        hits: list[SearchHit] = []
        found = self.occurrences(needle)
        exact = self._scoped(found.positions, scope)
        for position in exact[:limit]:
            span = (position, position + len(needle))
            hits.append(self._text_hit(position, (span,), SCORE_EQUAL, True))
        count = len(exact)
        taken = {self._sentence(p) for p in exact[:limit]}
        if len(exact) < limit and len(words) > 1:
            word_hits = self._word_hits(words, scope, taken, limit - len(hits))
            hits.extend(word_hits)
            count += len(word_hits)
        if len(exact) < limit and len(needle) >= 4 and " " not in needle:
            fuzzy = self._fuzzy_hits(needle, corrections, scope, taken, limit - len(hits))
            hits.extend(fuzzy)
            count += len(fuzzy)
        extra = exact[limit:READING_CAP]

        def more() -> tuple[SearchHit, ...]:
            return tuple(self._text_hit(p, ((p, p + len(needle)),), 100.0, True) for p in extra)

        return tuple(hits), count, found.capped, more if extra else None

    def _scoped(self, positions: list[int], scope: Scope) -> list[int]:
        """The sorted `positions` inside the scope; one report is a slice, not a filter."""
        if scope.everything:
            return positions
        if scope.report is not None:
            lo = self.bases[scope.report]
            hi = lo + len(self.reports[scope.report].text)
            positions = positions[bisect_left(positions, lo) : bisect_left(positions, hi)]
        if not scope.kinds:
            return positions
        return [p for p in positions if self._admits(p, scope)]

    def _admits(self, position: int, scope: Scope) -> bool:
        if scope.everything:
            return True
        report = self._report_of(position)
        return scope.admits(report, self._kind_at(report, position - self.bases[report]))

    def _word_hits(
        self, words: tuple[str, ...], scope: Scope, taken: set[int], limit: int
    ) -> list[SearchHit]:
        """Sentences holding every word, in any order (城镇就业新增 → 城镇新增就业)."""
        anchor = max(words, key=len)
        found = self.occurrences(anchor)
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for position in self._scoped(found.positions, scope)[:WORD_ANCHORS]:
            sentence = self._sentence(position)
            if sentence in taken or sentence in seen:
                continue
            seen.add(sentence)
            lo, hi = self.sentence_starts[sentence], self.sentence_ends[sentence]
            text = self.corpus.slice(lo, hi)
            spans: list[Span] = []
            for word in words:
                at = text.find(word)
                if at < 0:
                    break
                spans.append((lo + at, lo + at + len(word)))
            else:
                taken.add(sentence)
                spans.sort()
                spread = spans[-1][1] - spans[0][0]
                score = SCORE_WORDS * min(1.0, sum(len(w) for w in words) / max(spread, 1))
                hits.append(self._text_hit(position, tuple(spans), max(score, 60.0), False))
                if len(hits) >= limit:
                    break
        hits.sort(key=lambda hit: -hit.score)
        return hits

    def _fuzzy_hits(
        self,
        needle: str,
        corrections: tuple[str, ...],
        scope: Scope,
        taken: set[int],
        limit: int,
    ) -> list[SearchHit]:
        """Sentences close to the query: they hold a correction of it, or half of it."""
        candidates: dict[int, int] = {}  # sentence -> a position in it
        for correction in corrections:
            for position in self._scoped(self.occurrences(correction).positions, scope):
                candidates.setdefault(self._sentence(position), position)
                if len(candidates) >= FUZZY_CANDIDATES:
                    break
        middle = len(needle) // 2
        for part in (needle[:middle], needle[middle:]):
            if len(candidates) >= FUZZY_CANDIDATES:
                break
            for position in self._scoped(self.occurrences(part).positions, scope):
                candidates.setdefault(self._sentence(position), position)
                if len(candidates) >= FUZZY_CANDIDATES:
                    break
        scored: list[tuple[float, int, Span]] = []
        corpus = self.corpus
        for sentence in candidates:
            if sentence in taken:
                continue
            lo, hi = self.sentence_starts[sentence], self.sentence_ends[sentence]
            text = corpus.slice(lo, hi)
            alignment = fuzz.partial_ratio_alignment(needle, text, score_cutoff=TEXT_FUZZY_CUTOFF)
            if alignment is None:
                continue
            span = trimmed(text, alignment.dest_start, alignment.dest_end, lo)
            scored.append((min(SCORE_FUZZY_MAX, alignment.score), sentence, span))
        scored.sort(key=lambda item: (-item[0], item[1]))
        hits: list[SearchHit] = []
        for score, sentence, span in scored[:limit]:
            taken.add(sentence)
            hits.append(self._text_hit(span[0], (span,), score, False))
        return hits

    def _text_hit(
        self, position: int, spans: tuple[Span, ...], score: float, exact: bool
    ) -> SearchHit:
        """A body-text hit: the sentence around global `spans`, cut to fit a row."""
        i = self._report_of(position)
        report = self.reports[i]
        base = self.bases[i]
        sentence = self._sentence(position)
        lo = min(self.sentence_starts[sentence], spans[0][0])
        hi = max(self.sentence_ends[sentence], spans[-1][1])
        first = spans[0][0]
        cut = max(lo, first - SNIPPET_BEFORE)
        prefix = "…" if cut > lo else ""
        snippet = prefix + report.text[cut - base : hi - base]
        shift = len(prefix) - cut
        local = tuple((s + shift, e + shift) for s, e in spans)
        start, end = spans[0][0] - base, spans[-1][1] - base
        titles = tuple(s.title for s in report.section_path(start))
        return SearchHit(
            Group.TEXT,
            report.path,
            self.labels[i],
            titles,
            start,
            end,
            shorten(snippet, local),
            local,
            score,
            exact,
            i,
        )
