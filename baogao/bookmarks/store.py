"""The user's bookmark store: `$XDG_DATA_HOME/baogao/bookmarks.toml`, saved after each change.

The store is in the same format as an export. Writes are atomic (baogao.files); a
file that cannot be read or parsed is renamed aside, never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from baogao.bookmarks.file_format import dumps_bookmarks, parse_bookmarks, read_bookmark_file
from baogao.bookmarks.merge import MergeResult, merge_bookmarks
from baogao.bookmarks.model import Bookmark, BookmarkError
from baogao.files import atomic_write, set_aside
from baogao.paths import data_directory

STORE_FILE = "bookmarks.toml"


def store_path() -> Path:
    return data_directory() / STORE_FILE


def default_export_path(now: datetime | None = None) -> Path:
    """Where the app offers to export: the home folder, named by date."""
    stamp = (now or datetime.now()).strftime("%Y%m%d")
    return Path.home() / f"baogao-bookmarks-{stamp}.toml"


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
