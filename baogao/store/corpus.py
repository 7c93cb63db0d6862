"""Loading a corpus through the store: stored reports read back, the others parsed in workers.

`open_corpus(paths)` is the whole story (reports, errors, notices for the user);
`load_corpus` and `seed_corpus` keep the older, shorter answer. `index_paths` fills
the store without building the reports (`baogao index`). `summaries` and
`read_report` are the lazy pair: the outline from summaries alone, a report's text,
glossary and indicators read when it is opened. `streamed_open` says when an open is
worth streaming and hands it to `baogao.store.stream`.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from baogao import parsers
from baogao.parsers import Corpus, Report, ReportError, find_reports, report_files
from baogao.store import codec
from baogao.store.database import CorpusStore, Entry, StoreUnavailable, file_digest, report_key

if TYPE_CHECKING:
    from baogao.store.progress import Parsed, ProgressCallback
    from baogao.store.stream import StreamedLoad

WRITE_BATCH = 64  # parsed reports written per transaction


class LoadedCorpus(NamedTuple):
    """A corpus with what the user should be told about the store (one line each)."""

    corpus: Corpus
    notices: tuple[str, ...] = ()


class ReportSummary(NamedTuple):
    """A stored report as the outline needs it, without its text."""

    path: str
    meta: parsers.model.Metadata
    sections: tuple[parsers.model.Section, ...]
    length: int

    def label(self, *, with_region: bool = True) -> str:
        return parsers.model.report_label(self.meta, self.path, with_region=with_region)


class Plan:
    """One load: which files are stored, which need parsing, and what went wrong.

    A plain class, not a dataclass: see "Records" in the baogao package."""

    __slots__ = ("entries", "errors", "files", "keys", "notices", "sizes")

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.sizes: dict[Path, int] = {}
        self.keys: dict[Path, str] = {}
        self.entries: dict[str, Entry] = {}
        self.errors: dict[Path, ReportError] = {}
        self.notices: list[str] = []

    def misses(self) -> list[Path]:
        return [
            f for f in self.files if f not in self.errors and self.keys.get(f) not in self.entries
        ]


def open_store(notices: list[str]) -> CorpusStore | None:
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
    store = open_store([])
    if store is None:
        return len(files), sum(f.stat().st_size for f in files if f.is_file())
    with store:
        try:
            plan = plan_files(files, store, decode=False, hash_unknown=False)
            stored = store.stored_keys(plan.keys.values())
        except sqlite3.Error:
            return len(files), 0
    lacking = [f for f in files if plan.keys.get(f) not in stored]
    return len(lacking), sum(plan.sizes.get(f, 0) for f in lacking)


COLD_OPEN_BYTES = 1_000_000  # unstored bytes worth streaming (about 0.4 s of parsing)
# Files worth streaming even when all are stored: reading a report back costs about 1 ms
# (its glossary, occurrences and figures become objects), so at this many the first
# screen would wait some 60 ms or more for reports it does not show.
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
        else:  # every file is to parse
            lacking = sum(plan_files(list(found.files), None).sizes.values())
        if lacking < COLD_OPEN_BYTES:
            return None
    from baogao.store.stream import StreamedLoad  # an open of a few files never needs it

    return StreamedLoad(paths, files=len(found.files), found=found, use_store=use_store)


def plan_files(
    files: list[Path], store: CorpusStore | None, *, decode: bool = True, hash_unknown: bool = True
) -> Plan:
    """Stat every file; with a store, find each file's key and the stored entries (a file
    of unknown size and time is read and hashed for its key, unless not `hash_unknown`)."""
    plan = Plan(files)
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


def record_parse(
    file: Path,
    parsed: Parsed,
    plan: Plan,
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
    plan: Plan, store: CorpusStore | None, progress: ProgressCallback | None, done: int
) -> dict[Path, Parsed]:
    """Parse what the store lacks, in workers, writing rows in batches as they arrive."""
    misses = plan.misses()
    if not misses:
        return {}
    from baogao.store.progress import Progress
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
        record_parse(file, parsed, plan, store, batch)
        if progress is not None:
            progress(Progress(done, total, bytes_done, bytes_total, parsed.path, parsed.error))
    if store is not None and batch:
        store.put(batch)
    return outcomes


def report_of(
    file: Path, plan: Plan, parsed: Parsed | None, store: CorpusStore | None
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
    store = open_store(notices) if use_store else None
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
    plan = plan_files(files, store)
    done = len(plan.files) - len(plan.misses())
    if progress is not None and done:
        from baogao.store.progress import Progress  # a warm open of the app reports none

        stored = sum(plan.sizes.get(f, 0) for f in plan.files if f not in plan.misses())
        progress(Progress(done, len(files), stored, sum(plan.sizes.values())))
    outcomes = _parse_misses(plan, store, progress, done)
    reports: list[Report] = []
    keys: list[str] = []
    if build:
        for file in files:
            if file in plan.errors:
                continue
            report = report_of(file, plan, outcomes.get(file), store)
            if report is not None:
                reports.append(report)
                keys.append(plan.keys.get(file, ""))
    linked = linked_reports(tuple(reports), keys, store, plan.notices) if build else ()
    if store is not None and outcomes:
        store.prune()
    errors = [plan.errors[f] for f in files if f in plan.errors]
    return linked, errors, plan.notices


def linked_reports(
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


class IndexOutcome(NamedTuple):
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
    store = open_store(notices)
    if store is None:
        return (), tuple(notices)
    with store:
        plan = plan_files(files, store)
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
