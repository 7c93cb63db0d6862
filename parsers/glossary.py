"""Glossary: explicit 名词解释 entries, footnote-style 注 lists and inline coined terms.

Reports coin jargon (“放管服”, “1+5+N”) and define some of it in a closing
名词解释 section; the rest is used in the body as quoted slogans. A report's glossary
lists both, with every place each term is used; `link` then lends a definition from
one report to the others that use the same term.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from baogao.parsers.model import (
    Occurrence,
    Section,
    SectionIndex,
    SectionKind,
    Span,
    Term,
    TermSource,
)

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

QUOTE_CHARS = "“”‘’\"'《》「」『』"
_KEY_DROP = str.maketrans("", "", QUOTE_CHARS + " \t\n\r\u3000")

FOOTNOTE_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # repair turns <sup>1</sup> into ¹
MAX_TERM_CHARS = 24  # a glossary headword longer than this is a sentence
INLINE_MAX_CHARS = 12  # a quoted phrase longer than this is not a coined term
SLOGAN_MAX_CHARS = 8  # “一刻钟生活服务圈”
UNQUOTED_MIN_CHARS = 3  # shorter keys match only in quotes: 两新 hides inside other words

# The leading character of a numbered slogan: “两新”, “三农”, “双随机、一公开”, “千万工程”.
SLOGAN_NUMERALS = frozenset("一二三四五六七八九十两双百千万")

# A quoted word followed by one of these names a programme: “放管服”改革, “访惠聚”工作机制.
PROGRAMME_WORDS = (
    "改革",
    "工程",
    "行动",
    "机制",
    "工作机制",
    "工作法",
    "模式",
    "体系",
    "计划",
    "经验",
    "理念",
    "战略",
    "制度",
    "政策",
    "举措",
    "思想",
    "原则",
)

# Quoted numeral phrases that are ordinary words, not coined terms.
COMMON_QUOTED = frozenset(
    {
        "一对一",
        "一对多",
        "一盘棋",
        "一刀切",
        "一把手",
        "一风吹",
        "一站式",
        "一条龙",
        "一体化",
        "一流",
        "百强县",
        "一张网",
        "一张图",
        "双语",
        "双向互动",
        "一刻钟",
        "一日游",
        "多日游",
        "三股势力",
    }
)

# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------

# A glossary heading line when the outline did not mark one: "名词解释", "名词注释", "注释：".
# Line patterns start with the newline before the line, which lets re skip ahead fast.
GLOSSARY_HEADING = re.compile(
    r"""
    \n [\#\ \t\u3000]*
    (?: 名词 (?:术语)? (?:解释|注释) | 术语解释 | 注释 | 注解 )
    [\ \t\u3000]* [:：]? [\ \t\u3000]* (?=\n|$)
    """,
    re.VERBOSE,
)

# The numbering before a headword: "1." "2、" "（3）" "④" "五、" "[6]" "¹".
ENTRY_NUMBER = re.compile(
    r"""
    [\ \t\u3000]*
    (?P<number>
        \d{1,3} [\ \t]* [.．、)）]
      | [（(] \d{1,3} [)）]
      | [\[［【] \d{1,3} [\]］】]
      | [①-⑳]
      | [⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}
      | [一二三四五六七八九十]{1,3} 、
    )?
    [\ \t\u3000]*
    """,
    re.VERBOSE,
)

# A headword in lenticular brackets: 【两新】推动新一轮大规模设备更新…
BRACKET_HEADWORD = re.compile(r"【([^】\n]{1,24})】")

# A quoted headword with a defining verb: “两重”是指国家重大战略实施和重点领域安全能力建设。
QUOTED_DEFINES = re.compile(r"(“[^“”\n]{2,24}”)[\ \t]*(?:是指|指的是|主要指|即|指)")

# A headword alone on its line, its definition below: "1.两新" / "【两新】".
TERM_LINE_MAX_CHARS = 16

# The colon that ends a headword: **“两新”**：推动… / **“两专”行动：**安全生产…
HEADWORD_COLON = re.compile(r"[:：]")

# Punctuation that never appears inside a headword (、 does: “双随机、一公开”).
SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;!?]")

# What a coined term never holds: sentence punctuation, spaces, titles, a colon, a dot.
NOT_IN_TERM = re.compile(r"[，。；！？,;!?\s《》：:·]")

# A line that opens an appendix; a glossary ends there: "附件：2026年民生实事清单".
APPENDIX_LINE = re.compile(r"^[\#\ \t\u3000]*附(?:件|表|录)", re.MULTILINE)

# A note in the body: "注：文中右下角“1”等数字，是名词术语注释序号，注释附后。"
NOTE_LINE = re.compile(r"\n[\ \t\u3000]*注(?:释)?[\ \t\u3000]*[:：]")

# A quoted phrase in the body: 推进“放管服”改革 / 用好“两重”“两新”政策机遇
QUOTED = re.compile(r"“([^“”\n]{1,40})”")

# The first quoted part of a headword: “1681” 工作举措 -> 1681
QUOTED_PART = re.compile(r"“([^“”]{1,40})”")

# A number formula: “6+2”, “1+5+N”, “2+10+X+N”, “10+1产业集群”.
NUMBER_FORMULA = re.compile(
    r"""
    ^ [0-9A-Za-z]{1,4} (?: [+＋] [0-9A-Za-z]{1,4} )+ [\u4e00-\u9fff]{0,6} $
    """,
    re.VERBOSE,
)

# A number code: “1681”, “14561”重点举措, “532工程”; not a year like “2024”.
NUMBER_CODE = re.compile(
    r"""
    ^ (?! (?:19|20) \d\d (?!\d) ) \d{3,6} [\u4e00-\u9fff]{0,4} $
    """,
    re.VERBOSE,
)

# A plus slogan: “总额付费+DRG”, “互联网+监管”, “冰雪+”, “网格化+市场化+自治化”, “数据要素×”.
PLUS_SLOGAN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+(?:[+＋×][\u4e00-\u9fffA-Za-z0-9]*)+$")

# A responsibility system named for who answers: “河长制”, “链长制”, “两卡制”.
SYSTEM_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}制$")

# A numeral slogan: “两新”, “一老一小”, “双随机、一公开”, “三清三改两提升”.
NUMERAL_SLOGAN = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff、]*[\u4e00-\u9fff]$")

# A five-year plan's name, too common to be a glossary term: “十四五”, “九五”.
PLAN_NAME = re.compile(r"^(?:十[一二三四五六七八九]?|[六七八九])五$")

WHITE_SPACE = re.compile(r"\s+")

# Only Chinese characters: “放管服”, “枫桥经验”.
HANZI_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


# ---------------------------------------------------------------------------
# Keys and labels
# ---------------------------------------------------------------------------


def term_key(term: str) -> str:
    """The matching key: no quotes, no white space. “1681” 工作举措 -> 1681工作举措."""
    return term.replace("**", "").translate(_KEY_DROP)


# ---------------------------------------------------------------------------
# Explicit entries
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """One glossary line: its span, headword and definition."""

    start: int
    term: str
    definition: str
    end: int


@dataclass(frozen=True, slots=True)
class _Headword:
    line_start: int
    term_start: int
    term_end: int
    definition_start: int
    bold: bool


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line in text[start:end]."""
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        if text[position:line_end].strip():
            yield position, line_end
        position = line_end + 1


def _headword(
    text: str, line_start: int, line_end: int, bold_ends: dict[int, int], numbered: bool
) -> _Headword | None:
    """Read a headword at the start of a line, in the first shape that fits.

    `term：definition`, `【term】definition`, `“term”是指definition`,
    `**term** definition`, or a numbered or bold term alone on its line.
    """
    number = ENTRY_NUMBER.match(text, line_start, line_end)
    if number is None or (numbered and number.group("number") is None):
        return None
    term_start = number.end()
    bold_end = bold_ends.get(term_start) or bold_ends.get(line_start)
    bold = bold_end is not None

    def head(start: int, end: int, definition_start: int) -> _Headword | None:
        term = text[start:end].replace("**", "").strip()
        if not _is_headword(term):
            return None
        return _Headword(line_start, start, end, definition_start, bold)

    if bracket := BRACKET_HEADWORD.match(text, term_start, line_end):
        return head(bracket.start(1), bracket.end(1), bracket.end())
    if defines := QUOTED_DEFINES.match(text, term_start, line_end):
        return head(defines.start(1), defines.end(1), defines.end())
    window_end = min(line_end, term_start + MAX_TERM_CHARS + 2)
    if colon := HEADWORD_COLON.search(text, term_start, window_end):
        return head(term_start, colon.start(), colon.end())
    if bold_end is not None and bold_end < line_end:
        return head(term_start, bold_end, bold_end)
    alone = text[term_start:line_end].rstrip()
    short = len(alone) <= TERM_LINE_MAX_CHARS and not alone.endswith(("。", "；", "，"))
    if short and (bold or number.group("number")):
        return head(term_start, term_start + len(alone), line_end)
    return None


def _is_headword(term: str) -> bool:
    key = term_key(term)
    return (
        0 < len(key) <= MAX_TERM_CHARS
        and SENTENCE_PUNCTUATION.search(term) is None
        and key not in ("注", "注释", "说明")
        and not key.isdigit()
    )


def _read_entries(
    text: str, start: int, end: int, bold_ends: dict[int, int], numbered: bool = False
) -> list[_Entry]:
    """The entries of a glossary region; a definition runs to the next headword.

    When most headwords are bold, a plain line is never a headword: it is a
    definition continuing after a page break ("1个目标：打造…"). With
    `numbered`, every line after the first must be numbered (a 注 list).
    """
    appendix = APPENDIX_LINE.search(text, start, end)
    if appendix is not None:
        end = appendix.start()
    heads: list[_Headword] = []
    for line_start, line_end in _lines(text, start, end):
        strict = numbered and line_start != start
        head = _headword(text, line_start, line_end, bold_ends, strict)
        if head is not None:
            heads.append(head)
    if sum(head.bold for head in heads) * 2 >= len(heads) > 0:
        heads = [head for head in heads if head.bold]
    entries: list[_Entry] = []
    for index, head in enumerate(heads):
        stop = heads[index + 1].line_start if index + 1 < len(heads) else end
        body = text[head.definition_start : stop].rstrip()
        definition = body.replace("**", "").strip().lstrip(":：").strip()
        term = text[head.term_start : head.term_end].replace("**", "").strip().rstrip(":：")
        line = text[head.line_start : head.term_start]
        entry_start = head.line_start + len(line) - len(line.lstrip())
        if definition:  # a heading such as "一、经济类" defines nothing
            entry_end = head.definition_start + len(body)
            for one, meaning in _split_terms(term, definition):
                entries.append(_Entry(entry_start, one, meaning, entry_end))
    return entries


# Two quoted terms heading one entry: 1.“两重”“两新”： / “双碳”、“双控”：
TERM_PAIR = re.compile(r"^(?:“[^“”]{1,20}”[、和与及]?){2,4}$")


def _split_terms(term: str, definition: str) -> list[tuple[str, str]]:
    """An entry of several quoted terms as one entry per term: each takes the part of
    the definition that starts with it (“两重”指…，“两新”指…), or the whole when the
    definition does not say which part is whose."""
    if TERM_PAIR.match(term) is None:
        return [(term, definition)]
    terms = [f"“{part}”" for part in QUOTED_PART.findall(term)]
    starts = [definition.find(one) for one in terms]
    if any(start < 0 for start in starts) or starts != sorted(starts):
        return [(one, definition) for one in terms]
    ends = [*starts[1:], len(definition)]
    parts = []
    for one, start, end in zip(terms, starts, ends, strict=True):
        meaning = definition[start + len(one) : end].strip().strip("，,；;")
        parts.append((one, meaning or definition))
    return parts


def _glossary_regions(text: str, sections: tuple[Section, ...]) -> tuple[list[Span], list[Span]]:
    """Own bodies of every 名词解释 section, and the sections whole (headings included).

    When the outline marked none, a bare heading line opens one that runs to
    the next section.
    """
    tops = [top for top in sections if top.kind is SectionKind.GLOSSARY]
    if tops:
        bodies = [(node.body_start, node.own_end) for top in tops for node in top.walk()]
        return bodies, [(top.start, top.end) for top in tops]
    headings = list(GLOSSARY_HEADING.finditer(text))
    if not headings:
        return [], []
    heading = headings[-1]  # a glossary closes the report
    later = [node.start for top in sections for node in top.walk() if node.start > heading.end()]
    end = min(later, default=len(text))
    return [(heading.end(), end)], [(heading.start() + 1, end)]


def _note_regions(text: str, taken: list[Span]) -> list[Span]:
    """A 注： line in the body and the numbered lines right after it."""
    regions: list[Span] = []
    for note in NOTE_LINE.finditer(text):
        if _inside(note.start() + 1, taken):
            continue
        end = text.find("\n", note.end())
        end = len(text) if end < 0 else end
        for line_start, line_end in _lines(text, end, len(text)):
            number = ENTRY_NUMBER.match(text, line_start, line_end)
            if number is None or number.group("number") is None:
                break
            end = line_end
        regions.append((note.end(), end))
    return regions


def _inside(offset: int, regions: Iterable[Span]) -> bool:
    return any(start <= offset < end for start, end in regions)


# ---------------------------------------------------------------------------
# Inline terms
# ---------------------------------------------------------------------------


def is_coined(phrase: str, after: str = "") -> bool:
    """Whether a quoted phrase reads as coined jargon a glossary should list.

    `after` is the text right after the closing quote: “放管服”改革.
    """
    if not 2 <= len(phrase) <= INLINE_MAX_CHARS or phrase in COMMON_QUOTED:
        return False
    if NOT_IN_TERM.search(phrase):
        return False
    if PLAN_NAME.match(phrase):
        return False
    if any(
        pattern.match(phrase) for pattern in (NUMBER_FORMULA, NUMBER_CODE, PLUS_SLOGAN, SYSTEM_NAME)
    ):
        return True
    if (
        phrase[0] in SLOGAN_NUMERALS
        and len(phrase) <= SLOGAN_MAX_CHARS
        and NUMERAL_SLOGAN.match(phrase)
    ):
        return True
    return (
        len(phrase) <= SLOGAN_MAX_CHARS
        and HANZI_WORD.match(phrase) is not None
        and after.startswith(PROGRAMME_WORDS)
    )


# ---------------------------------------------------------------------------
# Occurrences
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forms:
    """How a term is written in the text: quoted forms by their quoted core."""

    quoted: tuple[tuple[str, int, str], ...]  # (core, chars before the opening quote, form)
    bare: str | None  # the key, searched unquoted when long enough


def forms_of(term: str, key: str) -> Forms:
    """“四上”企业 -> “四上”企业, “四上”; 两品一标 -> “两品一标”, 两品一标.

    Only explicit terms are searched unquoted too (a caller drops `bare` for
    the others): a coined term is quoted where it is used.
    """
    written = WHITE_SPACE.sub("", term.replace("**", ""))
    quoted: list[tuple[str, int, str]] = [(key, 0, f"“{key}”")]
    part = QUOTED_PART.search(written)
    if part is not None:
        core = part.group(1).strip()
        if written != part.group(0):
            quoted.append((core, part.start(), written))
        if len(core) >= 2 and core != key:
            quoted.append((core, 0, part.group(0)))
    return Forms(tuple(quoted), key if len(key) >= UNQUOTED_MIN_CHARS else None)


def find_occurrences(
    text: str, forms: list[Forms], quoted: list[tuple[int, int, str]]
) -> list[list[Span]]:
    """Spans where each term is used: quoted forms first, then the bare key elsewhere."""
    by_core: dict[str, list[tuple[int, int, str]]] = {}
    for index, term_forms in enumerate(forms):
        for core, before, form in term_forms.quoted:
            by_core.setdefault(core, []).append((index, before, form))
    for candidates in by_core.values():
        candidates.sort(key=lambda candidate: -len(candidate[2]))
    found: list[list[Span]] = [[] for _ in forms]
    covered: list[Span] = []
    for open_at, close_at, core in quoted:
        span: Span = (open_at, close_at)
        candidates = by_core.get(core, [])
        for index, before, form in candidates:
            start = open_at - before
            if start >= 0 and text.startswith(form, start):
                span = (start, start + len(form))
                found[index].append(span)
                break
        else:  # “两新¹”: the bare quoted form, with a footnote mark inside
            bare = [index for index, before, form in candidates if form == f"“{core}”"]
            if bare:
                found[bare[0]].append(span)
        covered.append(span)
    covered.sort()
    starts = [start for start, _ in covered]
    for index, term_forms in enumerate(forms):
        if term_forms.bare is None:
            continue
        position = text.find(term_forms.bare)
        while position >= 0:
            holder = bisect_right(starts, position) - 1
            if holder < 0 or covered[holder][1] <= position:
                found[index].append((position, position + len(term_forms.bare)))
            position = text.find(term_forms.bare, position + len(term_forms.bare))
        found[index].sort()
    return found


def _title_at(sections: SectionIndex, offset: int) -> str:
    section = sections.innermost(offset)
    return section.title if section is not None else ""


def occurrences_in(
    spans: list[Span], sections: SectionIndex, own: Span | None
) -> tuple[Occurrence, ...]:
    return tuple(
        Occurrence(_title_at(sections, start), start, end)
        for start, end in spans
        if own is None or not (own[0] <= start < own[1])
    )


def quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(open, close, core) of every quoted phrase; the core without a footnote mark."""
    return [
        (m.start(), m.end(), m.group(1).strip().rstrip(FOOTNOTE_MARKS))
        for m in QUOTED.finditer(text)
    ]


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def extract_glossary(
    text: str,
    sections: tuple[Section, ...],
    emphasis: tuple[Span, ...],
    defined_in: str | None = None,
) -> tuple[Term, ...]:
    """Explicit entries (名词解释 section, 注 lists), then inline coined terms, with occurrences.

    `defined_in` labels the explicit entries (see `Report.label`); when it is
    None, `link.link_glossaries` fills it in.
    """
    bold_ends = dict(emphasis)
    regions, whole = _glossary_regions(text, sections)
    entries = [e for start, end in regions for e in _read_entries(text, start, end, bold_ends)]
    notes = _note_regions(text, whole)
    entries += [e for start, end in notes for e in _read_entries(text, start, end, bold_ends, True)]
    explicit: dict[str, _Entry] = {}
    for entry in entries:
        explicit.setdefault(term_key(entry.term), entry)

    forms = [forms_of(entry.term, key) for key, entry in explicit.items()]
    known = set(explicit) | {core for term_forms in forms for core, _, _ in term_forms.quoted}
    quoted = quoted_spans(text)
    inline: dict[str, str] = {}  # key -> the term as first written
    skip = whole + notes
    for open_at, close_at, core in quoted:
        if core in known or core in inline or _inside(open_at, skip):
            continue
        if is_coined(core, text[close_at : close_at + 4]):
            inline[core] = f"“{core}”"

    keys = list(explicit) + list(inline)
    forms += [Forms(forms_of(term, key).quoted, None) for key, term in inline.items()]
    found = find_occurrences(text, forms, quoted)
    index = SectionIndex(sections)

    terms: list[Term] = []
    for key, spans in zip(keys, found, strict=True):
        headword = explicit.get(key)
        if headword is not None:
            span = (headword.start, headword.end)
            terms.append(
                Term(
                    term=headword.term,
                    key=key,
                    definition=headword.definition or None,
                    source=TermSource.EXPLICIT,
                    defined_in=defined_in,
                    occurrences=occurrences_in(spans, index, span),
                    span=span,
                )
            )
        elif spans:
            terms.append(
                Term(
                    term=inline[key],
                    key=key,
                    definition=None,
                    source=TermSource.INLINE,
                    defined_in=None,
                    occurrences=occurrences_in(spans, index, None),
                )
            )
    explicit_count = len(explicit)
    inline_terms = sorted(terms[explicit_count:], key=lambda t: t.occurrences[0].start)
    return tuple(terms[:explicit_count] + inline_terms)
