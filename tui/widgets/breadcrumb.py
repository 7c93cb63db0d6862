"""One-line bars: the title bar, the breadcrumb above the reader, the key bar.

Each is a single widget drawing one Text line, much cheaper to start than Textual's
Header and Footer (which mount a widget per part and per key).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from baogao.parsers.model import Section

SEPARATOR = " › "
ELLIPSIS = "…"


def repaint(widget: Widget) -> None:
    """Refresh `widget` if it has been drawn: before the first layout gives it a size,
    a refresh would only draw the first screen's line a second time."""
    if widget.size:
        widget.refresh()


def trail(document: str, sections: tuple[Section, ...]) -> Text:
    """The breadcrumb text; the widget's width cuts it with an ellipsis."""
    text = Text(document, style="bold", no_wrap=True, end="")
    for section in sections:
        text.append(SEPARATOR, style="dim")
        text.append(section.title)
    return text


def cut_front(text: Text, cells: int) -> Text:
    """`text` in at most `cells` cells, its start given up for "…" when it is too long:
    the end of a breadcrumb (the section the reader is in) is what must stay."""
    if text.cell_len <= cells:
        return text.copy()
    plain = text.plain
    room, start = max(cells - 1, 0), len(plain)
    while start > 0 and cell_len(plain[start - 1]) <= room:
        start -= 1
        room -= cell_len(plain[start])
    cut = Text(ELLIPSIS, style="dim", no_wrap=True, end="")
    cut.append_text(text[start:])
    return cut


class Breadcrumb(Widget):
    """Where the reader's cursor is: the document and the chain of sections around it."""

    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text("")
        self._status = Text("")

    def show(self, document: str, sections: tuple[Section, ...]) -> None:
        text = trail(document, sections)
        if text.plain != self._text.plain:
            self._text = text
            repaint(self)

    def set_status(self, status: Text | str) -> None:
        """A note kept at the right end, such as the search hit counter."""
        self._status = Text(status) if isinstance(status, str) else status
        repaint(self)

    @property
    def plain(self) -> str:
        return f"{self._text.plain} {self._status.plain}".rstrip()

    def render(self) -> Text:
        width = self.content_size.width
        if not self._status:
            return cut_front(self._text, width)
        room = max(width - self._status.cell_len - 1, 1)
        text = cut_front(self._text, room)
        text.pad_right(room - text.cell_len)
        text.append(" ")
        text.append_text(self._status)
        return text


class TitleBar(Widget):
    """The header: the app's title and the current document (App.title / App.sub_title)."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $panel; color: $foreground; text-style: bold; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        repaint(self)

    def render(self) -> Text:
        text = Text(" " + self.app.title, no_wrap=True, overflow="ellipsis")
        if self.app.sub_title:
            text.append(" — ")
            text.append(self.app.sub_title, style="not bold")
        return text


class KeyBar(Widget):
    """The footer: the bindings active where the focus is (those marked show=True).

    Clicking a key runs its action, as with Textual's Footer.
    """

    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: list[tuple[int, int, str, object]] = []  # cells, action, namespace

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: object) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        """As many keys as fit, in binding order, then "…" (help lists them all)."""
        key_style: Style = self.get_component_rich_style("keybar--key")
        width = self.content_size.width or self.app.size.width
        items: list[tuple[Text, str, object]] = []
        seen: set[str] = set()
        shown = [
            (node, binding, enabled)
            for node, binding, enabled, _tooltip in self.screen.active_bindings.values()
            if binding.show
        ]
        keys = Text(end="")
        for index, (node, binding, enabled) in enumerate(shown):
            if binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(f" {self.app.get_key_display(binding)} ", style=key_style)
            following = shown[index + 1][1].group if index + 1 < len(shown) else None
            if binding.group is not None and following is binding.group:
                continue  # keys of one group share the group's description
            label = binding.group.description if binding.group else binding.description
            keys.append(label, style="" if enabled else "dim")
            keys.append(" ")
            items.append((keys, binding.action, node))
            keys = Text(end="")
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            item = Text(f" {self.app.get_key_display(palette.binding)} ", style=key_style, end="")
            item.append("Commands")
            items.append((item, palette.binding.action, palette.node))
        text = Text(no_wrap=True, end="")
        self._targets = []
        for index, (item, action, owner) in enumerate(items):
            last = index == len(items) - 1
            if text.cell_len + item.cell_len + (0 if last else 1) > width:
                text.append(ELLIPSIS, style="dim")
                break
            start = text.cell_len
            text.append_text(item)
            self._targets.append((start, text.cell_len, action, owner))
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._targets:
            if start <= event.x < end:
                await self.app.run_action(action, node)  # type: ignore[arg-type]
                return
