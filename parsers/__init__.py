"""Turn report files into immutable `Report` models. No UI here.

folders -> walk (the report files under them, as ripgrep walks)
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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from baogao.parsers.model import Report, ReportError, SourceFormat, report_label
from baogao.parsers.walk import Found, find_reports

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
    from baogao.parsers.outline import build_outline
    from baogao.parsers.repair import repair

    repaired = repair(raw)
    sections = build_outline(repaired)
    meta = read_metadata(repaired.text, sections, path)
    glossary = extract_glossary(
        repaired.text, sections, repaired.emphasis, defined_in=report_label(meta, path)
    )
    indicators = extract_indicators(repaired.text, sections, meta)
    return Report(
        path=path,
        text=repaired.text,
        meta=meta,
        sections=sections,
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


@dataclass(frozen=True, slots=True)
class Corpus:
    """Reports that loaded, with their glossaries linked, the files that did not, and the
    files of other kinds (images, spreadsheets) a folder held, skipped unread."""

    reports: tuple[Report, ...]
    errors: tuple[ReportError, ...]
    skipped: tuple[Path, ...] = ()


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
