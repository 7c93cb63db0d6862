"""A Word (.docx) file to report text with python-docx.

The body's paragraphs and tables in document order; a paragraph in a heading style
(Heading 1–9, 标题 1–9, a style based on one, or an outline level 1–9) becomes a `## ` line, bold runs
`**…**`, a table one line per row (`地区生产总值 | 6%`: a space alone between 值 and 6
would be closed by repair). Headers and footers (running titles, page numbers)
live in parts of their own and are never read.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from baogao.parsers.model import ReportError

# "Heading 1", "heading 2", "标题 1", "Title"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*\d$|^title$", re.IGNORECASE)
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Office files that are not Word documents, by the part that names them.
OTHER_OFFICE_PARTS = (
    ("xl/workbook.xml", "a spreadsheet (.xlsx), not a report"),
    ("ppt/presentation.xml", "a presentation (.pptx), not a report"),
)


def _heading_style_ids(document: Any) -> frozenset[str]:
    """Ids of the paragraph styles that are headings, by their name or a base's name.

    Looked up once: python-docx finds a paragraph's style by scanning every style."""
    from docx.enum.style import WD_STYLE_TYPE

    ids = set()
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        base = style
        while base is not None:
            if HEADING_STYLE.match(base.name or "") or _has_outline_level(base.element):
                ids.add(style.style_id)
                break
            base = base.base_style
    return frozenset(ids)


def _is_heading(paragraph: Any, heading_ids: frozenset[str]) -> bool:
    properties = paragraph._p.pPr  # the oxml element (python-docx's documented way down)
    if properties is None:
        return False
    style = properties.pStyle
    if style is not None and style.val in heading_ids:
        return True
    return _has_outline_level(paragraph._p)


def _has_outline_level(element: Any) -> bool:
    """A w:outlineLvl of 0-8 in the element's paragraph properties (9 is body text)."""
    level = element.find(f"{WORD_NAMESPACE}pPr/{WORD_NAMESPACE}outlineLvl")
    return level is not None and level.get(f"{WORD_NAMESPACE}val", "9") != "9"


def _paragraph_text(paragraph: Any, heading_ids: frozenset[str]) -> str:
    if _is_heading(paragraph, heading_ids):
        text = paragraph.text.strip()
        return f"## {text}" if text else ""
    pieces: list[str] = []
    for run in paragraph.iter_inner_content():  # runs, and hyperlinks with their runs
        if not hasattr(run, "bold"):
            pieces.append(run.text)  # a hyperlink: its text, never bold-marked
        elif run.bold and run.text.strip():
            if pieces and pieces[-1] == "**":
                pieces.pop()  # two bold runs side by side are one bold run
            else:
                pieces.append("**")
            pieces += [run.text, "**"]
        else:
            pieces.append(run.text)
    text = "".join(pieces)
    return text if text.replace("*", "").strip() else ""


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text:  # a merged cell repeats in each column
                cells.append(text)
        line = " | ".join(cells).strip(" |")
        if line:
            rows.append(line)
    return rows


def docx_text(data: bytes, name: str) -> str:
    """The report text of a .docx; ReportError for a corrupt zip or another kind of file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ReportError(name, f"a corrupt zip file ({error})") from None
    if "word/document.xml" not in parts:
        for part, problem in OTHER_OFFICE_PARTS:
            if part in parts:
                raise ReportError(name, problem)
        raise ReportError(name, "a zip archive without a Word document in it")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises lxml, KeyError and zip errors alike
        raise ReportError(name, f"a corrupt Word file ({type(error).__name__})") from None
    heading_ids = _heading_style_ids(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_paragraph_text(block, heading_ids))
        elif isinstance(block, Table):
            lines.extend(_table_rows(block))
    return "\n".join(line for line in lines if line) + "\n"
