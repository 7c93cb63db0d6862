"""The reader: one report's text, wrapped for CJK and drawn line by line.

Only the visible lines are rendered (Textual's line API), and a report is laid out
once per width, so opening a long report costs a few milliseconds.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from baogao.parsers.lines import cell_offsets, wrap
from baogao.parsers.model import Location, Report
from baogao.parsers.text import sentence_span
from baogao.tui.bindings import CURSOR_BINDINGS
from baogao.tui.contrast import readable
from baogao.tui.widgets.line_view import LineView

# Lines stop at this many cells however wide the terminal (~90 Chinese characters).
READING_WIDTH = 180
# A report opened at its start is first laid out for this many screens (the rest follows).
DRAFT_SCREENS = 2
# Mark kinds, in drawing order: later kinds are drawn over earlier ones.
EMPHASIS, FIGURE, TERM = "emphasis", "figure", "term"

# Line and Mark are NamedTuples, not dataclasses: a report makes thousands of them, and
# a frozen dataclass costs twice as much to build and ~0.3 ms more to define at start-up.


class Line(NamedTuple):
    """One screen line: a span of Report.text and how to style it."""

    start: int
    end: int
    heading: int = -1  # section level of a heading line; -1 for body text


class Mark(NamedTuple):
    """A span drawn in a style of its own: a bold run, a figure or a glossary term."""

    start: int
    end: int
    kind: str
    key: str = ""  # the term's key for TERM marks


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the text's lines, without their newlines; runs of blank lines become one."""
    spans: list[tuple[int, int]] = []
    position = 0
    previous_blank = True
    for raw in text.split("\n"):
        end = position + len(raw)
        blank = not raw.strip()
        if not (blank and previous_blank):
            spans.append((position, position if blank else end))
        previous_blank = blank
        position = end + 1
    while spans and spans[-1][0] == spans[-1][1]:
        spans.pop()
    return spans


def heading_levels(report: Report, starts: list[int], end: int | None = None) -> dict[int, int]:
    """Paragraph index -> section level, for the paragraphs that hold a section title
    (of the sections that begin before `end`, when given)."""
    levels: dict[int, int] = {}
    for section in report.walk():
        if section.body_start <= section.start or (end is not None and section.start >= end):
            continue
        first = max(bisect_right(starts, section.start) - 1, 0)
        last = max(bisect_right(starts, section.body_start - 1) - 1, first)
        for index in range(first, last + 1):
            levels.setdefault(index, section.level)
    return levels


def layout(
    report: Report, width: int, cells: list[int] | None = None, stop: int | None = None
) -> tuple[Line, ...]:
    """Screen lines of the report at `width` cells (`cells`: its cell_offsets).

    With `stop`, only the paragraphs that begin before `stop`: the first lines of the
    full layout, found without measuring the rest of the text.
    """
    spans = paragraphs(report.text)
    if stop is not None:
        spans = [span for span in spans if span[0] < stop] or spans[:1]
    end = spans[-1][1] if stop is not None and spans else None
    levels = heading_levels(report, [start for start, _ in spans], end)
    lines: list[Line] = []
    text = report.text
    if not cells:
        cells = cell_offsets(text if stop is None or not spans else text[: spans[-1][1]])
    for index, (start, end) in enumerate(spans):
        level = levels.get(index, -1)
        if start == end:
            lines.append(Line(start, end))
            continue
        lines.extend(Line(s, e, level) for s, e in wrap(text, cells, start, end, width))
    return tuple(lines)


def marks(report: Report) -> tuple[Mark, ...]:
    """The report's styled spans sorted by start: bold runs, indicator figures, term uses."""
    found = [Mark(start, end, EMPHASIS) for start, end in report.emphasis]
    found.extend(Mark(i.start, i.end, FIGURE) for i in report.indicators if i.end > i.start)
    for term in report.glossary:
        found.extend(Mark(o.start, o.end, TERM, term.key) for o in term.occurrences)
    order = {EMPHASIS: 0, FIGURE: 1, TERM: 2}
    found.sort(key=lambda mark: (mark.start, order[mark.kind]))
    return tuple(found)


def marks_by_line(lines: tuple[Line, ...], all_marks: tuple[Mark, ...]) -> list[tuple[Mark, ...]]:
    """For each line, the marks that overlap it (one sweep over both sorted lists)."""
    result: list[tuple[Mark, ...]] = []
    active: list[Mark] = []
    next_mark = 0
    for line in lines:
        while next_mark < len(all_marks) and all_marks[next_mark].start < line.end:
            active.append(all_marks[next_mark])
            next_mark += 1
        active = [mark for mark in active if mark.end > line.start]
        result.append(tuple(m for m in active if m.start < line.end))
    return result


class Reader(LineView, can_focus=True):
    """A report's text with headings, bold lead sentences, terms and figures styled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("space,ctrl+d", "page_down", "Page down", show=False),
        Binding("ctrl+u", "page_up", "Page up", show=False),
        Binding("enter", "define", "Define term", tooltip="Show the glossary entry of a term"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--heading-0",
        "reader--heading-1",
        "reader--heading-2",
        "reader--emphasis",
        "reader--figure",
        "reader--term",
        "reader--target",
        "reader--cursor",
    }

    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        padding: 0 1;
        & > .reader--heading-0 { color: $text-accent; text-style: bold; }
        & > .reader--heading-1 { color: $text-secondary; text-style: bold; }
        & > .reader--heading-2 { color: $text; text-style: bold underline; }
        & > .reader--emphasis { text-style: bold; }
        & > .reader--figure { color: $text-warning; }
        & > .reader--term { color: $text-success; text-style: underline; }
        & > .reader--target { background: $warning 40%; text-style: bold; }
        & > .reader--cursor { background: $boost; }
        &:focus > .reader--cursor { background: $accent 25%; }
    }
    """

    class CursorMoved(Message):
        """The cursor line moved: `offset` is where that line starts in the report text."""

        def __init__(self, report: Report, offset: int) -> None:
            super().__init__()
            self.report = report
            self.offset = offset

    class TermRequested(Message):
        """Enter on a line with a glossary term: show that term's definition."""

        def __init__(self, report: Report, key: str) -> None:
            super().__init__()
            self.report = report
            self.key = key

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.report: Report | None = None
        self._lines: tuple[Line, ...] = ()
        self._line_starts: list[int] = []
        self._line_marks: list[tuple[Mark, ...]] = []
        self._marks: tuple[Mark, ...] = ()
        self._cells: list[int] = []
        self._width = 0
        self._draft = False  # only the first screens are laid out (see _ensure_layout)
        self._cursor = 0
        self._pending_offset: int | None = 0
        self._target: tuple[int, int] | None = None
        self._term_pick = 0
        self._strips: LRUCache[tuple[int, bool, int], Strip] = LRUCache(256)
        self._theme_version = 0
        self._text_styles: dict[str, Style] = {}

    # --- what the app calls ------------------------------------------------------

    def show(self, report: Report, offset: int = 0, target: tuple[int, int] | None = None) -> None:
        """Open `report` with the cursor on the line holding `offset` (near the top)."""
        if report is not self.report:
            self.report = report
            self._marks = marks(report)
            self._cells = []  # measured with the first full layout
            self._width = 0
            self._draft = False
        self._target = target
        self._pending_offset = offset
        self._strips.clear()
        if self.size.width:
            self._ensure_layout()
        self.refresh()

    @property
    def cursor_offset(self) -> int | None:
        """Where the cursor line starts in the report text."""
        if self.report is None:
            return None
        if self._pending_offset is not None or not self._lines:
            return self._pending_offset
        return self._lines[self._cursor].start

    def current_location(self) -> Location | None:
        """The sentence under the cursor: the one around the jump target (a search hit,
        a figure) when the cursor line holds it, so a bookmark or a quote keeps the
        sentence, not the nine characters of a search term."""
        report, offset = self.report, self.cursor_offset
        if report is None or offset is None:
            return None
        if self._lines and self._pending_offset is None:
            line = self._lines[self._cursor]
            target = self._target
            if target and target[0] < max(line.end, line.start + 1) and target[1] > line.start:
                offset = target[0]
        start, end = sentence_span(report.text, offset)
        return Location(report.path, start, end)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def cursor_line(self) -> int:
        return self._cursor

    def line_of(self, offset: int) -> int:
        """The screen line holding `offset` in the current layout."""
        self._ensure_layout(complete=True)
        return self._line_at(offset)

    def go_to_line(self, index: int) -> None:
        """Put the cursor on line `index`, scrolled near the top."""
        self._ensure_layout(complete=True)
        self._move_cursor(index, top=True)

    def visible_text(self) -> str:
        """The text of the lines on screen (for tests and the help of screen readers)."""
        if self.report is None:
            return ""
        top = round(self.scroll_y)
        lines = self._lines[top : top + self.scrollable_content_region.height]
        return "\n".join(self.report.text[line.start : line.end] for line in lines)

    # --- layout ------------------------------------------------------------------

    def _ensure_layout(self, complete: bool = False) -> None:
        """Lay the report out at the current width.

        When a report opens at its beginning, only its first screens are laid out (a
        draft: the same lines the full layout starts with), and the rest right after
        the screen is drawn, so a long report costs the first screen nothing extra.
        """
        width = min(self.scrollable_content_region.width, READING_WIDTH)
        report = self.report
        if report is None or width <= 0:
            return
        if width != self._width or (complete and self._draft):
            height = max(self.scrollable_content_region.height, 1)
            draft_chars = DRAFT_SCREENS * height * width  # a line holds at most `width` chars
            offset = self._pending_offset
            if not self._cells and not complete and offset is not None and offset < draft_chars:
                self._draft = len(report.text) > draft_chars
            else:
                self._draft = False
            if not self._draft and not self._cells:
                self._cells = cell_offsets(report.text)
            keep = self.cursor_offset
            same_width = width == self._width
            self._width = width
            stop = draft_chars if self._draft else None
            self._lines = layout(report, width, self._cells, stop) or (Line(0, 0),)
            self._line_starts = [line.start for line in self._lines]
            self._line_marks = marks_by_line(self._lines, self._marks)
            self._strips.clear()
            lines = len(self._lines)
            if self._draft:  # a guess for the scrollbar until the rest is laid out
                lines = max(lines, lines * len(report.text) // max(self._line_starts[-1], 1))
                self.call_after_refresh(self._ensure_layout, True)
            self.virtual_size = Size(width, lines)
            if self._pending_offset is None and not same_width:
                self._pending_offset = keep  # a new width: keep the cursor's text in view
            self.refresh()
        if self._pending_offset is not None:
            offset, self._pending_offset = self._pending_offset, None
            self._move_cursor(self._line_at(offset), top=True)

    def _line_at(self, offset: int) -> int:
        return max(bisect_right(self._line_starts, offset) - 1, 0)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._text_styles.clear()
        self._theme_version += 1

    def readable_style(self, component: str) -> Style:
        """A component's style with its colour made readable on the reader's background
        (at least 4.5:1, see tui.contrast): headings, figures and terms are text."""
        style = self._text_styles.get(component)
        if style is None:
            style = self.get_component_rich_style(component)
            _, _, background, text = self.colors
            if style.color is not None and style.color.triplet is not None:
                shade = readable(Color.from_rich_color(style.color), background, text)
                style += Style(color=shade.rich_color)
            self._text_styles[component] = style
        return style

    # --- cursor ------------------------------------------------------------------

    def _move_cursor(self, index: int, top: bool = False) -> None:
        if not self._lines:
            return
        index = max(0, min(index, len(self._lines) - 1))
        changed = index != self._cursor
        self._cursor = index
        self._term_pick = 0
        height = max(self.scrollable_content_region.height, 1)
        if top:
            self.scroll_to(y=max(index - 2, 0), animate=False, immediate=True)
        elif index < self.scroll_y:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= self.scroll_y + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)
        self.refresh()
        if changed or top:
            self._announce()

    def _announce(self) -> None:
        """Tell the app where the cursor is, from this widget's own context.

        Layout can happen while the screen renders; a message created there would
        stop at the screen, so it is posted from a callback instead.
        """
        self.call_later(self._post_cursor)

    def _post_cursor(self) -> None:
        if self.report is not None and self._lines:
            self.post_message(self.CursorMoved(self.report, self._lines[self._cursor].start))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Scrolling by wheel or scrollbar keeps the cursor on screen, so the
        # "current" line (and the outline's current section) follow the reading.
        height = self.scrollable_content_region.height
        top = round(new_value)
        if not self._lines or height <= 0:
            return
        if self._cursor < top or self._cursor >= top + height:
            self._cursor = min(max(self._cursor, top), top + height - 1, len(self._lines) - 1)
            self._announce()

    def action_cursor_down(self) -> None:
        self._ensure_layout(complete=True)
        self._move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._ensure_layout(complete=True)
        self._move_cursor(self._cursor - 1)

    def action_cursor_first(self) -> None:
        self._ensure_layout(complete=True)
        self._move_cursor(0)

    def action_cursor_last(self) -> None:
        self._ensure_layout(complete=True)
        self._move_cursor(len(self._lines) - 1)

    def action_page_down(self) -> None:
        self._ensure_layout(complete=True)
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + height, animate=False, immediate=True)
        self._move_cursor(self._cursor + height)

    def action_page_up(self) -> None:
        self._ensure_layout(complete=True)
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=max(self.scroll_y - height, 0), animate=False, immediate=True)
        self._move_cursor(self._cursor - height)

    def action_define(self) -> None:
        """Ask for the definition of a term on the cursor line (again: the next one)."""
        if self.report is None or not self._lines:
            return
        keys: list[str] = []
        for mark in self._line_marks[self._cursor]:
            if mark.kind == TERM and mark.key not in keys:
                keys.append(mark.key)
        if not keys:
            self.notify("No glossary term on this line", severity="warning", timeout=2)
            return
        key = keys[self._term_pick % len(keys)]
        self._term_pick += 1
        self.post_message(self.TermRequested(self.report, key))

    def on_click(self, event: events.Click) -> None:
        self._ensure_layout(complete=True)
        if self._lines:
            self._move_cursor(round(self.scroll_y) + event.y)

    # --- drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if self._draft and index >= len(self._lines):
            self._ensure_layout(complete=True)  # scrolled past the draft before it was done
        if self.report is None or index >= len(self._lines):
            return Strip.blank(width, self.base_style)
        key = (index, index == self._cursor, self._theme_version)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_text_line(index, width)
            self._strips[key] = strip
        return strip

    def _render_text_line(self, index: int, width: int) -> Strip:
        assert self.report is not None
        line = self._lines[index]
        base = self.base_style
        if line.heading >= 0:
            level = min(line.heading, 2)
            base += self.readable_style(f"reader--heading-{level}")
        fill: Style = base
        if index == self._cursor:
            fill = base + self.get_component_rich_style("reader--cursor")
        length = line.end - line.start
        # Styled spans, later ones drawn over earlier ones: marks, then the jump target.
        spans = [
            (
                max(mark.start - line.start, 0),
                min(mark.end - line.start, length),
                self.readable_style(f"reader--{mark.kind}"),
            )
            for mark in self._line_marks[index]
        ]
        if self._target is not None:
            start, end = self._target
            if start < line.end and end > line.start:
                style = self.get_component_rich_style("reader--target")
                spans.append((max(start - line.start, 0), min(end - line.start, length), style))
        segments = styled_segments(self.report.text[line.start : line.end], fill, spans)
        return Strip(segments).adjust_cell_length(width, fill)


def styled_segments(text: str, style: Style, spans: list[tuple[int, int, Style]]) -> list[Segment]:
    """`text` cut where spans start or end, each piece in `style` plus the spans over it.

    The reader's lines are drawn this way rather than through rich.Text, whose general
    machinery costs the first screen several milliseconds at 200 columns.
    """
    if not spans:
        return [Segment(text, style)] if text else []
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        if start >= end:
            continue
        piece = style
        for span_start, span_end, span_style in spans:
            if span_start <= start and end <= span_end:
                piece += span_style
        segments.append(Segment(text[start:end], piece))
    return segments
