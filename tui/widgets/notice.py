"""The notice line: the app's notifications, in a strip of their own above the key bar.

Textual's toasts float over the panes, and the compositor divides each screen row at
the edges of every widget beneath them: a wide character of the toast that crosses such
an edge is cut into two blanks (`Bookmarked: 2024年重点工作` showed as
`Bookmarked: 2024      工作` over the reader's edge at 120x36). A line that takes its own
rows has no widget beneath it, so nothing of a notice is lost.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.notifications import Notification
from textual.widgets import Static

from baogao.display import printable

MOST = 3  # notices shown at once; an older one gives way to a newer
MARKS = {"information": "›", "warning": "!", "error": "✗"}


def notice_text(notification: Notification) -> Text:
    """One notice as text: its mark, its title in bold, its message. Markup in a
    notice is read as markup only when asked; control characters are always escaped."""
    text = Text(MARKS.get(notification.severity, "›") + " ", style="bold")
    if notification.title:
        text.append(printable(notification.title) + ": ", style="bold")
    message = printable(notification.message)
    text.append_text(Text.from_markup(message) if notification.markup else Text(message))
    return text


class NoticeBar(Static):
    """The latest notices, newest last; each goes when its time is up, or on a click.

    Hidden while empty, so the panes above it lose no row until there is something to
    say; the app routes `notify` here when the screen has one (see BaogaoApp.notify)."""

    DEFAULT_CSS = """
    NoticeBar {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
        color: $text;
        display: none;
    }
    NoticeBar.-shown { display: block; }
    ModalScreen > NoticeBar { dock: bottom; width: 100%; }
    NoticeBar.-error { background: $error-muted; }
    NoticeBar.-warning { background: $warning-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.notices: list[Notification] = []

    def show(self, notification: Notification) -> None:
        """Add `notification` for its timeout (call on the event loop)."""
        self.notices = [*self.notices, notification][-MOST:]
        if self.is_mounted:
            self.set_timer(max(notification.timeout, 0.1), self.prune)
        self.redraw()

    def on_mount(self) -> None:
        for notice in self.notices:  # shown before the bar was mounted (a dialog's first)
            self.set_timer(max(notice.time_left, 0.1), self.prune)

    def prune(self) -> None:
        """Drop the notices whose time is up."""
        kept = [notice for notice in self.notices if not notice.has_expired]
        if len(kept) != len(self.notices):
            self.notices = kept
            self.redraw()

    def clear(self) -> None:
        self.notices = []
        self.redraw()

    def redraw(self) -> None:
        severities = {notice.severity for notice in self.notices}
        self.set_class(bool(self.notices), "-shown")
        self.set_class("error" in severities, "-error")
        self.set_class("warning" in severities and "error" not in severities, "-warning")
        self.update(Text("\n").join(notice_text(notice) for notice in self.notices))

    @property
    def text(self) -> str:
        """What the line says, one notice a line (for tests and the help screen)."""
        return "\n".join(notice_text(notice).plain for notice in self.notices)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.clear()
