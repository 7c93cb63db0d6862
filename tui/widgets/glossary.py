"""The glossary sidebar: the current document's terms, a filter, and the selected term's details.

Explicit terms (from a 名词解释 section) come first, then inline coined terms.
Enter on a term jumps the reader to its next occurrence, cycling in reading order.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import DescendantFocus
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from baogao.parsers.lines import cell_offsets, wrap
from baogao.parsers.model import Location, Report, Term, TermSource
from baogao.parsers.pinyin import Spelling
from baogao.search.terms import filter_terms, ordered_terms, spell_terms
from baogao.tui.widgets import messages
from baogao.tui.widgets.line_list import LineList

# Badges shown before each term: explicit entry, inline term defined in some report, undefined
BADGES: dict[str, tuple[str, str]] = {
    "explicit": ("释", "bold reverse"),
    "linked": ("引", "bold"),
    "undefined": ("引", "dim"),
}
NOT_DEFINED = "not defined in these reports"
FILTER_HINT = "filter: 汉字 or pinyin (fqjy)"


# ---------------------------------------------------------------- pure helpers


def badge(term: Term) -> tuple[str, str]:
    if term.source == TermSource.EXPLICIT:
        return BADGES["explicit"]
    return BADGES["linked" if term.definition else "undefined"]


def term_prompt(term: Term) -> Text:
    """One list line: badge, term as written, occurrence count."""
    mark, style = badge(term)
    count = len(term.occurrences)
    return Text.assemble(
        (mark, style),
        " ",
        term.term,
        (f" ×{count}" if count else "", "dim"),
        no_wrap=True,
        overflow="ellipsis",
    )


def _report_names(report: Report) -> set[str]:
    return {name for name in (report.meta.title, Path(report.path).name, report.path) if name}


def occurrence_summary(term: Term) -> str:
    """Where a term occurs: "3 occurrences: 三、2026年重点工作 ×2 · 名词解释"."""
    if not term.occurrences:
        return "no other occurrence in this report"
    counts: dict[str, int] = {}
    for occurrence in term.occurrences:
        title = occurrence.section or "(untitled)"
        counts[title] = counts.get(title, 0) + 1
    places = " · ".join(f"{title} ×{n}" if n > 1 else title for title, n in counts.items())
    total = len(term.occurrences)
    return f"{total} occurrence{'s' if total != 1 else ''}: {places}"


def term_detail(term: Term, report: Report, stop: int | None = None) -> Text:
    """The detail area: term, definition (or that there is none), source, occurrences."""
    mark, style = badge(term)
    detail = Text.assemble((mark, style), " ", (term.term, "bold"), "\n")
    if term.definition:
        detail.append(term.definition)
    else:
        detail.append(NOT_DEFINED, style="italic dim")
    if (
        term.source != TermSource.EXPLICIT
        and term.defined_in
        and term.defined_in not in _report_names(report)
    ):
        detail.append("\ndefined in ", style="dim")
        detail.append(term.defined_in, style="italic")
    detail.append("\n" + occurrence_summary(term), style="dim")
    if stop is not None:
        detail.append(f"\nshowing {stop + 1} of {len(jump_stops(term))}", style="dim")
    return detail


def jump_stops(term: Term) -> tuple[tuple[int, int], ...]:
    """Spans Enter cycles through: occurrences in reading order, else the entry itself."""
    spans = sorted((o.start, o.end) for o in term.occurrences)
    if not spans and term.span is not None:
        spans = [term.span]
    return tuple(spans)


def break_lines(text: Text, width: int) -> Text:
    """`text` broken into lines of `width` cells by the reader's CJK line breaker, so
    closing punctuation (。，”) never starts a line; styles are kept."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        spans = wrap(plain, cell_offsets(plain), 0, len(plain), max(width, 2)) if plain else []
        lines.extend(paragraph[start:end] for start, end in spans or [(0, 0)])
    broken = Text("\n", no_wrap=True, end="").join(lines)
    broken.no_wrap = True
    return broken


# ---------------------------------------------------------------- widgets


class Definition(Widget):
    """The term detail's text, broken into lines as the reader breaks them (Rich would
    put 。 or ” at the start of a line)."""

    DEFAULT_CSS = "Definition { height: auto; }"

    content: reactive[Text] = reactive(Text, layout=True)

    def __init__(self, content: Text, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(Definition.content, content)

    def update(self, content: Text) -> None:
        self.content = content

    def render(self) -> Text:
        return break_lines(self.content, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(break_lines(self.content, width).plain.split("\n"))


class TermList(LineList):
    """The list of terms (a LineList, which has the vim keys)."""


class FilterInput(Input):
    """The filter box; Escape or Down hands focus back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back to the terms", show=False),
        Binding("down", "leave", "Back to the terms", show=False),
    ]

    class Left(Message):
        """The user is done typing."""

    def action_leave(self) -> None:
        self.post_message(self.Left())


class FilterHint(Static, can_focus=True):
    """The filter box's place until it is first used (focused, clicked, or `f`).

    The real Input costs the wide first screen ~2.5 ms to style and mount, so the
    panel starts with this line and puts the Input in its place when it is wanted.
    """

    class Wanted(Message):
        """The user reached for the filter."""

    def on_focus(self) -> None:
        self.post_message(self.Wanted())


class GlossaryPanel(Widget):
    """Terms of the current document, filterable, with the selected term's definition."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "focus_filter", "Filter terms"),
    ]

    DEFAULT_CSS = """
    GlossaryPanel {
        height: 1fr;
        layout: vertical;
    }
    GlossaryPanel > #glossary-title {
        width: 1fr;
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text-accent;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    GlossaryPanel > FilterInput, GlossaryPanel > FilterHint {
        height: 1;
        border: none;
        padding: 0 1;
        background: $surface;
    }
    GlossaryPanel > FilterHint {
        color: $text-muted;
    }
    GlossaryPanel > FilterInput:focus {
        background: $boost;
    }
    GlossaryPanel > TermList {
        height: 1fr;
        min-height: 3;
    }
    GlossaryPanel > #glossary-detail {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border-top: solid $primary;
    }
    GlossaryPanel > #glossary-detail:focus {
        border-top: solid $accent;
        background-tint: $foreground 5%;
    }
    """

    class JumpRequested(messages.JumpRequested):
        """The user asked for a term's next occurrence: show it in the reader."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.report: Report | None = None
        self.terms: tuple[Term, ...] = ()
        self.shown: tuple[Term, ...] = ()
        self.query_text = ""
        self._pinyin: dict[str, Spelling] = {}
        self._pinyin_wanted = False
        self._next_stop: dict[str, int] = {}
        self._pending_term: str | None = None
        self._composed = False  # is_mounted turns True only after on_mount returns
        self._filter: FilterInput | None = None  # mounted when first wanted

    def compose(self) -> ComposeResult:
        yield Static(Text("Glossary"), id="glossary-title")
        yield FilterHint(Text(FILTER_HINT), id="glossary-filter-hint")
        yield TermList(id="glossary-terms")
        with VerticalScroll(id="glossary-detail"):
            yield Definition(Text("No document selected", style="dim"), id="glossary-definition")

    # ------------------------------------------------------------ public API

    def show_report(self, report: Report) -> None:
        """Show `report`'s terms; the filter text is kept."""
        if report is self.report:
            return
        self.report = report
        self.terms = ordered_terms(report.glossary)
        self._next_stop = {}
        if self._pinyin_wanted:
            self._build_pinyin(self.terms)
        if self._composed:
            self._refresh_list()

    def show_term(self, key: str) -> None:
        """Select and reveal the term with `key` (clearing a filter that hides it)."""
        if not self._composed:  # just mounted by the app: apply once composed
            self._pending_term = key
            return
        term = next((t for t in self.terms if t.key == key), None)
        if term is None:
            self._detail(
                Text.assemble((key, "bold"), "\n", ("not in this document's glossary", "dim"))
            )
            return
        if term not in self.shown:
            if self._filter is not None:
                self._filter.value = ""  # its Changed event then finds nothing to do
            self.query_text = ""
            self._refresh_list()
        terms_list = self.query_one(TermList)
        terms_list.highlighted = self.shown.index(term)
        terms_list.scroll_to_highlight()
        self._detail(term_detail(term, self._report()))

    @property
    def pinyin_ready(self) -> bool:
        """Whether pinyin filtering is available (loaded once the filter is first used)."""
        return bool(self._pinyin)

    @property
    def highlighted_term(self) -> Term | None:
        index = self.query_one(TermList).highlighted if self._composed else None
        return self.shown[index] if index is not None and index < len(self.shown) else None

    # ------------------------------------------------------------ internals

    def on_mount(self) -> None:
        self._composed = True
        self._refresh_list()
        if self._pending_term is not None:
            self.show_term(self._pending_term)
            self._pending_term = None

    def _report(self) -> Report:
        assert self.report is not None
        return self.report

    def _detail(self, content: Text) -> None:
        self.query_one("#glossary-definition", Definition).update(content)
        self.query_one("#glossary-detail", VerticalScroll).scroll_home(animate=False)

    def _refresh_list(self) -> None:
        previous = self.highlighted_term
        self.shown = filter_terms(self.terms, self.query_text, self._pinyin)
        terms_list = self.query_one(TermList)
        terms_list.set_items(term_prompt(term) for term in self.shown)
        self._update_title()
        if not self.shown:
            terms_list.highlighted = None
            if self.report is None:
                self._detail(Text("No document selected", style="dim"))
            elif self.terms:
                self._detail(Text(f"No term matches “{self.query_text}”", style="dim"))
            else:
                self._detail(Text("No glossary terms in this document", style="dim"))
            return
        index = self.shown.index(previous) if previous in self.shown else 0
        terms_list.highlighted = index
        self._detail(term_detail(self.shown[index], self._report()))

    def _update_title(self) -> None:
        explicit = sum(t.source == TermSource.EXPLICIT for t in self.terms)
        title = Text.assemble(("Glossary", "bold"), f" · {len(self.terms)} terms")
        if explicit:
            title.append(f" ({explicit} 释)")
        if self.query_text:
            title.append(f" · {len(self.shown)} match")
        self.query_one("#glossary-title", Static).update(title)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.query_text:
            self.query_text = event.value
            self._refresh_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(TermList).focus()

    def on_filter_input_left(self, event: FilterInput.Left) -> None:
        event.stop()
        self.query_one(TermList).focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if self._filter is not None and self._filter.has_focus and not self._pinyin_wanted:
            self._pinyin_wanted = True
            self._build_pinyin(self.terms)

    def action_focus_filter(self) -> None:
        if self._filter is None:
            hint = self.query_one(FilterHint)
            self._filter = FilterInput(placeholder=FILTER_HINT, id="glossary-filter", compact=True)
            self.mount(self._filter, after=hint)
            hint.display = False
            self.call_after_refresh(self._filter.focus)  # once it is mounted
            return
        self._filter.focus()

    def on_filter_hint_wanted(self, event: FilterHint.Wanted) -> None:
        event.stop()
        self.action_focus_filter()

    def on_line_list_highlighted(self, event: LineList.Highlighted) -> None:
        event.stop()
        if self.report is not None and 0 <= event.index < len(self.shown):
            self._detail(term_detail(self.shown[event.index], self.report))

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        if self.report is None or not 0 <= event.index < len(self.shown):
            return
        term = self.shown[event.index]
        stops = jump_stops(term)
        if not stops:
            self.notify(f"{term.term} occurs nowhere else in this report", timeout=3)
            return
        stop = self._next_stop.get(term.key, 0) % len(stops)
        self._next_stop[term.key] = stop + 1
        self._detail(term_detail(term, self.report, stop))
        start, end = stops[stop]
        self.post_message(self.JumpRequested(Location(self.report.path, start, end)))

    @work(thread=True, exclusive=True, group="glossary-pinyin")
    def _build_pinyin(self, terms: tuple[Term, ...]) -> None:
        index = spell_terms(term.key for term in terms)
        self.app.call_from_thread(self._pinyin_ready, index)

    def _pinyin_ready(self, index: dict[str, Spelling]) -> None:
        self._pinyin = {**self._pinyin, **index}
        if self.query_text and self.query_text.isascii():
            self._refresh_list()
