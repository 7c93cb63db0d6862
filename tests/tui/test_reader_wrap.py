"""Reader wrapping: CJK breaks anywhere, but numbers and closing marks stay whole."""

from __future__ import annotations

import pytest

from tui.widgets.reader import cell_offsets, wrap

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
