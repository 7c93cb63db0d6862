"""What a search returns: result groups, hits with their snippets, and the pick on Enter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from baogao.parsers.model import Span

READING_CAP = 2_000  # hits handed to n/N


class Group(StrEnum):
    """Result groups, in the order they are shown; the value is the heading users read."""

    SECTIONS = "章节"
    TERMS = "名词"
    INDICATORS = "指标"
    TEXT = "正文"


GROUP_ORDER = (Group.SECTIONS, Group.TERMS, Group.INDICATORS, Group.TEXT)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: where it is, what to show, and how well it matched."""

    group: Group
    path: str  # Report.path
    doc: str  # 伊宁市 政府工作报告 2026
    section: tuple[str, ...]  # titles from the top-level section down
    start: int  # the matched part in Report.text, for the reader highlight
    end: int
    snippet: str
    spans: tuple[Span, ...]  # matched parts within the snippet
    score: float
    exact: bool
    order: int = 0  # report's position in the index, for reading order


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    groups: tuple[tuple[Group, tuple[SearchHit, ...]], ...]  # non-empty groups, in order
    counts: tuple[tuple[Group, int], ...] = ()  # hits found per group, beyond the shown ones
    capped: bool = False  # some count stopped at a cap: it is a lower bound
    _more: Callable[[], tuple[SearchHit, ...]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        """The shown hits, group after group."""
        return tuple(hit for _, hits in self.groups for hit in hits)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    def group(self, group: Group) -> tuple[SearchHit, ...]:
        return next((hits for g, hits in self.groups if g == group), ())

    def in_reading_order(self) -> tuple[SearchHit, ...]:
        """Every hit (shown or not, up to READING_CAP), one per place, ordered as read."""
        hits = list(self.hits)
        if self._more is not None:
            hits.extend(self._more())
        seen: set[tuple[str, int, int]] = set()
        unique: list[SearchHit] = []
        for hit in sorted(hits, key=lambda h: (h.order, h.start, h.end, not h.exact)):
            place = (hit.path, hit.start, hit.end)
            if place not in seen:
                seen.add(place)
                unique.append(hit)
        return tuple(unique[:READING_CAP])


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """What the search screen hands back on Enter: every hit in reading order and the pick."""

    query: str
    hits: tuple[SearchHit, ...]
    chosen: int

    @property
    def hit(self) -> SearchHit:
        return self.hits[self.chosen]
