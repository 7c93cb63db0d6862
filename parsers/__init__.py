"""Turn report files into immutable `Report` models. No UI here.

folders -> find_reports (the report files under them, walked as ripgrep walks)
file -> source (any format: text, PDF, web page, Word; bytes to text)
     -> repair (page breaks, markdown debris)
     -> outline (section tree) -> meta -> glossary -> indicators -> Report
and, over the reports that loaded, link (glossary definitions lent across reports).

Each step imports only earlier steps and the shared vocabulary: model, text (sentence
ends, full-width forms, numerals) and headings (how a heading line looks, which repair
needs to know where a paragraph may not be joined).

The steps are imported inside the functions that run them: their regexes take tens of
milliseconds to compile, and a program that reads parsed reports back from a cache
(the explorer's first screen) needs only the model.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from baogao.parsers.model import Report, ReportError, SourceFormat, report_label

__all__ = [
    "Corpus",
    "Found",
    "Report",
    "ReportError",
    "SourceFormat",
    "find_reports",
    "load",
    "parse",
    "parse_text",
    "reader_text",
    "report_files",
]


def parse_text(
    raw: str, path: str = "<text>", source_format: SourceFormat = SourceFormat.TXT
) -> Report:
    """Parse the decoded text of one report (without cross-document linking)."""
    from baogao.parsers.glossary import extract_glossary
    from baogao.parsers.indicators import extract_indicators
    from baogao.parsers.meta import read_metadata
    from baogao.parsers.outline import build_outline, titled_from
    from baogao.parsers.repair import repair
    from baogao.parsers.text import fold_numbers

    repaired = repair(raw)
    # The steps read full-width digits as ASCII (２０２５年 as 2025年); the text keeps them
    # as written, and the folding is one character for one, so every offset holds.
    matching = replace(repaired, text=fold_numbers(repaired.text))
    sections = build_outline(matching)
    meta = read_metadata(matching.text, sections, path)
    glossary = extract_glossary(
        matching.text, sections, repaired.emphasis, defined_in=report_label(meta, path)
    )
    indicators = extract_indicators(matching.text, sections, meta)
    return Report(
        path=path,
        text=repaired.text,
        meta=meta,
        sections=titled_from(sections, repaired.text),
        emphasis=repaired.emphasis,
        glossary=glossary,
        indicators=indicators,
        source_format=source_format,
    )


def parse(path: str | Path) -> Report:
    """Read and parse one report file; raises ReportError naming the file and the problem."""
    from baogao.parsers.source import read_source

    path = Path(path)
    source = read_source(path)
    return parse_text(source.text, str(path), source.format)


def reader_text(path: str | Path) -> str:
    """The repaired text of a report file, as the reader sees it: what every `start` and
    `end` offset of its Report points into (without parsing sections or figures)."""
    from baogao.parsers.repair import repair
    from baogao.parsers.source import read_source

    return repair(read_source(Path(path)).text).text


class Corpus(NamedTuple):
    """Reports that loaded, with their glossaries linked, the files that did not, and the
    files of other kinds (images, spreadsheets) a folder held, skipped unread."""

    reports: tuple[Report, ...]
    errors: tuple[ReportError, ...]
    skipped: tuple[Path, ...] = ()


# ------------------------------------------------------------------ finding report files
# Here, not in a module of its own: the explorer's cached start-up walks the given paths
# and must load no parsing module (tests/test_cache.py).

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
DOCUMENT_SUFFIXES = (".pdf", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".wps")
# What a folder walk reads; other files in a folder are skipped and counted.
REPORT_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES

FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "a character device, not a file"),
    (stat.S_ISBLK, "a block device, not a file"),
    (stat.S_ISSOCK, "a socket, not a file"),
)


def refuse(path: Path | str, problem: str) -> ReportError:
    """The error for a file that cannot be read, its name safe to print."""
    from baogao.parsers.text import printable  # lazily: a cached start-up needs only the model

    return ReportError(printable(str(path)), problem)


def os_problem(error: OSError) -> str:
    """An OSError as the problem a user reads: a symlink loop is not a missing file."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or "cannot be read"


def file_kind_problem(mode: int) -> str | None:
    """Why a file of this kind is not read (a FIFO would block, /dev/zero never ends)."""
    for is_kind, problem in FILE_KINDS:
        if is_kind(mode):
            return problem
    return None


class Found(NamedTuple):
    """What a walk over the given paths found: report files, problems, other files."""

    files: tuple[Path, ...]
    errors: tuple[ReportError, ...]
    skipped: tuple[Path, ...]


def find_reports(paths: Iterable[str | Path]) -> Found:
    """Expand folders (and their sub-folders) into the report files they hold, as ripgrep
    walks: hidden entries left out, an unreadable folder or a broken link named and
    skipped, special files refused by kind, a symbolic link loop walked once."""
    files: list[Path] = []
    errors: list[ReportError] = []
    skipped: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def listing(folder: Path) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            errors.append(refuse(folder, f"{os_problem(error)} (folder skipped)"))
            return iter(())
        return iter(entries)

    def walk(folder: Path) -> None:
        """Depth first in name order, with a stack of listings (no recursion limit)."""
        pending = [listing(folder)]
        while pending:
            entry = next(pending[-1], None)
            if entry is None:
                pending.pop()
                continue
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                info = entry.stat()
            except OSError as error:
                problem = os_problem(error)
                if entry.is_symlink() and problem == "no such file or folder":
                    problem = "a broken symbolic link"
                errors.append(refuse(path, problem))
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in visited:
                    if entry.is_symlink():
                        errors.append(refuse(path, "a symbolic link loop (not followed)"))
                    continue
                visited.add((info.st_dev, info.st_ino))
                pending.append(listing(path))
            elif path.suffix.lower() not in REPORT_SUFFIXES:
                skipped.append(path)
            elif stat.S_ISREG(info.st_mode):
                files.append(path)
            else:
                errors.append(refuse(path, file_kind_problem(info.st_mode) or "not a file"))

    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError as error:
            problem = os_problem(error)
            if path.is_symlink() and problem == "no such file or folder":
                problem = "a broken symbolic link"
            errors.append(refuse(path, problem))
            continue
        if stat.S_ISDIR(info.st_mode):
            visited.add((info.st_dev, info.st_ino))
            walk(path)
        elif stat.S_ISREG(info.st_mode):
            files.append(path)
        else:
            errors.append(refuse(path, file_kind_problem(info.st_mode) or "not a file"))
    return Found(tuple(files), tuple(errors), tuple(skipped))


def report_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReportError]]:
    """The report files under `paths` and the problems met finding them (see find_reports)."""
    found = find_reports(paths)
    return list(found.files), list(found.errors)


def load(paths: Iterable[str | Path]) -> Corpus:
    """Parse every report under `paths`; a bad file is an error, never an exception."""
    from baogao.parsers.link import link_glossaries

    found = find_reports(paths)
    reports: list[Report] = []
    errors = list(found.errors)
    for file in found.files:
        try:
            reports.append(parse(file))
        except ReportError as error:
            errors.append(error)
    return Corpus(link_glossaries(tuple(reports)), tuple(errors), found.skipped)
