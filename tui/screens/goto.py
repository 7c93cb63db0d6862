"""Go to a percentage of the report: type 0-100, Enter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import Integer
from textual.widgets import Input, Static

from baogao.tui.screens.dialog import Dialog


class GoToPercent(Dialog[int]):
    """Ask for a percentage of the report; answers the number, or None on Esc."""

    DEFAULT_CSS = """
    GoToPercent > Vertical { width: 40; padding: 0 1; }
    GoToPercent Input { border: none; height: 1; padding: 0; }
    GoToPercent Static { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Go to % of the report"
            yield Input(
                placeholder="0-100", type="integer", validators=[Integer(0, 100)], id="percent"
            )
            yield Static("Enter to go, Esc to cancel")

    @on(Input.Submitted, "#percent")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.validation_result is not None and not event.validation_result.is_valid:
            self.notify("A percentage from 0 to 100", severity="warning", timeout=3)
            return
        self.dismiss(int(event.value or 0))
