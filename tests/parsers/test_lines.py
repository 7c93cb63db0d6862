"""CJK line breaking: wraps anywhere but numbers and closing marks stay whole; cell widths
are computed without Rich's slower general path, and agree with it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from baogao.parsers.lines import (
    NARROW_RANGE,
    NO_LINE_START,
    WIDE_RANGES,
    cell_offsets,
    char_cells,
    wrap,
    wrap_text,
)

SENTENCE = "固定资产投资84.05亿元、增长0.51%；招商引资"


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap(text, cell_offsets(text), 0, len(text), width)]


@pytest.mark.parametrize("width", range(14, 44))
def test_a_number_is_never_split_across_lines(width: int) -> None:
    for line in lines(SENTENCE, width):
        assert not line.endswith(("0.5", "84.", "84.05亿元、增长0")), line
        assert not line.startswith(("%", "1%", "；", "05")), line


def test_wrapped_lines_keep_every_character_in_order() -> None:
    assert "".join(lines(SENTENCE, 17)) == SENTENCE


def test_a_run_too_long_to_move_breaks_where_it_fits() -> None:
    text = "x" * 50
    assert [len(line) for line in lines(text, 20)] == [20, 20, 10]


QUOTED = "草原经营权确权完成95%，则克台供销社获评首批“全区供销系统示范基层社”。“三医联动”改革"


@pytest.mark.parametrize("width", range(14, 60))
def test_closing_marks_never_start_and_opening_marks_never_end_a_line(width: int) -> None:
    wrapped = lines(QUOTED, width)
    assert "".join(wrapped) == QUOTED
    for line in wrapped[1:]:
        assert line[0] not in "”。，、；：）", line
    for line in wrapped[:-1]:
        assert line[-1] not in "“（《", line


# --- cell widths and styled pieces ---------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high"), [NARROW_RANGE, *WIDE_RANGES], ids=["ascii", "ext-a", "cjk", "fullwidth"]
)
def test_the_fast_cell_widths_agree_with_rich(low: int, high: int) -> None:
    wrong = [
        hex(code) for code in range(low, high + 1) if char_cells(chr(code)) != cell_len(chr(code))
    ]
    assert wrong == []


@pytest.mark.parametrize("char", ["“", "”", "—", "…", "·", "é", "\u302a", "😀"])
def test_other_characters_are_measured_by_rich(char: str) -> None:
    assert char_cells(char) == cell_len(char)


def test_wrapped_lines_keep_every_character_and_fit_the_width() -> None:
    text = "地区生产总值439.77亿元、增长3.4%左右；规模以上工业增加值72.03亿元，增长6%。" * 3
    cells = cell_offsets(text)
    spans = wrap(text, cells, 0, len(text), 20)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(cells[e] - cells[s] <= 20 for s, e in spans)


def test_closing_punctuation_never_starts_a_wrapped_line() -> None:
    text = "一二三四五六七八九，十一二三四五六七八九。" * 4
    cells = cell_offsets(text)
    for width in range(6, 30):
        for start, _end in wrap(text, cells, 0, len(text), width)[1:]:
            assert text[start] not in NO_LINE_START


def test_cjk_characters_take_two_cells() -> None:
    assert cell_offsets("报告ab") == [0, 2, 4, 5, 6]


def test_wrap_text_wraps_each_paragraph_and_keeps_closing_marks_down() -> None:
    text = "坚持和发展新时代“枫桥经验”。\n第二段"
    lines = wrap_text(text, 14)
    assert "".join(lines) == text.replace("\n", "")
    assert all(not line.startswith(("。", "”")) for line in lines)
    assert lines[-1] == "第二段"
