"""The loading strip of a cold open: the explorer is up while the reports stream in.

`baogao PATH...` on a cold store opens the explorer at once with a `StreamedLoad`
(baogao.store.corpus): the files are parsed in worker processes and the app takes what
has arrived every quarter of a second. This strip, at the foot of the screen, shows
files done of total, the rate and the last file that failed; Esc stops the load.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from baogao.display import printable
from baogao.store.stream import Arrivals


def files_done(arrivals: Arrivals, expected: int) -> tuple[int, int]:
    """Files done and of how many (the count the CLI expected until the walk is over)."""
    progress = arrivals.progress
    if progress is None:
        return 0, expected
    return progress.done, progress.total


class LoadingStrip(Vertical):
    """A progress bar, `12 of 1,000 files · 3.1 MB/s · Esc: stop loading` and the file
    that failed last, on a line of its own."""

    # Here, not in baogao.tcss: parsed only by the opens that stream.
    DEFAULT_CSS = """
    LoadingStrip {
        split: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
        & #loading-failed { color: $text-error; }
    }
    """

    def __init__(self, expected: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.expected = expected
        self.started = time.perf_counter()
        self.failures = 0
        self.stopping = False
        self.ready = False  # its bar and lines are mounted: `show` may draw on them

    def on_mount(self) -> None:
        self.ready = True

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=max(self.expected, 1), show_eta=False, id="loading-bar")
        yield Static(self._counts(0, self.expected, 0), id="loading-counts")
        failed = Static("", id="loading-failed")
        failed.display = False
        yield failed

    def _counts(self, done: int, total: int, rate: float) -> Text:
        if self.stopping:
            return Text(f"{done:,} of {total:,} files · stopped: linking what was read…")
        counts = Text(f"{done:,} of {total:,} files · {rate:.1f} MB/s · ")
        counts.append("Esc", style="bold")
        counts.append(": stop loading")
        return counts

    def show(self, arrivals: Arrivals) -> None:
        """Draw where the load stands (the app calls this with each batch)."""
        done, total = files_done(arrivals, self.expected)
        self.query_one("#loading-bar", ProgressBar).update(total=max(total, 1), progress=done)
        counts = self.query_one("#loading-counts", Static)
        if arrivals.linking:
            counts.update(Text(f"{done:,} of {total:,} files · linking glossaries across them…"))
        else:
            seconds = max(time.perf_counter() - self.started, 1e-3)
            bytes_done = arrivals.progress.bytes_done if arrivals.progress else 0
            counts.update(self._counts(done, total, bytes_done / seconds / 1e6))
        if arrivals.failed:
            self.failures += len(arrivals.failed)
            last = arrivals.failed[-1]
            line = Text("could not open: " if self.failures == 1 else "", style="bold")
            if self.failures > 1:
                line.append(f"{self.failures} files failed, the last: ")
            line.append(printable(f"{last.path}: {last.problem}"))  # escaped: names from outside
            failed = self.query_one("#loading-failed", Static)
            failed.update(line)
            failed.display = True


def waiting_text(arrivals: Arrivals, expected: int) -> Text:
    """What the reader says until the first report has arrived."""
    done, total = files_done(arrivals, expected)
    return Text(f"loading {done:,} of {total:,} files…", style="dim")
