"""Build the section tree of a repaired report.

Each heading's rank comes from its numbering style (see headings.Rank); a heading
nests under the nearest earlier heading of a smaller rank. Text before the first
heading is the front matter. Top-level sections get a kind from their title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from baogao.parsers.headings import Rank, find_heading
from baogao.parsers.model import Section, SectionKind
from baogao.parsers.repair import Repaired
from baogao.parsers.text import fold_numbers

FRONT_TITLE = "卷首"
WHOLE_TEXT_TITLE = "正文"

# The document's own title in the front matter: 政府工作报告, …第十二个五年规划纲要.
DOCUMENT_TITLE = re.compile(r"(?:报告|纲要|规划|计划)(?:（[^）]{0,12}）)?$")

# Top-level kinds by title, first match wins (the order settles titles with two cues).
KIND_BY_TITLE = (
    (SectionKind.GLOSSARY, re.compile(r"名词解释|名词注释|名词术语|术语解释|^注释$")),
    (SectionKind.REVIEW, re.compile(r"回顾|发展基础|发展环境|过去[一五]年|工作总结|主要成就")),
    (SectionKind.WORK, re.compile(r"重点工作|工作安排|工作任务|主要任务|重点任务|工作部署")),
    (SectionKind.GOALS, re.compile(r"目标|总体要求|指导思想|政策取向|发展思路|远景")),
    (SectionKind.OTHER, re.compile(r"^(?:序言|前言|附件|附录|附表|结束语|结语)")),
)
TRAILING_PUNCT = "。；;：:，, "
# An appendix label on its own line: 附件2 (then 名词解释 on the next line)
APPENDIX_LABEL = re.compile(r"^附件\s*\d*$")


CHILDLESS = max(Rank) + 1


@dataclass(slots=True)
class _Node:
    rank: int
    start: int
    body_start: int
    title: str
    end: int = -1
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Head:
    rank: Rank
    peer: bool
    childless: bool
    start: int
    body_start: int
    title: str


def _find_heads(repaired: Repaired) -> list[_Head]:
    text = repaired.text
    bold_end_at = {start: end for start, end in repaired.emphasis}
    heads: list[_Head] = []
    in_glossary = False
    for paragraph in repaired.paragraphs:
        plain = text[paragraph.start : paragraph.end]
        bold_end = bold_end_at.get(paragraph.start)
        heading = find_heading(
            plain,
            marked=paragraph.marked,
            bold_end=None if bold_end is None else bold_end - paragraph.start,
        )
        if heading is None:
            continue
        if not heads and heading.rank == Rank.PART and DOCUMENT_TITLE.search(plain):
            continue  # the document's title belongs to the front matter
        if in_glossary and heading.rank != Rank.PART:
            continue  # `1.术语：…` entries of a glossary are not sections
        title = plain[: heading.title_length].strip().rstrip(TRAILING_PUNCT)
        start = paragraph.start
        glossary_head = heading.rank == Rank.PART and KIND_BY_TITLE[0][1].search(title)
        if glossary_head and heads and _labels_next(heads[-1], paragraph.start):
            start = heads.pop().start  # 附件2⏎名词解释: one part, the glossary
        heads.append(
            _Head(
                heading.rank,
                heading.peer,
                heading.childless,
                start,
                paragraph.start + heading.title_length,
                title,
            )
        )
        if heading.rank == Rank.PART:
            in_glossary = KIND_BY_TITLE[0][1].search(title) is not None
    return heads


def _labels_next(head: _Head, next_start: int) -> bool:
    """Whether `head` is a bare appendix label on the line just before `next_start`."""
    return APPENDIX_LABEL.match(head.title) is not None and head.body_start + 1 == next_start


def _top_rank(heads: list[_Head]) -> Rank:
    numbered = [head.rank for head in heads if head.rank != Rank.PART]
    return min(numbered) if numbered else Rank.PART


def _nest(heads: list[_Head], text_length: int) -> list[_Node]:
    peer_rank = _top_rank(heads)
    top: list[_Node] = []
    stack: list[_Node] = []
    for head in heads:
        rank = peer_rank if head.peer else head.rank
        while stack and stack[-1].rank >= rank:
            stack.pop().end = head.start
        node = _Node(rank, head.start, head.body_start, head.title)
        (stack[-1].children if stack else top).append(node)
        if head.childless:
            node.rank = CHILDLESS  # any later heading closes it
        stack.append(node)
    for node in stack:
        node.end = text_length
    return top


def kind_of(title: str, previous: SectionKind | None) -> SectionKind:
    """A top-level section's kind from its title; untitled ones continue planned work."""
    for kind, pattern in KIND_BY_TITLE:
        if pattern.search(title):
            return kind
    if previous in (SectionKind.WORK, SectionKind.GOALS):
        return SectionKind.WORK
    return SectionKind.OTHER


def _freeze(node: _Node, kind: SectionKind, level: int) -> Section:
    return Section(
        title=node.title,
        kind=kind,
        level=level,
        start=node.start,
        body_start=node.body_start,
        end=node.end,
        children=tuple(_freeze(child, kind, level + 1) for child in node.children),
    )


def build_outline(repaired: Repaired) -> tuple[Section, ...]:
    """The section tree; every character of the text belongs to exactly one node."""
    length = len(repaired.text)
    if length == 0:
        return ()
    nodes = _nest(_find_heads(repaired), length)
    sections: list[Section] = []
    first_start = nodes[0].start if nodes else length
    if first_start > 0:
        title = FRONT_TITLE if nodes else WHOLE_TEXT_TITLE
        kind = SectionKind.FRONT if nodes else SectionKind.OTHER
        sections.append(Section(title, kind, 0, 0, 0, first_start))
    previous: SectionKind | None = None
    for node in nodes:
        kind = kind_of(node.title, previous)
        sections.append(_freeze(node, kind, 0))
        previous = kind
    return tuple(sections)


def titled_from(sections: tuple[Section, ...], text: str) -> tuple[Section, ...]:
    """The same tree with each title read from `text` at its offsets (the text as written,
    where the outline was built from a copy with full-width digits folded)."""

    def retitle(section: Section) -> Section:
        heading = text[section.start : section.body_start]
        at = fold_numbers(heading).find(section.title)
        written = heading[at : at + len(section.title)] if at >= 0 else section.title
        children = tuple(retitle(child) for child in section.children)
        if written == section.title and children == section.children:
            return section
        return replace(section, title=written, children=children)

    return tuple(retitle(section) for section in sections)
