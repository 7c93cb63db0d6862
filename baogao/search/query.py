"""A query as the index reads it, how matches score, and how a match is cut for a row.

Shared by the short-field and the body-text searches, so both rank and show alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.parsers.model import SectionKind, Span
from baogao.parsers.text import fold_for_matching

# Characters dropped from a query: quotes a reader may type around a slogan (“1+5+N”).
QUERY_QUOTES = "“”‘’\"'「」『』"

# What a word must contain to count as a word: a letter, digit or CJK character.
WORDLIKE = re.compile(r"\w", re.VERBOSE)

SNIPPET_MAX = 120
OCCURRENCE_CAP = 20_000  # positions kept per needle; beyond it the count says "20000+"

# Scores: exact substring hits rank first (they also sort first), then words, pinyin, fuzzy.
SCORE_EQUAL = 100.0
SCORE_PREFIX = 98.0
SCORE_CONTAINS = 96.0
SCORE_WORDS = 93.0
SCORE_INITIALS = 92.0
SCORE_FULL_PINYIN = 90.0
SCORE_FUZZY_MAX = 89.0


def normalize_query(query: str) -> str:
    """The folded query without quotes and outer white space; inner spaces separate words."""
    cleaned = "".join(ch for ch in query if ch not in QUERY_QUOTES)
    return " ".join(fold_for_matching(cleaned).split())


@dataclass(frozen=True, slots=True)
class Scope:
    """Which hits a search keeps: one report or all, some section kinds or all."""

    report: int | None
    kinds: frozenset[SectionKind] | None

    @property
    def everything(self) -> bool:
        return self.report is None and not self.kinds

    def admits(self, report: int, kind: SectionKind) -> bool:
        if self.report is not None and report != self.report:
            return False
        return not self.kinds or kind in self.kinds


def trimmed(text: str, start: int, end: int, base: int) -> Span:
    """text[start:end] without punctuation at either edge, as offsets plus `base`."""
    while start < end - 1 and not WORDLIKE.match(text, start):
        start += 1
    while end > start + 1 and not WORDLIKE.match(text, end - 1):
        end -= 1
    return base + start, base + end


def shorten(snippet: str, spans: tuple[Span, ...] = ()) -> str:
    """Cut a snippet to SNIPPET_MAX characters, never cutting before a match ends."""
    last = max((end for _, end in spans), default=0)
    size = max(SNIPPET_MAX, last)
    return snippet if len(snippet) <= size else snippet[:size] + "…"
