"""A web page to report text with lxml: the article, not the page around it.

Government sites publish a report inside a page of navigation, breadcrumbs
(首页 > 政务公开 > …), share and print links (扫一扫在手机打开当前页 【打印本页】), related
links and a footer with 备案 numbers. Scripts, styles and the page's furniture (by tag,
and by the class or id every site gives it) are dropped; the article is the element whose
paragraphs hold the most Chinese text. Its `<p>` and `<br>` become paragraphs,
`<h1>`–`<h4>` `## ` heading lines and `<strong>`/`<b>` runs `**…**`, as the parsers take.
"""

from __future__ import annotations

import re
from typing import Any

from baogao.parsers.model import ReportError

# <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
META_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]{2,40})", re.IGNORECASE
)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK pages use characters of their supersets; GB18030 decodes all of them.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}

FURNITURE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "nav", "header", "footer", "aside", "form", "select", "button", "input", "textarea",
)  # fmt: skip
# class="crumb", id="footer", class="bdsharebuttonbox", class="print-close", …
FURNITURE_NAME = re.compile(
    r"nav|menu|crumb|breadcrumb|position|location|footer|foot|copyright|share|print|"
    r"sidebar|side-bar|related|relevant|toolbar|login|search|qrcode|ewm|fenxiang",
    re.IGNORECASE,
)
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "pre",
        "center",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "figure",
        "figcaption",
        "main",
        "body",
    ]
)
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4"))
BOLD_TAGS = frozenset(("strong", "b"))
CELL_TAGS = frozenset(("td", "th"))
TEXT_TAGS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre"))
HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_ARTICLE_HAN = 20
MAX_TITLE_LENGTH = 60


def page_encoding(data: bytes) -> str | None:
    """The charset the page declares in a meta tag, as a Python codec name."""
    match = META_CHARSET.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return CHARSET_ALIASES.get(name, name)


def _decode(data: bytes, name: str) -> str:
    from baogao.parsers.source import BOMS, decode

    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode(data, name)
    declared = page_encoding(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a page that lies about its charset: weigh the evidence instead
    return decode(data, name)


def _is_furniture(element: Any) -> bool:
    if element.tag in FURNITURE_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(names.strip()) and FURNITURE_NAME.search(names) is not None


def _han_count(text: str | None) -> int:
    return len(HAN.findall(text)) if text else 0


def _article(body: Any) -> Any:
    """The element whose text paragraphs hold the most Chinese: a paragraph counts fully
    for its parent and half for the grandparent (a content div inside an article div)."""
    scores: dict[Any, float] = {}
    for element in body.iter(*TEXT_TAGS, "div"):
        if element.tag == "div" and any(child.tag in BLOCK_TAGS for child in element):
            continue  # a div that holds blocks scores through them
        han = _han_count(element.text_content())
        if not han:
            continue
        parent = element.getparent()
        if element.tag in ("td", "th", "li"):
            parent = parent.getparent() if parent is not None else None  # the table, list
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + han
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + han / 2
    if not scores:
        return body
    return max(scores, key=scores.__getitem__)


def _text_of(article: Any) -> str:
    """The article as lines: blocks and <br> break lines, headings and bold runs marked."""
    from lxml import etree

    out: list[str] = []
    heading_depth = 0

    def text(piece: str | None) -> None:
        if piece:
            out.append(piece.replace("\n", " ").replace("\r", " "))

    for event, element in etree.iterwalk(article, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                out.append("\n")
            if tag in HEADING_TAGS:
                heading_depth += 1
                out.append("## ")
            elif tag in BOLD_TAGS and not heading_depth and element.text_content().strip():
                out.append("**")
            elif tag == "br":
                out.append("\n")
            elif tag in CELL_TAGS and element.getprevious() is not None:
                out.append(" | ")
            text(element.text)
        else:
            if tag in HEADING_TAGS:
                heading_depth -= 1
            elif tag in BOLD_TAGS and not heading_depth and element.text_content().strip():
                out.append("**")
            if tag in BLOCK_TAGS:
                out.append("\n")
            if element is not article:
                text(element.tail)
    lines = ("".join(out)).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip().strip("*#").strip())


def html_text(data: bytes, name: str) -> str:
    """The article text of a web page; ReportError when it holds none."""
    import lxml.html
    from lxml import etree

    page = XML_DECLARATION.sub("", _decode(data, name), count=1)
    try:
        document = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as error:
        raise ReportError(name, f"a web page that cannot be parsed ({error})") from None
    titles = [h.text_content().strip() for h in document.iter("h1")]
    for element in list(document.iter(*FURNITURE_TAGS, "div", "ul", "p", "span", "table")):
        if _is_furniture(element) and element.getparent() is not None:
            element.drop_tree()
    body = document.find("body")
    article = _article(body if body is not None else document)
    text = _text_of(article)
    if _han_count(text) < MIN_ARTICLE_HAN:
        raise ReportError(name, "a web page without article text (no report in it)")
    title = next((t for t in titles if t and len(t) <= MAX_TITLE_LENGTH), None)
    if title and title.replace(" ", "") not in text[:400].replace(" ", ""):
        text = f"{title}\n{text}"  # the page's headline, outside the article's text
    return text + "\n"
