"""Glossaries across reports: lend each explicit definition to the other reports using it.

A report's own glossary comes from `glossary.extract_glossary`; this step runs once the
reports are parsed, so "三项计划" explained in one report is explained in all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from baogao.parsers.glossary import (
    Forms,
    find_occurrences,
    forms_of,
    occurrences_in,
    quoted_spans,
)
from baogao.parsers.model import Report, Term, TermSource


@dataclass(frozen=True, slots=True)
class _Definition:
    """An explicit term as other reports may borrow it."""

    term: Term
    label: str  # the defining report
    region: str | None
    forms: Forms
    cores: frozenset[str]  # quoted cores: “四上” for “四上”企业

    @property
    def local(self) -> bool:
        """A number formula or code (“1+5+N”, “1681”) means something else in each place."""
        return self.term.key[:1].isascii()

    def lends_to(self, report: Report) -> bool:
        return not self.local or (self.region is not None and self.region == report.meta.region)


def link_glossaries(reports: tuple[Report, ...]) -> tuple[Report, ...]:
    """Lend each explicit definition to the other reports that use the term.

    A term a report lists without a definition takes the first definition found
    under the same key (or quoted core: “四上” for “四上”企业); a term defined
    elsewhere and quoted in a report's text joins that report's glossary.
    Number formulas are lent only within a region. Work is one pass over the
    definitions and one scan of quoted phrases per report that may use them.
    """
    labels = [report.label() for report in reports]
    definitions: dict[str, _Definition] = {}
    for report, label in zip(reports, labels, strict=True):
        for term in report.glossary:
            if (
                term.source is TermSource.EXPLICIT
                and term.definition
                and term.key not in definitions
            ):
                forms = forms_of(term.term, term.key)
                cores = frozenset(core for core, _, _ in forms.quoted)
                definitions[term.key] = _Definition(
                    term, term.defined_in or label, report.meta.region, forms, cores
                )
    if not definitions and not any(
        term.source is TermSource.EXPLICIT and not term.defined_in
        for report in reports
        for term in report.glossary
    ):
        return reports
    by_core: dict[str, _Definition] = {}
    for definition in definitions.values():
        for core in definition.cores:
            by_core.setdefault(core, definition)
    return tuple(
        _link_one(report, label, definitions, by_core)
        for report, label in zip(reports, labels, strict=True)
    )


def _link_one(
    report: Report,
    label: str,
    definitions: dict[str, _Definition],
    by_core: dict[str, _Definition],
) -> Report:
    glossary = [_resolve(term, label, report, by_core) for term in report.glossary]
    own_keys = {term.key for term in glossary}
    foreign = [
        definition
        for key, definition in definitions.items()
        if key not in own_keys and not definition.cores & own_keys and definition.lends_to(report)
    ]
    if foreign:
        glossary += _foreign_terms(report, foreign)
    if glossary == list(report.glossary):
        return report
    return replace(report, glossary=tuple(glossary))


def _resolve(term: Term, label: str, report: Report, by_core: dict[str, _Definition]) -> Term:
    if term.source is TermSource.EXPLICIT:
        return term if term.defined_in else replace(term, defined_in=label)
    definition = by_core.get(term.key)
    if term.definition is None and definition is not None and definition.lends_to(report):
        return replace(term, definition=definition.term.definition, defined_in=definition.label)
    return term


def _foreign_terms(report: Report, candidates: list[_Definition]) -> list[Term]:
    """Terms defined in other reports that this report quotes, as resolved inline terms."""
    quoted_cores = frozenset().union(*(definition.cores for definition in candidates))
    quoted = [span for span in quoted_spans(report.text) if span[2] in quoted_cores]
    if not quoted:
        return []
    quoted_only = [Forms(definition.forms.quoted, None) for definition in candidates]
    found = find_occurrences(report.text, quoted_only, quoted)
    index = report.index
    terms: list[Term] = []
    for definition, spans in zip(candidates, found, strict=True):
        if spans:
            terms.append(
                Term(
                    term=definition.term.term,
                    key=definition.term.key,
                    definition=definition.term.definition,
                    source=TermSource.INLINE,
                    defined_in=definition.label,
                    occurrences=occurrences_in(spans, index, None),
                )
            )
    terms.sort(key=lambda t: t.occurrences[0].start)
    return terms
