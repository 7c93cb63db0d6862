"""Report files in the formats people receive, generated from a seed's text (no blobs).

Each builder lays a report out as its publisher would: a PDF with a running title, page
numbers and paragraphs broken across pages; a government-site web page with navigation,
breadcrumbs, share links and a 备案 footer; a Word file with heading styles, a header and
a footer. Headings are the section titles the .txt parse finds, so the formats can be
compared with the .txt they came from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from baogao.parsers import parse

BOLD_RUN = re.compile(r"\*\*(.+?)\*\*")
PAGE_TITLE = "政府工作报告"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the seed: its text (bold runs marked **…**) and heading level, if any."""

    text: str
    level: int | None = None

    @property
    def plain(self) -> str:
        return self.text.replace("**", "")


def seed_blocks(seed: Path) -> list[Block]:
    """The paragraphs of the seed as a reader sees them (its repaired text, bold runs
    marked again), the section titles marked with their level."""
    report = parse(seed)
    titles: dict[int, int] = {}
    for section in report.walk():
        if "\n" not in report.text[section.start : section.body_start].strip():
            titles.setdefault(section.start, section.level)
    bold = sorted(report.emphasis)
    blocks = []
    offset = 0
    for line in report.text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        pieces, at = [], start
        for bold_start, bold_end in bold:
            if start <= bold_start and bold_end <= end:
                pieces += [report.text[at:bold_start], "**", report.text[bold_start:bold_end], "**"]
                at = bold_end
        pieces.append(report.text[at:end])
        title_level = titles.get(start)
        whole_line = title_level is not None and any(
            s.start == start and s.body_start >= end for s in report.walk()
        )
        blocks.append(Block("".join(pieces).strip(), title_level if whole_line else None))
    return blocks


def write_pdf(blocks: list[Block], path: Path, *, header: str = PAGE_TITLE) -> Path:
    """A text-layer PDF: running header, `- n -` footer, 2-character paragraph indent,
    headings in a larger size, lines wrapped at the margin and pages broken mid-sentence."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    width, height = A4
    left, right, top, bottom = 72.0, width - 72.0, height - 80.0, 72.0
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page = 1
    y = top

    def furniture() -> None:
        pdf.setFont(font, 9)
        pdf.drawCentredString(width / 2, height - 50, header)
        pdf.drawCentredString(width / 2, 40, f"- {page} -")

    def new_page() -> None:
        nonlocal page, y
        pdf.showPage()
        page += 1
        y = top
        furniture()

    furniture()
    for block in blocks:
        size = {0: 16.0, 1: 14.0}.get(block.level if block.level is not None else -1, 12.0)
        leading = size * 1.8
        text = block.plain
        indent = 0.0 if block.level is not None else 2 * size
        lines: list[tuple[float, str]] = []
        start = 0
        x0 = left + indent
        while start < len(text):
            end = start + 1
            while (
                end < len(text)
                and pdfmetrics.stringWidth(text[start : end + 1], font, size) <= right - x0
            ):
                end += 1
            if len(text) - end == 1 and end - start > 1:
                end -= 1  # reportlab 5 draws no string of one CID character: never leave one
            lines.append((x0, text[start:end]))
            start, x0 = end, left
        for x, line in lines:
            if y < bottom:
                new_page()
            pdf.setFont(font, size)
            pdf.drawString(x, y, line)
            y -= leading
    pdf.save()
    return path


GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政务公开_某某市人民政府</title>
<style>.nav li {{ float: left; }} body {{ font: 14px/1.5 宋体; }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="top"><a href="/">某某市人民政府</a> <a href="/en">English</a> 无障碍 长者模式</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府工作报告</div>
<div class="article">
<div class="info">发布时间：2026-01-25 10:30 来源：市政府办公室 浏览次数：1024 字号：【大 中 小】</div>
<div class="content" id="zoom">
{body}
</div>
<div class="share">扫一扫在手机打开当前页 【打印本页】【关闭窗口】</div>
</div>
<div class="related">相关链接：<a href="/a">国务院</a> <a href="/b">省政府</a></div>
<div class="footer"><p>主办：某某市人民政府办公室 网站标识码：6541020001</p>
<p>备案号：新ICP备12345678号-1 新公网安备 65400202000123号</p></div>
<script>console.log("footer")</script>
</body></html>
"""


def _html_paragraph(block: Block) -> str:
    if block.level is not None:
        tag = "h2" if block.level == 0 else "h3"
        return f"<{tag}>{html.escape(block.plain)}</{tag}>"
    inner = BOLD_RUN.sub(lambda m: f"<strong>{m.group(1)}</strong>", html.escape(block.text))
    return f'<p style="text-indent: 2em;">{inner}</p>'


def write_html(blocks: list[Block], path: Path, *, encoding: str = "utf-8") -> Path:
    """A government-site article page in `encoding` (utf-8 or gbk), declared in its meta."""
    body = "\n".join(_html_paragraph(block) for block in blocks)
    page = GOV_PAGE.format(charset=encoding, title=PAGE_TITLE, body=body)
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))  # ³ as &#179;
    return path


def write_docx(blocks: list[Block], path: Path) -> Path:
    """A Word file: Heading 1/2 styles on section titles, bold runs, a header and a footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = PAGE_TITLE
    section.footer.paragraphs[0].text = "- 1 -"
    for block in blocks:
        if block.level is not None:
            document.add_heading(block.plain, level=block.level + 1)
            continue
        paragraph = document.add_paragraph()
        for index, piece in enumerate(block.text.split("**")):
            if piece:
                paragraph.add_run(piece).bold = index % 2 == 1
    document.add_table(rows=0, cols=0)  # an empty table is nothing
    document.save(str(path))
    return path
