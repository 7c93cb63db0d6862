"""printable(): outside text reaches the terminal with no control character left raw."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from baogao.display import cut, printable
from baogao.parsers.text import TERMINAL_CONTROL as CONTROL_CHARACTER


def test_escape_sequences_are_shown_as_visible_text() -> None:
    assert printable("a\x1b]52;c;cHduZWQ=\x07b") == r"a\x1b]52;c;cHduZWQ=\x07b"
    assert printable("\x9b2J\x7f") == r"\x9b2J\x7f"
    assert printable("line\r\nnext\t") == r"line\r\nnext\t"


def test_line_breaks_and_tabs_can_be_kept_for_laid_out_text() -> None:
    assert printable("一\n二\t三\x1b", keep_lines=True) == "一\n二\t三\\x1b"


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    assert not CONTROL_CHARACTER.search(printable(text))
    assert not CONTROL_CHARACTER.search(cut(text, 20))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",))))
def test_text_without_control_characters_is_unchanged(text: str) -> None:
    assert printable(text) == text
