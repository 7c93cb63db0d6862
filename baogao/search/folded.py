"""The reports' texts searched as if case- and width-folded, without a folded copy.

A position is an offset into the texts laid end to end with one line break after
each (report i starts at `bases[i]`); the texts are never joined, and never copied:
the view holds the reports' own strings. Folding (parsers.text.fold_for_matching)
only maps A-Z and the full-width ASCII forms onto printable ASCII, one character
for one, so a needle (already folded) without printable ASCII matches exactly
where the original text holds it, and the rest is found through a small table:

- a needle of printable ASCII alone lies within one run of such characters and
  their full-width forms; the runs of two or more are kept folded, one string a
  report (about a twentieth of the text, one byte a character); a needle of one
  character is looked up in its (at most four) written forms;
- a needle of both is anchored on its longest part of either kind and every
  candidate checked against the folded text at that place.

A folded copy of every text would cost as much again as the texts (some 40 MB at a
thousand reports). A needle never holds a line break (`query.normalize_query`),
so it never spans two reports.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

from baogao.parsers.text import MATCH_FOLD, fold_for_matching

# What the fold maps onto (printable ASCII) and what it maps from (A-Z, full width).
_FOLDED = "!-~"
ASCII_PART = re.compile(f"[{_FOLDED}]+")
OTHER_PART = re.compile(f"[^{_FOLDED}]+")
FOLDABLE_RUN = re.compile(f"[{_FOLDED}\uff01-\uff5e]{{2,}}")  # runs a longer needle lies in
RUN_BREAK = "\n"  # between the kept runs: never in a needle
STEP_RUNS = 2_000  # runs found (or folded) between looks at the clock


@lru_cache(maxsize=128)
def written_forms(character: str) -> tuple[str, ...]:
    """Every character that folds to `character` (itself included)."""
    return (character, *(chr(code) for code, to in MATCH_FOLD.items() if chr(to) == character))


class _Runs:
    """One report's runs of foldable characters (two or more), folded and joined."""

    __slots__ = ("starts", "text", "where")

    def __init__(self) -> None:
        self.text = ""
        self.where = array("I")  # each run's place in `text`
        self.starts = array("I")  # … and in the report

    @classmethod
    def building(cls, text: str) -> Iterator[_Runs | None]:
        """Find the runs of `text` a few at a time: yields None between pieces of work
        (a long report is thousands of runs), then the runs."""
        runs = cls()
        pieces: list[str] = []
        at = 0
        for n, run in enumerate(FOLDABLE_RUN.finditer(text), 1):
            piece = run.group()
            pieces.append(piece)
            runs.where.append(at)
            runs.starts.append(run.start())
            at += len(piece) + 1
            if n % STEP_RUNS == 0:
                yield None
        folded: list[str] = []
        for first in range(0, len(pieces), STEP_RUNS):
            folded.append(RUN_BREAK.join(pieces[first : first + STEP_RUNS]).translate(MATCH_FOLD))
            yield None
        runs.text = RUN_BREAK.join(folded)
        yield runs

    def find_all(self, needle: str) -> list[int]:
        """Offsets in the report of every `needle` (printable ASCII, 2+ characters)."""
        where, starts = self.where, self.starts
        found: list[int] = []
        for at in _exact(self.text, needle):
            run = bisect_right(where, at) - 1
            found.append(starts[run] + at - where[run])
        return found


class FoldedTexts:
    """The texts of a corpus' reports, searched folded (see the module's docstring)."""

    __slots__ = ("bases", "parts", "runs", "size")

    def __init__(self) -> None:
        self.parts: list[str] = []  # the reports' texts, as they are
        self.runs: list[_Runs] = []
        self.bases: list[int] = []
        self.size = 0

    @classmethod
    def of(cls, texts: list[str]) -> FoldedTexts:
        view = cls()
        for text in texts:
            view.add(text)
        return view

    def add(self, text: str) -> int:
        """Add a report's text; its base."""
        for _ in self.adding(text):
            pass
        return self.bases[-1]

    def adding(self, text: str) -> Iterator[None]:
        """Add a report's text in small pieces of work, yielding between them (a report
        on one line of megabytes would otherwise hold the event loop); the text joins
        the view, at `size` before the first step, when the steps are done."""
        for runs in _Runs.building(text):
            if runs is None:
                yield None
                continue
            self.bases.append(self.size)
            self.parts.append(text)
            self.runs.append(runs)
            self.size += len(text) + 1  # the line break after each report

    def __len__(self) -> int:
        return self.size

    def joined(self) -> str:
        """The folded texts laid end to end, a line break after each (a full copy: tests)."""
        return "".join(fold_for_matching(part) + "\n" for part in self.parts)

    def report_at(self, position: int) -> int:
        """The report holding `position` (its line break included)."""
        return bisect_right(self.bases, position) - 1

    # ----------------------------------------------------------------- finding

    def find_all(self, needle: str, cap: int) -> tuple[list[int], bool]:
        """Every position of the folded `needle` in reading order, at most `cap` (then True)."""
        positions: list[int] = []
        if not needle:
            return positions, False
        for i, base in enumerate(self.bases):
            for at in self._in_report(i, needle):
                positions.append(base + at)
                if len(positions) >= cap:
                    return positions, True
        return positions, False

    def _in_report(self, i: int, needle: str) -> list[int]:
        text = self.parts[i]
        if is_plain(needle):  # nothing to fold: the text as it is
            return _exact(text, needle)
        others = OTHER_PART.findall(needle)
        if not others:  # printable ASCII alone
            if len(needle) >= 2:
                return self.runs[i].find_all(needle)
            found: list[int] = []
            for form in written_forms(needle):
                found.extend(_exact(text, form))
            return sorted(found)
        # Anchored on printable ASCII where it can be (the runs are small, and figures
        # rarer than words), else on the longest other part.
        longest_ascii = max(ASCII_PART.findall(needle), key=len)
        if len(longest_ascii) >= 2:
            shift = needle.find(longest_ascii)
            candidates = self.runs[i].find_all(longest_ascii)
        else:
            anchor = max(others, key=len)
            shift = needle.find(anchor)
            candidates = _exact(text, anchor)
        size = len(needle)
        return [
            start
            for at in candidates
            if (start := at - shift) >= 0 and _folded_at(text, needle, start, size)
        ]

    def starting_with(self, needle: str, positions: Iterable[int]) -> list[int]:
        """Those of the ascending `positions` where `needle` starts (narrowing a cached
        needle's places: one look at the report's text a place, no search for the report)."""
        kept: list[int] = []
        plain = is_plain(needle)
        size = len(needle)
        base = end = -1
        text = ""
        for position in positions:
            if position >= end:
                i = self.report_at(position)
                if i < 0:
                    continue
                base, text = self.bases[i], self.parts[i]
                end = base + len(text) + 1
            local = position - base
            if text.startswith(needle, local) or (
                not plain and _folded_at(text, needle, local, size)
            ):
                kept.append(position)
        return kept

    def find(self, needle: str, start: int, end: int) -> int:
        """The first position of `needle` in [start, end) of one report, or -1."""
        at = self.slice(start, end).find(needle)
        return at + start if at >= 0 else -1

    def slice(self, start: int, end: int) -> str:
        """The folded text of [start, end) within one report (a sentence, a snippet)."""
        i = self.report_at(start)
        base = self.bases[i]
        return fold_for_matching(self.parts[i][start - base : end - base])


@lru_cache(maxsize=256)
def is_plain(needle: str) -> bool:
    """Whether `needle` holds nothing the fold maps onto: then it matches as written."""
    return ASCII_PART.search(needle) is None


def _exact(text: str, needle: str) -> list[int]:
    found: list[int] = []
    find = text.find
    at = find(needle)
    while at >= 0:
        found.append(at)
        at = find(needle, at + 1)
    return found


def _folded_at(text: str, needle: str, start: int, size: int) -> bool:
    window = text[start : start + size]
    return window == needle or (len(window) == size and fold_for_matching(window) == needle)
