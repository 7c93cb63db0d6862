"""The immutable model of a report: what the parsers produce and the UI renders.

Every offset is into `Report.text`, the repaired text the reader sees, so any
part of a report can be highlighted without parsing it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

Span = tuple[int, int]
"""A half-open [start, end) range of offsets into `Report.text`."""


class SectionKind(StrEnum):
    """What a top-level section is about; sub-sections inherit their root's kind."""

    FRONT = "front"  # title page, meeting line, speaker, 各位代表：
    REVIEW = "回顾"  # results of the past year or plan period
    WORK = "重点工作"  # work planned for the coming year or plan period
    GLOSSARY = "名词解释"  # explicit definitions of coined terms
    GOALS = "目标"  # multi-year goals and main targets
    OTHER = "other"  # preface, closing, appendix


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the section tree.

    The node owns [start, body_start) as its title and [body_start, own_end) as
    its own body; its children own the rest of [start, end), in order. So every
    character of the text belongs to exactly one node.
    """

    title: str  # clean: no markdown marks, letter spacing closed
    kind: SectionKind
    level: int  # 0 for top-level sections
    start: int
    body_start: int
    end: int
    children: tuple[Section, ...] = ()

    @property
    def own_end(self) -> int:
        """End of the node's own body: where its first child starts."""
        return self.children[0].start if self.children else self.end

    def walk(self) -> tuple[Section, ...]:
        """This node and all its descendants, in reading order."""
        nodes: list[Section] = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return tuple(nodes)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Facts about a report as a whole."""

    title: str = ""
    region: str | None = None  # the unit whose government reports: 伊宁市, 江西省, 全国
    doc_type: str | None = None  # 政府工作报告, 五年规划纲要, …
    date: str | None = None  # YYYY-MM-DD of the meeting
    speaker: str | None = None
    review_year: int | None = None  # the year a work report looks back on
    plan_year: int | None = None  # the year a work report plans for
    plan_period: str | None = None  # "2011-2015" for a five-year plan


class TermSource(StrEnum):
    EXPLICIT = "explicit"  # defined in a 名词解释 / 注释 section
    INLINE = "inline"  # a coined term used in the body without a definition


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a term is used: the innermost section's title and the span."""

    section: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Term:
    term: str  # as written, quotes kept: “枫桥经验”
    key: str  # for matching: no quotes, no white space: 枫桥经验
    definition: str | None  # None when no open report defines it
    source: TermSource
    defined_in: str | None  # title (or file name) of the report whose glossary defines it
    occurrences: tuple[Occurrence, ...] = ()
    span: Span | None = None  # the glossary entry itself, for explicit terms


class IndicatorKind(StrEnum):
    ACTUAL = "actual"  # reported result, final or estimated (预计全年)
    TARGET = "target"  # expected or planned


@dataclass(frozen=True, slots=True)
class Indicator:
    """One figure found in the text, with the sentence it came from."""

    name: str  # canonical: 地区生产总值
    raw_name: str  # as written: 生产总值
    period: str  # "2025", or "2021-2025" for a plan period
    kind: IndicatorKind
    value: float | None = None
    unit: str | None = None
    growth: float | None = None  # percent; negative for 下降 / 减少
    growth_high: float | None = None  # upper end of a range target (5%-5.5%)
    growth_basis: str | None = None  # "yoy" | "annual_avg"
    qualifier: str | None = None  # 左右 / 以上 / 以内 / 区间
    section: str = ""  # title of the innermost section holding it
    start: int = 0
    end: int = 0
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """A parsed report: repaired text, section tree, metadata, glossary, indicators."""

    path: str
    text: str
    meta: Metadata
    sections: tuple[Section, ...]
    emphasis: tuple[Span, ...] = ()  # bold runs (**…**) of the source, now unmarked
    glossary: tuple[Term, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    notes: tuple[str, ...] = field(default=())  # recoverable problems met while parsing

    @property
    def title(self) -> str:
        return self.meta.title

    def walk(self) -> tuple[Section, ...]:
        """Every section of the tree in reading order."""
        nodes: list[Section] = []
        for section in self.sections:
            nodes.extend(section.walk())
        return tuple(nodes)

    def section_path(self, offset: int) -> tuple[Section, ...]:
        """The chain of sections from the top level down to the one holding `offset`."""
        return sections_at(self.sections, offset)


def sections_at(sections: tuple[Section, ...], offset: int) -> tuple[Section, ...]:
    """The chain of `sections` from the top level down to the one holding `offset`."""
    path: list[Section] = []
    level = sections
    while True:
        holder = next((s for s in level if s.start <= offset < s.end), None)
        if holder is None:
            return tuple(path)
        path.append(holder)
        level = holder.children


class Location(NamedTuple):
    """A span of one report: what the CLI, the bookmarks and the panes hand around to
    point at a place (a NamedTuple: it is built for every jump and every figure)."""

    path: str  # Report.path of the report
    start: int  # [start, end) offsets into Report.text; highlighted when end > start
    end: int


class ReportError(Exception):
    """A file that cannot be read or is not a report; the message names the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
