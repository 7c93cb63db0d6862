"""Test helpers: what a person would see on the app's screen, as plain text."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.strip import Strip
from textual.widget import Widget


def screen_lines(app: App[object]) -> list[str]:
    """The screen's rows as text, rendered by the compositor like a real terminal update.

    A wide (CJK) character takes two cells on screen but appears once here, so a row
    reads like the text it shows.
    """
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    rows = getattr(update, "strips", ())
    return [Strip.join(row).text.rstrip() for row in rows]


def widget_text(app: App[object], widget: Widget) -> str:
    """What the screen shows inside `widget`'s region, one line per row."""
    region = widget.region
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    rows = getattr(update, "strips", ())[region.y : region.bottom]
    return "\n".join(Strip.join(row).crop(region.x, region.right).text.rstrip() for row in rows)


def from_cell(line: str, column: int) -> str:
    """The rest of `line` from screen column `column` (wide characters count 2)."""
    used = 0
    for index, char in enumerate(line):
        if used >= column:
            return line[index:]
        used += cell_len(char)
    return ""


def screen_text(app: App[object]) -> str:
    """The whole screen as text, one line per row."""
    return "\n".join(screen_lines(app))
