"""Merging bookmarks: an import adds what is new and keeps what is there."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from baogao.bookmarks.model import Bookmark


@dataclass(frozen=True, slots=True)
class MergeResult:
    bookmarks: tuple[Bookmark, ...]
    added: int
    duplicates: int
    notes_merged: int


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
