"""Breaking CJK text into screen lines: cell widths and where a line may break.

Pure, so the reader and the glossary pane wrap alike and tests need no terminal. A CJK
character takes two cells; closing punctuation never starts a line, opening marks never
end one, and numbers and Latin words stay whole.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size

# Closing punctuation that should not begin a wrapped line (it moves down with the
# character before it), e.g. "增长6%；" never leaves "；" at the start of a line.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…%,.;:?!)")
# Opening marks that should not end a line: "首批“⏎全区…" reads wrong.
NO_LINE_END = frozenset("“‘（《「『【〔(")
MAX_PUNCT_CARRY = 3  # marks carried across a break at most (”。” …)
# Numbers and Latin words are not broken across lines: "增长0.5⏎1%" reads wrong.
UNBROKEN = frozenset("0123456789.%+-‰abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
MAX_UNBROKEN = 16

# Code point ranges whose width is known without Rich's table lookup (~2 µs a character):
# printable ASCII, CJK ideographs (extension A and the main block) and full-width forms.
# Checked against Rich in tests.
NARROW_RANGE = (0x20, 0x7E)
WIDE_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF01, 0xFF60))
_CELL_WIDTHS: dict[str, int] = {}


def char_cells(char: str) -> int:
    """Cells the character takes on screen, as Rich measures it."""
    code = ord(char)
    if NARROW_RANGE[0] <= code <= NARROW_RANGE[1]:
        return 1
    for low, high in WIDE_RANGES:
        if low <= code <= high:
            return 2
    return get_character_cell_size(char)


def cell_offsets(text: str) -> list[int]:
    """offsets[i] = cells taken by text[:i]; CJK characters take 2 cells.

    Computed once per text (map and accumulate run in C), so wrapping at any width is
    a binary search per line.
    """
    for char in set(text).difference(_CELL_WIDTHS):
        _CELL_WIDTHS[char] = char_cells(char)
    return [0, *accumulate(map(_CELL_WIDTHS.__getitem__, text))]


def wrap(text: str, cells: list[int], start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Split text[start:end] into spans of at most `width` cells.

    `cells` comes from cell_offsets(text). A closing punctuation mark never starts a
    line: the break moves back so the mark keeps the character it follows.
    """
    width = max(width, 4)
    spans: list[tuple[int, int]] = []
    line_start = start
    while cells[end] - cells[line_start] > width:
        # the longest run from line_start that fits: cells[stop] <= cells[line_start] + width
        stop = bisect_right(cells, cells[line_start] + width, line_start + 1, end + 1) - 1
        stop = max(stop, line_start + 1)
        for _ in range(MAX_PUNCT_CARRY):  # ”。 both move down with the character before
            if text[stop] in NO_LINE_START and stop - 1 > line_start:
                stop -= 1
        for _ in range(MAX_PUNCT_CARRY):  # an opening “ moves down with what it opens
            if text[stop - 1] in NO_LINE_END and stop - 1 > line_start:
                stop -= 1
        stop = _keep_word_whole(text, line_start, stop)
        spans.append((line_start, stop))
        line_start = stop
    spans.append((line_start, end))
    return spans


def wrap_text(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells, each paragraph wrapped on its own."""
    cells = cell_offsets(text)
    lines: list[str] = []
    position = 0
    for paragraph in text.split("\n"):
        end = position + len(paragraph)
        lines.extend(text[s:e] for s, e in wrap(text, cells, position, end, width))
        position = end + 1
    return lines


def _keep_word_whole(text: str, line_start: int, stop: int) -> int:
    """Move a break out of a number or Latin word (0.51%, G219, PM2.5) when it is short."""
    back = stop
    while (
        back - 1 > line_start
        and stop - back < MAX_UNBROKEN
        and text[back - 1] in UNBROKEN
        and text[back] in UNBROKEN
    ):
        back -= 1
    if back == stop or text[back - 1] in UNBROKEN:
        return stop  # no run to keep whole, or one too long to move: break where it fits
    return back
