"""Where a needle occurs in the folded body text: one C scan, or narrowed from a cached
needle it extends (typing) or shortens (delete), with a small LRU of recent needles."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from baogao.search.folded import FoldedTexts
from baogao.search.query import OCCURRENCE_CAP

NARROW_MAX = 30_000  # narrow from a cached needle only when it has at most this many places
CACHE_SIZE = 48


@dataclass(slots=True)
class Found:
    """Places of a needle in the folded corpus; `capped` when the scan stopped early."""

    positions: list[int]
    capped: bool


class Occurrences:
    """The occurrence cache over the folded texts of a corpus."""

    def __init__(self, corpus: FoldedTexts) -> None:
        self.corpus = corpus
        self._cache: OrderedDict[str, Found] = OrderedDict()
        self._lock = threading.Lock()

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def find(self, needle: str) -> Found:
        """Where `needle` occurs in the folded corpus, from the cache or one scan."""
        with self._lock:
            found = self._cache.get(needle)
            if found is not None:
                self._cache.move_to_end(needle)
                return found
            found = self._narrowed(needle) or self._scan(needle)
            self._cache[needle] = found
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            return found

    def _narrowed(self, needle: str) -> Found | None:
        """Places of `needle` from a cached prefix or suffix of it, without a full scan."""
        corpus = self.corpus
        for size in range(len(needle) - 1, 0, -1):
            for shift, part in ((0, needle[:size]), (len(needle) - size, needle[-size:])):
                cached = self._cache.get(part)
                if cached is None or cached.capped or len(cached.positions) > NARROW_MAX:
                    continue
                starts = (p - shift for p in cached.positions if p >= shift)
                return Found(corpus.starting_with(needle, starts), False)
        return None

    def _scan(self, needle: str) -> Found:
        positions, capped = self.corpus.find_all(needle, OCCURRENCE_CAP)
        return Found(positions, capped)
