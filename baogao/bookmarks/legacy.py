"""Bookmarks: the model, anchoring, the TOML file format and the on-disk store.

No Textual here, so `baogao bookmarks export|import` starts fast and the logic
is testable without an app.

A bookmark is anchored by document identity (`doc_key`), section path and a
text excerpt; the offsets it carries are only hints. So it survives a re-parse,
a moved file or a slightly edited text, and one that can no longer be placed is
shown as such, never dropped.

The store is `$XDG_DATA_HOME/baogao/bookmarks.toml`, in the same format as an
export. Writes are atomic (temp file in the same folder, fsync, rename); a file
that cannot be read or parsed is renamed aside, never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import tomllib
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from baogao.parsers.model import Location, Report, Section

FORMAT_VERSION = 1
EXCERPT_LIMIT = 200  # characters of bookmarked text kept as the anchor
DOC_KEY_CHARS = 400  # word characters of the text that identify a document
FUZZY_THRESHOLD = 80.0  # rapidfuzz partial_ratio score (0-100) to accept a moved, edited excerpt
STORE_FILE = "bookmarks.toml"

FILE_HEADER = (
    "# baogao bookmarks: one [[bookmark]] table each (format described in the README).\n"
    "# start/end are the last known offsets into the text, hints only;\n"
    "# a bookmark is found again by doc_key, section_path and excerpt.\n"
)

# The order keys are written in: what a person reads first comes first.
FIELD_ORDER = (
    "id",
    "document",
    "region",
    "year",
    "path",
    "section_path",
    "excerpt",
    "note",
    "created",
    "doc_key",
    "start",
    "end",
)

# Runs of characters that carry a document's identity: CJK, letters, digits.
# Markdown marks, spaces and punctuation are left out, so repairing
# "# 政府工作报告\n\n2026年1月22日…" or "**政 府 工 作 报 告**" does not change the key.
WORD_RUN = re.compile(r"[^\W_]+")

# The end of a sentence: 。！？； or a line break, e.g. "…请予审议。"
SENTENCE_END = re.compile(
    r"""
    [。！？；!?;]   # full-width or ASCII sentence punctuation
    [”’」』）)]*     # closing quotes or brackets that belong to the sentence
    | \n            # a paragraph break always ends a sentence
    """,
    re.VERBOSE,
)


class BookmarkError(Exception):
    """A bookmark file that cannot be read, parsed or written; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    document: str  # the report's title when bookmarked
    path: str  # Report.path when bookmarked
    doc_key: str  # document identity; see document_key()
    section_path: tuple[str, ...]  # section titles from the top level down
    excerpt: str  # the bookmarked text, at most EXCERPT_LIMIT characters
    start: int  # last known [start, end) in Report.text: hints only
    end: int
    note: str
    created: datetime  # timezone-aware
    region: str = ""
    year: int | None = None

    @property
    def identity(self) -> tuple[str, tuple[str, ...], str]:
        """What makes two bookmarks the same place (besides the same id)."""
        return (self.doc_key, self.section_path, self.excerpt)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a bookmark lands in the open reports."""

    report: Report
    start: int
    end: int
    exact: bool  # False when the excerpt was found by a fuzzy match

    @property
    def location(self) -> Location:
        return Location(self.report.path, self.start, self.end)


@dataclass(frozen=True, slots=True)
class MergeResult:
    bookmarks: tuple[Bookmark, ...]
    added: int
    duplicates: int
    notes_merged: int


# --------------------------------------------------------------------------- identity


def document_key(text: str) -> str:
    """A short hash of the first word characters of a report's text.

    The title is left out on purpose: it is derived by the parser and may change
    between versions, while the opening of the text (title page, meeting line)
    does not. A moved or renamed file keeps its key.
    """
    runs: list[str] = []
    count = 0
    for match in WORD_RUN.finditer(text):
        runs.append(match.group())
        count += len(runs[-1])
        if count >= DOC_KEY_CHARS:
            break
    words = "".join(runs)[:DOC_KEY_CHARS]
    return "sha1:" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]


def report_year(report: Report) -> int | None:
    """The year a report is about: the year it plans for, else the first year of its period."""
    meta = report.meta
    if meta.plan_year is not None:
        return meta.plan_year
    if meta.review_year is not None:
        return meta.review_year + 1
    if meta.plan_period:
        head = meta.plan_period.split("-", 1)[0]
        if head.isdigit():
            return int(head)
    return None


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding `offset`, without surrounding white space.

    On a line break or blank line the next sentence is taken (the previous one
    at the end of the text), so the span is empty only when the text is.
    """
    offset = max(0, min(offset, len(text)))
    while offset < len(text) and text[offset].isspace():
        offset += 1
    if offset == len(text):
        offset = len(text.rstrip()) - 1
        if offset < 0:
            return (0, 0)
    start = 0
    for match in SENTENCE_END.finditer(text, 0, offset):
        start = match.end()
    found = SENTENCE_END.search(text, offset)
    end = found.end() if found else len(text)
    return _strip_span(text, start, end)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def make_bookmark(
    report: Report, start: int, end: int, note: str = "", now: datetime | None = None
) -> Bookmark:
    """A bookmark of report.text[start:end]; an empty span bookmarks the sentence at `start`."""
    start, end = max(0, start), min(len(report.text), end)
    if end <= start:
        start, end = sentence_span(report.text, start)
    else:
        start, end = _strip_span(report.text, start, end)
    created = (now or datetime.now(UTC)).astimezone().replace(microsecond=0)
    return Bookmark(
        id=uuid.uuid4().hex[:16],
        document=report.title or Path(report.path).name,
        path=report.path,
        doc_key=document_key(report.text),
        section_path=tuple(section.title for section in report.section_path(start)),
        excerpt=report.text[start : min(end, start + EXCERPT_LIMIT)],
        start=start,
        end=end,
        note=note,
        created=created,
        region=report.meta.region or "",
        year=report_year(report),
    )


def section_bookmark(report: Report, section: Section, note: str = "") -> Bookmark:
    """A bookmark of a whole section (title and body)."""
    return make_bookmark(report, section.start, section.end, note)


# --------------------------------------------------------------------------- anchoring


def candidate_reports(bookmark: Bookmark, reports: Sequence[Report]) -> tuple[Report, ...]:
    """Reports that are the bookmarked document, best first: same text, then same file."""
    by_key = [r for r in reports if document_key(r.text) == bookmark.doc_key]
    by_path = [r for r in reports if r.path == bookmark.path]
    ordered: list[Report] = []
    for report in (*by_key, *by_path):
        if all(report is not seen for seen in ordered):
            ordered.append(report)
    return tuple(ordered)


def find_section(report: Report, titles: Sequence[str]) -> Section | None:
    """The section reached by following `titles` down the tree, else the last title anywhere."""
    if not titles:
        return None
    level, found = report.sections, None
    for title in titles:
        found = next((s for s in level if s.title == title), None)
        if found is None:
            break
        level = found.children
    if found is not None:
        return found
    return next((s for s in report.walk() if s.title == titles[-1]), None)


def _all_occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(text) if hi is None else hi
    found, at = [], text.find(needle, lo, hi)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def place_in_report(bookmark: Bookmark, report: Report) -> Placement | None:
    """Find the excerpt in one report: exact inside its section, exact anywhere, then fuzzy."""
    text, excerpt = report.text, bookmark.excerpt
    if not excerpt:
        return None
    extra = max(0, (bookmark.end - bookmark.start) - len(excerpt))  # excerpt was truncated

    def span(at: int, length: int, exact: bool) -> Placement:
        return Placement(report, at, min(len(text), at + length + extra), exact)

    if text.startswith(excerpt, bookmark.start):
        return span(bookmark.start, len(excerpt), True)
    section = find_section(report, bookmark.section_path)
    windows = [(section.start, section.end)] if section else []
    windows.append((0, len(text)))
    for lo, hi in windows:
        hits = _all_occurrences(text, excerpt, lo, hi)
        if hits:
            best = min(hits, key=lambda at: abs(at - bookmark.start))
            return span(best, len(excerpt), True)
    from rapidfuzz import fuzz

    for lo, hi in windows:
        match = fuzz.partial_ratio_alignment(
            excerpt, text[lo:hi], processor=None, score_cutoff=FUZZY_THRESHOLD
        )
        if match is not None and match.dest_end > match.dest_start:
            return span(lo + match.dest_start, match.dest_end - match.dest_start, False)
    return None


def place(bookmark: Bookmark, reports: Sequence[Report]) -> Placement | None:
    """Where the bookmark is now, or None when no open report holds it (shown, never dropped).

    The document is found by doc_key, then path, and searched exactly, then
    fuzzily. Failing that, an exact excerpt in a report of the same title and
    region is accepted (the same report converted again). Other reports are not
    searched: boilerplate sentences recur across reports, so a match there would
    be a different passage.
    """
    candidates = candidate_reports(bookmark, reports)
    for report in candidates:
        placement = place_in_report(bookmark, report)
        if placement is not None:
            return placement
    if not bookmark.excerpt or not bookmark.document:
        return None
    for report in reports:
        if any(report is c for c in candidates) or report.title != bookmark.document:
            continue
        if bookmark.region and report.meta.region and bookmark.region != report.meta.region:
            continue
        at = report.text.find(bookmark.excerpt)
        if at >= 0:
            return Placement(report, at, at + len(bookmark.excerpt), True)
    return None


def place_all(
    bookmarks: Iterable[Bookmark], reports: Sequence[Report]
) -> dict[str, Placement | None]:
    """Placements by bookmark id."""
    return {bookmark.id: place(bookmark, reports) for bookmark in bookmarks}


# --------------------------------------------------------------------------- TOML format


def bookmark_to_table(bookmark: Bookmark) -> dict[str, Any]:
    """The TOML table of one bookmark; unknown region/year are left out (TOML has no null)."""
    table: dict[str, Any] = {
        "id": bookmark.id,
        "document": bookmark.document,
        "region": bookmark.region,
        "year": bookmark.year,
        "path": bookmark.path,
        "section_path": list(bookmark.section_path),
        "excerpt": bookmark.excerpt,
        "note": bookmark.note,
        "created": _toml_time(bookmark.created),
        "doc_key": bookmark.doc_key,
        "start": bookmark.start,
        "end": bookmark.end,
    }
    if not bookmark.region:
        del table["region"]
    if bookmark.year is None:
        del table["year"]
    return table


def _toml_time(moment: datetime) -> datetime:
    """TOML offsets are whole minutes: a zone with an odd offset is written in UTC."""
    offset = moment.utcoffset()
    if offset is None or offset.seconds % 60 or offset.microseconds:
        return moment.astimezone(UTC)
    return moment


def _has_carriage_return(table: Mapping[str, Any]) -> bool:
    strings = [v for v in table.values() if isinstance(v, str)]
    strings += [s for v in table.values() if isinstance(v, list) for s in v]
    return any("\r" in s for s in strings)


def dumps_bookmarks(bookmarks: Iterable[Bookmark]) -> str:
    """The TOML text of a bookmark file: a header comment, `version`, one [[bookmark]] each.

    Each table is written key by key under its own [[bookmark]] header, so tomli-w
    never folds a short one into an inline table. Notes with line breaks are
    written as multi-line strings unless they hold a carriage return, which a
    multi-line TOML string cannot keep.
    """
    parts = [FILE_HEADER, tomli_w.dumps({"version": FORMAT_VERSION})]
    for bookmark in bookmarks:
        table = bookmark_to_table(bookmark)
        body = tomli_w.dumps(table, multiline_strings=not _has_carriage_return(table))
        parts.append("\n[[bookmark]]\n" + body)
    return "".join(parts)


_EXPECTED: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "document": (str,),
    "region": (str,),
    "year": (int,),
    "path": (str,),
    "section_path": (list,),
    "excerpt": (str,),
    "note": (str,),
    "created": (datetime, str),
    "doc_key": (str,),
    "start": (int,),
    "end": (int,),
}


def bookmark_from_table(table: Mapping[str, Any]) -> Bookmark:
    """One bookmark from its TOML table; raises ValueError naming the bad key."""
    for key, types in _EXPECTED.items():
        value = table.get(key)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            names = " or ".join("a list" if t is list else t.__name__ for t in types)
            raise ValueError(f"'{key}' must be {names}, not {value!r}")
    if "excerpt" not in table:
        raise ValueError("missing 'excerpt'")
    if not any(table.get(key) for key in ("doc_key", "path", "document")):
        raise ValueError("needs at least one of 'doc_key', 'path' or 'document'")
    section_path = table.get("section_path", [])
    if not all(isinstance(title, str) for title in section_path):
        raise ValueError("'section_path' must be a list of strings")
    excerpt = table["excerpt"]
    start = table.get("start", 0)
    return Bookmark(
        id=table.get("id") or _stable_id(table),
        document=table.get("document", ""),
        path=table.get("path", ""),
        doc_key=table.get("doc_key", ""),
        section_path=tuple(section_path),
        excerpt=excerpt,
        start=start,
        end=table.get("end", start + len(excerpt)),
        note=table.get("note", ""),
        created=_parse_created(table.get("created")),
        region=table.get("region", ""),
        year=table.get("year"),
    )


def _stable_id(table: Mapping[str, Any]) -> str:
    """An id for an entry written by another tool, the same on every import of it."""
    seed = "\x1f".join(
        str(table.get(key, "")) for key in ("doc_key", "path", "document", "excerpt")
    )
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def _parse_created(value: datetime | str | None) -> datetime:
    if value is None:
        return datetime.now(UTC).astimezone().replace(microsecond=0)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"'created' is not an ISO-8601 time: {value!r}") from error
    return value if value.tzinfo else value.astimezone()  # local time without offset


def parse_bookmarks(text: str, source: str) -> tuple[tuple[Bookmark, ...], tuple[str, ...]]:
    """The bookmarks of a TOML text and a message for each entry that is not one.

    Raises BookmarkError (naming `source`, the line and column) when the text is
    not TOML or not a bookmark file at all.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BookmarkError(f"{source}: not valid TOML: {error}") from error
    version = document.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise BookmarkError(
            f"{source}: bookmark file version {version!r}; this baogao reads version "
            f"{FORMAT_VERSION}"
        )
    entries = document.get("bookmark", [])
    if not isinstance(entries, list):
        raise BookmarkError(f"{source}: 'bookmark' must be an array of tables ([[bookmark]])")
    bookmarks: list[Bookmark] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{source}: bookmark {number}: not a table")
            continue
        try:
            bookmarks.append(bookmark_from_table(entry))
        except ValueError as error:
            problems.append(f"{source}: bookmark {number}: {error}")
    return tuple(bookmarks), tuple(problems)


def read_bookmark_file(path: Path) -> tuple[Bookmark, ...]:
    """Every bookmark of a file, strictly: any problem raises BookmarkError and nothing is read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BookmarkError(f"{path}: cannot read: {error}") from error
    bookmarks, problems = parse_bookmarks(text, str(path))
    if problems:
        raise BookmarkError("; ".join(problems))
    return bookmarks


# --------------------------------------------------------------------------- merge


def merge_note(existing: str, incoming: str) -> str:
    """Keep both notes: the existing one, then the incoming one if it says something new."""
    if not existing.strip():
        return incoming
    if not incoming.strip() or incoming.strip() in existing:
        return existing
    return f"{existing}\n\n{incoming}"


def merge_bookmarks(existing: Sequence[Bookmark], incoming: Iterable[Bookmark]) -> MergeResult:
    """Add the incoming bookmarks that are new; a duplicate (same id, or same doc_key,
    section path and excerpt) keeps the existing bookmark, with notes merged by merge_note."""
    merged = list(existing)
    by_id = {b.id: i for i, b in enumerate(merged)}
    by_identity = {b.identity: i for i, b in enumerate(merged)}
    added = duplicates = notes_merged = 0
    for bookmark in incoming:
        index = by_id.get(bookmark.id, by_identity.get(bookmark.identity))
        if index is None:
            by_id[bookmark.id] = by_identity[bookmark.identity] = len(merged)
            merged.append(bookmark)
            added += 1
            continue
        duplicates += 1
        note = merge_note(merged[index].note, bookmark.note)
        if note != merged[index].note:
            merged[index] = replace(merged[index], note=note)
            notes_merged += 1
    return MergeResult(tuple(merged), added, duplicates, notes_merged)


# --------------------------------------------------------------------------- files


def data_dir() -> Path:
    """$XDG_DATA_HOME/baogao, or ~/.local/share/baogao when it is unset or not absolute."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "baogao"


def store_path() -> Path:
    return data_dir() / STORE_FILE


def default_export_path(now: datetime | None = None) -> Path:
    """Where the app offers to export: the home folder, named by date."""
    stamp = (now or datetime.now()).strftime("%Y%m%d")
    return Path.home() / f"baogao-bookmarks-{stamp}.toml"


def _write_chunks(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[: 1 << 16])
        view = view[written:]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a temp file in the same folder, fsync, rename.

    On any failure the temp file is removed and the old file is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            _write_chunks(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    with suppress(OSError):  # make the rename itself durable where the OS allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a bad file to <name>.corrupt-<time> next to it, never over another one."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.rename(path, target)
    return target


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


class BookmarkStore:
    """The user's bookmarks, kept in one TOML file and saved after every change.

    Before each save the file is read again if it changed since it was last read
    (another baogao window, a sync tool), and the change is applied to what is
    on disk, so nothing written elsewhere is clobbered. `problem` holds the last
    thing the user should be told (a file set aside, a failed save), or None.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()
        self.bookmarks: tuple[Bookmark, ...] = ()
        self.problem: str | None = None
        self.writable = True
        self._stamp: tuple[int, int] | None = None
        self.bookmarks = self._read_disk()[0]

    def _read_disk(self) -> tuple[tuple[Bookmark, ...], bool]:
        """What is on disk now, and whether the file was there and sound.

        A bad file is set aside and its readable entries are still returned.
        """
        self._stamp = _stamp(self.path)
        if self._stamp is None:
            return (), False
        try:
            text = self.path.read_text(encoding="utf-8")
            bookmarks, problems = parse_bookmarks(text, str(self.path))
        except (OSError, UnicodeDecodeError) as error:
            bookmarks, problems = (), (f"{self.path}: cannot read: {error}",)
        except BookmarkError as error:
            bookmarks, problems = (), (str(error),)
        if problems:
            self._set_aside(problems)
        return bookmarks, not problems

    def _set_aside(self, problems: Sequence[str]) -> None:
        try:
            aside = set_aside(self.path)
        except OSError as error:
            self.writable = False
            self.problem = (
                "; ".join(problems) + f". It could not be moved aside ({error}), so bookmarks "
                "will not be saved this session."
            )
            return
        self._stamp = None
        self.problem = "; ".join(problems) + f". The file was kept as {aside}."

    def _change(self, change: Callable[[tuple[Bookmark, ...]], tuple[Bookmark, ...]]) -> None:
        """Apply `change` to the newest bookmarks (re-read if the file changed) and save.

        If the file vanished or went bad meanwhile, what this session holds is
        merged back in, so nothing it showed the user is lost.
        """
        base = self.bookmarks
        if self.writable and _stamp(self.path) != self._stamp:
            disk, sound = self._read_disk()
            base = disk if sound else merge_bookmarks(disk, self.bookmarks).bookmarks
        self.bookmarks = change(base)
        self.save()

    def save(self) -> None:
        """Write the bookmarks; raises BookmarkError (they stay in memory) when that fails."""
        if not self.writable:
            raise BookmarkError(f"{self.path}: not saved; {self.problem}")
        try:
            atomic_write(self.path, dumps_bookmarks(self.bookmarks).encode("utf-8"))
        except OSError as error:
            self.problem = f"{self.path}: could not save bookmarks: {error}"
            raise BookmarkError(self.problem) from error
        self._stamp = _stamp(self.path)

    def add(self, bookmark: Bookmark) -> bool:
        """Add a bookmark unless the same place is already bookmarked; True when added."""
        return self.merge((bookmark,)).added == 1

    def set_note(self, bookmark_id: str, note: str) -> None:
        self._change(
            lambda base: tuple(replace(b, note=note) if b.id == bookmark_id else b for b in base)
        )

    def remove(self, bookmark_id: str) -> tuple[int, Bookmark] | None:
        """Delete a bookmark; returns (index, bookmark) for restore(), or None if absent."""
        found = next(((i, b) for i, b in enumerate(self.bookmarks) if b.id == bookmark_id), None)
        self._change(lambda base: tuple(b for b in base if b.id != bookmark_id))
        return found

    def restore(self, index: int, bookmark: Bookmark) -> None:
        """Undo a removal: put the bookmark back where it was."""

        def put_back(base: tuple[Bookmark, ...]) -> tuple[Bookmark, ...]:
            if any(b.id == bookmark.id for b in base):
                return base
            at = min(index, len(base))
            return (*base[:at], bookmark, *base[at:])

        self._change(put_back)

    def merge(self, incoming: Iterable[Bookmark]) -> MergeResult:
        incoming = tuple(incoming)
        results: list[MergeResult] = []

        def merge_into(base: tuple[Bookmark, ...]) -> tuple[Bookmark, ...]:
            results.append(merge_bookmarks(base, incoming))
            return results[-1].bookmarks

        self._change(merge_into)
        return results[-1]

    def import_file(self, path: Path) -> MergeResult:
        """Merge a TOML file into the store; a bad file raises BookmarkError, nothing changed."""
        return self.merge(read_bookmark_file(path))

    def export_file(self, path: Path) -> int:
        """Write all bookmarks to `path`; returns how many."""
        export_bookmarks(self.bookmarks, path)
        return len(self.bookmarks)


def export_bookmarks(bookmarks: Sequence[Bookmark], path: Path) -> None:
    """Write an export atomically; an existing file is replaced only if it is a bookmark file."""
    if path.exists():
        try:
            parse_bookmarks(path.read_text(encoding="utf-8"), str(path))
            is_bookmark_file = True
        except (OSError, UnicodeDecodeError, BookmarkError):
            is_bookmark_file = False
        if not is_bookmark_file or path.is_dir():
            raise BookmarkError(f"{path}: exists and is not a bookmark file; not overwritten")
    try:
        atomic_write(path, dumps_bookmarks(bookmarks).encode("utf-8"))
    except OSError as error:
        raise BookmarkError(f"{path}: could not write: {error}") from error


# --------------------------------------------------------------------------- CLI


def run_bookmarks_command(action: str, file: Path) -> int:
    """`baogao bookmarks export FILE.toml` / `import FILE.toml`; errors to stderr, exit 1."""
    store = BookmarkStore()
    if store.problem:
        print(f"baogao: {store.problem}", file=sys.stderr)
    try:
        if action == "export":
            count = store.export_file(file)
            print(f"exported {count} bookmark{'s' if count != 1 else ''} to {file}")
        elif action == "import":
            result = store.import_file(file)
            merged = f", {result.notes_merged} notes merged" if result.notes_merged else ""
            print(f"imported {result.added} new, {result.duplicates} duplicates{merged}")
        else:
            print(f"baogao: unknown bookmarks action {action!r}", file=sys.stderr)
            return 2
    except BookmarkError as error:
        print(f"baogao: {error}", file=sys.stderr)
        return 1
    return 0
