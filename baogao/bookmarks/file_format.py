"""The bookmark file format: UTF-8 TOML, one [[bookmark]] table each (the README shows it).

The store and an export are the same format, so a user's bookmarks can be taken to
another machine or tool and brought back.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomli_w

from baogao.bookmarks.model import Bookmark, BookmarkError

FORMAT_VERSION = 1
BYTE_ORDER_MARK = "\ufeff"
TABLE_CACHE = 1 << 18  # formatted bookmarks remembered; more than any store holds

FILE_HEADER = (
    "# baogao bookmarks: one [[bookmark]] table each (format described in the README).\n"
    "# start/end are the last known offsets into the text, hints only;\n"
    "# a bookmark is found again by doc_key, section_path and excerpt.\n"
)


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
    parts.extend(map(bookmark_toml, bookmarks))
    return "".join(parts)


@lru_cache(maxsize=TABLE_CACHE)
def bookmark_toml(bookmark: Bookmark) -> str:
    """One [[bookmark]] table as TOML; remembered, so saving a large store after one
    change formats only the changed bookmark (a Bookmark is frozen and hashable)."""
    table = bookmark_to_table(bookmark)
    body = tomli_w.dumps(table, multiline_strings=not _has_carriage_return(table))
    return "\n[[bookmark]]\n" + body


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
    # offsets are hints: one outside the text (negative, or end before start) is moved in
    start = max(0, table.get("start", 0))
    end = max(start, table.get("end", start + len(excerpt)))
    return Bookmark(
        id=table.get("id") or _stable_id(table),
        document=table.get("document", ""),
        path=table.get("path", ""),
        doc_key=table.get("doc_key", ""),
        section_path=tuple(section_path),
        excerpt=excerpt,
        start=start,
        end=end,
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
    text = text.removeprefix(BYTE_ORDER_MARK)  # written by some Windows editors
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BookmarkError(f"{source}: not valid TOML: {error}") from error
    except RecursionError as error:  # arrays or tables nested a thousand deep
        raise BookmarkError(
            f"{source}: not valid TOML: nested too deeply (line {_deepest_line(text)})"
        ) from error
    except Exception as error:  # whatever else the decoder meets is bad input too
        raise BookmarkError(f"{source}: not valid TOML: {type(error).__name__}") from error
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


def _deepest_line(text: str) -> int:
    """The line where brackets and braces nest deepest (strings are not told apart: a hint)."""
    depth = deepest = 0
    line = deepest_line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1
    return deepest_line


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
