"""Repair a report's text: web debris, page-break splits, markdown marks, spacing.

PDF-to-text and web copies of reports break sentences at page ends
(`同比分别增长 16.4%、⏎⏎19.5%。`), letter-space titles (`政 府 工 作 报 告`), and carry
markdown (`## 一、…`, `**一年来，…。**`). The repaired text is what the reader sees;
bold runs survive as `emphasis` spans and `#` marks as `Paragraph.marked`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.parsers.headings import ends_sentence, find_heading
from baogao.parsers.model import Span

HAN = r"\u3400-\u9fff"
CJK_PUNCT = "，。、；：！？（）“”‘’《》【】〔〕…—·"

# `## 一、2025年…` / `#### **四、…**`: the number of marks says nothing about the level.
HEADING_MARKS = re.compile(r"^#{1,6}[ \t]*")
LIST_BULLET = re.compile(r"^[-*+][ \t]+(?=\S)")
SUPERSCRIPT_TAG = re.compile(r"<sup>\s*(\d+)\s*</sup>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
# <!-- … --> left by a scraper, whole or split over lines: `<!--` ⏎ `-->`
HTML_COMMENT = re.compile(r"<!--.*?-->|<!--|-->")
# （下转第四版） / （紧接第一版）: a newspaper's page jump inside a sentence
NEWSPAPER_JUMP = re.compile(r"[（(](?:下转|上接|紧接|转|接)第?[一二三四五六七八九十\d]{1,3}版[）)]")
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BOLD_MARK = re.compile(r"\*{2,}")
STRAY_STAR = re.compile(r"(?<!\*)\*(?!\*)")

# Lines that come from the web page around a report, not from the report.
DEBRIS_LINE = re.compile(
    r"""
    ^(?:
        # the viewer's buttons, one a line or several: 下载 打印 全屏 收藏 【字号： 加大 还原 减小 】
        (?:(?:打印本页|关闭窗口|返回顶部|我要打印|打印|关闭|下载|收藏|分享|全屏|加大|还原|减小
            |字号|字体|默认|大|中|小|首页)
          |[【】\[\]：:\s|｜/>＞»])+
      | (?:当前位置|您的位置|你的位置)\s*[：:].{0,60}      # 当前位置： 首页>> 热点专题
      | [（(]?\s*责任编辑\s*[：:].{0,20}
      | 【?\s*E-?mail推荐.{0,10}
      | .{0,40}(?:门户网站|www\.).{0,60}                  # 中央政府门户网站 www.gov.cn 2011年03月15日 来源：新华社
      | .{0,160}(?:记者|摄影)\s*[\u4e00-\u9fff·]{2,8}\s*摄    # …作政府工作报告。本报记者 霍艳恩摄
      |
        (?:【\s*)?(?:打印|关闭|下载|收藏|分享|打印本页|关闭窗口|返回顶部|我要打印)(?:\s*】)?
        (?:[\s|｜/]*(?:【\s*)?(?:打印|关闭|下载|收藏|分享|打印本页|关闭窗口|返回顶部)(?:\s*】)?)*
      | (?:来源|时间|信息来源|发布时间|发布日期|发布机构|作者|责任编辑|编辑|浏览次数|阅读次数|点击数|字号|分享到)
        \s*[：:].{0,80}
      | 字号\s*[:：]?\s*[大中小\s]+
      | 扫一扫.{0,30}
      | 下载(?:附件|文件|全文|文档)?[：:]?.{0,60}\.(?:pdf|docx?|wps|txt)
      | [-－—–\s]*\d{1,4}[-－—–\s]*            # page numbers: - 12 -, — 3 —
      | 第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)
# 相关报道： and what follows it is a list of links to other pages.
RELATED_LINKS = re.compile(r"^(?:相关报道|相关链接|相关新闻|相关阅读|相关文章|延伸阅读)\s*[：:]?")

# 注：文中右下角“1”等数字，是名词术语注释序号，注释附后。  (002, between two halves)
NOTE_LINE = re.compile(r"^(?:注\s*[：:]|注\s*\d|\[注\]|【注】)")
ADDRESS_LINE = re.compile(r"^各位(?:代表|委员)")

# 439.77 亿元 -> 439.77亿元; 2026 年 -> 2026年; 1.2 万元， 城乡 -> 1.2万元，城乡
SPACE_AROUND_NUMBER = re.compile(
    rf"(?<=[{HAN}{CJK_PUNCT}])[ \t\u3000\xa0]+(?=[\d%])|(?<=[\d%])[ \t\u3000\xa0]+(?=[{HAN}{CJK_PUNCT}])"
)
SPACE_AROUND_PUNCT = re.compile(
    rf"(?<=[{CJK_PUNCT}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{CJK_PUNCT}])"
)
# 政 府 工 作 报 告 -> 政府工作报告; 县 长 阿比连 -> 县长 阿比连 (only one-character tokens)
LETTER_SPACED = re.compile(rf"(?<![{HAN}])[{HAN}](?:[ \u3000]+[{HAN}](?![{HAN}]))+")
INNER_SPACE = re.compile(r"[ \u3000]+")
INNER_BLANK = re.compile(r"[ \t\u3000\xa0]")  # what the spacing rules above remove
MAX_LETTER_SPACED_LINE = 40
# 各类风险挑战,推动 -> 各类风险挑战，推动
ASCII_COMMA_IN_HAN = re.compile(rf"(?<=[{HAN}]),(?=[{HAN}])")
ASCII_SEMICOLON_IN_HAN = re.compile(rf"(?<=[{HAN}]);(?=[{HAN}])")

MAX_LINK_LINE = 40  # a related link's headline fits in this; a line of prose does not
MIN_SPLIT_PARAGRAPH = 16  # a page break splits long paragraphs; short lines stand alone
FRONT_MATTER_SCAN = 30  # paragraphs in which to look for where the front matter ends


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the repaired text (no line break inside)."""

    start: int
    end: int
    marked: bool  # the source line carried markdown `#` marks


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    emphasis: tuple[Span, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(slots=True)
class _Line:
    text: str  # may still hold `**` marks
    marked: bool

    @property
    def plain(self) -> str:
        return self.text.replace("*", "")


def _clean_line(line: str) -> _Line | None:
    line = line.strip(" \t\u3000\xa0")
    marks = HEADING_MARKS.match(line)
    marked = marks is not None
    if marks:
        line = line[marks.end() :].rstrip("# \t")
    if line[:1] in "-*+":
        line = LIST_BULLET.sub("", line)
    if "<" in line or "-->" in line:
        line = HTML_COMMENT.sub("", line)
        line = SUPERSCRIPT_TAG.sub(lambda m: m.group(1).translate(SUPERSCRIPT_DIGITS), line)
        line = HTML_TAG.sub("", line)
    if "版" in line:
        line = NEWSPAPER_JUMP.sub("", line)
    line = line.strip(" \t\u3000\xa0")
    if not line.replace("*", "") or DEBRIS_LINE.match(line.replace("*", "")):
        return None
    # Each substitution only where its character is: most lines of a report hold none.
    spaced = INNER_BLANK.search(line) is not None
    if spaced:
        line = SPACE_AROUND_NUMBER.sub("", line)
        line = SPACE_AROUND_PUNCT.sub("", line)
    if "," in line:
        line = ASCII_COMMA_IN_HAN.sub("，", line)
    if ";" in line:
        line = ASCII_SEMICOLON_IN_HAN.sub("；", line)
    if spaced and len(line) <= MAX_LETTER_SPACED_LINE:
        line = LETTER_SPACED.sub(lambda m: INNER_SPACE.sub("", m.group()), line)
    return _Line(line, marked)


def _resumes_report(line: str) -> bool:
    """After a list of links: a line of prose, or the title page of another copy."""
    return len(line) > MAX_LINK_LINE or "工作报告" in line or line.startswith(("——", "—"))


def _source_lines(text: str) -> list[_Line]:
    """The report's lines, cleaned; a list of links (相关链接：⏎· headline ⏎…) is left out
    up to where the report (or another copy of it, in a scraped file) resumes."""
    lines: list[_Line] = []
    in_links = False
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u3000\xa0")
        if RELATED_LINKS.match(stripped):
            in_links = True
            continue
        if in_links:
            if not stripped or not _resumes_report(stripped):
                continue
            in_links = False
        line = _clean_line(raw)
        if line is not None:
            lines.append(line)
    return lines


def _front_matter_end(lines: list[_Line]) -> int:
    """Index of the first paragraph after the front matter, whose lines are never joined."""
    for index, line in enumerate(lines[:FRONT_MATTER_SCAN]):
        plain = line.plain
        if ADDRESS_LINE.match(plain):
            return index + 1
        if find_heading(plain, marked=line.marked, bold_end=None) and index > 0:
            return index
    return 0


def _is_block_start(line: _Line) -> bool:
    plain = line.plain
    return (
        line.marked
        or NOTE_LINE.match(plain) is not None
        or ADDRESS_LINE.match(plain) is not None
        or find_heading(plain, marked=False, bold_end=None) is not None
    )


def _is_split(line: _Line) -> bool:
    """Does this paragraph stop mid-sentence, as at a page break?"""
    plain = line.plain
    if len(plain) < MIN_SPLIT_PARAGRAPH or ends_sentence(plain):
        return False
    heading = find_heading(plain, marked=line.marked, bold_end=None)
    return heading is None or heading.title_length < len(plain)  # a lead sentence goes on


def _glue(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def join_page_breaks(lines: list[_Line]) -> list[_Line]:
    """Join paragraphs split mid-sentence; a stray note between the halves moves after them."""
    joined: list[_Line] = []
    front_end = _front_matter_end(lines)
    joined.extend(lines[:front_end])
    index = front_end
    while index < len(lines):
        current = _Line(lines[index].text, lines[index].marked)
        index += 1
        notes: list[_Line] = []
        while index < len(lines) and _is_split(current):
            following = lines[index]
            if NOTE_LINE.match(following.plain) and index + 1 < len(lines):
                after = lines[index + 1]
                if _is_block_start(after):
                    break
                notes.append(following)
                current.text = _glue(current.text, after.text)
                index += 2
                continue
            if _is_block_start(following):
                break
            current.text = _glue(current.text, following.text)
            index += 1
        joined.append(current)
        joined.extend(notes)
    return joined


def _unbold(text: str, offset: int, emphasis: list[Span]) -> str:
    """Remove `**` marks, recording each bold run as a span at `offset` + position."""
    text = STRAY_STAR.sub("", text)  # before measuring, so spans stay true
    pieces: list[str] = []
    length = 0
    bold_from: int | None = None
    position = 0
    for match in BOLD_MARK.finditer(text):
        pieces.append(text[position : match.start()])
        length += match.start() - position
        position = match.end()
        for _ in range(len(match.group()) // 2):
            if bold_from is None:
                bold_from = length
            else:
                if length > bold_from:
                    emphasis.append((offset + bold_from, offset + length))
                bold_from = None
    pieces.append(text[position:])
    return "".join(pieces)


def repair(raw: str) -> Repaired:
    """Repair normalised report text (see source.normalise) into what the reader sees."""
    lines = join_page_breaks(_source_lines(raw))
    parts: list[str] = []
    emphasis: list[Span] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in lines:
        start = offset + 1 if parts else offset
        plain = _unbold(line.text, start, emphasis) if "*" in line.text else line.text
        if not plain.strip():
            continue
        if parts:
            parts.append("\n")
            offset += 1
        paragraphs.append(Paragraph(offset, offset + len(plain), line.marked))
        parts.append(plain)
        offset += len(plain)
    return Repaired("".join(parts), tuple(emphasis), tuple(paragraphs))
