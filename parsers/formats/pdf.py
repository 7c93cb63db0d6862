"""PDF to report text with pypdfium2 (PDFium, the PDF engine of Chrome).

A report's PDF lays its text out in lines: a running title at the top of each page, a
page number (`- 3 -`) at the bottom, paragraphs that start indented by two characters
and run to the right margin, headings in a larger (or bold) face. The lines come out in
reading order; the page furniture is dropped, lines are joined into paragraphs (across
page breaks too: `…同比分别增长16.4%、⏎19.5%。` is one sentence), and a heading line
becomes a `## ` line the outline knows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from baogao.parsers.model import ReportError

# - 3 -, — 12 —, 3, 第3页, 第 3 页 共 40 页, 3/40
PAGE_NUMBER = re.compile(
    r"^[-－—–\s]*\d{1,4}[-－—–\s]*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$"
)
DIGITS = re.compile(r"\d+")
MARGIN_SHARE = 0.12  # of the page height: where headers and footers sit
HEADING_SIZE_RATIO = 1.12  # a line this much larger than the body is a heading
BOLD_WEIGHT = 600
MAX_HEADING_LENGTH = 60


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page as PDFium lays it out."""

    text: str
    left: float
    right: float
    top: float  # distance from the page top, in points
    size: float  # font size of its first character
    bold: bool
    page: int


def _page_lines(textpage: Any, page_number: int, page_height: float) -> list[Line]:
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # a character outside the BMP: no index mapping, one box a line
        return [
            Line(line.strip(), 0.0, 0.0, 0.0, 0.0, False, page_number)
            for line in text.splitlines()
            if line.strip()
        ]
    lines: list[Line] = []
    start = 0
    for end in [*(m.start() for m in re.finditer(r"\r\n|\n|\r", text)), len(text)]:
        segment = text[start:end]
        first = start + (len(segment) - len(segment.lstrip()))
        last = start + len(segment.rstrip()) - 1
        start = end + (2 if text.startswith("\r\n", end) else 1)
        if last < first:
            continue
        left, _, _, top = textpage.get_charbox(first)
        _, _, right, _ = textpage.get_charbox(last)
        size = float(pdfium_c.FPDFText_GetFontSize(raw, first))
        weight = int(pdfium_c.FPDFText_GetFontWeight(raw, first))
        lines.append(
            Line(
                text[first : last + 1],
                float(left),
                float(right),
                page_height - float(top),
                size,
                weight >= BOLD_WEIGHT,
                page_number,
            )
        )
    return lines


def _furniture(pages: list[list[Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line) of each running header or footer: page numbers, and the lines in the
    top or bottom margin whose text (digits aside) repeats on several pages."""
    repeated: Counter[str] = Counter()
    candidates: list[tuple[int, int, str]] = []
    for page, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        margin = height * MARGIN_SHARE
        for index, line in enumerate(lines):
            in_margin = line.top < margin or line.top > height - margin
            edge = index < 2 or index >= len(lines) - 2
            if in_margin and edge:
                key = DIGITS.sub("#", line.text.replace(" ", ""))
                candidates.append((page, index, key))
                repeated[key] += 1
    threshold = max(2, len(pages) // 3)
    return {
        (page, index)
        for page, index, key in candidates
        if PAGE_NUMBER.match(pages[page][index].text) or repeated[key] >= threshold
    }


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _paragraphs(lines: list[Line]) -> list[str]:
    """Join lines into paragraphs: a new one starts at an indented line, after a line that
    stops short of the right margin, and where the face changes (a heading)."""
    if not lines:
        return []
    body = _body_size(lines)
    body_lines = [line for line in lines if abs(line.size - body) < 0.5] or lines
    lefts: Counter[int] = Counter(round(line.left) for line in body_lines)
    left_margin = float(lefts.most_common(1)[0][0])
    rights = sorted(line.right for line in body_lines)
    right_margin = rights[int(len(rights) * 0.9)]
    em = body or 12.0

    def is_heading(line: Line) -> bool:
        larger = body > 0 and line.size >= body * HEADING_SIZE_RATIO
        return (larger or line.bold) and len(line.text) <= MAX_HEADING_LENGTH

    paragraphs: list[str] = []
    current: list[str] = []
    previous: Line | None = None
    for line in lines:
        heading = is_heading(line)
        starts = (
            previous is None
            or heading != is_heading(previous)
            or abs(line.size - previous.size) >= 0.5
            or line.left > left_margin + 0.8 * em
            or previous.right < right_margin - 1.5 * em
        )
        if starts and current:
            paragraphs.append("".join(current))
            current = []
        if starts and heading:
            current.append("## ")
        current.append(line.text)
        previous = line
    if current:
        paragraphs.append("".join(current))
    return paragraphs


def pdf_text(data: bytes, name: str) -> str:
    """The report text of a PDF; ReportError for an encrypted, broken or scanned one."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReportError(name, "an encrypted PDF (it needs a password)") from None
        raise ReportError(name, f"a broken PDF ({error})") from None
    try:
        pages: list[list[Line]] = []
        heights: list[float] = []
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            heights.append(float(page.get_height()))
            pages.append(_page_lines(textpage, number, heights[-1]))
            textpage.close()
            page.close()
    finally:
        document.close()
    if not any(pages):
        raise ReportError(
            name, "a PDF without a text layer (a scanned document?): OCR is not supported"
        )
    dropped = _furniture(pages, heights)
    lines = [
        line
        for page, page_lines in enumerate(pages)
        for index, line in enumerate(page_lines)
        if (page, index) not in dropped
    ]
    return "\n\n".join(_paragraphs(lines)) + "\n"
