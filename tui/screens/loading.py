"""The loading view of a cold open: a progress bar while the store is filled.

Shown before the explorer when the store lacks some of the files (`baogao.store.unstored`).
The parse runs in worker processes (baogao.store.workers); this view's thread only
waits on them and writes rows, so keys stay live: Esc or q stops the load (rows already
written are kept, so the next open resumes) and the explorer does not open.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from baogao.store import Progress, index_paths

FAILURES_SHOWN = 5  # the last files that failed, listed under the bar


class LoadCancelled(Exception):
    """Raised from the progress callback to stop a load the user left."""


class LoadingScreen(Screen[bool]):
    """Files done of total, MB/s and the files that failed; dismisses True when done,
    False when the user stops it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Stop"),
        Binding("q", "stop", "Quit"),
    ]
    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen > Vertical { width: 72; height: auto; padding: 1 2; border: round $accent; }
    LoadingScreen #loading-counts, LoadingScreen #loading-failed { height: auto; }
    """

    def __init__(self, paths: Sequence[str], files: int) -> None:
        super().__init__()
        self.paths = list(paths)
        self.files = files
        self.started = time.perf_counter()
        self.failed: list[str] = []
        self.notices: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Reading {self.files} reports into the store…", style="bold"))
            yield ProgressBar(total=max(self.files, 1), show_eta=False, id="loading-bar")
            yield Static(Text("starting the workers…"), id="loading-counts")
            yield Static(Text(""), id="loading-failed")
            yield Static(Text("Esc or q: stop (what is read is kept)", style="dim"))

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        """Fill the store; the CPU work is in worker processes, this thread only waits."""
        worker = get_current_worker()

        def report(progress: Progress) -> None:
            if worker.is_cancelled:
                raise LoadCancelled
            self.app.call_from_thread(self.show, progress)

        try:
            outcome = index_paths(self.paths, progress=report)
        except LoadCancelled:
            return
        self.notices = outcome.notices
        self.app.call_from_thread(self.dismiss, True)

    def show(self, progress: Progress) -> None:
        self.query_one("#loading-bar", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done
        )
        seconds = max(time.perf_counter() - self.started, 1e-3)
        rate = progress.bytes_done / seconds / 1e6
        counts = Text(f"{progress.done} of {progress.total} files · {rate:.1f} MB/s")
        if progress.path:
            counts.append(f"\n{progress.path}", style="dim")  # Text: file names stay plain
        self.query_one("#loading-counts", Static).update(counts)
        if progress.failed is not None:
            self.failed = [*self.failed, str(progress.failed)][-FAILURES_SHOWN:]
            failed = Text("\n".join(self.failed), style="red")
            self.query_one("#loading-failed", Static).update(failed)

    def action_stop(self) -> None:
        self.workers.cancel_all()
        self.dismiss(False)


class LoadingApp(App[bool]):
    """The loading view on its own, run by `baogao` before the explorer on a cold open;
    returns True when every file is in the store, False when the user stopped it."""

    def __init__(self, paths: Sequence[str], files: int) -> None:
        super().__init__()
        self.screen_for_loading = LoadingScreen(paths, files)

    def on_mount(self) -> None:
        self.push_screen(self.screen_for_loading, self.exit)
