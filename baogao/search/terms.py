"""Filtering a glossary by what the user types: characters, then pinyin, then a loose match.

The pinyin rule is `parsers.pinyin.match`, the same as the search index's, so `fqjy`
finds 枫桥经验 in the glossary filter exactly when it does in search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from baogao.parsers.model import Term, TermSource
from baogao.parsers.pinyin import Spelling, query_letters, spell_all
from baogao.parsers.pinyin import match as pinyin_match


def ordered_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Explicit terms first, then inline ones defined elsewhere, then undefined ones.

    Each group keeps the report's order.
    """

    def group(term: Term) -> int:
        if term.source == TermSource.EXPLICIT:
            return 0
        return 1 if term.definition else 2

    return tuple(sorted(terms, key=group))


def spell_terms(keys: Iterable[str]) -> dict[str, Spelling]:
    """The pinyin of each term key; imports pypinyin (~0.2 s): call it off the UI thread."""
    keys = list(dict.fromkeys(keys))
    return dict(zip(keys, spell_all(keys), strict=True))


def _is_subsequence(query: str, text: str) -> bool:
    rest = iter(text)
    return all(char in rest for char in query)


def filter_terms(
    terms: tuple[Term, ...], query: str, spellings: Mapping[str, Spelling] | None = None
) -> tuple[Term, ...]:
    """Terms matching `query`: substring matches first, then pinyin, then loose (in order)."""
    folded = "".join(query.split()).casefold()
    if not folded:
        return terms
    letters = query_letters(query)
    spellings = spellings or {}
    groups: tuple[list[Term], list[Term], list[Term]] = ([], [], [])
    for term in terms:
        key = term.key.casefold()
        spelling = spellings.get(term.key)
        if folded in key or folded in term.term.casefold():
            groups[0].append(term)
        elif letters and spelling and pinyin_match(letters, spelling) is not None:
            groups[1].append(term)
        elif _is_subsequence(folded, key) or (
            letters and spelling and _is_subsequence(letters, spelling.initials)
        ):
            groups[2].append(term)
    return tuple(groups[0] + groups[1] + groups[2])
