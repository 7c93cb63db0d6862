"""The JSON contract of `baogao dump`: plain dicts built from the model."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from baogao.parsers.model import Indicator, Report, Section, Term


def section_to_dict(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "kind": str(section.kind),
        "level": section.level,
        "start": section.start,
        "end": section.end,
        "children": [section_to_dict(child) for child in section.children],
    }


def term_to_dict(term: Term) -> dict[str, Any]:
    return {
        "term": term.term,
        "key": term.key,
        "definition": term.definition,
        "source": str(term.source),
        "defined_in": term.defined_in,
        "occurrences": [asdict(occurrence) for occurrence in term.occurrences],
    }


def indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    row = asdict(indicator)
    row["kind"] = str(indicator.kind)
    for key in ("growth_basis", "qualifier", "evidence"):
        row[key] = None if row[key] is None else str(row[key])
    return row


def report_to_dict(report: Report) -> dict[str, Any]:
    meta = report.meta
    return {
        "path": report.path,
        "source_format": str(report.source_format),
        "title": meta.title,
        "region": meta.region,
        "doc_type": meta.doc_type,
        "date": meta.date,
        "speaker": meta.speaker,
        "review_year": meta.review_year,
        "plan_year": meta.plan_year,
        "plan_period": meta.plan_period,
        "region_parent": meta.region_parent,
        "region_level": None if meta.region_level is None else str(meta.region_level),
        "copies": meta.copies,
        "sections": [section_to_dict(section) for section in report.sections],
        "glossary": [term_to_dict(term) for term in report.glossary],
        "indicators": [indicator_to_dict(indicator) for indicator in report.indicators],
    }
