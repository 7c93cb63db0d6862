"""Reader lines are drawn as styled pieces without rich.Text, and agree with it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from baogao.tui.widgets.reader import styled_segments

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
