"""Test helpers: what a person would see on the app's screen, as plain text."""

from __future__ import annotations

from textual.app import App
from textual.strip import Strip


def screen_lines(app: App[object]) -> list[str]:
    """The screen's rows as text, rendered by the compositor like a real terminal update.

    A wide (CJK) character takes two cells on screen but appears once here, so a row
    reads like the text it shows.
    """
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    rows = getattr(update, "strips", ())
    return [Strip.join(row).text.rstrip() for row in rows]


def screen_text(app: App[object]) -> str:
    """The whole screen as text, one line per row."""
    return "\n".join(screen_lines(app))
