"""Bookmarks: the model, finding them again, the TOML file format, merging, the store.

No Textual here, so `baogao bookmarks export|import` starts fast and the logic is
testable without an app.
"""

from baogao.bookmarks.anchor import place, place_all, place_in_report
from baogao.bookmarks.file_format import (
    FORMAT_VERSION,
    dumps_bookmarks,
    parse_bookmarks,
    read_bookmark_file,
)
from baogao.bookmarks.merge import MergeResult, merge_bookmarks, merge_note
from baogao.bookmarks.model import (
    Bookmark,
    BookmarkError,
    Placement,
    bookmark_label,
    document_key,
    make_bookmark,
    section_bookmark,
)
from baogao.bookmarks.store import BookmarkStore, default_export_path, export_bookmarks, store_path

__all__ = [
    "FORMAT_VERSION",
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "MergeResult",
    "Placement",
    "bookmark_label",
    "default_export_path",
    "document_key",
    "dumps_bookmarks",
    "export_bookmarks",
    "make_bookmark",
    "merge_bookmarks",
    "merge_note",
    "parse_bookmarks",
    "place",
    "place_all",
    "place_in_report",
    "read_bookmark_file",
    "section_bookmark",
    "store_path",
]
