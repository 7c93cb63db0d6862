"""File to text: what kind of file a report is, its encoding, and what is not content.

Reports arrive as plain text (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5), as
PDFs, as web pages and as Word files. The content decides the kind, not the name: a
`.txt` that starts `%PDF-` is a PDF. Each format's reader (parsers/formats/) yields the
markdown-like text the parsers take (`## ` on heading lines, `**…**` on bold runs); here
it is normalised (one line end, ASCII digits, no control characters).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from baogao.parsers import file_kind_problem, os_problem, refuse
from baogao.parsers.model import ReportError, SourceFormat
from baogao.parsers.text import printable

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried, when strict UTF-8 fails, against each other: GB18030 maps nearly every byte
# sequence, Big5 bytes included, so the one whose text reads as Chinese wins.
LEGACY_ENCODINGS = ("gb18030", "cp950")
UTF16_WITHOUT_BOM = ("utf-16-le", "utf-16-be")

# Characters that make up a large share of any report's Han text, in simplified and in
# traditional form; in a wrong decoding (Big5 read as GB18030) they are rare.
COMMON_CHARACTERS = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二"
    "理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
    "义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没"
    "结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
    "决西被干做必战先回则任取据处理府研质济设务领导推改革项增亿元企服城乡农社体系"
    "這個們來國時說會對過學後麼裡沒還發開動長現樣將與點實種話兒問機給幾業間電門東軍產"
    "總場師書員華報車經濟進設務領導項億鄉農體係區強決處從應當黨縣鎮養創"
)
MIN_COMMON_SHARE = 0.12  # of the Han characters sampled; mojibake scores about 0.03
ENCODING_SAMPLE = 65536  # bytes decoded to weigh an encoding

# C0 and C1 control characters other than tab and line ends: a few are debris, many mean
# binary, and none may reach a terminal raw (U+009B is a one-character CSI).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
HAN_CHARACTER = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN_CHARACTERS = 20  # in the first 4,096 characters

SNIFF_BYTES = 8192
# A web page opens with page markup: <!DOCTYPE html>, <html lang="zh-CN">, <meta charset=…>;
# a saved fragment (<div class=…>, <p>) counts only in a file named .html. Looked for in
# the decoded text: in UTF-16 bytes 㰼 (U+703C) reads as "<p".
PAGE_MARKUP = re.compile(r"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s|body[\s>])", re.I)
FRAGMENT_MARKUP = re.compile(r"<\s*(?:div|p|table|article|section)[\s>]", re.IGNORECASE)
WEB_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, WPS, encrypted Office
ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Source:
    """A report file read as normalised text, and the kind of file it was."""

    text: str
    format: SourceFormat


def _common_share(text: str) -> float:
    han = HAN_CHARACTER.findall(text)
    if not han:
        return 0.0
    return sum(ch in COMMON_CHARACTERS for ch in han) / len(han)


def _best_decoding(data: bytes, encodings: tuple[str, ...]) -> tuple[str, float] | None:
    """The encoding whose decoding of the first bytes reads most like Chinese."""
    sample = data[:ENCODING_SAMPLE]
    best: tuple[str, float] | None = None
    for encoding in encodings:
        try:
            text = sample.decode(encoding, errors="strict")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:  # not only a character cut at the sample's end
                continue
            text = sample[: error.start].decode(encoding)
        share = _common_share(text)
        if best is None or share > best[1]:
            best = (encoding, share)
    return best


def _may_be_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: an even length, and zero bytes (ASCII, line ends, 一 U+4E00)."""
    return len(data) % 2 == 0 and b"\x00" in data[:4096]


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode a report's bytes by evidence, raising ReportError when they are not text or
    the encoding cannot be decided."""
    if not data.strip():
        raise ReportError(name, "the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ReportError(name, f"broken {encoding} text ({error.reason})") from None
    if _may_be_utf16(data):
        found = _best_decoding(data, UTF16_WITHOUT_BOM)
        if found is not None and found[1] >= MIN_COMMON_SHARE:
            return data.decode(found[0], errors="replace")
    if b"\x00" in data[:4096]:
        raise ReportError(name, "binary data, not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _best_decoding(data, LEGACY_ENCODINGS)
    if found is None:
        raise ReportError(name, "unknown text encoding (tried UTF-8, UTF-16, GB18030, Big5)")
    encoding, share = found
    if share < MIN_COMMON_SHARE and HAN_CHARACTER.search(data[:4096].decode(encoding, "replace")):
        raise ReportError(
            name,
            "unknown text encoding: neither GB18030 nor Big5 reads as Chinese "
            "(save the file as UTF-8)",
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportError(name, f"broken {encoding} text at byte {error.start}") from None


def normalise(text: str) -> str:
    """One line end (\\n), no control characters; content otherwise untouched (full-width
    digits stay as written: the steps read them through `text.fold_numbers`)."""
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    text = text.replace("\f", "\n").replace("\v", "\n")
    return CONTROL_CHARACTER.sub("", text)


def sniff(head: bytes, suffix: str, name: str) -> SourceFormat:
    """The format of a file from its first bytes (its suffix only tells markdown from
    text); ReportError for a kind baogao cannot read."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return SourceFormat.PDF
    if head.startswith(OLE2_SIGNATURE):
        raise ReportError(
            name,
            "a Word 97-2003 (.doc) or WPS file, or an encrypted Office file: "
            "save it as .docx (or PDF) and open that",
        )
    if head.startswith(b"{\\rtf"):
        raise ReportError(name, "an RTF file: save it as .docx (or PDF) and open that")
    if head.startswith(ZIP_SIGNATURE):
        return SourceFormat.DOCX  # the reader says when the zip holds no Word document
    return SourceFormat.MD if suffix.lower() in (".md", ".markdown") else SourceFormat.TXT


def is_web_page(text: str, suffix: str) -> bool:
    """Text that is HTML: it opens with a tag and holds page markup (or, named .html, any
    block markup). A markdown report that opens with <div align="center"> stays markdown."""
    head = text[:SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    if not head.startswith("<") or suffix.lower() in (".md", ".markdown"):
        return False
    if PAGE_MARKUP.search(head):
        return True
    return suffix.lower() in WEB_SUFFIXES and FRAGMENT_MARKUP.search(head) is not None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; special files refused by kind before any read can block."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise refuse(path, os_problem(error)) from None
    if stat.S_ISDIR(mode):
        raise refuse(path, "a folder, not a file")
    problem = file_kind_problem(mode)
    if problem is not None:
        raise refuse(path, problem)
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise refuse(path, os_problem(error)) from None


def read_source(path: Path) -> Source:
    """Read a report file of any supported kind as normalised text; ReportError names the
    file and the problem."""
    data = _read_bytes(path)
    name = printable(str(path))
    kind = sniff(data[:SNIFF_BYTES], path.suffix, name)
    if kind is SourceFormat.PDF:
        from baogao.parsers.formats.pdf import pdf_text

        raw = pdf_text(data, name)
    elif kind is SourceFormat.DOCX:
        from baogao.parsers.formats.word import docx_text

        raw = docx_text(data, name)
    else:
        raw = decode(data, name)
        if is_web_page(raw, path.suffix):
            from baogao.parsers.formats.webpage import html_text

            kind, raw = SourceFormat.HTML, html_text(data, name)
        elif len(CONTROL_CHARACTER.findall(raw, 0, 65536)) > 16:
            raise ReportError(name, "binary data, not a text file")
    text = normalise(raw)
    if len(HAN_CHARACTER.findall(text, 0, 4096)) < MIN_HAN_CHARACTERS:
        raise ReportError(name, "not a report: it holds almost no Chinese text")
    return Source(text, kind)


def read_text(path: Path) -> str:
    """Read a report file as normalised text (any supported format)."""
    return read_source(path).text
