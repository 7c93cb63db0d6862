"""Glossary: explicit 名词解释 entries and inline coined terms. (stub: being written)"""

from __future__ import annotations

from parsers.model import Report, Section, Span, Term


def extract_glossary(
    text: str, sections: tuple[Section, ...], emphasis: tuple[Span, ...]
) -> tuple[Term, ...]:
    return ()


def link_glossaries(reports: tuple[Report, ...]) -> tuple[Report, ...]:
    return reports
