"""The search screen: type, see grouped hits update on every key, Enter to jump.

The screen only asks the index (parsers.search) and hands back a SearchOutcome;
the app jumps the reader and keeps the hits for n / N.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from baogao.parsers.model import Location, SectionKind
from baogao.search.index import SearchHit, SearchIndex, SearchOutcome, SearchResults
from baogao.tui.widgets.result_list import Entry, ResultList

__all__ = ["KIND_CYCLE", "SearchCommands", "SearchOutcome", "SearchScreen", "hit_label"]

# ctrl+k steps through these kind filters; None is every kind.
KIND_CYCLE: tuple[SectionKind | None, ...] = (
    None,
    SectionKind.WORK,
    SectionKind.REVIEW,
    SectionKind.GOALS,
    SectionKind.GLOSSARY,
    SectionKind.OTHER,
    SectionKind.FRONT,
)
KIND_WORDS = {
    SectionKind.FRONT: "卷首",
    SectionKind.REVIEW: "回顾",
    SectionKind.WORK: "重点工作",
    SectionKind.GLOSSARY: "名词解释",
    SectionKind.GOALS: "目标",
    SectionKind.OTHER: "其他",
}
SCOPE_WORDS = {True: "本文档", False: "全部文档"}
LIMIT_PER_GROUP = 30
MATCH_STYLE = "bold reverse"
PLACE_STYLE = "dim"
PALETTE_WIDTH = 70
PLACES_DELAY = 0.25  # seconds after the last keystroke


def one_line(text: Text, width: int) -> Text:
    """`text` cut to `width` cells, with an ellipsis when anything is cut."""
    if text.cell_len <= width:
        return text
    line = text.copy()
    line.truncate(max(1, width), overflow="ellipsis")
    return line


def cells_cut(string: str, width: int) -> str:
    """The start of `string` that fits `width` cells with an ellipsis, and the ellipsis;
    or all of it when it fits. Counted a character at a time up to the width: cheaper
    than Text.truncate on a long CJK snippet (each character is 1 or 2 cells)."""
    if len(string) <= width // 2 or cell_len(string) <= width:
        return string
    room = max(1, width) - 1  # the ellipsis takes one cell
    used = 0
    for at, character in enumerate(string):
        used += get_character_cell_size(character)
        if used > room:
            return string[:at] + "…"
    return string


def hit_lines(hit: SearchHit, width: int) -> tuple[Text, Text]:
    """The snippet with the matched parts marked, then document › sections; each cut
    to `width` cells with an ellipsis."""
    whole = hit.snippet.replace("\n", " ")
    cut = cells_cut(whole, width)
    snippet = Text(cut)
    shown = len(cut) if cut == whole else len(cut) - 1  # the characters before "…"
    for start, end in hit.spans:
        if start < shown:
            snippet.stylize(MATCH_STYLE, start, min(end, shown))
    place = Text(cells_cut(" › ".join((hit.doc, *hit.section)), width), style=PLACE_STYLE)
    return snippet, place


def hit_label(hit: SearchHit, width: int) -> Text:
    """Two lines in one Text: the snippet, then document › sections."""
    snippet, place = hit_lines(hit, width)
    return Text("\n").join((snippet, place))


def one_line_of(text: Text, width: int) -> tuple[Text]:
    """A one-line entry of the result list (a group heading)."""
    return (one_line(text, width),)


def group_label(name: str, shown: int, found: int) -> Text:
    count = f"{shown}" if shown == found else f"{shown} / {found}"
    return Text.assemble((f"── {name} ", "bold"), (f"({count})", "dim"))


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Fuzzy search over every open report, or the current one."""

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > #search-box {
        width: 100%;
        max-width: 110;
        height: 1fr;
        margin: 1 2;
        background: $surface;
        border: round $accent;
    }
    SearchScreen #search-input {
        border: none;
        height: 1;
        padding: 0 1;
    }
    SearchScreen #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    SearchScreen #search-results {
        height: 1fr;
        border: none;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "choose", "Jump", show=False),
        Binding("ctrl+t", "toggle_scope", "This doc / all", priority=True),
        Binding("ctrl+k", "cycle_kind", "Kind filter", priority=True),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def __init__(
        self,
        index: SearchIndex | None,
        current_path: str | None = None,
        *,
        query: str = "",
        this_document: bool = False,
    ) -> None:
        super().__init__()
        self.index = index
        self.current_path = current_path
        self.initial_query = query
        self.this_document = this_document and current_path is not None
        self.kind_at = 0
        self.results: SearchResults = SearchResults("", ())
        self.shown: list[SearchHit] = []
        self._entry_hit: dict[int, int] = {}  # the list's entry -> its hit in `shown`
        self.typed_early = ""  # keys that came before the input had the focus
        self.places: tuple[str, int] = ("", 0)  # (query, places n / N steps through)
        self._places_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(
                value=self.initial_query,
                placeholder="搜索：词语、拼音首字母 (fqjy)、口号 (1+5+N)…",
                id="search-input",
            )
            yield Static(id="search-status")
            yield ResultList(id="search-results")
        yield Footer()

    def on_key(self, event: Key) -> None:
        """Keys typed in one burst with `/` reach the dialog before its input has the
        focus: they are typed into it (and never run as commands: `q` would quit)."""
        field = self.query("#search-input").first(Input) if self.is_mounted else None
        if field is not None and field.has_focus:
            return
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.typed_early += event.character
            if field is not None:
                field.insert_text_at_cursor(event.character)

    def on_mount(self) -> None:
        self.query_one("#search-results", ResultList).can_focus = False
        field = self.query_one("#search-input", Input)
        if self.typed_early:
            field.value += self.typed_early
            field.cursor_position = len(field.value)
        field.focus()
        self.watch(field, "value", self.query_typed, init=False)
        if hasattr(self.app, "search_index") and (self.index is None or self.index.pinyin_pending):
            # Opened before the index was built: answer as soon as it can be searched,
            # and again once its pinyin is spelled.
            self.watch(self.app, "search_index", self.index_arrived, init=False)
        if getattr(self.app, "segmenter_ready", True) is False:
            # jieba comes up later: the words of the query as typed are cut again then.
            self.watch(self.app, "segmenter_ready", self.words_arrived, init=False)
        self.refresh_results()

    def index_arrived(self, index: SearchIndex | None) -> None:
        """The index can be searched (its text and short fields), or it has its pinyin now."""
        if index is not None:
            self.index = index
            self.refresh_results()

    def words_arrived(self, ready: bool) -> None:
        if ready:
            self.refresh_results()

    @property
    def words_ready(self) -> bool:
        """Whether jieba cuts the query's words: the app says so, else the index."""
        ready = getattr(self.app, "segmenter_ready", None)
        if self.index is None:
            return False
        return ready if isinstance(ready, bool) else self.index.segmenter_ready

    # ------------------------------------------------------------------ searching

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    @property
    def kind(self) -> SectionKind | None:
        return KIND_CYCLE[self.kind_at]

    def query_typed(self) -> None:
        """Search as the input's value changes, in the handling of the key itself: the
        results are drawn in the same frame as the typed character (Input.Changed comes
        a message later, after that frame)."""
        self.refresh_results()

    def refresh_results(self) -> None:
        """Search again with the current query and filters; fast enough to run per key."""
        query = self.query_text
        if self.index is None:
            self.results = SearchResults(query, ())
            self.show_results()
            return
        self.results = self.index.search(
            query,
            path=self.current_path if self.this_document else None,
            kinds=frozenset({self.kind}) if self.kind is not None else None,
            limit_per_group=LIMIT_PER_GROUP,
        )
        self.show_results()

    def show_results(self) -> None:
        """Hand the list its entries: a heading a group, two lines a hit. The list draws
        only the entries on screen, so this costs the same for 3 hits or 120."""
        if not self.is_mounted:
            return
        counts = dict(self.results.counts)
        entries: list[Entry] = []
        self.shown = []
        self._entry_hit = {}
        for group, hits in self.results.groups:
            heading = group_label(group.value, len(hits), counts.get(group, len(hits)))
            entries.append(Entry(1, partial(one_line_of, heading), selectable=False))
            for hit in hits:
                self._entry_hit[len(entries)] = len(self.shown)
                entries.append(Entry(2, partial(hit_lines, hit)))
                self.shown.append(hit)
        self.query_one("#search-results", ResultList).set_entries(entries)
        self.query_one("#search-status", Static).update(self.status_line(), layout=False)
        if self._places_timer is not None:
            self._places_timer.stop()
        if self.shown:  # counted once typing pauses: for a common word it takes ~60 ms
            self._places_timer = self.set_timer(PLACES_DELAY, self._count_places)

    def _count_places(self) -> None:
        """How many places n / N will step through: a place found by several groups (a
        term in the text and in the glossary) is one place, so it can be fewer hits."""
        self.places = (self.results.query, len(self.results.in_reading_order()))
        self.query_one("#search-status", Static).update(self.status_line(), layout=False)

    def status_line(self) -> Text:
        query = self.query_text.strip()
        filters = SCOPE_WORDS[self.this_document]
        if self.kind is not None:
            filters += f" · {KIND_WORDS[self.kind]}"
        if self.index is None:
            message = "索引建立中… (indexing: results follow)"
        elif not query:
            message = "输入以搜索 (type to search)"
        elif not self.shown:
            message = f"no results for “{query}” (无结果)"
        else:
            total = self.results.total
            more = "+" if self.results.capped else ""
            message = f"{total}{more} result{'s' if total != 1 else ''}"
            query_counted, places = self.places
            if query_counted == self.results.query and places != total:
                message += f" · {places} place{'s' if places != 1 else ''} (n / N)"
        ready = "" if self.index is None or self.words_ready else " · 分词加载中"
        if self.index is not None and self.index.pinyin_pending:
            ready += " · 拼音加载中"
        return Text.assemble(message, (f"  [{filters}{ready}]", "dim"))

    # ------------------------------------------------------------------ actions

    def action_move(self, step: int) -> None:
        self.query_one("#search-results", ResultList).move(step)

    def action_page(self, step: int) -> None:
        self.query_one("#search-results", ResultList).page(step)

    def action_toggle_scope(self) -> None:
        if self.current_path is None:
            self.notify("没有打开的文档 (no current document)", severity="warning")
            return
        self.this_document = not self.this_document
        self.refresh_results()

    def action_cycle_kind(self) -> None:
        self.kind_at = (self.kind_at + 1) % len(KIND_CYCLE)
        self.refresh_results()

    def action_close(self) -> None:
        self.dismiss(None)

    def highlighted_hit(self) -> SearchHit | None:
        entry = self.query_one("#search-results", ResultList).highlighted
        at = self._entry_hit.get(entry) if entry is not None else None
        return self.shown[at] if at is not None else None

    def action_choose(self) -> None:
        hit = self.highlighted_hit()
        if hit is None:
            self.app.bell()
            return
        self.choose(hit)

    @on(Input.Submitted, "#search-input")
    def on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(ResultList.Selected, "#search-results")
    def on_result_selected(self, event: ResultList.Selected) -> None:
        event.stop()
        self.action_choose()

    def choose(self, hit: SearchHit) -> None:
        """Dismiss with every hit in reading order and the position of `hit` among them."""
        hits = self.results.in_reading_order()
        place = (hit.path, hit.start, hit.end)
        chosen = next(
            (i for i, other in enumerate(hits) if (other.path, other.start, other.end) == place),
            None,
        )
        if chosen is None:  # beyond the reading cap: keep it reachable anyway
            hits = (*hits, hit)
            chosen = len(hits) - 1
        self.dismiss(SearchOutcome(self.results.query, hits, chosen))


class SearchCommands(Provider):
    """The same index in the command palette: the best hits of each group; Enter jumps.

    Works in an app with a `search_index` (SearchIndex | None) and a
    `jump_to(Location)`; add it to the app's COMMANDS.
    """

    PALETTE_HITS = 5  # per group

    async def search(self, query: str) -> Hits:
        index: SearchIndex | None = getattr(self.app, "search_index", None)
        jump: Callable[[Location], None] | None = getattr(self.app, "jump_to", None)
        if index is None or jump is None or not query.strip():
            return
        for hit in index.search(query, limit_per_group=self.PALETTE_HITS).hits:
            snippet = hit_label(hit, PALETTE_WIDTH).split("\n")[0]
            yield Hit(
                hit.score / 100,
                Text.assemble((f"{hit.group.value} ", "dim"), snippet),
                partial(jump, Location(hit.path, hit.start, hit.end)),
                text=hit.snippet,
                help=" › ".join((hit.doc, *hit.section)),
            )
