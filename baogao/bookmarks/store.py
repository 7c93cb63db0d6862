"""The user's bookmark store: `$XDG_DATA_HOME/baogao/bookmarks.toml`, saved after each change.

The store is in the same format as an export. Every change is made under a lock and
written atomically (baogao.files); a file that cannot be read or parsed is renamed
aside, never overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from baogao.bookmarks.file_format import dumps_bookmarks, parse_bookmarks, read_bookmark_file
from baogao.bookmarks.merge import MergeResult, merge_bookmarks
from baogao.bookmarks.model import Bookmark, BookmarkError
from baogao.files import LockTimeout, atomic_write, locked, remove_temp_files, set_aside
from baogao.paths import data_directory

STORE_FILE = "bookmarks.toml"


def store_path() -> Path:
    return data_directory() / STORE_FILE


def default_export_path(now: datetime | None = None) -> Path:
    """Where the app offers to export: the home folder, named by date."""
    stamp = (now or datetime.now()).strftime("%Y%m%d")
    return Path.home() / f"baogao-bookmarks-{stamp}.toml"


Stamp = tuple[int, int, int, int]  # (device, inode, mtime in ns, size) of one version


def _stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size)


def _stamp(path: Path) -> Stamp | None:
    try:
        return _stamp_of(path.stat())
    except OSError:
        return None


class BookmarkStore:
    """The user's bookmarks, kept in one TOML file and saved after every change.

    Every change is a read-modify-write under the store's lock (baogao.files.locked):
    the file is read again if it changed since it was last read (another baogao
    window, a sync tool), the change is applied to what is on disk and the result
    written atomically, so nothing written elsewhere is clobbered. `problem` holds the
    last thing the user should be told (a file set aside, a failed save), or None.

    A `read_only` store (for `export`) never writes, locks or sets anything aside.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path or store_path()
        self.read_only = read_only
        self.bookmarks: tuple[Bookmark, ...] = ()
        self.problem: str | None = None
        self.writable = not read_only
        self.sound = True  # False when the file on disk could not be read in full
        self._stamp: Stamp | None = None
        self._unsaved = False  # a change that is only in memory (a failed save)
        self.bookmarks = self._read_disk()[0]

    def _read_disk(self) -> tuple[tuple[Bookmark, ...], bool]:
        """What is on disk now, and whether the file was there and sound.

        A bad file is set aside and its readable entries are still returned. The
        stamp is taken from the very file read, so a later write by another process
        is never mistaken for the version this store holds.
        """
        try:
            with self.path.open("rb") as file:
                status = os.fstat(file.fileno())
                data = file.read()
        except FileNotFoundError:
            self._stamp = None
            return (), False
        except OSError as error:
            self._stamp = None
            return self._bad_file((), (f"{self.path}: cannot read: {error}",))
        self._stamp = _stamp_of(status)
        try:
            bookmarks, problems = parse_bookmarks(data.decode("utf-8"), str(self.path))
        except UnicodeDecodeError as error:
            bookmarks, problems = (), (f"{self.path}: cannot read: {error}",)
        except BookmarkError as error:
            bookmarks, problems = (), (str(error),)
        if problems:
            return self._bad_file(bookmarks, problems)
        self.sound = True
        return bookmarks, True

    def _bad_file(
        self, bookmarks: tuple[Bookmark, ...], problems: Sequence[str]
    ) -> tuple[tuple[Bookmark, ...], bool]:
        self.sound = False
        if self.read_only:
            self.problem = "; ".join(problems) + ". The file was left as it is."
        else:
            self._set_aside(problems)
        return bookmarks, False

    def _set_aside(self, problems: Sequence[str]) -> None:
        try:
            aside = set_aside(self.path)
        except FileNotFoundError:  # another baogao set it aside a moment ago
            self._stamp = None
            self.problem = "; ".join(problems) + ". Another baogao set the file aside."
            return
        except OSError as error:
            self.writable = False
            self.problem = (
                "; ".join(problems) + f". It could not be moved aside ({error}), so bookmarks "
                "will not be saved this session."
            )
            return
        self._stamp = None
        self.problem = "; ".join(problems) + f". The file was kept as {aside}."

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the version this store last read or wrote."""
        return _stamp(self.path) != self._stamp

    def reload(self) -> bool:
        """Read the file again if another process changed it; True when the list changed.

        A change of this session that is not saved yet is kept (merged in).
        """
        if not self.changed_on_disk():
            return False
        before = self.bookmarks
        disk, sound = self._read_disk()
        if self._unsaved or not sound:
            disk = merge_bookmarks(disk, before).bookmarks
        self.bookmarks = disk
        return self.bookmarks != before

    def _change(self, change: Callable[[tuple[Bookmark, ...]], tuple[Bookmark, ...]]) -> None:
        """Apply `change` to the newest bookmarks and save, holding the store's lock.

        If the file vanished or went bad meanwhile, what this session holds is
        merged back in, so nothing it showed the user is lost. When the lock cannot
        be had, the change is kept in memory for the next save and BookmarkError says so.
        """
        if not self.writable:
            self.bookmarks = change(self.bookmarks)
            self._unsaved = True
            raise BookmarkError(f"{self.path}: not saved; {self.problem}")
        try:
            with locked(self.path):
                remove_temp_files(self.path)  # left by a writer that was killed
                base = self.bookmarks
                if self.changed_on_disk():
                    disk, sound = self._read_disk()
                    keep_ours = self._unsaved or not sound
                    base = merge_bookmarks(disk, self.bookmarks).bookmarks if keep_ours else disk
                self.bookmarks = change(base)
                self._write()
        except LockTimeout as error:
            self.bookmarks = change(self.bookmarks)
            self._unsaved = True
            self.problem = (
                f"{self.path}: not saved: {error.strerror} ({error.filename}); "
                "the change is kept and saved with the next one"
            )
            raise BookmarkError(self.problem) from error
        except OSError as error:  # the lock file cannot be made: a read-only folder
            self.bookmarks = change(self.bookmarks)
            self._unsaved = True
            self.problem = f"{self.path}: could not save bookmarks: {error}"
            raise BookmarkError(self.problem) from error

    def _write(self) -> None:
        try:
            written = atomic_write(self.path, dumps_bookmarks(self.bookmarks).encode("utf-8"))
        except OSError as error:
            self._unsaved = True
            self.problem = f"{self.path}: could not save bookmarks: {error}"
            raise BookmarkError(self.problem) from error
        self._stamp = _stamp_of(written)
        self._unsaved = False

    def save(self) -> None:
        """Write the bookmarks; raises BookmarkError (they stay in memory) when that fails."""
        self._change(lambda base: base)

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
