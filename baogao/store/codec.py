"""A report's model as JSON and back: data, never code, and checked field by field.

The store keeps what this module writes. Reading it back trusts nothing: every value
is checked for its type and range (offsets inside the text, enums by value, finite
numbers) before a model object is built, and anything else raises `ModelError`,
which the store answers by parsing the file again. JSON cannot run code, and the
decoder's own failures on hostile input (deep nesting, huge numbers) are caught too.

Two parts are stored apart so the outline can be shown without reading the texts:
the *summary* (metadata, section tree, text length) and the *body* (text, emphasis,
glossary, indicators).
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from baogao.parsers.model import (
    Evidence,
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Occurrence,
    Qualifier,
    RegionLevel,
    Report,
    Section,
    SectionKind,
    SourceFormat,
    Term,
    TermSource,
)

FORMAT = 4  # bump when the layout below changes: older rows are parsed again
MAX_PAYLOAD = 256 << 20  # bytes a stored part may inflate to (a report is a few MB)
BODY_MAGIC = b"baogao-body-2\n"  # a body starts so: the text's length and UTF-8 follow
MAX_DEPTH = 64  # section nesting accepted back (real reports nest 4 or 5 deep)

# What a damaged or hostile payload can make the decoders raise.
DECODE_ERRORS = (
    ValueError,  # json, zlib framing, UnicodeDecodeError
    TypeError,
    KeyError,
    IndexError,
    RecursionError,
    MemoryError,
    OverflowError,
    zlib.error,
)


class ModelError(Exception):
    """A stored payload that is not a valid model of this format."""


class Summary(NamedTuple):
    """What the outline needs of a report: metadata, sections and the text's length."""

    meta: Metadata
    sections: tuple[Section, ...]
    length: int
    source_format: SourceFormat = SourceFormat.TXT


# --------------------------------------------------------------------------- writing


def _section(section: Section) -> list[Any]:
    return [
        section.title,
        str(section.kind),
        section.level,
        section.start,
        section.body_start,
        section.end,
        [_section(child) for child in section.children],
    ]


def _meta(meta: Metadata) -> list[Any]:
    return [
        meta.title,
        meta.region,
        meta.doc_type,
        meta.date,
        meta.speaker,
        meta.review_year,
        meta.plan_year,
        meta.plan_period,
        meta.region_parent,
        str(meta.region_level) if meta.region_level is not None else None,
        meta.copies,
    ]


def _term(term: Term) -> list[Any]:
    return [
        term.term,
        term.key,
        term.definition,
        str(term.source),
        term.defined_in,
        [[o.section, o.start, o.end] for o in term.occurrences],
        list(term.span) if term.span is not None else None,
    ]


def _indicator(row: Indicator) -> list[Any]:
    return [
        row.name,
        row.raw_name,
        row.period,
        str(row.kind),
        row.value,
        row.unit,
        row.growth,
        row.growth_high,
        str(row.growth_basis) if row.growth_basis is not None else None,
        str(row.qualifier) if row.qualifier is not None else None,
        row.section,
        row.start,
        row.end,
        row.sentence,
        str(row.evidence) if row.evidence is not None else None,
    ]


# allow_nan=False: an infinite figure is refused here, so the report is simply not stored
_JSON_OPTIONS: dict[str, Any] = {
    "ensure_ascii": False,
    "allow_nan": False,
    "separators": (",", ":"),
}
_DECODER = json.JSONDecoder()


def _pack(value: object) -> bytes:
    data = json.dumps(value, **_JSON_OPTIONS)
    return zlib.compress(data.encode(), 1)  # level 1: 4x faster than 6, a sixth larger


def encode_summary(report: Report) -> bytes:
    """The summary part, compressed JSON. Raises ValueError for a non-finite figure."""
    sections = [_section(s) for s in report.sections]
    return _pack(
        [FORMAT, _meta(report.meta), sections, len(report.text), str(report.source_format)]
    )


def encode_body(report: Report) -> bytes:
    """The body part: the text as plain UTF-8, then the rest as compressed JSON.

    The text stays out of the JSON: decoding UTF-8 is several times faster than
    scanning a JSON string of the same size. It is not compressed: inflating it was
    three quarters of reading a stored report (1.4 ms of the seeds' first screen), and
    the store stays near the size of the texts (the budget is twice). Raises ValueError
    for a non-finite figure.
    """
    text = report.text.encode()
    rest = json.dumps(
        [
            FORMAT,
            [list(span) for span in report.emphasis],
            [_term(term) for term in report.glossary],
            [_indicator(row) for row in report.indicators],
        ],
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode()
    return BODY_MAGIC + len(text).to_bytes(8, "big") + text + zlib.compress(rest, 1)


# --------------------------------------------------------------------------- reading


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    raw = inflater.decompress(data, MAX_PAYLOAD)
    if inflater.unconsumed_tail or not inflater.eof:
        raise ModelError("payload too large or truncated")
    return raw


def _json(raw: bytes) -> list[Any]:
    value = json.loads(raw.decode())
    if not isinstance(value, list) or not value or value[0] != FORMAT:
        raise ModelError("not a payload of this format")
    return value


def _str(value: object) -> str:
    if type(value) is not str:
        raise ModelError(f"expected text, found {type(value).__name__}")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object, low: int = 0, high: int = 1 << 62) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ModelError("expected an offset or count in range")
    return value


def _opt_int(value: object) -> int | None:
    return None if value is None else _int(value, -(1 << 31), 1 << 31)


def _list(value: object, size: int | None = None) -> list[Any]:
    if type(value) is not list or (size is not None and len(value) != size):
        raise ModelError("expected a list" + (f" of {size}" if size is not None else ""))
    return value


def _span(value: object, length: int) -> tuple[int, int]:
    start, end = _list(value, 2)
    start, end = _int(start, 0, length), _int(end, 0, length)
    if start > end:
        raise ModelError("a span ends before it starts")
    return start, end


Member = TypeVar("Member", bound=StrEnum)


def _members(kind: type[Member]) -> dict[str, Member]:
    return {member.value: member for member in kind}


# Stored values back to enum members by lookup (a miss is a KeyError, so a ModelError):
# calling the enum is the slow path of its metaclass, a thousand times a report.
_SECTION_KINDS = _members(SectionKind)
_TERM_SOURCES = _members(TermSource)
_INDICATOR_KINDS = _members(IndicatorKind)
_GROWTH_BASES = _members(GrowthBasis)
_QUALIFIERS = _members(Qualifier)
_EVIDENCE = _members(Evidence)


def _read_meta(value: object) -> Metadata:
    title, region, doc_type, date, speaker, review, plan, period, parent, level, copies = _list(
        value, 11
    )
    return Metadata(
        _str(title),
        _opt_str(region),
        _opt_str(doc_type),
        _opt_str(date),
        _opt_str(speaker),
        _opt_int(review),
        _opt_int(plan),
        _opt_str(period),
        _opt_str(parent),
        None if level is None else RegionLevel(level),
        _int(copies, 1, 1 << 20),
    )


def _read_section(value: object, length: int, depth: int) -> Section:
    if depth > MAX_DEPTH:
        raise ModelError("sections nested too deep")
    title, kind, level, start, body_start, end, children = _list(value, 7)
    if not (
        type(title) is str
        and type(level) is int
        and type(start) is int
        and type(body_start) is int
        and type(end) is int
        and 0 <= level <= MAX_DEPTH
        and 0 <= start <= body_start <= end <= length
    ):
        raise ModelError("a section's fields are out of range")
    nodes = tuple(_read_section(child, length, depth + 1) for child in _list(children))
    for child in nodes:
        if not start <= child.start <= child.end <= end:
            raise ModelError("a sub-section lies outside its section")
    return Section(title, _SECTION_KINDS[kind], level, start, body_start, end, nodes)


Memo = dict[str, str]
"""One object for each distinct string of a decode: a report's figures and term uses
repeat their names, periods, section titles and sentences (the figures of one 分别
sentence share it), and JSON makes a new string for each (at a thousand reports,
some 20 MB of copies)."""


def _opt_shared(value: object, memo: Memo) -> str | None:
    """An optional text field, as the memo's one copy of it."""
    if value is None:
        return None
    text = _str(value)
    return memo.setdefault(text, text)


def _read_occurrences(value: object, length: int, memo: Memo) -> tuple[Occurrence, ...]:
    # the hot loop of a load (tens of thousands a corpus): checks inline, not per call
    shared = memo.setdefault
    places = tuple(
        Occurrence(shared(section, section), start, end) for section, start, end in _list(value)
    )
    for place in places:
        start, end = place.start, place.end
        if not (
            type(place.section) is str
            and type(start) is int
            and type(end) is int
            and 0 <= start <= end <= length
        ):
            raise ModelError("an occurrence out of range")
    return places


def _read_term(value: object, length: int, memo: Memo) -> Term:
    term, key, definition, source, defined_in, occurrences, span = _list(value, 7)
    shared = memo.setdefault
    return Term(
        shared(_str(term), term),
        shared(_str(key), key),
        _opt_shared(definition, memo),
        _TERM_SOURCES[source],
        _opt_shared(defined_in, memo),
        _read_occurrences(occurrences, length, memo),
        None if span is None else _span(span, length),
    )


_TEXT_FIELDS = (0, 1, 2, 10, 13)  # name, raw name, period, section, sentence
_NUMBER_FIELDS = (4, 6, 7)  # value, growth, growth_high


def _read_indicator(value: object, length: int, memo: Memo) -> Indicator:
    row = _list(value, 15)
    for at in _TEXT_FIELDS:
        if type(row[at]) is not str:
            raise ModelError("an indicator's text field is not text")
        row[at] = memo.setdefault(row[at], row[at])
    for at in _NUMBER_FIELDS:
        number = row[at]
        if number is not None:
            if type(number) is int:
                row[at] = number = float(number)  # OverflowError for a huge one: caught
            if type(number) is not float or not math.isfinite(number):
                raise ModelError("an indicator's figure is not a finite number")
    if row[5] is not None:
        if type(row[5]) is not str:
            raise ModelError("an indicator's unit is not text")
        row[5] = memo.setdefault(row[5], row[5])
    start, end = row[11], row[12]
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
        raise ModelError("an indicator's span is out of range")
    return Indicator(
        row[0],
        row[1],
        row[2],
        _INDICATOR_KINDS[row[3]],
        row[4],
        row[5],
        row[6],
        row[7],
        None if row[8] is None else _GROWTH_BASES[row[8]],
        None if row[9] is None else _QUALIFIERS[row[9]],
        row[10],
        start,
        end,
        row[13],
        None if row[14] is None else _EVIDENCE[row[14]],
    )


def _checked(read: Any, *args: Any) -> Any:
    try:
        return read(*args)
    except ModelError:
        raise
    except DECODE_ERRORS as error:
        raise ModelError(f"{type(error).__name__}: {error}"[:200]) from None


def decode_summary(data: bytes) -> Summary:
    """The summary stored by `encode_summary`; raises ModelError for anything else."""

    def read() -> Summary:
        _, meta, sections, length, source_format = _list(_json(_inflate(data)), 5)
        length = _int(length)
        tops = tuple(_read_section(s, length, 0) for s in _list(sections))
        return Summary(_read_meta(meta), tops, length, SourceFormat(source_format))

    result: Summary = _checked(read)
    return result


def decode_report(path: str, summary: Summary, data: bytes) -> Report:
    """The report at `path` from its summary and its body; raises ModelError when invalid."""

    def read() -> Report:
        if not data.startswith(BODY_MAGIC):
            raise ModelError("not a body of this format")
        head = len(BODY_MAGIC) + 8
        size = int.from_bytes(data[len(BODY_MAGIC) : head], "big")
        if head + size > len(data):
            raise ModelError("a truncated body")
        text = data[head : head + size].decode()
        _, emphasis, glossary, indicators = _list(_json(_inflate(data[head + size :])), 4)
        length = len(text)
        if length != summary.length:
            raise ModelError("the body does not belong to the summary")
        memo: Memo = {}
        for top in summary.sections:
            for section in top.walk():
                memo.setdefault(section.title, section.title)
        return Report(
            path=path,
            text=text,
            meta=summary.meta,
            sections=summary.sections,
            emphasis=tuple(_span(span, length) for span in _list(emphasis)),
            glossary=tuple(_read_term(term, length, memo) for term in _list(glossary)),
            indicators=tuple(_read_indicator(row, length, memo) for row in _list(indicators)),
            source_format=summary.source_format,
        )

    result: Report = _checked(read)
    return result


def encode_links(changed: list[tuple[int, tuple[Term, ...], tuple[Term, ...]]]) -> bytes:
    """What linking changed in some glossaries: (report position, before, after) each.

    Linking gives a term of the report a definition lent by another, or adds terms it
    quotes (parsers.link), so a glossary is kept as its edits: `[i, edits, added]`,
    edits `[term number, definition, defined in]`. Read back onto the report's own
    glossary, a term keeps its occurrences, not a second copy of them.
    ValueError: non-finite figures, or a glossary that is not its own plus terms added.

    The JSON of `[FORMAT, [item, ...]]`, written a report at a time: json's encoder
    holds the interpreter for all of its input (90 ms for a thousand reports' glossaries),
    and this runs in a thread beside the app's event loop."""
    items = (
        json.dumps(
            [i, _edits(before, after), [_term(t) for t in after[len(before) :]]],
            **_JSON_OPTIONS,
        )
        for i, before, after in changed
    )
    data = f"[{FORMAT},[" + ",".join(items) + "]]"
    return zlib.compress(data.encode(), 1)


def _edits(before: tuple[Term, ...], after: tuple[Term, ...]) -> list[list[Any]]:
    if len(after) < len(before):
        raise ValueError("linking dropped a term")
    edits: list[list[Any]] = []
    for at, (old, new) in enumerate(zip(before, after[: len(before)], strict=True)):
        if new == old:
            continue
        if replace(old, definition=new.definition, defined_in=new.defined_in) != new:
            raise ValueError("linking changed more than a term's definition")
        edits.append([at, new.definition, new.defined_in])
    return edits


def _links_items(text: str) -> Iterator[object]:
    """The `[i, terms]` items of a links payload, parsed one at a time (see encode_links:
    json's decoder too holds the interpreter for all of its input)."""
    head = f"[{FORMAT},["
    if not text.startswith(head):
        raise ModelError("not a payload of this format")
    at = len(head)
    if text.startswith("]", at):
        at += 1
    else:
        while True:
            item, at = _DECODER.raw_decode(text, at)
            yield item
            if text.startswith(",", at):
                at += 1
                continue
            if not text.startswith("]", at):
                raise ModelError("a links payload out of shape")
            at += 1
            break
    if text[at:] != "]":
        raise ModelError("a links payload out of shape")


def decode_links(
    data: bytes, glossaries: list[tuple[tuple[Term, ...], int]]
) -> dict[int, tuple[Term, ...]]:
    """What `encode_links` stored, applied to the reports' own (glossary, text length);
    ModelError if invalid."""

    def read() -> dict[int, tuple[Term, ...]]:
        lent: dict[int, tuple[Term, ...]] = {}
        memo: Memo = {}  # across reports: a definition lent to many is one string
        for item in _links_items(_inflate(data).decode()):
            at, edits, added = _list(item, 3)
            at = _int(at, 0, len(glossaries) - 1)
            own, length = glossaries[at]
            terms = list(own)
            for edit in _list(edits):
                number, definition, defined_in = _list(edit, 3)
                number = _int(number, 0, len(terms) - 1)
                terms[number] = replace(
                    terms[number],
                    definition=_opt_shared(definition, memo),
                    defined_in=_opt_shared(defined_in, memo),
                )
            terms.extend(_read_term(term, length, memo) for term in _list(added))
            lent[at] = tuple(terms)
        return lent

    result: dict[int, tuple[Term, ...]] = _checked(read)
    return result
