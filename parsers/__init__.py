"""Turn report files into immutable `Report` models. No UI here.

file -> source (bytes to text) -> repair (page breaks, markdown debris)
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

from baogao.parsers.model import Report, ReportError, report_label

__all__ = ["Corpus", "Report", "ReportError", "load", "parse", "parse_text", "report_files"]


def parse_text(raw: str, path: str = "<text>") -> Report:
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
    )


def parse(path: str | Path) -> Report:
    """Read and parse one report file; raises ReportError naming the file and the problem."""
    from baogao.parsers.source import read_text

    path = Path(path)
    return parse_text(read_text(path), str(path))


@dataclass(frozen=True, slots=True)
class Corpus:
    """Reports that loaded, with their glossaries linked, and the files that did not."""

    reports: tuple[Report, ...]
    errors: tuple[ReportError, ...]


def report_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReportError]]:
    """Expand folders into the report files they hold; missing paths become errors."""
    files: list[Path] = []
    errors: list[ReportError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            from baogao.parsers.source import REPORT_SUFFIXES  # only folders need it

            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix in REPORT_SUFFIXES)
            )
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ReportError(str(path), "no such file or folder"))
    return files, errors


def load(paths: Iterable[str | Path]) -> Corpus:
    """Parse every report under `paths`; a bad file is an error, never an exception."""
    from baogao.parsers.link import link_glossaries

    files, errors = report_files(paths)
    reports: list[Report] = []
    for file in files:
        try:
            reports.append(parse(file))
        except ReportError as error:
            errors.append(error)
    return Corpus(link_glossaries(tuple(reports)), tuple(errors))
