"""Reader lines: CJK wraps anywhere but numbers and closing marks stay whole; widths
and styled pieces are computed without Rich's slower general paths, and agree with it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from baogao.tui.widgets.reader import (
    NARROW_RANGE,
    WIDE_RANGES,
    cell_offsets,
    char_cells,
    styled_segments,
    wrap,
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


BOLD, RED, BLUE = Style(bold=True), Style(color="red"), Style(color="blue")


@given(
    text=st.text(alphabet="增长6%。ab", max_size=30),
    raw=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from([RED, BLUE]))),
)
def test_styled_segments_keep_the_text_and_stack_styles_in_order(
    text: str, raw: list[tuple[int, int, Style]]
) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text)), style) for a, b, style in raw]
    segments = styled_segments(text, BOLD, spans)
    assert "".join(segment.text for segment in segments) == text
    position = 0
    for segment in segments:
        expected = BOLD
        for start, end, style in spans:
            if start <= position and position + len(segment.text) <= end:
                expected += style
        assert segment.style == expected, (segment, position)
        position += len(segment.text)


def test_a_later_span_is_drawn_over_an_earlier_one() -> None:
    segments = styled_segments("增长6%", BOLD, [(0, 4, RED), (2, 4, BLUE)])
    assert [(s.text, s.style) for s in segments] == [
        ("增长", BOLD + RED),
        ("6%", BOLD + RED + BLUE),
    ]
