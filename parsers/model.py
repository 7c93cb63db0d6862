"""The immutable model of a report: what the parsers produce and the UI renders.

Every offset is into `Report.text`, the repaired text the reader sees, so any
part of a report can be highlighted without parsing it again.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath
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


class RegionLevel(StrEnum):
    """The tier of the unit whose government reports, when its name's suffix tells."""

    NATIONAL = "national"  # 全国
    PROVINCE = "province"  # 省, 自治区, 直辖市
    PREFECTURE = "prefecture"  # 地级市, 自治州, 地区, 盟
    COUNTY = "county"  # 县, 旗, 县级市, 市辖区


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
    region_parent: str | None = None  # the unit above the region when named: 呼伦贝尔市
    region_level: RegionLevel | None = None  # when the region's suffix tells
    copies: int = 1  # how many times the file holds the report (web copies repeat it)

    @property
    def year(self) -> int | None:
        """The year the report is about: the year it plans for (a work report), else the
        year after the one it reviews, else the first year of its plan period."""
        if self.plan_year is not None:
            return self.plan_year
        if self.review_year is not None:
            return self.review_year + 1
        if self.plan_period:
            head = self.plan_period.split("-", 1)[0]
            if head.isdigit():
                return int(head)
        return None

    @property
    def when(self) -> str:
        """The report's time as people name it: "2026", or "2021-2025" for a plan."""
        if self.plan_period:
            return self.plan_period
        year = self.year
        return str(year) if year is not None else ""


def document_label(region: str | None, name: str, when: str, *, with_region: bool = True) -> str:
    """How baogao names a document everywhere: "伊宁市 政府工作报告 2026".

    The region and time are left out where the name already holds them, and the region
    where the place it is shown in already says it (`with_region=False`).
    """
    parts = [region] if with_region and region and region not in name else []
    parts.append(name)
    if when and when not in name:
        parts.append(when)
    return " ".join(part for part in parts if part)


def report_label(meta: Metadata, path: str, *, with_region: bool = True) -> str:
    """A report's label from its metadata (see Report.label): its type, else its title,
    else its file name, with region and time."""
    name = meta.doc_type or (meta.title if meta.title and meta.title != path else "")
    return document_label(
        meta.region, name or PurePath(path).stem, meta.when, with_region=with_region
    )


class SourceFormat(StrEnum):
    """The kind of file a report was read from (its content decides, not its name)."""

    TXT = "txt"
    MD = "md"
    PDF = "pdf"
    HTML = "html"
    DOCX = "docx"


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


class GrowthBasis(StrEnum):
    """What a growth rate compares."""

    YOY = "yoy"  # with the year before: 比上年增长6%
    ANNUAL_AVG = "annual_avg"  # average a year over a period: 年均增长6%
    CUMULATIVE = "cumulative"  # over the whole period, not a year: 累计下降16%


class Evidence(StrEnum):
    """Why a figure got its kind and period, strongest first."""

    TARGET_BLOCK = "target_block"  # 主要预期目标是：… / 调控目标定为… / 计划增长…
    REVIEW = "review"  # a review sentence: 过去一年…增长10.3% / 全年…比上年增长5%
    PLAN_PERIOD = "plan_period"  # 届时 / 到2020年 / “十三五”时期 / 今后五年
    YEAR = "year"  # the sentence names its year: 2004年，国内生产总值…
    SECTION = "section"  # the kind of the section holding it (回顾, 重点工作)
    MARKER = "marker"  # a nearby word of the paragraph: 预计, 力争, 去年


class Qualifier(StrEnum):
    """How a figure is bounded, as the report words it."""

    ABOUT = "左右"  # 增长5%左右
    AT_LEAST = "以上"  # 增长5%以上, 不低于5%
    WITHIN = "以内"  # 控制在3%以内, 不超过3%
    RANGE = "区间"  # 增长5%-5.5%: growth is the low end, growth_high the high end


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
    growth_basis: GrowthBasis | None = None
    qualifier: Qualifier | None = None
    section: str = ""  # title of the innermost section holding it
    start: int = 0
    end: int = 0
    sentence: str = ""
    evidence: Evidence | None = None  # why it got its kind and period


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
    source_format: SourceFormat = SourceFormat.TXT
    _index: SectionIndex | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def title(self) -> str:
        return self.meta.title

    def label(self, *, with_region: bool = True) -> str:
        """The document's name everywhere baogao shows it: "伊宁市 政府工作报告 2026"."""
        return report_label(self.meta, self.path, with_region=with_region)

    @property
    def index(self) -> SectionIndex:
        """The section tree indexed by offset, built on first use."""
        if self._index is None:
            object.__setattr__(self, "_index", SectionIndex(self.sections))
        assert self._index is not None
        return self._index

    def walk(self) -> tuple[Section, ...]:
        """Every section of the tree in reading order."""
        return self.index.nodes

    def section_path(self, offset: int) -> tuple[Section, ...]:
        """The chain of sections from the top level down to the one holding `offset`."""
        return self.index.path(offset)


class SectionIndex:
    """The sections of a tree in reading order, found by offset with a binary search."""

    __slots__ = ("nodes", "parents", "starts")

    def __init__(self, sections: tuple[Section, ...]) -> None:
        nodes: list[Section] = []
        parents: list[int] = []

        def add(level: tuple[Section, ...], parent: int) -> None:
            for section in level:
                parents.append(parent)
                nodes.append(section)
                add(section.children, len(nodes) - 1)

        add(sections, -1)
        self.nodes = tuple(nodes)
        self.parents = tuple(parents)
        self.starts = [node.start for node in nodes]

    def innermost_at(self, offset: int) -> int:
        """Position in `nodes` of the innermost section holding `offset`, or -1."""
        at = bisect_right(self.starts, offset) - 1
        while at >= 0 and not self.nodes[at].start <= offset < self.nodes[at].end:
            at = self.parents[at]
        return at

    def innermost(self, offset: int) -> Section | None:
        at = self.innermost_at(offset)
        return self.nodes[at] if at >= 0 else None

    def path(self, offset: int) -> tuple[Section, ...]:
        """The chain from the top level down to the innermost section holding `offset`."""
        chain: list[Section] = []
        at = self.innermost_at(offset)
        while at >= 0:
            chain.append(self.nodes[at])
            at = self.parents[at]
        return tuple(reversed(chain))


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
