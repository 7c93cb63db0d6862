"""The corpus store: one SQLite database of parsed reports, shared by every set of paths.

A report is stored under its *key*: a hash of the file's bytes, the parser's version
and the file's name (the parser reads the name: a report without a title is called by
it). Opening a subset of a folder, or the same file under another folder, reuses the
entry. A second table remembers each path's size and mtime with the hash it had, so a
warm start hashes nothing.

Guarantees: each write is one transaction (a crash mid-write loses only that write);
a row is a checksum and compressed JSON (never pickle), validated by `codec` on every
read, and a row that fails is deleted and parsed again; a file that is not a
database is set aside (`baogao.files.set_aside`) and a new one started, with a notice.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from baogao import parsers
from baogao.files import set_aside
from baogao.parsers.model import Term
from baogao.paths import cache_directory
from baogao.store import codec

DATABASE_NAME = "corpus.sqlite3"
SCHEMA = 4  # bump when the tables change: the tables of another schema are dropped
KEEP_UNUSED_DAYS = 90  # entries not read for this long are pruned
KEEP_LINKED_SETS = 64  # sets of reports whose linked glossaries are kept
# Reading an entry marks it used (pruning keeps what is used), at most this often: an
# open that only reads then writes nothing, and never waits on another writer.
TOUCH_AFTER_SECONDS = 86_400
BUSY_TIMEOUT_MS = 5_000  # another baogao writing: wait this long before giving up

_TABLES = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY,          -- content hash . parser version . file name
    parser TEXT NOT NULL,
    format INTEGER NOT NULL,
    text_bytes INTEGER NOT NULL,   -- size of the report's text in UTF-8
    summary BLOB NOT NULL,         -- codec.encode_summary
    summary_sum TEXT NOT NULL,     -- its blake2b: the outline is checked without the body
    body BLOB NOT NULL,            -- codec.encode_body
    body_sum TEXT NOT NULL,        -- its blake2b
    used REAL NOT NULL             -- when last read or written (Unix time)
);
CREATE TABLE IF NOT EXISTS links (
    set_key TEXT PRIMARY KEY,      -- blake2b of the ordered report keys of one open set
    glossaries BLOB NOT NULL,      -- codec.encode_links: what linking changed in glossaries
    links_sum TEXT NOT NULL,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL           -- blake2b of the file's bytes at that size and mtime
);
"""


class StoreUnavailable(Exception):
    """The cache folder cannot hold a database (read-only, not a folder, …)."""


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def checksum(part: bytes) -> str:
    return hashlib.blake2b(part, digest_size=16).hexdigest()


_parser_version: str | None = None


def parser_version() -> str:
    """A hash of the parser modules (the format readers' too): any change to one of them
    is a new parser. A module's size and modification time stand for its content:
    reading every module cost each start 1.4 ms; a reinstall only parses once more."""
    global _parser_version
    if _parser_version is None:
        digest = hashlib.blake2b(digest_size=8)
        folder = Path(parsers.__file__).parent
        for module in sorted(folder.rglob("*.py")):
            stat = module.stat()
            name = module.relative_to(folder).as_posix()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        _parser_version = digest.hexdigest()
    return _parser_version


def report_key(digest: str, name: str) -> str:
    return f"{digest}.{parser_version()}.{name}"


class Entry(NamedTuple):
    """A stored report, its summary decoded; the body is read by `CorpusStore.report`."""

    key: str
    summary: codec.Summary


class CorpusStore:
    """The open database. Use as a context manager, or call `close()`.

    `notices` collects what the caller should show the user (a damaged database set
    aside, damaged entries parsed again); nothing here prints.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_directory()
        self.path = self.folder / DATABASE_NAME
        self.notices: list[str] = []
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except (OSError, sqlite3.Error) as error:
            raise StoreUnavailable(f"{self.folder}: {_reason(error)}") from None

    # ----------------------------------------------------------------- opening

    def _connect(self) -> sqlite3.Connection:
        try:
            return self._open_tables()
        except sqlite3.DatabaseError as error:
            if not self.path.exists() or isinstance(error, sqlite3.OperationalError):
                raise  # not damage: a read-only folder, a locked file
            self._set_aside(error)
            return self._open_tables()

    def _set_aside(self, error: Exception) -> None:
        aside = set_aside(self.path)
        for suffix in ("-wal", "-shm"):
            with suppress(OSError):
                self.path.with_name(self.path.name + suffix).unlink()
        self.notices.append(
            f"the corpus store was damaged ({error}); set aside as {aside.name} and rebuilt"
        )

    @classmethod
    def rebuilt(cls, damaged: CorpusStore, error: Exception) -> CorpusStore:
        """A new, empty store in place of `damaged` (closed), which is set aside."""
        damaged.close()
        notices = [*damaged.notices]
        try:
            damaged._set_aside(error)
        except OSError as failure:
            raise StoreUnavailable(f"{damaged.path}: {_reason(failure)}") from None
        store = cls(damaged.folder)
        store.notices[:0] = [*notices, *damaged.notices[len(notices) :]]
        return store

    def _open_tables(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")  # readers never wait on `baogao index`
            db.execute("PRAGMA synchronous = NORMAL")
            if _schema(db) == str(SCHEMA):
                return db  # the tables are there: an open reads, it takes no write lock
            with _transaction(db):
                db.execute("CREATE TABLE IF NOT EXISTS store (name TEXT PRIMARY KEY, value TEXT)")
                row = db.execute("SELECT value FROM store WHERE name = 'schema'").fetchone()
                if row is None or row[0] != str(SCHEMA):  # new, older or newer: start afresh
                    for table in ("reports", "files", "links"):
                        db.execute(f"DROP TABLE IF EXISTS {table}")
                    db.execute("INSERT OR REPLACE INTO store VALUES ('schema', ?)", (str(SCHEMA),))
                for statement in _TABLES.split(";"):
                    if statement.strip():
                        db.execute(statement)
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- files

    def known_digest(self, path: Path, size: int, mtime_ns: int) -> str | None:
        """The digest recorded for `path` at this size and mtime, if any."""
        row = self._db.execute(
            "SELECT digest FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
            (str(path), size, mtime_ns),
        ).fetchone()
        return row[0] if row and isinstance(row[0], str) else None

    def remember_files(self, rows: Iterable[tuple[Path, int, int, str]]) -> None:
        with _transaction(self._db):
            self._db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                ((str(path), size, mtime, digest) for path, size, mtime, digest in rows),
            )

    # ----------------------------------------------------------------- reports

    def stored_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of `keys` have a row (not validated: for deciding whether to show progress)."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key FROM reports WHERE key IN ({marks})"
            found.update(key for (key,) in self._db.execute(query, chunk))
        return found

    def entries(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The valid stored entries among `keys`; invalid rows are deleted (and noted)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Entry] = {}
        damaged: list[str] = []
        stale: list[str] = []  # read, and last marked used long enough ago to mark again
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT key, parser, format, summary, summary_sum, used FROM reports"
                f" WHERE key IN ({marks})",
                chunk,
            )
            for key, parser, format_, summary, summary_sum, used in rows:
                try:
                    entry = self._entry(key, parser, format_, summary, summary_sum)
                except codec.ModelError:
                    damaged.append(key)
                    continue
                found[key] = entry
                if _touch_due(used):
                    stale.append(key)
        if damaged:
            self.forget(damaged)
            self.notices.append(
                f"{len(damaged)} damaged entr{'y' if len(damaged) == 1 else 'ies'} "
                "in the corpus store: parsed again"
            )
        self._touch(stale)
        return found

    def _entry(
        self, key: object, parser: object, format_: object, summary: object, summary_sum: object
    ) -> Entry:
        if not (isinstance(key, str) and isinstance(summary, bytes)):
            raise codec.ModelError("a row of the wrong types")
        if parser != parser_version() or format_ != codec.FORMAT:
            raise codec.ModelError("a row of another parser or format")
        if summary_sum != checksum(summary):
            raise codec.ModelError("checksum mismatch")
        return Entry(key, codec.decode_summary(summary))

    def report(self, entry: Entry, path: str) -> parsers.Report:
        """The full report of `entry`, as found at `path`; raises ModelError when damaged."""
        row = self._db.execute(
            "SELECT body, body_sum FROM reports WHERE key = ?", (entry.key,)
        ).fetchone()
        if row is None:
            raise codec.ModelError("the entry is gone")
        body, body_sum = row
        if not isinstance(body, bytes) or body_sum != checksum(body):
            self.forget([entry.key])
            raise codec.ModelError("checksum mismatch")
        try:
            return codec.decode_report(path, entry.summary, body)
        except codec.ModelError:
            self.forget([entry.key])
            raise

    def put(self, rows: Iterable[tuple[str, int, bytes, bytes]]) -> None:
        """Store (key, text bytes, summary, body) rows in one transaction."""
        now = time.time()
        with _transaction(self._db):
            self._db.executemany(
                "INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        key,
                        parser_version(),
                        codec.FORMAT,
                        size,
                        summary,
                        checksum(summary),
                        body,
                        checksum(body),
                        now,
                    )
                    for key, size, summary, body in rows
                ),
            )

    # ----------------------------------------------------------------- linked glossaries

    def set_key(self, keys: Iterable[str]) -> str:
        return checksum("\n".join(keys).encode())

    def links(
        self, set_key: str, glossaries: list[tuple[tuple[Term, ...], int]]
    ) -> dict[int, tuple[Term, ...]] | None:
        """The glossaries linking gave this set (by report position), from each report's
        own (glossary, text length); None when not stored or damaged (then link)."""
        row = self._db.execute(
            "SELECT glossaries, links_sum, used FROM links WHERE set_key = ?", (set_key,)
        ).fetchone()
        if row is None:
            return None
        data, data_sum, used = row
        try:
            if not isinstance(data, bytes) or data_sum != checksum(data):
                raise codec.ModelError("checksum mismatch")
            lent = codec.decode_links(data, glossaries)
        except codec.ModelError:
            with _transaction(self._db):
                self._db.execute("DELETE FROM links WHERE set_key = ?", (set_key,))
            self.notices.append("a damaged entry in the corpus store: glossaries linked again")
            return None
        if _touch_due(used):
            with suppress(sqlite3.OperationalError), _transaction(self._db):
                now = time.time()
                self._db.execute("UPDATE links SET used = ? WHERE set_key = ?", (now, set_key))
        return lent

    def put_links(
        self, set_key: str, changed: list[tuple[int, tuple[Term, ...], tuple[Term, ...]]]
    ) -> None:
        """Keep what linking changed: (report position, glossary before, after) each."""
        data = codec.encode_links(changed)
        with _transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?)",
                (set_key, data, checksum(data), time.time()),
            )

    def forget(self, keys: Iterable[str]) -> None:
        with _transaction(self._db):
            self._db.executemany("DELETE FROM reports WHERE key = ?", ((key,) for key in keys))

    def _touch(self, keys: list[str]) -> None:
        if not keys:
            return
        with suppress(sqlite3.OperationalError), _transaction(self._db):  # a busy store: skip
            self._db.executemany(
                "UPDATE reports SET used = ? WHERE key = ?", ((time.time(), key) for key in keys)
            )

    # ----------------------------------------------------------------- upkeep

    def prune(self, now: float | None = None, keep_days: float = KEEP_UNUSED_DAYS) -> int:
        """Delete entries of another parser or format, or unused for `keep_days`; the count."""
        cutoff = (now or time.time()) - keep_days * 86_400
        with _transaction(self._db):
            cursor = self._db.execute(
                "DELETE FROM reports WHERE parser != ? OR format != ? OR used < ?",
                (parser_version(), codec.FORMAT, cutoff),
            )
            pruned = cursor.rowcount
            self._db.execute("DELETE FROM links WHERE used < ?", (cutoff,))
            self._db.execute(
                "DELETE FROM links WHERE set_key NOT IN "
                "(SELECT set_key FROM links ORDER BY used DESC LIMIT ?)",
                (KEEP_LINKED_SETS,),
            )
            self._db.execute(
                "DELETE FROM files WHERE digest NOT IN (SELECT substr(key, 1, 32) FROM reports)"
            )
        return max(pruned, 0)

    def sizes(self) -> tuple[int, int, int]:
        """Entries, their text in bytes, and the database file's size."""
        count, text = self._db.execute(
            "SELECT count(*), coalesce(sum(text_bytes), 0) FROM reports"
        ).fetchone()
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(count), int(text), self.path.stat().st_size


def _touch_due(used: object) -> bool:
    """Whether a row last marked used at `used` is to be marked again (TOUCH_AFTER_SECONDS)."""
    return not isinstance(used, float) or used < time.time() - TOUCH_AFTER_SECONDS


def _schema(db: sqlite3.Connection) -> object:
    """The schema the database says it has (None when it says nothing)."""
    try:
        row = db.execute("SELECT value FROM store WHERE name = 'schema'").fetchone()
    except sqlite3.OperationalError:  # no `store` table: a new database
        return None
    return row[0] if row else None


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)
