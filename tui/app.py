"""The explorer app: outline | reader | glossary and indicators, wired by messages.

Start-up is kept close to an empty Textual app's: parsed reports come from the corpus
store, the collector is paused through the imports and until the first screen
(baogao.tui.collector), the outline adds a document's sections only when it is
opened, the reader lays out one report and draws only the visible lines, and the
side panels are mounted only when they are first shown.
"""

from __future__ import annotations

from baogao.tui import collector

# The imports below make some 57,000 lasting objects: no collection walks them meanwhile.
with collector.paused():
    import asyncio
    import gc
    import sys
    from collections.abc import Generator, Iterable, Sequence
    from concurrent.futures import Future
    from contextlib import redirect_stderr, suppress
    from functools import partial
    from importlib import import_module
    from pathlib import Path
    from threading import Thread
    from typing import TYPE_CHECKING, Any, ClassVar

    from rich.text import Text
    from textual import on
    from textual.app import App, ComposeResult, SystemCommand
    from textual.binding import Binding, BindingType
    from textual.containers import Vertical
    from textual.notifications import Notification, SeverityLevel
    from textual.reactive import var
    from textual.screen import Screen
    from textual.widget import Widget

    from baogao.display import printable
    from baogao.parsers import Corpus, Report
    from baogao.parsers.model import Location, Section
    from baogao.seeds import seed_paths
    from baogao.store import open_corpus, streamed_open
    from baogao.tui.bindings import declared_bindings
    from baogao.tui.history import History
    from baogao.tui.state import load_state, save_state
    from baogao.tui.widgets.breadcrumb import Breadcrumb, KeyBar, TitleBar
    from baogao.tui.widgets.messages import JumpRequested
    from baogao.tui.widgets.outline import Outline, region_of, regions
    from baogao.tui.widgets.reader import Reader

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.timer import Timer
    from textual.widgets import Static

    from baogao.bookmarks import BookmarkStore
    from baogao.search.index import SearchHit, SearchIndex, SearchOutcome, SegmenterProcess
    from baogao.store.corpus import LoadedCorpus
    from baogao.store.stream import Arrivals, StreamedLoad
    from baogao.tui.screens.loading import LoadingStrip
    from baogao.tui.widgets.glossary import GlossaryPanel
    from baogao.tui.widgets.indicators import IndicatorPanel

READER_MIN = 54  # the outline leaves the reader this many columns (48 of text)
OUTLINE_MIN, OUTLINE_NATURAL = 16, 40  # cells; section titles read whole at 40
OUTLINE_STEP = 4  # cells per < or >
WIDE = 120  # from this many columns, the side pane opens beside the reader, not over the outline
SECTION_KEYS = Binding.Group("Section", compact=True)  # [ and ] share one footer label
PANES = ("outline", "reader", "glossary", "indicators")  # the order Tab visits them in
# Where the focus lands in each pane: its main list or table.
PANE_FOCUS = {"glossary": "#glossary-terms", "indicators": "#region-table"}
INDEX_STEP_PAUSE = (
    0.002  # s between ~3 ms build steps (sleep(0) would spin while pinyin is spelled)
)
SEGMENTER_POLL = 0.1  # s between looks at whether jieba's process is up
SEGMENTER_LOOKS = 600  # a minute: a process that never comes up leaves pieces whole
STREAM_SWITCH_INTERVAL = 0.0005  # s: the GIL comes back to the event loop this soon
FIRST_REPORT_POLL = 0.005  # s between looks for the first report of a streamed load
STREAM_BATCH = 0.25  # s between takes of what a streamed load has read (the outline grows)
WARM_UP_PIECE = "政府工作报告"  # asked of jieba's process, so its pipe is read as it comes up

# --------------------------------------------------------------------------- the app


def start_resource_tracker() -> None:
    """Let the app spawn processes (pinyin, jieba): the first spawn starts
    multiprocessing's resource tracker and hands it sys.stderr's file descriptor, but a
    running Textual app points sys.stderr at a capture whose descriptor is -1
    ("bad value(s) in fds_to_keep"); the tracker is started with the real stderr."""
    from multiprocessing import resource_tracker

    with redirect_stderr(sys.__stderr__):
        resource_tracker.ensure_running()


def search_commands() -> type[Provider]:
    """The search index in the command palette, imported only when the palette opens."""
    from baogao.tui.screens.search import SearchCommands

    return SearchCommands


class BaogaoApp(App[None]):
    """Browse a stack of government work reports and plans from the keyboard."""

    search_index: var[SearchIndex | None] = var(None)
    """The index of every open report; None until the worker has built it."""

    segmenter_ready: var[bool] = var(False)
    """jieba (in a process of its own) cuts the query's words; until then a piece is a word."""

    TITLE = "报告 baogao"
    CSS_PATH = Path(__file__).with_name("baogao.tcss")  # found from subclasses too
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (App's own)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),  # early, so a narrow footer never cuts it off
        Binding("tab", "next_pane", "Next pane", show=False, priority=True),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, priority=True),
        Binding(
            "left_square_bracket",
            "previous_section",
            "Previous section",
            key_display="[",
            group=SECTION_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "next_section",
            "Next section",
            key_display="]",
            group=SECTION_KEYS,
        ),
        # Terminals send ctrl+left/right as their own sequences; backspace for those that
        # keep ctrl+arrows for themselves (macOS switches desktops with them).
        Binding("ctrl+left,backspace", "history_back", "Back", show=False),
        Binding("ctrl+right", "history_forward", "Forward", show=False),
        Binding("t", "toggle_glossary", "Glossary"),
        Binding("i", "toggle_indicators", "Indicators"),
        Binding("r", "pick_region", "Region"),
        # A priority binding runs as the key arrives, so the keys typed right after it
        # reach the dialog, not the pane behind it (`/fqjy` must not quit on its `q`).
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("n", "next_hit", "Next search hit", show=False),
        Binding("N", "previous_hit", "Previous search hit", show=False),
        Binding("escape", "clear_hits", "Clear search hits", show=False),
        Binding("b", "add_bookmark", "Bookmark", show=True),
        Binding("ctrl+b", "bookmark_section", "Bookmark this section", show=False),
        Binding("B", "bookmarks", "Bookmarks", show=True),
        Binding("c", "compare", "Compare"),
        Binding("e", "export_bookmarks", "Export bookmarks", show=False),
        Binding("E", "import_bookmarks", "Import bookmarks", show=False),
        Binding("d", "toggle_theme", "Light / dark theme", show=False),
        Binding("y", "copy_sentence", "Copy sentence with citation", show=False),
        Binding(
            "percent_sign", "go_to_percent", "Go to % of the report", key_display="%", show=False
        ),
        Binding("less_than_sign", "outline_width(-1)", "Narrower outline", show=False),
        Binding("greater_than_sign", "outline_width(1)", "Wider outline", show=False),
    ]

    COMMANDS = App.COMMANDS | {lambda: search_commands()}

    def __init__(
        self,
        corpus: Corpus | None = None,
        paths: Sequence[str] | None = None,
        notices: Sequence[str] = (),
        streamed: StreamedLoad | None = None,
    ) -> None:
        """`notices`: what reading `corpus` had to say (a store set aside, a row parsed
        again), shown once the app is up; without a corpus the app reads its own.
        `streamed`: a cold open's load, started when the app is up; its reports join the
        outline as they arrive."""
        super().__init__()
        self.streamed = streamed
        self.loading: LoadingStrip | None = None  # the strip while `streamed` runs
        self._waiting: Static | None = None  # "loading 3 of 1,000 files…" in the reader
        self._stream_timer: Timer | None = None
        self._first_poll: Timer | None = None  # while no report is readable yet
        self._switch_interval = sys.getswitchinterval()  # restored once the load is over
        if corpus is None and streamed is None and paths:
            streamed = streamed_open(paths)  # many files, or much to parse: stream them
            self.streamed = streamed
        self.state = load_state()
        with collector.paused():  # the reports read now are built to last
            if streamed is not None:
                # A stored first report is read now: the first frame shows it, not a wait.
                streamed.first = self.state.path  # where the user left off comes first
                head = streamed.read_first()
                corpus = Corpus((head,) if head is not None else (), ())
            elif corpus is None:
                loaded = open_corpus(paths or seed_paths())
                corpus, notices = loaded.corpus, loaded.notices
        self.corpus = corpus
        self._store_notices = tuple(notices)
        self.reports: tuple[Report, ...] = corpus.reports
        self._by_path = {report.path: report for report in self.reports}
        self._regions = regions(self.reports)
        self.region: str | None = None
        self.report: Report | None = None
        self._section: Section | None = None
        self.glossary: GlossaryPanel | None = None  # mounted when first shown
        self.indicators: IndicatorPanel | None = None
        self._side_wanted = {"glossary": False, "indicators": False}
        self.search_query = ""
        self.search_hits: tuple[SearchHit, ...] = ()
        self.hit_at = 0
        self.bookmarks: BookmarkStore | None = None  # opened right after the first screen
        self._bookmarks_read: Future[BookmarkStore] = Future()  # the thread reading it
        self._startup_collector = collector.StartupPause()
        self._outline_led = False  # the reader's next move came from Enter in the outline
        self._segmenter: SegmenterProcess | None = None  # jieba, started after the index
        self.history = History()  # reading positions that jumps left behind

    # --- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The breakpoint class is set before the first layout, so the reader wraps once.
        self.screen.set_class(self.size.width < WIDE, "-narrow")
        self.screen.set_class(self.size.width >= WIDE, "-wide")
        self.outline = Outline(self.reports, id="outline")
        self.reader = Reader(id="reader")
        self.breadcrumb = Breadcrumb(id="breadcrumb")
        self.side: Vertical | None = None  # mounted when a side panel is first shown
        # No containers: the bars and the outline are CSS `split`s of the screen (fewer
        # widgets make a faster first screen); the side pane is split off before the
        # breadcrumb, so the breadcrumb spans the reader only.
        yield TitleBar(id="title")
        yield KeyBar(id="keys")
        if self.streamed is not None:
            from textual.widgets import Static

            from baogao.tui.screens.loading import LoadingStrip

            self.loading = LoadingStrip(self.streamed.expected, id="loading")
            yield self.loading
        yield self.outline
        yield self.breadcrumb
        if self.streamed is not None and not self.reports:
            self._waiting = Static(f"loading 0 of {self.streamed.expected:,} files…", id="waiting")
            yield self._waiting
        yield self.reader

    def on_mount(self) -> None:
        for notice in self._store_notices:
            self.notify(printable(notice), title="Corpus store", severity="warning", markup=False)
        for error in self.corpus.errors:
            self.notify(
                printable(f"{error.path}: {error.problem}"),
                title="Could not open a file",
                severity="error",
                timeout=12,
                markup=False,
            )
        if self.streamed is not None:
            self.call_after_refresh(self.after_first_screen)
            self.fit_outline()
            # Workers are spawned only for files to parse: the tracker they need (see
            # start_resource_tracker) is started then, on the event loop, not before the
            # first frame (it costs some 45 ms).
            self.streamed.before_spawn = self._start_tracker_from_loader
            # The loader's thread turns CPU-bound while it links the glossaries; each time
            # the event loop gives up the interpreter (every select) it would wait up to
            # the 5 ms switch interval to get it back, a dozen times a key.
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(STREAM_SWITCH_INTERVAL)
            self.streamed.start()  # its thread reads while the first frame is drawn
            self._stream_timer = self.set_interval(STREAM_BATCH, self.take_arrivals)
            if not self.reports:
                # Until a report is readable, look for one often: the batches' quarter
                # second would keep the reader empty after the first report is parsed.
                self._first_poll = self.set_interval(FIRST_REPORT_POLL, self._take_first)
                return
            self.open_first_report()
            return
        if not self.reports:
            self.exit(return_code=1, message="baogao: no report could be opened")
            return
        self.call_after_refresh(self.after_first_screen)
        self.fit_outline()
        self.open_first_report()

    def open_first_report(self) -> None:
        # Where the user left off, if that report is open again; else the first report.
        first, offset = self.reports[0], 0
        last = self._by_path.get(self.state.path or "")
        if last is not None:
            first, offset = last, min(self.state.offset, len(last.text))
        self.open_report(first, offset)
        # The outline's cursor is placed now, so the first screen is drawn with it (the
        # reader's first CursorMoved then finds it in place and draws nothing again).
        self.outline.follow(first, offset)
        # The outline has the focus without a focus() call: it is the first widget that
        # takes focus, so AUTO_FOCUS gives it as the screen is composed, styled before the
        # first layout (focus() now would style and draw it a second time).

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show notices on the active screen's notice line, not as toasts (see NoticeBar:
        a toast over the panes loses the wide characters that cross their edges); a
        dialog gets its line, at the bottom, with its first notice."""
        from baogao.tui.widgets.notice import NoticeBar  # imported with the first notice

        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        notification = Notification(message, title, severity, timeout, markup=markup)
        bars = self.screen.query(NoticeBar)
        if bars:
            bars.first().show(notification)
            return
        # The bar is mounted with its first notice, not before the first screen: most
        # starts have nothing to say. On the explorer it splits off above the key bar.
        keys = self.screen.query("#keys")
        bar = NoticeBar(id="notices" if keys else None)
        bar.show(notification)
        self.screen.mount(bar, after=keys.first() if keys else None)

    def after_first_screen(self) -> None:
        """What the first screen does not need: bookmarks and the search index."""
        if self.streamed is None:
            # A streamed load keeps the collector paused until its reports are swapped
            # in: it makes lasting objects and little garbage, and a full collection
            # over a thousand reports holds every key 100 ms and more.
            self._startup_collector.end()
        self.open_bookmarks()
        # Only a head start: a failure here is met again, and told, when `/` imports it.
        self.run_worker(self._preload_search(), group="preload", exit_on_error=False)
        if self.streamed is None:  # a streamed load builds it once every report is in
            self.build_search_index()

    async def _preload_search(self) -> None:
        """Import the search dialog in a thread: its modules take some 50 ms to import,
        which the first `/` would otherwise wait for on the event loop (during a cold
        load, before any index is built, nothing else imports them)."""
        await asyncio.to_thread(import_module, "baogao.tui.screens.search")

    def on_load(self) -> None:
        self._startup_collector.start()  # no garbage collection until the first screen

    def on_unmount(self) -> None:
        self._startup_collector.end()  # an app closed before its first screen
        if self.streamed is not None:
            self.streamed.close()  # q while loading: the worker processes end now
        if self._segmenter is not None:
            self._segmenter.close()
        offset = self.reader.cursor_offset
        if self.report is not None and offset is not None:
            save_state(self.state._replace(path=self.report.path, offset=offset))

    # --- a streamed load (a cold open) -------------------------------------------------

    def _start_tracker_from_loader(self) -> None:
        with suppress(RuntimeError):  # the app is closing: the load is stopping too
            self.call_from_thread(start_resource_tracker)

    def _take_first(self) -> None:
        if self.report is not None or self.streamed is None or self.loading is None:
            if self._first_poll is not None:
                self._first_poll.stop()
            return
        self.take_arrivals()

    def take_arrivals(self) -> None:
        """Show what the streamed load has read since the last batch: the strip, the new
        reports in the outline and, for the first of them, the reader."""
        if self.streamed is None or self.loading is None or not self.loading.ready:
            return  # nothing is taken before the strip can show it
        arrivals = self.streamed.take()
        self.loading.show(arrivals)
        if arrivals.reports:
            self._add_reports(arrivals.reports)
            # Reports are built to last and hold no cycles: out of the collector's scans,
            # or a full collection over a thousand of them holds every key 100 ms and more.
            gc.freeze()
        elif self._waiting is not None:
            from baogao.tui.screens.loading import waiting_text

            self._waiting.update(waiting_text(arrivals, self.streamed.expected))
        if arrivals.finished is not None:
            self._finish_load(arrivals)

    def _add_reports(self, arrived: Sequence[Report]) -> None:
        self.reports = (*self.reports, *arrived)
        self._by_path.update((report.path, report) for report in arrived)
        self._regions = regions(self.reports)
        self.outline.set_reports(self.reports)
        if self.report is None:
            # The report the user left off in, if it came in this batch; else the first.
            first, offset = arrived[0], 0
            last = self._by_path.get(self.state.path or "")
            if last is not None:
                first, offset = last, min(self.state.offset, len(last.text))
            if self._waiting is not None:
                self._waiting.remove()
                self._waiting = None
            self.open_report(first, offset)
            self.outline.follow(first, offset)

    def _finish_load(self, arrivals: Arrivals) -> None:
        """Every report is in (or the load was stopped): swap in the linked reports,
        keeping the reader's place, and build the search index over them."""
        loaded: LoadedCorpus | None = arrivals.finished
        assert loaded is not None
        for timer in (self._stream_timer, self._first_poll):
            if timer is not None:
                timer.stop()
        sys.setswitchinterval(self._switch_interval)
        for widget in (self.loading, self._waiting):
            if widget is not None:
                widget.remove()
        self.loading = self._waiting = None
        self.corpus = loaded.corpus
        here = self.report.path if self.report is not None else None
        offset = self.reader.cursor_offset or 0
        self.reports = loaded.corpus.reports
        self._by_path = {report.path: report for report in self.reports}
        self._regions = regions(self.reports)
        self.outline.set_reports(self.reports)
        for notice in loaded.notices:
            self.notify(printable(notice), title="Corpus store", severity="warning", markup=False)
        errors = loaded.corpus.errors
        if errors:
            shown = printable(f"{errors[0].path}: {errors[0].problem}")
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.notify(
                shown + more,
                title="Could not open a file",
                severity="error",
                timeout=12,
                markup=False,
            )
        if not self.reports:
            self.exit(return_code=1, message="baogao: no report could be opened")
            return
        report = self._by_path.get(here or "") or self.reports[0]
        if report.path != here:
            offset = 0
        # The reader and the index come after a frame each: a key pressed meanwhile
        # waits for one step, not for the whole swap (a thousand reports: ~60 ms).
        self.call_after_refresh(self._reopen_after_load, report, offset)
        self._startup_collector.end()  # see after_first_screen

    def _reopen_after_load(self, report: Report, offset: int) -> None:
        if self.report is not None and self.report.path == report.path:
            offset = self.reader.cursor_offset or offset  # the reader moved meanwhile
        self.open_report(report, offset)
        self.outline.follow(report, offset, cursor=False)
        self.call_after_refresh(self.build_search_index)

    def stop_loading(self) -> None:
        """Esc while loading: read no more files; what was read stays and is linked."""
        if self.streamed is None or self.loading is None:
            return
        self.loading.stopping = True
        self.streamed.stop()
        self.take_arrivals()

    # --- the outline's width ---------------------------------------------------------

    def fit_outline(self) -> None:
        """The width the user chose, else what the titles need, leaving the reader room."""
        side = self.side.outer_size.width if self.side is not None and self._side_is_beside() else 0
        if self.state.outline_width:
            width = min(self.state.outline_width, self._widest_outline() - side)
        else:
            width = min(OUTLINE_NATURAL, self.size.width - READER_MIN - side)
        self.outline.styles.width = max(OUTLINE_MIN, width)

    def _widest_outline(self) -> int:
        """The widest outline a user may ask for: the reader keeps half its minimum."""
        return max(self.size.width - READER_MIN // 2, OUTLINE_MIN)

    def _side_is_beside(self) -> bool:
        return self.size.width >= WIDE and any(self._side_wanted.values())

    def action_outline_width(self, step: int) -> None:
        self.set_outline_width(self.outline.outer_size.width + step * OUTLINE_STEP)

    def set_outline_width(self, width: int) -> None:
        """Keep the outline `width` cells wide (within what the screen can spare) from now on."""
        width = max(OUTLINE_MIN, min(width, self._widest_outline()))
        self.state = self.state._replace(outline_width=width)
        save_state(self.state)
        self.outline.styles.width = self.state.outline_width

    @on(Outline.Resized, "#outline")
    def outline_dragged(self, message: Outline.Resized) -> None:
        self.set_outline_width(message.width)

    def on_resize(self) -> None:
        if self.is_mounted(self.outline):
            self.fit_outline()

    def open_bookmarks(self) -> None:
        """Read the bookmark store in a thread: tomllib takes seconds over a store of
        100,000 bookmarks, which on the event loop would hold every key that long (the
        thread gives the loop the interpreter at least every 5 ms)."""
        from baogao.bookmarks import BookmarkStore

        if self._bookmarks_read.running() or self._bookmarks_read.done():
            return  # already read, or being read
        self._bookmarks_read.set_running_or_notify_cancel()

        def read() -> None:
            try:
                store = BookmarkStore()  # never raises on a bad file: it is set aside
            except BaseException as error:  # an OS error: the next _store() raises it
                self._bookmarks_read.set_exception(error)
                return
            self._bookmarks_read.set_result(store)
            with suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(self._bookmarks_opened)

        # A thread of its own, not a Textual worker: a worker starts from the event loop,
        # and a bookmark key that came first would wait in _store() for a thread that
        # never starts.
        Thread(target=read, name="baogao-bookmarks", daemon=True).start()

    def _bookmarks_opened(self) -> None:
        if self.bookmarks is None:
            self.bookmarks = self._bookmarks_read.result()
        if self.bookmarks.problem:
            self.notify(
                printable(self.bookmarks.problem),
                title="Bookmarks",
                severity="warning",
                timeout=12,
                markup=False,
            )

    # --- the side pane -----------------------------------------------------------

    def _panel(self, name: str) -> Widget:
        """The glossary or indicator panel, mounted the first time it is needed."""
        return self.glossary_panel() if name == "glossary" else self.indicator_panel()

    def glossary_panel(self) -> GlossaryPanel:
        if self.glossary is None:
            from baogao.tui.widgets.glossary import GlossaryPanel

            self.glossary = GlossaryPanel(id="glossary")
            self.glossary.display = False
            self._side_box().mount(self.glossary, before=self.indicators)
            self._fill_panel("glossary")
        return self.glossary

    def indicator_panel(self) -> IndicatorPanel:
        if self.indicators is None:
            from baogao.tui.widgets.indicators import IndicatorPanel

            self.indicators = IndicatorPanel(id="indicators")
            self.indicators.display = False
            self._side_box().mount(self.indicators)
            self._fill_panel("indicators")
        return self.indicators

    @property
    def _side_panels(self) -> dict[str, Widget]:
        """The side panels mounted so far, by name."""
        panels: dict[str, Widget] = {}
        if self.glossary is not None:
            panels["glossary"] = self.glossary
        if self.indicators is not None:
            panels["indicators"] = self.indicators
        return panels

    def _side_box(self) -> Vertical:
        """The side pane's container, mounted the first time it is needed."""
        if self.side is None:
            self.side = Vertical(id="side")
            self.screen.mount(self.side, before=self.breadcrumb)
        return self.side

    def _fill_panel(self, name: str) -> None:
        if self.report is None:
            return
        if name == "glossary" and self.glossary is not None:
            self.glossary.show_report(self.report)
        elif name == "indicators" and self.indicators is not None:
            region = self.region or region_of(self.report)
            self.indicators.show_region(region, tuple(self._regions.get(region, ())))
            self.indicators.show_section(self.report, self._section)

    def _apply_side(self) -> None:
        for name, wanted in self._side_wanted.items():
            if wanted:
                self._panel(name).display = True
            elif name in self._side_panels:
                self._side_panels[name].display = False
        is_open = any(self._side_wanted.values())
        if self.side is not None:
            self.side.set_class(is_open, "-open")
        self.screen.set_class(is_open, "-side-open")
        self.call_after_refresh(self.fit_outline)  # the side pane's width is known then
        focused = self.focused
        if focused is not None and not self._is_shown(focused):
            self.reader.focus()

    def _is_shown(self, widget: Widget) -> bool:
        node: Widget | None = widget
        while isinstance(node, Widget):
            if not node.display:
                return False
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return True

    def _toggle_side(self, name: str) -> None:
        self._side_wanted[name] = not self._side_wanted[name]
        self._apply_side()
        if self._side_wanted[name]:
            # a panel mounted just now has no focusable children until it is composed
            self.call_after_refresh(self._focus_pane, self._panel(name))

    def action_toggle_glossary(self) -> None:
        self._toggle_side("glossary")

    def action_toggle_indicators(self) -> None:
        self._toggle_side("indicators")

    # --- opening and jumping -----------------------------------------------------

    def open_report(
        self, report: Report, offset: int = 0, target: tuple[int, int] | None = None
    ) -> None:
        """Show `report` in the reader at `offset`; switch the side panels to it."""
        changed = report is not self.report
        self.report = report
        self.reader.show(report, offset, target)
        self.breadcrumb.show(report.label(with_region=False), report.section_path(offset))
        if changed:
            self.sub_title = f"{region_of(report)} · {report.label(with_region=False)}"
            self._fill_panel("glossary")
            if region_of(report) != self.region:
                self.show_region(region_of(report))

    def show_region(self, region: str) -> None:
        """Switch the indicator table to `region`."""
        self.region = region
        self._fill_panel("indicators")

    def jump_to(self, location: Location) -> None:
        """Open the report at `location`, scroll to the span and highlight it."""
        report = self._by_path.get(location.path)
        if report is None:
            self.notify(printable(f"{location.path} is not open"), severity="warning", markup=False)
            return
        self._leave_here()
        target = (location.start, location.end) if location.end > location.start else None
        self.open_report(report, location.start, target)
        self.outline.follow(report, location.start)

    # --- back and forward --------------------------------------------------------------

    def _here(self) -> Location | None:
        offset = self.reader.cursor_offset
        if self.report is None or offset is None:
            return None
        return Location(self.report.path, offset, offset)

    def _leave_here(self) -> None:
        """A jump is about to move the reader: its position can be gone back to."""
        here = self._here()
        if here is not None:
            self.history.left(here)

    def _go(self, location: Location | None, nothing: str) -> None:
        report = self._by_path.get(location.path) if location is not None else None
        if location is None or report is None:
            self.notify(nothing, timeout=2)
            return
        self.open_report(report, location.start)
        self.outline.follow(report, location.start)

    def action_history_back(self) -> None:
        here = self._here()
        self._go(self.history.back(here) if here else None, "Nothing further back")

    def action_history_forward(self) -> None:
        here = self._here()
        self._go(self.history.forward(here) if here else None, "Nothing further forward")

    def current_location(self) -> Location | None:
        """The highlighted span or the sentence under the reader's cursor."""
        return self.reader.current_location()

    # --- messages from the panes -------------------------------------------------

    @on(Outline.Opened, "#outline")
    def outline_opened(self, message: Outline.Opened) -> None:
        self._outline_led = True
        offset = message.section.start if message.section else 0
        self._leave_here()
        self.open_report(message.report, offset)

    @on(Outline.RegionChosen, "#outline")
    def outline_region_chosen(self, message: Outline.RegionChosen) -> None:
        self.show_region(message.region)
        members = self._regions.get(message.region)
        if members and (self.report is None or region_of(self.report) != message.region):
            self._outline_led = True
            self._leave_here()
            self.open_report(members[0])

    def on_reader_cursor_moved(self, message: Reader.CursorMoved) -> None:
        if not self.outline.is_attached:
            return  # the app is shutting down
        report, offset = message.report, message.offset
        path = report.section_path(offset)
        self.breadcrumb.show(report.label(with_region=False), path)
        # The outline's cursor follows the reader, unless the outline itself moved it
        # (Enter there): then the cursor stays where the user is browsing.
        self.outline.follow(report, offset, cursor=not self._outline_led)
        self._outline_led = False
        section = path[-1] if path else None
        if section is not self._section:
            self._section = section
            if self.indicators is not None:
                self.indicators.show_section(report, section)

    def on_reader_term_requested(self, message: Reader.TermRequested) -> None:
        if not self._side_wanted["glossary"]:
            self._side_wanted["glossary"] = True
            self._apply_side()
        self.glossary_panel().show_term(message.key)

    @on(JumpRequested)
    def jump_requested(self, message: JumpRequested) -> None:
        """The glossary or the indicator table asks for a place in the reader."""
        self.jump_to(message.location)

    # --- quoting and moving by percentage -------------------------------------------

    def citation(self, location: Location) -> str:
        """The sentence at `location` and where it comes from, ready to paste into notes:
        sentence, then —— region, document, section, date."""
        report = self._by_path[location.path]
        sentence = " ".join(report.text[location.start : location.end].split())
        place = [region_of(report), f"《{report.label(with_region=False)}》"]
        sections = [section.title for section in report.section_path(location.start)]
        if sections:
            place.append(" › ".join(sections))
        if report.meta.date:
            place.append(report.meta.date)
        return f"{sentence}\n—— {'，'.join(place)}"

    def action_copy_sentence(self) -> None:
        location = self.current_location()
        if location is None or location.path not in self._by_path:
            self.notify("No sentence here to copy", severity="warning", timeout=3)
            return
        self.copy_to_clipboard(self.citation(location))
        self.notify(
            "Copied the sentence and its citation. If nothing pastes, the terminal does not "
            "allow OSC 52 clipboard access: select the text with the mouse instead.",
            title="Copied",
            timeout=5,
            markup=False,
        )

    def action_go_to_percent(self) -> None:
        from baogao.tui.screens.goto import GoToPercent

        def go(percent: int | None) -> None:
            if percent is not None and self.report is not None:
                offset = len(self.report.text) * percent // 100
                self.reader.go_to_line(self.reader.line_of(offset))
                self.reader.focus()

        self.push_screen(GoToPercent(), go)

    # --- sections in reading order -----------------------------------------------

    def _section_lines(self) -> list[int]:
        """The reader line of every section heading of the open report, in order."""
        if self.report is None:
            return []
        reader = self.reader
        return sorted({reader.line_of(section.start) for section in self.report.walk()})

    def action_next_section(self) -> None:
        later = [line for line in self._section_lines() if line > self.reader.cursor_line]
        if later:
            self.reader.go_to_line(later[0])
        else:
            self.notify("This is the last section", timeout=2)

    def action_previous_section(self) -> None:
        earlier = [line for line in self._section_lines() if line < self.reader.cursor_line]
        if earlier:
            self.reader.go_to_line(earlier[-1])
        else:
            self.notify("This is the first section", timeout=2)

    # --- panes -------------------------------------------------------------------

    def _panes(self) -> list[Widget]:
        """The panes on screen, in Tab order."""
        named: dict[str, Widget] = {"outline": self.outline, "reader": self.reader}
        named.update(self._side_panels)
        return [named[name] for name in PANES if name in named and self._is_shown(named[name])]

    def _step_pane(self, step: int) -> None:
        if len(self.screen_stack) > 1:  # a dialog is open: Tab moves inside it
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        panes = self._panes()
        if not panes:
            return
        focused = self.focused
        here = -1 if step > 0 else 0  # nothing focused: start at the first or the last pane
        for index, pane in enumerate(panes):
            if focused is not None and (focused is pane or pane in focused.ancestors):
                here = index
        self._focus_pane(panes[(here + step) % len(panes)])

    def _focus_pane(self, pane: Widget) -> None:
        """Focus a pane's main list or table (the pane itself for outline and reader)."""
        selector = PANE_FOCUS.get(pane.id or "")
        if selector is not None:
            targets = pane.query(selector)
            if targets:
                targets.first().focus()
                return
        self._focus_in(pane)

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def _focus_in(self, pane: Widget) -> None:
        """Focus `pane`, or the first widget inside it that takes focus."""
        if pane.focusable:
            pane.focus()
            return
        for widget in self.screen.focus_chain:
            if pane in widget.ancestors:
                widget.focus()
                return

    # --- regions -----------------------------------------------------------------

    def action_pick_region(self) -> None:
        def picked(region: str | None) -> None:
            if region is None:
                return
            self.show_region(region)
            self.outline.reveal_region(region)
            if not self._side_wanted["indicators"]:
                self._toggle_side("indicators")
            else:
                self._focus_pane(self._panel("indicators"))

        from baogao.tui.screens.regions import RegionPicker

        self.push_screen(RegionPicker(list(self._regions), self.region), picked)

    # --- help, theme, palette ----------------------------------------------------

    def help_groups(self) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """Bindings of the app and of each pane, read from the live widgets."""
        from baogao.tui.screens.help import binding_rows

        def rows(widget: Widget) -> tuple[tuple[str, str], ...]:
            return binding_rows(widget.walk_children(with_self=True), self.get_key_display)

        groups = [
            ("Everywhere", binding_rows([self], self.get_key_display)),
            ("Outline", rows(self.outline)),
            ("Reader", rows(self.reader)),
        ]
        for name, title in (("glossary", "Glossary"), ("indicators", "Indicators")):
            if name in self._side_panels:
                groups.append((title, rows(self._side_panels[name])))
        from baogao.tui.screens.regions import RegionPicker
        from baogao.tui.screens.search import SearchScreen

        for title, dialog in (("Search dialog", SearchScreen), ("Region picker", RegionPicker)):
            groups.append((title, binding_rows([dialog], self.get_key_display)))
        return tuple(groups)

    def action_help(self) -> None:
        from baogao.tui.screens.help import HelpScreen

        for name in ("glossary", "indicators"):
            self._panel(name)  # mounted (if hidden) so their keys are listed too
        self.call_after_refresh(lambda: self.push_screen(HelpScreen(self.help_groups())))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in declared_bindings([self]):
            if binding.action in ("quit", *seen) or not binding.description:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"key: {self.get_key_display(binding)}",
                partial(self.run_action, binding.action),
            )

    # --- search --------------------------------------------------------------------

    def build_search_index(self) -> None:
        """Index the open reports after the first screen, then start jieba.

        The only place the app builds an index (the search screen watches `search_index`
        and `segmenter_ready` and asks again when they change), so moving the build
        elsewhere touches this alone. The build runs on the event loop in steps of a few
        milliseconds, never in a thread beside it, where the GIL would stall the keys.
        """
        self.run_worker(self._index_reports(), exclusive=True, group="search")

    async def _index_reports(self) -> None:
        await asyncio.to_thread(import_module, "baogao.search.index")  # not on the loop
        from baogao.search.index import SearchIndex

        start_resource_tracker()
        # Searchable before the pinyin is spelled: a dialog opened early answers then.
        steps = SearchIndex.build_in_steps(self.reports, searchable=self._index_searchable)
        pause = collector.StartupPause()  # the build makes lasting objects, little garbage
        pause.start()
        try:
            for step in steps:
                if step is not None:
                    self._index_searchable(step)
                    self.mutate_reactive(BaogaoApp.search_index)  # now with its pinyin
                    break
                await asyncio.sleep(INDEX_STEP_PAUSE)  # keys are handled in between
        finally:
            pause.end()
            if isinstance(steps, Generator):  # a worker cancelled mid-build: the pinyin
                steps.close()  # process is shut down now, not when the steps are collected
        if self.search_index is None:
            return
        self._segmenter = segmenter = self.search_index.start_segmenter()
        # `ready` is read from the process's pipe when it is asked for a cut: one piece
        # is asked once, then each look only reads what has arrived.
        for _ in range(SEGMENTER_LOOKS):
            segmenter(WARM_UP_PIECE)
            if segmenter.ready:
                self.segmenter_ready = True
                return
            await asyncio.sleep(SEGMENTER_POLL)

    def _index_searchable(self, index: SearchIndex) -> None:
        """The index can be searched (its pinyin may be still to come): publish it."""
        self.search_index = index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        if action == "search" and focused not in (None, self.outline, self.reader):
            from textual.widgets import Input, TextArea

            if isinstance(focused, (Input, TextArea)):
                return False  # `/` typed into a field (a filter, a note) is a character
        return True

    def action_search(self) -> None:
        """Open the search dialog at once, ready or not: every key typed goes to its input."""
        from baogao.tui.screens.search import SearchScreen

        current = self.report.path if self.report else None
        self.push_screen(SearchScreen(self.search_index, current), self._search_done)

    def _search_done(self, outcome: SearchOutcome | None) -> None:
        if outcome is None or not outcome.hits:
            return
        self.search_query = outcome.query
        self.search_hits = outcome.hits
        self.hit_at = outcome.chosen
        self._show_hit()

    def _show_hit(self) -> None:
        hit = self.search_hits[self.hit_at]
        self.jump_to(Location(hit.path, hit.start, hit.end))
        status = Text(f"“{self.search_query}” ", style="bold")
        places = len(self.search_hits)  # as the search dialog counts them
        status.append(f"place {self.hit_at + 1} of {places}", style="reverse")
        self.breadcrumb.set_status(status)

    def _step_hit(self, step: int) -> None:
        if not self.search_hits:
            self.notify("No search hits: press / to search", timeout=2)
            return
        self.hit_at = (self.hit_at + step) % len(self.search_hits)
        self._show_hit()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def action_clear_hits(self) -> None:
        if self.loading is not None and not self.loading.stopping:
            self.stop_loading()
            return
        self.search_hits = ()
        self.breadcrumb.set_status("")

    # --- bookmarks -------------------------------------------------------------------

    def _store(self) -> BookmarkStore:
        """The bookmark store; a bookmark key that comes while it is read waits for it,
        and one that comes before the first screen was done opens it."""
        if self.bookmarks is None:
            self.open_bookmarks()
            self.bookmarks = self._bookmarks_read.result()
        return self.bookmarks

    def action_add_bookmark(self) -> None:
        from baogao.tui.screens.bookmarks import ask_and_add_bookmark

        location = self.current_location()
        report = self._by_path.get(location.path) if location else None
        if location is None or report is None:
            self.notify("Nothing to bookmark here", severity="warning")
            return
        ask_and_add_bookmark(self, self._store(), report, location.start, location.end)

    def action_bookmark_section(self) -> None:
        from baogao.tui.screens.bookmarks import ask_and_add_bookmark

        if self.report is None or self._section is None:
            self.notify("No section is open", severity="warning")
            return
        section = self._section
        end = section.own_end if section.own_end > section.body_start else section.end
        ask_and_add_bookmark(self, self._store(), self.report, section.start, end)

    def action_bookmarks(self) -> None:
        from baogao.tui.screens.bookmarks import BookmarksScreen

        def go(location: Location | None) -> None:
            if location is not None:
                self.jump_to(location)

        self.push_screen(BookmarksScreen(self._store(), self.reports), go)

    def action_compare(self) -> None:
        from baogao.tui.screens.compare import CompareScreen

        def go(location: Location | None) -> None:
            if location is not None:
                self.jump_to(location)

        self.push_screen(CompareScreen(self.reports), go)

    def action_export_bookmarks(self) -> None:
        from baogao.tui.screens.bookmarks import export_with_dialog

        export_with_dialog(self, self._store())

    def action_import_bookmarks(self) -> None:
        from baogao.tui.screens.bookmarks import import_with_dialog

        import_with_dialog(self, self._store())
