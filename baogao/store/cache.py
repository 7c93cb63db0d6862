"""The parse cache: a set of report files parsed once is read back from a pickle.

No Textual here: the CLI loads the corpus before it imports the UI, and the first
screen needs only `parsers.model` (the parsing steps are imported only on a miss).
"""

from __future__ import annotations

import io
import pickle
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from baogao import parsers
from baogao.files import atomic_write
from baogao.parsers import Corpus, ReportError, report_files
from baogao.paths import cache_directory

CACHE_FORMAT = 3  # bump when the pickled layout changes
KEEP_CACHED = 8  # corpus pickles kept (one per set of files opened recently)
# What a damaged or foreign pickle can raise; any of them means "parse again".
UNREADABLE = (
    OSError,
    pickle.PickleError,
    EOFError,
    ImportError,
    AttributeError,
    ValueError,
    TypeError,
    IndexError,
)


def parser_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Name, size and mtime of every parser module: a change to any of them is a new parser."""
    folder = Path(parsers.__file__).parent
    return tuple(
        (path.name, stat.st_size, stat.st_mtime_ns)
        for path in sorted(folder.glob("*.py"))
        for stat in (path.stat(),)
    )


def corpus_key(files: Sequence[Path]) -> str:
    """Everything a cached corpus depends on: the files' paths, sizes and mtimes, the parser."""
    parts: list[object] = [CACHE_FORMAT, sys.version_info[:2], parser_fingerprint()]
    for file in files:
        stat = file.stat()
        parts.append((str(file), stat.st_size, stat.st_mtime_ns))
    return repr(parts)


def cache_file(key: str) -> Path:
    """The pickle for `key`. The name is a checksum; the full key is stored inside and checked.

    (zlib's checksums, not hashlib: importing hashlib costs the first screen 2 ms.)
    """
    data = key.encode()
    return cache_directory() / f"corpus-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle"


def prune_cache(folder: Path, keep: int = KEEP_CACHED) -> None:
    """Delete all but the `keep` most recently written corpus pickles."""
    files = sorted(folder.glob("corpus-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in files[keep:]:
        stale.unlink(missing_ok=True)


def read_cached(cached: Path, key: str) -> Corpus | None:
    """The corpus stored under `key`, or None when there is none (or it is unreadable)."""
    try:
        with cached.open("rb") as handle:
            stored_key, reports, failures = pickle.load(handle)
        if stored_key != key:
            return None
        errors = tuple(ReportError(path, problem) for path, problem in failures)
        return Corpus(tuple(reports), errors)
    except UNREADABLE:
        return None  # no cache yet, or one written by another version


class ModelPickler(pickle.Pickler):
    """Pickles a model dataclass as a call of its class with its field values.

    Read back, that is one __init__ call per object, about twice as fast as the
    default for frozen slots dataclasses (a __setstate__ setting field by field).
    """

    def reducer_override(self, obj: object) -> Any:
        if is_dataclass(obj) and not isinstance(obj, type):
            cls = type(obj)
            return cls, tuple(getattr(obj, field.name) for field in fields(cls) if field.init)
        return NotImplemented


def dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    ModelPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def write_cached(cached: Path, key: str, corpus: Corpus) -> None:
    """Store `corpus` atomically; a read-only cache only costs speed."""
    failures = tuple((error.path, error.problem) for error in corpus.errors)
    try:
        atomic_write(cached, dumps((key, corpus.reports, failures)))
        prune_cache(cached.parent)
    except OSError:
        pass


def load_corpus(paths: Iterable[str | Path]) -> Corpus:
    """Like parsers.load, but a set of files parsed before is read back from the cache."""
    paths = list(paths)
    files, missing = report_files(paths)
    try:
        key = corpus_key(files)
    except OSError:
        return parsers.load(paths)
    cached = cache_file(key)
    corpus = read_cached(cached, key)
    if corpus is None:
        corpus = parsers.load(files)
        write_cached(cached, key, corpus)
    return Corpus(corpus.reports, (*missing, *corpus.errors))


def seed_corpus() -> Corpus:
    """The bundled sample reports, through the cache."""
    from baogao.seeds import seed_paths

    return load_corpus(seed_paths())
