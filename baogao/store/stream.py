"""A cold open's load, streamed into the explorer: files read or parsed in worker
processes in a thread beside the app, handed over as they come (`StreamedLoad.take`),
linked across the reports at the end. Imported only for an open worth streaming
(`corpus.streamed_open`): a few files are read at once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from baogao.parsers import Corpus, Found, Report, ReportError, find_reports
from baogao.store import codec
from baogao.store.corpus import (
    LoadedCorpus,
    Plan,
    linked_reports,
    open_store,
    plan_files,
    record_parse,
    report_of,
)
from baogao.store.database import CorpusStore
from baogao.store.progress import Progress

if TYPE_CHECKING:
    from baogao.store.workers import ParsePool


@dataclass(frozen=True, slots=True)
class Arrivals:
    """What a streamed load has to show since it was last asked (`StreamedLoad.take`)."""

    reports: tuple[Report, ...]  # read since the last take, in the order they came
    progress: Progress | None  # where the load stands (None before the first file)
    failed: tuple[ReportError, ...]  # files that failed since the last take
    linking: bool = False  # every file is in: glossaries are being linked across them
    finished: LoadedCorpus | None = None  # the whole corpus, linked, once the load is over


class StreamedLoad:
    """A cold open's load, run in a thread beside the app: files are parsed in worker
    processes and written to the store in batches; the app takes what has arrived now
    and then (`take`), so the first report is readable as soon as it is parsed. When
    all are in (or the load is stopped), glossaries are linked across what was read and
    the whole corpus is handed over once (`Arrivals.finished`).

    The thread only waits on the workers, writes rows and links at the end: the parsing
    itself never runs beside the event loop (except a corpus too small for processes).
    """

    def __init__(
        self,
        paths: Iterable[str | Path],
        *,
        files: int = 0,
        in_process_bytes: int | None = None,
        found: Found | None = None,
        use_store: bool = True,
    ) -> None:
        """`files`: how many files are expected (for the first screen, before the walk);
        `found`: the walk of `paths` when it was done already; without `use_store`
        every file is parsed and nothing is written (`--no-cache`)."""
        self.paths = list(paths)
        self.use_store = use_store
        self._found = found
        self._head: tuple[Path, Report] | None = None  # read by read_first, not handed over
        self.expected = files
        self.first: str | None = None  # the path to read first (where the user left off)
        # Called in the loader's thread before the first worker process is spawned (the
        # app starts multiprocessing's resource tracker there); a warm load spawns none.
        self.before_spawn: Callable[[], None] | None = None
        self._in_process_bytes = in_process_bytes
        # Made in the loader's thread: importing the process pool costs the first
        # screen some 15 ms, and a warm load never needs it.
        self._pool: ParsePool | None = None
        self._lock = threading.Lock()
        self._reports: list[Report] = []
        self._failed: list[ReportError] = []
        self._progress: Progress | None = None
        self._linking = False
        self._finished: LoadedCorpus | None = None
        self._stopping = threading.Event()  # Esc: read no more files, link what was read
        self._closing = threading.Event()  # q: give up, end the workers, hand nothing over
        self._thread = threading.Thread(target=self._run, name="baogao-stream", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _reading_order(self, files: list[Path]) -> list[Path]:
        """`files` in the order they are read: `first` (where the user left off) first."""
        preferred = [file for file in files if str(file) == self.first]
        return preferred + [file for file in files if file not in preferred]

    def read_first(self) -> Report | None:
        """The first report of the load (`first`, else the first file) if the store holds
        it, read now, before `start`, so the first screen can show it: a warm open's
        first frame is then its full first screen. None when it must be parsed."""
        found = self._found or find_reports(self.paths)
        self._found = found
        if not found.files:
            return None
        head = self._reading_order(list(found.files))[0]
        if not self.use_store:
            return None
        store = open_store([])  # its notices come again with the load's own store
        if store is None:
            return None
        with store:
            try:
                plan = plan_files([head], store)
                if plan.misses() or head in plan.errors or plan.notices:
                    return None
                report = report_of(head, plan, None, store)
            except (sqlite3.Error, codec.ModelError):
                return None
        if report is not None and not plan.notices:
            self._head = (head, report)
            return report
        return None

    @property
    def running(self) -> bool:
        """The loader's thread is at work (it ends when the load is over or closed)."""
        return self._thread.is_alive()

    @property
    def workers_alive(self) -> int:
        """How many of the load's worker processes are running."""
        pool = self._pool
        return 0 if pool is None else sum(process.is_alive() for process in pool.processes)

    def _parse_pool(self) -> ParsePool:
        """The load's pool of workers, made on first use (in the loader's thread)."""
        from baogao.store.workers import IN_PROCESS_BYTES, ParsePool

        with self._lock:
            if self._pool is None:
                limit = self._in_process_bytes
                pool = self._pool = ParsePool(IN_PROCESS_BYTES if limit is None else limit)
                pool.before_spawn = self.before_spawn
                if self._stopping.is_set():
                    pool.stop()
            return self._pool

    def _stop_pool(self) -> None:
        with self._lock:
            pool = self._pool
        if pool is not None:
            pool.stop()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def take(self) -> Arrivals:
        """What arrived since the last call; cheap (a lock and a few list swaps)."""
        with self._lock:
            reports, self._reports = tuple(self._reports), []
            failed, self._failed = tuple(self._failed), []
            return Arrivals(reports, self._progress, failed, self._linking, self._finished)

    def stop(self) -> None:
        """Read no more files (the parses in flight are dropped); what was read is kept."""
        self._stopping.set()
        self._stop_pool()

    def close(self, timeout: float = 2.0) -> None:
        """End the load and its worker processes (the app is quitting)."""
        self._closing.set()
        self.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._stop_pool()  # a worker that started while the first stop ran

    def wait(self, timeout: float | None = None) -> LoadedCorpus | None:
        """Block until the load is over (for tests and headless use)."""
        self._thread.join(timeout)
        return self._finished

    # --- the thread ------------------------------------------------------------------

    def _arrived(self, report: Report | None, progress: Progress) -> None:
        with self._lock:
            if report is not None:
                self._reports.append(report)
            if progress.failed is not None:
                self._failed.append(progress.failed)
            self._progress = progress

    def _run(self) -> None:
        found = self._found or find_reports(self.paths)
        files = list(found.files)
        notices: list[str] = []
        store = open_store(notices) if self.use_store else None
        try:
            try:
                reports, keys, errors = self._read(files, store, notices)
            except sqlite3.DatabaseError as error:  # the store failed mid-load: without it
                if store is not None:
                    store.close()
                store = None
                notices.append(
                    f"the corpus store is unusable ({error}): reports are parsed each time"
                )
                reports, keys, errors = self._read(files, None, notices)
            if self._closing.is_set():
                return
            with self._lock:
                self._linking = True
            try:
                linked = linked_reports(tuple(reports), keys, store, notices)
                if store is not None:
                    store.prune()
            except sqlite3.DatabaseError:
                from baogao.parsers.link import link_glossaries

                linked = link_glossaries(tuple(reports))
        finally:
            if store is not None:
                store.close()
            self._stop_pool()
        corpus = Corpus(linked, (*found.errors, *errors), tuple(found.skipped))
        with self._lock:
            self._finished = LoadedCorpus(corpus, tuple(notices))

    def _read(
        self, files: list[Path], store: CorpusStore | None, notices: list[str]
    ) -> tuple[list[Report], list[str], list[ReportError]]:
        """Every report of `files` (stored ones first, then each as its parse finishes),
        handed over as it comes; returns them in file order, with their keys."""
        # The first file is planned on its own, so a stored one is on screen before the
        # store has looked up (and decoded the summaries of) every other.
        plan = Plan(files)
        total = len(files)
        done = bytes_done = 0
        by_file: dict[Path, Report] = {}
        reading = self._reading_order(files)
        for chunk in (reading[:1], reading[1:]):
            part = plan_files(chunk, store) if chunk else Plan([])
            plan.sizes.update(part.sizes)
            plan.keys.update(part.keys)
            plan.entries.update(part.entries)
            plan.errors.update(part.errors)
            notices.extend(part.notices)
            bytes_total = sum(plan.sizes.values())
            missed = set(part.misses())
            for file in chunk:
                if file in missed or file in plan.errors or self._stopping.is_set():
                    continue
                report: Report | None
                shown: Report | None
                if self._head is not None and file == self._head[0]:
                    report, shown = self._head[1], None  # the app has it already
                else:
                    report = shown = report_of(file, plan, None, store)
                done += 1
                bytes_done += plan.sizes.get(file, 0)
                if report is not None:
                    by_file[file] = report
                self._arrived(shown, Progress(done, total, bytes_done, bytes_total, str(file)))
        misses = plan.misses()
        missed = set(misses)
        for file in files:  # a file that could not be stat'ed counts as done
            if file in plan.errors and file not in missed:
                done += 1
                self._arrived(
                    None,
                    Progress(done, total, bytes_done, bytes_total, str(file), plan.errors[file]),
                )
        batch: list[tuple[str, int, bytes, bytes]] = []
        by_name = {str(file): file for file in misses}
        sizes = [plan.sizes.get(file, 0) for file in misses]
        pool = self._parse_pool() if misses else None
        for parsed in pool.parse(misses, sizes, encode=store is not None) if pool else ():
            if self._stopping.is_set():
                break
            file = by_name[parsed.path]
            done += 1
            bytes_done += plan.sizes.get(file, 0)
            report = report_of(file, plan, parsed, store) if parsed.error is None else None
            record_parse(file, parsed, plan, store, batch)
            if report is not None:
                by_file[file] = report
            self._arrived(
                report, Progress(done, total, bytes_done, bytes_total, parsed.path, parsed.error)
            )
        if store is not None and batch:
            store.put(batch)
        kept = [file for file in files if file in by_file]
        errors = [plan.errors[file] for file in files if file in plan.errors]
        return [by_file[file] for file in kept], [plan.keys.get(file, "") for file in kept], errors
