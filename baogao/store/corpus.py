"""Loading a corpus through the store: stored reports read back, the others parsed in workers.

`open_corpus(paths)` is the whole story (reports, errors, notices for the user);
`load_corpus` and `seed_corpus` keep the older, shorter answer. `index_paths` fills
the store without building the reports (`baogao index`). `summaries` and
`read_report` are the lazy pair: the outline from summaries alone, a report's text,
glossary and indicators read when it is opened.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from baogao import parsers
from baogao.parsers import Corpus, Found, Report, ReportError, find_reports, report_files
from baogao.store import codec
from baogao.store.database import CorpusStore, Entry, StoreUnavailable, file_digest, report_key
from baogao.store.progress import Parsed, Progress, ProgressCallback

if TYPE_CHECKING:
    from baogao.store.workers import ParsePool

WRITE_BATCH = 64  # parsed reports written per transaction


@dataclass(frozen=True, slots=True)
class LoadedCorpus:
    """A corpus with what the user should be told about the store (one line each)."""

    corpus: Corpus
    notices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """A stored report as the outline needs it, without its text."""

    path: str
    meta: parsers.model.Metadata
    sections: tuple[parsers.model.Section, ...]
    length: int

    def label(self, *, with_region: bool = True) -> str:
        return parsers.model.report_label(self.meta, self.path, with_region=with_region)


@dataclass(slots=True)
class _Plan:
    """One load: which files are stored, which need parsing, and what went wrong."""

    files: list[Path]
    sizes: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, str] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    errors: dict[Path, ReportError] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def misses(self) -> list[Path]:
        return [
            f for f in self.files if f not in self.errors and self.keys.get(f) not in self.entries
        ]


def _open_store(notices: list[str]) -> CorpusStore | None:
    try:
        store = CorpusStore()
    except StoreUnavailable as error:
        notices.append(f"the corpus store is unavailable ({error}): reports are parsed each time")
        return None
    notices.extend(store.notices)
    store.notices.clear()
    return store


def unstored(paths: Iterable[str | Path]) -> tuple[int, int]:
    """How many report files under `paths` the store lacks, and their bytes: a cold open
    (worth streaming) when the first is not 0. Cheap: stats and one query; a file the
    store has never seen (by path, size and time) counts as lacking, unread."""
    files, _ = report_files(paths)
    store = _open_store([])
    if store is None:
        return len(files), sum(f.stat().st_size for f in files if f.is_file())
    with store:
        try:
            plan = _plan(files, store, decode=False, hash_unknown=False)
            stored = store.stored_keys(plan.keys.values())
        except sqlite3.Error:
            return len(files), 0
    lacking = [f for f in files if plan.keys.get(f) not in stored]
    return len(lacking), sum(plan.sizes.get(f, 0) for f in lacking)


COLD_OPEN_BYTES = 1_000_000  # unstored bytes worth streaming (about 0.4 s of parsing)
# Files worth streaming even when all are stored: reading a report back costs about 2 ms
# (its glossary, occurrences and figures become objects), so at this many the first
# screen would wait a tenth of a second or more for reports it does not show.
WARM_STREAM_FILES = 64


def streamed_open(paths: Iterable[str | Path], *, use_store: bool = True) -> StreamedLoad | None:
    """A load to stream into the explorer when opening `paths` in one go would keep its
    first screen waiting: many files (stored or not), or much that is not stored yet
    (without the store, `use_store` False, every file is parsed)."""
    paths = list(paths)
    found = find_reports(paths)
    if len(found.files) < WARM_STREAM_FILES:
        if use_store:
            lacking = unstored(paths)[1]
        else:
            lacking = sum(size for f in found.files if (size := _size(f)) is not None)
        if lacking < COLD_OPEN_BYTES:
            return None
    return StreamedLoad(paths, files=len(found.files), found=found, use_store=use_store)


def _size(file: Path) -> int | None:
    try:
        return file.stat().st_size
    except OSError:
        return None


def _plan(
    files: list[Path], store: CorpusStore | None, *, decode: bool = True, hash_unknown: bool = True
) -> _Plan:
    """Stat every file; with a store, find each file's key and the stored entries (a file
    of unknown size and time is read and hashed for its key, unless not `hash_unknown`)."""
    plan = _Plan(files)
    remembered: list[tuple[Path, int, int, str]] = []
    for file in files:
        try:
            stat = file.stat()
        except OSError as error:
            plan.errors[file] = ReportError(str(file), (error.strerror or str(error)).lower())
            continue
        plan.sizes[file] = stat.st_size
        if store is None:
            continue
        digest = store.known_digest(file, stat.st_size, stat.st_mtime_ns)
        if digest is None and not hash_unknown:
            continue
        if digest is None:
            try:
                digest = file_digest(file.read_bytes())
            except OSError:
                continue  # the parse names the problem
            remembered.append((file, stat.st_size, stat.st_mtime_ns, digest))
        plan.keys[file] = report_key(digest, file.name)
    if store is not None:
        if remembered:
            store.remember_files(remembered)
        if not decode:
            return plan
        plan.entries = store.entries(plan.keys.values())
        plan.notices.extend(store.notices)
        store.notices.clear()
    return plan


def _record_parse(
    file: Path,
    parsed: Parsed,
    plan: _Plan,
    store: CorpusStore | None,
    batch: list[tuple[str, int, bytes, bytes]],
) -> None:
    """Note a parse's outcome in `plan`; a report to store joins `batch`, which is
    written (and emptied) every WRITE_BATCH rows."""
    if parsed.error is not None:
        plan.errors[file] = parsed.error
    elif store is not None and parsed.summary is not None and parsed.body is not None:
        key = report_key(parsed.digest, file.name)
        plan.keys[file] = key
        batch.append((key, parsed.text_bytes, parsed.summary, parsed.body))
        if len(batch) >= WRITE_BATCH:
            store.put(batch)
            batch.clear()


def _parse_misses(
    plan: _Plan, store: CorpusStore | None, progress: ProgressCallback | None, done: int
) -> dict[Path, Parsed]:
    """Parse what the store lacks, in workers, writing rows in batches as they arrive."""
    misses = plan.misses()
    if not misses:
        return {}
    from baogao.store.workers import parse_files  # a warm open parses nothing: no pool

    by_name = {str(file): file for file in misses}
    total = len(plan.files)
    bytes_total = sum(plan.sizes.values())
    bytes_done = sum(plan.sizes.get(f, 0) for f in plan.files if f not in by_name.values())
    outcomes: dict[Path, Parsed] = {}
    batch: list[tuple[str, int, bytes, bytes]] = []
    for parsed in parse_files(
        misses, encode=store is not None, sizes=[plan.sizes.get(f, 0) for f in misses]
    ):
        file = by_name[parsed.path]
        outcomes[file] = parsed
        done += 1
        bytes_done += plan.sizes.get(file, 0)
        _record_parse(file, parsed, plan, store, batch)
        if progress is not None:
            progress(Progress(done, total, bytes_done, bytes_total, parsed.path, parsed.error))
    if store is not None and batch:
        store.put(batch)
    return outcomes


def _report(
    file: Path, plan: _Plan, parsed: Parsed | None, store: CorpusStore | None
) -> Report | None:
    """The report of one file from the store or its parse; a damaged entry is parsed again."""
    if parsed is not None:
        if parsed.report is not None:
            return parsed.report
        if parsed.summary is not None and parsed.body is not None:
            summary = codec.decode_summary(parsed.summary)
            return codec.decode_report(str(file), summary, parsed.body)
        return None
    entry = plan.entries.get(plan.keys.get(file, ""))
    if store is not None and entry is not None:
        try:
            return store.report(entry, str(file))
        except codec.ModelError:
            plan.notices.append(f"{file}: a damaged entry in the corpus store, parsed again")
    try:
        return parsers.parse(file)
    except ReportError as error:
        plan.errors[file] = error
        return None


# OperationalErrors of the moment, not of the file: another writer, the disk, permissions.
CIRCUMSTANCES = ("locked", "busy", "disk i/o", "readonly", "read-only", "full", "unable to open")


def _recover(
    store: CorpusStore, error: sqlite3.DatabaseError, notices: list[str]
) -> tuple[CorpusStore | None, list[str]]:
    """After an error mid-load: a store of the moment's trouble is left alone (parse without
    it); one that is damaged or of another make ("no such column") is set aside and rebuilt."""
    message = str(error).lower()
    if isinstance(error, sqlite3.OperationalError) and any(w in message for w in CIRCUMSTANCES):
        store.close()
        notices.append(f"the corpus store is unusable ({error}): reports are parsed each time")
        return None, []
    try:
        rebuilt = CorpusStore.rebuilt(store, error)
    except (StoreUnavailable, sqlite3.Error) as failure:
        notices.append(f"the corpus store is unavailable ({failure})")
        return None, []
    more = list(rebuilt.notices)
    rebuilt.notices.clear()
    return rebuilt, more


def _load(
    paths: Iterable[str | Path],
    use_store: bool,
    progress: ProgressCallback | None,
    build: bool,
    used: list[bool] | None = None,
    skipped: list[Path] | None = None,
) -> tuple[tuple[Report, ...], list[ReportError], list[str]]:
    """Load through the store; `used` (when given) gets whether a store took part, and
    `skipped` the files of other kinds the folders held."""
    found = find_reports(paths)
    files, missing = list(found.files), list(found.errors)
    if skipped is not None:
        skipped.extend(found.skipped)
    notices: list[str] = []
    store = _open_store(notices) if use_store else None
    try:
        try:
            reports, errors, more = _load_with(files, store, progress, build)
        except sqlite3.DatabaseError as error:
            if store is None:
                raise
            store, more = _recover(store, error, notices)
            reports, errors, more2 = _load_with(files, store, progress, build)
            more += more2
    finally:
        if used is not None:
            used.append(store is not None)
        if store is not None:
            store.close()
    return reports, [*missing, *errors], notices + more


def _load_with(
    files: list[Path], store: CorpusStore | None, progress: ProgressCallback | None, build: bool
) -> tuple[tuple[Report, ...], list[ReportError], list[str]]:
    plan = _plan(files, store)
    done = len(plan.files) - len(plan.misses())
    if progress is not None and done:
        stored = sum(plan.sizes.get(f, 0) for f in plan.files if f not in plan.misses())
        progress(Progress(done, len(files), stored, sum(plan.sizes.values())))
    outcomes = _parse_misses(plan, store, progress, done)
    reports: list[Report] = []
    keys: list[str] = []
    if build:
        for file in files:
            if file in plan.errors:
                continue
            report = _report(file, plan, outcomes.get(file), store)
            if report is not None:
                reports.append(report)
                keys.append(plan.keys.get(file, ""))
    linked = _linked(tuple(reports), keys, store, plan.notices) if build else ()
    if store is not None and outcomes:
        store.prune()
    errors = [plan.errors[f] for f in files if f in plan.errors]
    return linked, errors, plan.notices


def _linked(
    reports: tuple[Report, ...], keys: list[str], store: CorpusStore | None, notices: list[str]
) -> tuple[Report, ...]:
    """The reports with glossaries linked across them (parsers.link), the result kept in the
    store for this set of reports: a warm open neither links again nor imports the parser."""
    set_key = store.set_key(keys) if store is not None and all(keys) else None
    if store is not None and set_key is not None:
        lent = store.links(set_key, [(report.glossary, len(report.text)) for report in reports])
        notices.extend(store.notices)
        store.notices.clear()
        if lent is not None:
            return tuple(
                replace(report, glossary=lent[i]) if i in lent else report
                for i, report in enumerate(reports)
            )
    from baogao.parsers.link import link_glossaries

    linked = link_glossaries(reports)
    if store is not None and set_key is not None:
        changed = [
            (i, before.glossary, after.glossary)
            for i, (before, after) in enumerate(zip(reports, linked, strict=True))
            if after is not before
        ]
        with suppress(ValueError):  # a figure JSON refuses: link again next time
            store.put_links(set_key, changed)
    return linked


def open_corpus(
    paths: Iterable[str | Path],
    *,
    use_store: bool = True,
    progress: ProgressCallback | None = None,
) -> LoadedCorpus:
    """Every report under `paths`, glossaries linked, through the store unless `use_store`
    is False; never raises for a bad file or a bad store (they become errors and notices)."""
    skipped: list[Path] = []
    reports, errors, notices = _load(paths, use_store, progress, build=True, skipped=skipped)
    return LoadedCorpus(Corpus(reports, tuple(errors), tuple(skipped)), tuple(notices))


@dataclass(frozen=True, slots=True)
class IndexOutcome:
    """What `index_paths` did: reports now in the store (0 without a store), the failures,
    notices for the user."""

    stored: int
    errors: tuple[ReportError, ...]
    notices: tuple[str, ...]


def index_paths(
    paths: Iterable[str | Path], progress: ProgressCallback | None = None
) -> IndexOutcome:
    """Bring the store up to date for `paths` without building the reports (`baogao index`)."""
    paths = list(paths)
    files, missing = report_files(paths)
    used: list[bool] = []
    _, errors, notices = _load(paths, True, progress, build=False, used=used)
    stored = len(files) - (len(errors) - len(missing)) if all(used) else 0
    return IndexOutcome(stored, tuple(errors), tuple(notices))


def summaries(paths: Iterable[str | Path]) -> tuple[tuple[ReportSummary, ...], tuple[str, ...]]:
    """Summaries of the stored reports under `paths` (files not stored are left out)."""
    files, _ = report_files(paths)
    notices: list[str] = []
    store = _open_store(notices)
    if store is None:
        return (), tuple(notices)
    with store:
        plan = _plan(files, store)
        found = tuple(
            ReportSummary(str(f), e.summary.meta, e.summary.sections, e.summary.length)
            for f in files
            if (e := plan.entries.get(plan.keys.get(f, ""))) is not None
        )
    return found, (*notices, *plan.notices)


def read_report(path: str | Path) -> Report:
    """One report from the store (parsed, and stored, when it is not there); raises ReportError.

    Its glossary is its own: definitions lent by other reports come with `open_corpus`.
    """
    loaded = open_corpus([path])
    if not loaded.corpus.reports:
        raise (
            loaded.corpus.errors[0] if loaded.corpus.errors else ReportError(str(path), "no report")
        )
    return loaded.corpus.reports[0]


def load_corpus(paths: Iterable[str | Path], *, use_store: bool = True) -> Corpus:
    """Like parsers.load, through the store; notices go to stderr."""
    loaded = open_corpus(paths, use_store=use_store)
    for notice in loaded.notices:
        print(f"baogao: {notice}", file=sys.stderr)
    return loaded.corpus


def seed_corpus() -> Corpus:
    """The bundled sample reports, through the store."""
    from baogao.seeds import seed_paths

    return load_corpus(seed_paths())


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
        store = _open_store([])  # its notices come again with the load's own store
        if store is None:
            return None
        with store:
            try:
                plan = _plan([head], store)
                if plan.misses() or head in plan.errors or plan.notices:
                    return None
                report = _report(head, plan, None, store)
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
        store = _open_store(notices) if self.use_store else None
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
                linked = _linked(tuple(reports), keys, store, notices)
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
        plan = _Plan(files)
        total = len(files)
        done = bytes_done = 0
        by_file: dict[Path, Report] = {}
        reading = self._reading_order(files)
        for chunk in (reading[:1], reading[1:]):
            part = _plan(chunk, store) if chunk else _Plan([])
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
                    report = shown = _report(file, plan, None, store)
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
            report = _report(file, plan, parsed, store) if parsed.error is None else None
            _record_parse(file, parsed, plan, store, batch)
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
