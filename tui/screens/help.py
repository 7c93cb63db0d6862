"""The help screen: every key binding, read from the live widgets so it stays true."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from baogao.tui.bindings import CURSOR_BINDINGS, declared_bindings
from baogao.tui.screens.dialog import Dialog
from baogao.tui.widgets.outline import BADGES, COMPACT_BADGES

KeyGroup = tuple[str, tuple[tuple[str, str], ...]]
"""A pane's name and its (keys, description) rows."""


def binding_rows(
    nodes: Iterable[DOMNode | type[DOMNode]], display: Callable[[Binding], str]
) -> tuple[tuple[str, str], ...]:
    """(keys, description) for every action bound on `nodes`, keys of one action joined."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for node in nodes:
        for binding in declared_bindings([node]):
            keys, _description = by_action.setdefault(
                binding.action, ([], binding.description or binding.action.replace("_", " "))
            )
            shown = display(binding)
            if shown not in keys:
                keys.append(shown)
    return tuple((" ".join(keys), description) for keys, description in by_action.values())


def help_table(groups: Iterable[KeyGroup]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("what", overflow="fold")
    for title, rows in groups:
        if not rows:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        for keys, description in rows:
            table.add_row(Text(keys), Text(description))
        table.add_row("", "")
    return table


def badge_legend() -> Table:
    """What the outline's kind badges mean, and their one-character forms."""
    table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
    table.add_column("badge", no_wrap=True)
    table.add_column("what", overflow="fold")
    table.add_row(Text("Outline badges", style="bold underline"), "")
    for badge in BADGES.values():
        table.add_row(
            Text(f"{badge.word} / {badge.short}"),
            Text(f"{badge.meaning} (one character below {COMPACT_BADGES} columns)"),
        )
    return table


class HelpScreen(Dialog[None]):
    """Every binding, grouped by the pane it works in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        *CURSOR_BINDINGS,
        Binding("space", "page_down", "Page down", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 84;
            max-width: 95%;
            height: auto;
            max-height: 95%;
            border: round $accent;
            border-title-align: center;
            background: $surface;
            padding: 0 1;
        }
        & Static { width: 1fr; }
    }
    """

    def __init__(self, groups: tuple[KeyGroup, ...]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (Esc to close)"
            yield Static(help_table(self.groups), id="help-table")
            yield Static(badge_legend(), id="help-badges")

    @property
    def _scroll(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_cursor_down(self) -> None:
        self._scroll.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        self._scroll.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self._scroll.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self._scroll.scroll_page_up(animate=False)

    def action_cursor_first(self) -> None:
        self._scroll.scroll_home(animate=False)

    def action_cursor_last(self) -> None:
        self._scroll.scroll_end(animate=False)
