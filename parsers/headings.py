"""Recognise heading lines and the numbering style that gives their rank.

Levels come from the numbering style, never from the number of `#`: 001 puts
一、二、三、四 under ##, ##, ### and ####. Ranks nest from part heads down to （1）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from baogao.parsers.text import CLOSING_MARKS, SENTENCE_MARK, SENTENCE_MARKS

CN_NUMERAL = "一二三四五六七八九十百零〇两"


class Rank(IntEnum):
    """Numbering styles from the outermost to the innermost."""

    PART = 0  # 2023年工作回顾, 名词解释, 序言: unnumbered part heads
    VOLUME = 1  # 第一篇 / 第一编
    CHAPTER = 2  # 第一章
    SECTION = 3  # 第一节
    CN_ITEM = 4  # 一、 (under 第X节 in a plan; the top level of most work reports)
    CN_PAREN = 5  # （一）
    ARABIC = 6  # 1. / 1、 / 1．
    ARABIC_PAREN = 7  # （1）
    CIRCLED = 8  # ①


NUMBERED_HEAD = [
    # 第三篇 发展目标 / 第一章发展基础和发展环境 / 第一节 发展基础
    (Rank.VOLUME, re.compile(rf"第[{CN_NUMERAL}\d]+[篇编]\s*")),
    (Rank.CHAPTER, re.compile(rf"第[{CN_NUMERAL}\d]+章\s*")),
    (Rank.SECTION, re.compile(rf"第[{CN_NUMERAL}\d]+节\s*")),
    # 一、社会大局和谐稳定
    (Rank.CN_ITEM, re.compile(rf"[{CN_NUMERAL}]{{1,3}}\s*[、.．]\s*")),
    # （一）全面铸牢中华民族共同体意识
    (Rank.CN_PAREN, re.compile(rf"[（(]\s*[{CN_NUMERAL}]{{1,3}}\s*[）)]\s*")),
    # 1、坚持把科学跨越、后发赶超作为经济社会发展的主题。  (not 1.2万元, not 2015年)
    (Rank.ARABIC, re.compile(r"\d{1,2}\s*[、.．](?![\d%])\s*")),
    # （1）
    (Rank.ARABIC_PAREN, re.compile(r"[（(]\s*\d{1,2}\s*[）)]\s*")),
    (Rank.CIRCLED, re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
]

# Part heads hold the numbered sections after them: 2023年工作回顾, 2025 年工作安排,
# 过去五年工作回顾, 今年工作安排.
PART_HEAD = re.compile(
    r"""
    ^(?:[\d\s]{4,6}年|今年|明年|过去一年|过去五年|今后五年|“十[一二三四五六七八九]五”(?:时期)?)
    .{0,16}
    (?:工作回顾|回顾|重点工作|工作安排|工作任务|主要任务|目标任务|总体要求|工作部署)$
    """,
    re.VERBOSE,
)
# Unnumbered heads that stand at the top level whatever precedes them: 名词解释 after 四、,
# 附件 after a part. Prefaces (序言 before 第一章) hold no sections of their own.
PEER_HEAD = re.compile(
    r"""
    ^(?:(?:有关内容)?(?:名词解释|名词注释)|名词术语解释|术语解释|注释|附件\s*\d*|附录|附表|结束语|结语
      |(?:加强)?政府自身建设)$
    """,
    re.VERBOSE,
)
PREFACE_HEAD = re.compile(r"^(?:序言|前言|引言|导言)$")
# A glossary heading glued to its first entry by the repair step: 名词解释1.“两新”：…
GLUED_GLOSSARY_HEAD = re.compile(
    r"^(?:有关内容)?(?:名词解释|名词注释|名词术语解释|术语解释)(?=[ \t\u3000]*\d{1,3}[ \t]*[.．、])"
)

# 四上企业：… / “两新”：…  a short term then a colon: the shape of a note or glossary entry
DEFINITION_ENTRY = re.compile(r"[^。！？；：:\n]{1,16}[：:](?!$)")

# A paragraph ending in one of these (maybe before closers) ends a sentence.
TERMINAL = SENTENCE_MARKS + "…"

MAX_LINE_HEADING = 60  # characters: longer numbered lines are lead sentences
MAX_LEAD_TITLE = 100


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading found at the start of a paragraph: its rank and title length."""

    rank: Rank
    title_length: int  # characters of the paragraph that form the title
    peer: bool = False  # unnumbered: takes the rank of the document's top numbered heads
    childless: bool = False  # a preface: the next heading of any rank ends it


def ends_sentence(text: str) -> bool:
    """Does this paragraph end where a sentence ends (so no page break split it)?"""
    text = text.rstrip()
    if not text:
        return True
    last = text[-1]
    if last in TERMINAL or last == "：" or last == ":":
        return True
    return last in CLOSING_MARKS and len(text) > 1 and text[-2] in TERMINAL


def numbering(paragraph: str) -> tuple[Rank, int] | None:
    """The numbering style at the start of a paragraph and the marker's length."""
    for rank, pattern in NUMBERED_HEAD:
        match = pattern.match(paragraph)
        if match and match.end() < len(paragraph):
            return rank, match.end()
    return None


def is_part_head(paragraph: str) -> bool:
    return len(paragraph) <= 30 and PART_HEAD.match(paragraph) is not None


def is_peer_head(paragraph: str) -> bool:
    return len(paragraph) <= 12 and PEER_HEAD.match(paragraph) is not None


def is_preface_head(paragraph: str) -> bool:
    return len(paragraph) <= 4 and PREFACE_HEAD.match(paragraph) is not None


def lead_title_length(paragraph: str, bold_end: int | None) -> int:
    """Length of a lead sentence that heads a paragraph: `（一）…。` then its body."""
    if bold_end is not None and bold_end > 2:
        return bold_end
    match = SENTENCE_MARK.search(paragraph, 0, MAX_LEAD_TITLE)
    if match:
        return match.end()
    comma = paragraph.find("，", 0, MAX_LEAD_TITLE)
    return comma if comma > 0 else min(len(paragraph), MAX_LEAD_TITLE // 2)


def find_heading(paragraph: str, *, marked: bool, bold_end: int | None) -> Heading | None:
    """Classify a repaired paragraph; `marked` if it carried `#`, `bold_end` if it opens in bold.

    A short numbered line is a heading line; a numbered paragraph that goes on after its
    first sentence is a lead-sentence heading whose title is that sentence.
    """
    numbered = numbering(paragraph)
    if numbered is not None:
        rank, marker = numbered
        if rank >= Rank.ARABIC and DEFINITION_ENTRY.match(paragraph, marker):
            return None  # 2.四上企业：规上工业… is a note entry, not a heading
        inner = SENTENCE_MARK.search(paragraph.rstrip("。"))
        if len(paragraph) <= MAX_LINE_HEADING and inner is None:
            return Heading(rank, len(paragraph))
        return Heading(rank, lead_title_length(paragraph, bold_end))
    if is_part_head(paragraph) or is_peer_head(paragraph):
        return Heading(Rank.PART, len(paragraph))
    if glued := GLUED_GLOSSARY_HEAD.match(paragraph):
        return Heading(Rank.PART, glued.end(), peer=True)
    if is_preface_head(paragraph):
        return Heading(Rank.PART, len(paragraph), childless=True)
    if marked and len(paragraph) <= MAX_LINE_HEADING and SENTENCE_MARK.search(paragraph) is None:
        return Heading(Rank.PART, len(paragraph), peer=True)
    return None
