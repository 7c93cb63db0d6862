"""Bytes to text: detect the encoding of a report file and normalise what is not content.

Government reports come as UTF-8 (with or without BOM), UTF-16 with a BOM, or
GB18030/GBK from older Windows tools, with LF, CRLF, CR or even CR CR LF line ends.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from baogao.parsers.model import ReportError
from baogao.parsers.text import fold_numbers

REPORT_SUFFIXES = (".txt", ".md", ".text", ".markdown")

# Tried in order for files without a BOM. GB18030 is a superset of GBK and GB2312
# and maps every byte sequence it accepts, so it goes after strict UTF-8.
FALLBACK_ENCODINGS = ("utf-8", "gb18030", "big5")

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# C0 control characters other than tab and line ends: a few are debris, many mean binary.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
HAN_CHARACTER = re.compile(r"[\u4e00-\u9fff]")


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode a report's bytes, raising ReportError when they are not text."""
    if not data.strip():
        raise ReportError(name, "the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ReportError(name, f"broken {encoding} text ({error.reason})") from None
    if b"\x00" in data[:4096]:
        raise ReportError(name, "binary data, not a text file")
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError(name, "unknown text encoding (tried UTF-8, UTF-16, GB18030, Big5)")


def normalise(text: str) -> str:
    """One line end (\\n), ASCII digits, no control characters; content otherwise untouched."""
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    text = fold_numbers(text)  # ２０２５年 -> 2025年, ５％ -> 5%
    text = text.replace("\f", "\n").replace("\v", "\n")
    return CONTROL_CHARACTER.sub("", text)


def read_text(path: Path) -> str:
    """Read a report file as normalised text; ReportError names the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError(str(path), error.strerror or "cannot be read") from None
    text = decode(data, str(path))
    if len(CONTROL_CHARACTER.findall(text, 0, 65536)) > 16:
        raise ReportError(str(path), "binary data, not a text file")
    text = normalise(text)
    if len(HAN_CHARACTER.findall(text, 0, 4096)) < 20:
        raise ReportError(str(path), "not a report: it holds almost no Chinese text")
    return text
