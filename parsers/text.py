"""Text rules shared by every step: where sentences end, full-width forms, Chinese numerals.

One definition of each, so the parsers, the search index, the bookmarks and the reader
agree on what a sentence is and how ２０２５ reads.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- sentences

# The marks that end a sentence, full-width and ASCII: 经济运行总体平稳。
SENTENCE_MARKS = "。！？；!?;"
# Closing quotes and brackets that still belong to the sentence before them: …“两新”。”
CLOSING_MARKS = "”’」』）)"

# A mark that ends a sentence (inside a line: the line is running text, not a heading).
SENTENCE_MARK = re.compile(f"[{SENTENCE_MARKS}]")
# Where a sentence stops: its mark with any closers after it, or a line break.
SENTENCE_BREAK = re.compile(f"[{SENTENCE_MARKS}][{CLOSING_MARKS}]*|\n")


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding `offset`, without surrounding white space.

    On a line break or blank line the next sentence is taken (the previous one at the
    end of the text), so the span is empty only when the text is blank.
    """
    offset = max(0, min(offset, len(text)))
    while offset < len(text) and text[offset].isspace():
        offset += 1
    if offset == len(text):
        offset = len(text.rstrip()) - 1
        if offset < 0:
            return (0, 0)
    start = text.rfind("\n", 0, offset) + 1  # a sentence never spans lines
    for match in SENTENCE_BREAK.finditer(text, start, offset):
        start = match.end()
    found = SENTENCE_BREAK.search(text, offset)
    end = found.end() if found else len(text)
    return strip_span(text, start, end)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without white space at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- full-width forms

# Full-width digits, per cent sign and decimal point read as ASCII, one character for
# one so offsets hold: ２０２５年 -> 2025年, ５％ -> 5%. Chinese punctuation (，。：) is
# left alone, which NFKC would not do.
NUMBER_FORMS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
# Where such characters stand (str.translate is slow; most files hold none).
NUMBER_FORM_RUN = re.compile("[０-９％]+")

# For matching (search): every full-width ASCII form (ＧＤＰ，１＋５＋Ｎ) to half width,
# then A-Z to a-z; one character for one, so offsets survive.
MATCH_FOLD: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
MATCH_FOLD.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
MATCH_FOLD.update({code: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ


def fold_numbers(text: str) -> str:
    """Full-width digits and ％ as ASCII wherever they occur (the same length)."""
    return NUMBER_FORM_RUN.sub(lambda run: run.group().translate(NUMBER_FORMS), text)


MATCH_FOLD_RUN = re.compile("[A-Z\uff01-\uff5e]+")  # what MATCH_FOLD changes


def fold_for_matching(text: str) -> str:
    """Case- and width-folded copy of `text`, the same length (only the runs MATCH_FOLD
    changes are translated: over a whole report, str.translate takes up to 14 ms)."""
    return MATCH_FOLD_RUN.sub(lambda run: run.group().translate(MATCH_FOLD), text)


# ---------------------------------------------------------------- numerals

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(numeral: str) -> int:
    """十二 -> 12, 十四 -> 14, 九 -> 9 (the small numbers of plans, congresses, ordinals)."""
    if "十" not in numeral:
        return CN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + CN_DIGITS.get(ones, 0)


# ---------------------------------------------------------------- terminal safety

# C0 controls, DEL and C1 controls: each can start or end a terminal escape sequence
# (ESC, CSI = U+009B, OSC = U+009D, BEL, ST = U+009C), so none reaches the terminal raw.
TERMINAL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LINE_CONTROLS = frozenset("\n\t")  # kept as they are where the caller lays out lines
ESCAPE_NAMES = {"\r": r"\r", "\n": r"\n", "\t": r"\t"}


def printable(text: object, *, keep_lines: bool = False) -> str:
    r"""Outside text made safe for a terminal: control characters shown escaped, as git does.

    ESC ] 52 ; c ; … becomes the visible text `\x1b]52;c;…`: the reader sees the
    byte, the terminal never acts on it. With `keep_lines`, line breaks and tabs stay.
    """

    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        if keep_lines and char in LINE_CONTROLS:
            return char
        return ESCAPE_NAMES.get(char, f"\\x{ord(char):02x}")

    return TERMINAL_CONTROL.sub(escaped, str(text))
