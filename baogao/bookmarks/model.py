"""A bookmark: a place in a report, anchored so it survives re-parsing and moved files.

A bookmark is anchored by document identity (`doc_key`), section path and a text
excerpt; the offsets it carries are only hints (see `anchor`). So it survives a
re-parse, a moved file or a slightly edited text, and one that can no longer be placed
is shown as such, never dropped.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from baogao.parsers.model import Location, Report, Section, document_label
from baogao.parsers.text import sentence_span, strip_span

EXCERPT_LIMIT = 200  # characters of bookmarked text kept as the anchor
DOC_KEY_CHARS = 400  # word characters of the text that identify a document

# Runs of characters that carry a document's identity: CJK, letters, digits.
# Markdown marks, spaces and punctuation are left out, so repairing
# "# 政府工作报告\n\n2026年1月22日…" or "**政 府 工 作 报 告**" does not change the key.
WORD_RUN = re.compile(r"[^\W_]+")


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


def bookmark_label(bookmark: Bookmark) -> str:
    """The bookmarked document's label, from what the bookmark stored (see Report.label)."""
    when = str(bookmark.year) if bookmark.year else ""
    return document_label(bookmark.region or None, bookmark.document or "(untitled)", when)


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


def make_bookmark(
    report: Report, start: int, end: int, note: str = "", now: datetime | None = None
) -> Bookmark:
    """A bookmark of report.text[start:end]; an empty span bookmarks the sentence at `start`."""
    start, end = max(0, start), min(len(report.text), end)
    if end <= start:
        start, end = sentence_span(report.text, start)
    else:
        start, end = strip_span(report.text, start, end)
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
        year=report.meta.year,
    )


def section_bookmark(report: Report, section: Section, note: str = "") -> Bookmark:
    """A bookmark of a whole section (title and body)."""
    return make_bookmark(report, section.start, section.end, note)
