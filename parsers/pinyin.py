"""Pinyin matching: `fqjy` (initials) or `fengqiao` (syllables) finds 枫桥经验.

One rule for the search index and the glossary filter: a query of ASCII letters
matches the initials anywhere from two letters on, and the full syllables anywhere
from three. pypinyin is imported on first use (its dictionary takes ~0.2 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# A query of pinyin: ASCII letters, maybe with spaces between syllables (feng qiao).
PINYIN_QUERY = re.compile(r"[a-z]+(?:\s+[a-z]+)*")
MIN_INITIALS = 2
MIN_SYLLABLES = 3


@dataclass(frozen=True, slots=True)
class Spelling:
    """How a string is spelled in pinyin, with a map back to its characters."""

    initials: str  # one letter per character: fqjy
    syllables: str  # fengqiaojingyan
    owners: tuple[int, ...]  # for each letter of `syllables`, the character it spells


def _each_character(run: str) -> Any:
    """pypinyin's answer for characters without pinyin: each stands for itself."""
    return list(run)


def spell_all(texts: Sequence[str]) -> list[Spelling]:
    """The spelling of each text (characters without pinyin stand for themselves)."""
    from pypinyin import lazy_pinyin  # slow import: kept off the first screen

    spellings: list[Spelling] = []
    for text in texts:
        items = lazy_pinyin(text, errors=_each_character)
        if len(items) != len(text):  # a reading that is not one item a character
            items = [(lazy_pinyin(ch, errors=_each_character) or [ch])[0] for ch in text]
        spellings.append(
            Spelling(
                initials="".join(item[:1].lower() for item in items),
                syllables="".join(item.lower() for item in items),
                owners=tuple(i for i, item in enumerate(items) for _ in item),
            )
        )
    return spellings


def spell(text: str) -> Spelling:
    return spell_all([text])[0]


def query_letters(query: str) -> str | None:
    """The letters of a pinyin query (case-folded, spaces dropped), or None if it is not one."""
    folded = query.strip().casefold()
    if not PINYIN_QUERY.fullmatch(folded):
        return None
    return folded.replace(" ", "")


def match(letters: str, spelling: Spelling) -> tuple[int, int] | None:
    """The characters [start, end) that `letters` spell, by initials first, else syllables."""
    if len(letters) >= MIN_INITIALS:
        at = spelling.initials.find(letters)
        if at >= 0:
            return at, at + len(letters)
    if len(letters) >= MIN_SYLLABLES:
        at = spelling.syllables.find(letters)
        if at >= 0:
            return spelling.owners[at], spelling.owners[at + len(letters) - 1] + 1
    return None


def matches(letters: str, spellings: Iterable[Spelling]) -> list[tuple[int, tuple[int, int]]]:
    """(index, span) of every spelling that `letters` match."""
    found: list[tuple[int, tuple[int, int]]] = []
    for index, spelling in enumerate(spellings):
        span = match(letters, spelling)
        if span is not None:
            found.append((index, span))
    return found
