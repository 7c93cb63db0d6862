"""Finding a bookmark again in the open reports: by document, section path and excerpt."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from baogao.bookmarks.model import Bookmark, Placement, document_key
from baogao.parsers.model import Report, Section

FUZZY_THRESHOLD = 80.0  # rapidfuzz partial_ratio score (0-100) to accept a moved, edited excerpt


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


# What may stand around a report's title in the name another tool gives it:
# "伊宁市2026年政府工作报告", "政府工作报告（2026年）", "伊宁市 政府工作报告 2026".
NAME_FILLER = re.compile(r"[\s()（）《》〈〉\[\]【】·:：,，、-]|年")


def names_report(document: str, report: Report) -> bool:
    """Whether `document` names `report`: its title or label, with or without its region
    and year around the title, in any order ("伊宁市政府工作报告" for 政府工作报告)."""
    title = report.title
    if not document or not title or title not in document:
        return document in (report.label(), report.label(with_region=False))
    rest = document.replace(title, "", 1)
    for part in (report.meta.region, str(report.meta.year) if report.meta.year else None):
        if part:
            rest = rest.replace(part, "", 1)
    return not NAME_FILLER.sub("", rest)


def place(bookmark: Bookmark, reports: Sequence[Report]) -> Placement | None:
    """Where the bookmark is now, or None when no open report holds it (shown, never dropped).

    The document is found by doc_key, then path, and searched exactly, then
    fuzzily. Failing that, an exact excerpt in a report the bookmark's document
    names (its title, or its label with region and year; see names_report) and of
    the same region is accepted (the same report converted again, or a bookmark
    written by another tool). Other reports are not
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
        if any(report is c for c in candidates) or not names_report(bookmark.document, report):
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
