"""Indicators: the headline figures of a report, each with its sentence.

    地区生产总值 439.77 亿元、同比增长 3.4%左右  ->  地区生产总值 2025 actual 439.77 亿元 +3.4% yoy 左右

How a report is read:
1. the text is cut into sentences (。；; ！？ and line breaks); only sentences with
   a digit are looked at, with their white space squeezed out ("人均 GDP");
2. a sentence becomes tokens, left to right: names of known statistics (the
   table in `indicator_names`), values (number + unit) and growths (增长 6%);
3. a name owns the values and growths that follow it, up to the next name or a
   clause that starts something else; 分别 lists pair names and figures left
   to right, also backwards over the names just read;
4. kind and period come from the section kind, then markers in the paragraph
   (预计全年, 主要预期目标, “十四五”时期, 到2015年), then the metadata.

Precision first: a figure is emitted only for a known statistic, with a unit
that fits it, when its kind and period can be told.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from baogao.parsers.indicator_names import (
    ALIASES,
    COLLECTIVES,
    MEASURES,
    PERCENT_MEASURES,
    UNITS,
    Measure,
    members,
)
from baogao.parsers.meta import five_year_plan_years
from baogao.parsers.model import (
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Qualifier,
    Section,
    SectionIndex,
    SectionKind,
)
from baogao.parsers.text import NUMBER_FORMS, SENTENCE_BREAK, chinese_number

# ---------------------------------------------------------------- patterns


# White space inside a sentence ("439.77 亿元", "人均 GDP") is squeezed out before reading.
SPACE = re.compile(r"[ \t\u3000\xa0]+")


DIGIT = re.compile(r"[0-9０-９]")

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_RANGE = r"(?:[-－—–~～]{1,2}|至|到)"


_Trie = dict[str, "_Trie"]


def _alternation(words: list[str]) -> str:
    """A regex matching any of `words`, longest first, factored as a trie (twice as fast
    as a flat alternation over a whole report)."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


# A known statistic as written, the longest alias that fits:
# 城镇居民人均可支配收入 before 居民人均可支配收入, 人均生产总值 before 生产总值.
NAME = re.compile(_alternation([*ALIASES, *COLLECTIVES]))

# Words just before a name that make it part of something else: 占地区生产总值比重,
# 单位生产总值水耗, 日接待游客达1.8万人次
NAME_BLOCKED_BEFORE = re.compile(r"(?:单位|人均|万元|占|比|较|于|每|日|天|周)$")
# … and just after: 旅游收入占比, 生产总值能耗, 三次产业增加值结构, 一般公共预算收入中税收…
NAME_BLOCKED_AFTER = re.compile(r"占|的?比重|比例|结构|能耗|水耗|增量|排名|位居|中")

# Short words joined to a name that borrow the rest of it:
# 城镇、农村居民人均可支配收入 / 城镇和农村居民… / 第一、二、三产业增加值
SHORTS_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,4}[、和与及])+$")
# 接待游客人数、花费分别增长 11%、16%
SHORT_AFTER = re.compile(r"[、和与及](?P<short>[\u4e00-\u9fff]{1,4}?)(?=分别|同比|年均|均[增达为])")
JOINER = re.compile(r"[、和与及]")
SHORT_WORD = re.compile(r"[^、和与及]+")

# A growth: basis, verb, optional bound and one rate or a list of rates.
#   同比增长 3.4%左右 / 年均增长 21.9% / 分别增长 6.5%、8.5% / 年均增长分别达5.4%、8.9%
#   增长5%—5.5% / 下降 0.3 个百分点 / 增长不低于6%
_RATE = rf"{_NUMBER}%?(?:{_RANGE}{_NUMBER})?(?:%|个百分点)(?:左右|以上|以内|以下)?"
GROWTH = re.compile(
    rf"""
    (?=[同比较年平每分增提上下减降回涨])  # fail fast: what the basis, 分别 or verb starts with
    (?P<basis>同比|比上年|较上年|比去年|较去年|年均|年平均|平均每年|每年平均)?
    (?:分别)?
    (?P<verb>增长|增加|提高|上涨|上升|增速|增幅|涨幅|增产|下降|减少|降低|回落|下滑|减产)
    (?:了|率)?(?:分别)?(?:为|达到|达|是|在)?
    (?P<bound>不低于|不少于|不超过|不高于|超过|低于|控制在|保持在)?
    (?<![A-Za-z0-9.])
    (?P<rates>{_RATE}(?:[、和及]{_RATE})*)
    """,
    re.VERBOSE,
)

# One rate of a growth list: 6.5% / 5%-5.5% / 6.5%－7%左右 / 0.3个百分点
RATE = re.compile(
    rf"""
    (?P<low>{_NUMBER})%?
    (?:{_RANGE}(?P<high>{_NUMBER}))?
    (?P<unit>%|个百分点)
    (?P<qualifier>左右|以上|以内|以下)?
    """,
    re.VERBOSE,
)

# A value: number and unit, never glued to a letter (G219, 5G, PM2.5, 5A级).
#   439.77亿元 / 2764万人次 / 5.5%以内 / 10‰以内 / 800万吨/年
VALUE = re.compile(
    rf"""
    (?=\d)(?<![A-Za-z0-9.])
    (?P<number>{_NUMBER})
    (?P<unit>{_UNIT})(?P<per>/年)?
    (?P<qualifier>左右|以上|以内|以下)?
    (?![A-Za-z])
    """,
    re.VERBOSE,
)

# Between a name and its figures: a new clause continues the name only if it
# starts with these (、同比增长… / ，达到 270 亿元 / ，分别增长… / 、总量达… / ，同口径增长…).
CLAUSE_SEPARATOR = re.compile(r"[，,、：:]")
CONTINUATION = re.compile(
    r"(?:同比|比上年|较上年|同口径|按可比价格计算|可比价|实际|名义|分别|实现|完成|总量|总额|规模"
    r"|达到|达|为|约|累计|均|全年)*"
)

# A value that is a starting point or a share, not the level: 从 306.06 亿元增加到…, 比“十五”末的 41.1 亿元
BASE_GAP = re.compile(r"(?:从|由|比|较|相当于|占)[^到至]*$")
# A value that is an increment: 比上年增加 50 亿元
INCREMENT_GAP = re.compile(r"(?:增加|增长|提高|减少|下降|降低|净增|新增|多)$")
# A bound written before the value: 控制在 3.8% 以内, 不低于 6%
BOUND_BEFORE = re.compile(r"(?P<bound>不低于|不少于|超过|突破|不超过|不高于|低于|控制在)$")

# Figures for part of a year are not the year's: 一季度地区生产总值增长 5%
PARTIAL_YEAR = re.compile(r"季度|上半年|下半年|\d+\s*[-—～至]\s*\d+\s*月|\d+\s*月份")

# What the paragraph says about time, nearest first wins.
TARGET_MARKER = re.compile(r"预期目标|目标是|目标为|力争|确保|到\s*\d{4}\s*年|计划|预期")
ACTUAL_MARKER = re.compile(r"预计|全年|过去|去年|上年|五年来|一年来|累计|完成了|回顾")
# “十四五”时期 / 十二五规划 (not 比“十五”末: a starting point)
PLAN_MARKER = re.compile(
    r"“(?P<quoted>十[一二三四五六七八九]?|[一二三四六七八九])五”"
    r"|(?P<bare>十[一二三四五六七八九]?|[一二三四六七八九])五(?=时期|规划|期间|以来|末)"
)
# Metadata's plan_period: "2011-2015"
PLAN_PERIOD = re.compile(r"(\d{4})\s*[-–—至]\s*(\d{4})")
FIVE_YEARS = re.compile(r"过去五年|五年来|这五年|近五年|五年间")
# … and a paragraph about the last year alone: 这一年，民生福祉交出温暖答卷
ONE_YEAR = re.compile(r"这一年|一年来|过去一年|全年|去年")
# 2023年 / 到 2015 年 (not 比2020年, 从2020年: starting points)
YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年(?!代)")
STARTING_POINT = re.compile(r"[比从由较于至]\s*[“\"]?$")

ANNUAL_BASES = frozenset({"年均", "年平均", "平均每年", "每年平均"})
NEGATIVE_VERBS = frozenset({"下降", "减少", "降低", "回落", "下滑", "减产"})
BOUND_QUALIFIERS: dict[str, Qualifier | None] = {
    "不低于": Qualifier.AT_LEAST,
    "不少于": Qualifier.AT_LEAST,
    "超过": Qualifier.AT_LEAST,
    "突破": Qualifier.AT_LEAST,
    "不超过": Qualifier.WITHIN,
    "不高于": Qualifier.WITHIN,
    "低于": Qualifier.WITHIN,
    "控制在": Qualifier.WITHIN,
    "保持在": None,
}
QUALIFIERS = {
    "左右": Qualifier.ABOUT,
    "以上": Qualifier.AT_LEAST,
    "以内": Qualifier.WITHIN,
    "以下": Qualifier.WITHIN,
}

# ---------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Member:
    name: str  # canonical
    raw: str  # as written
    start: int  # in the squeezed sentence


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    members: tuple[_Member, ...]


@dataclass(frozen=True, slots=True)
class _Value:
    start: int
    end: int
    number: float
    unit: str
    qualifier: Qualifier | None


@dataclass(frozen=True, slots=True)
class _Rate:
    low: float
    high: float | None
    points: bool  # 个百分点 rather than %
    qualifier: Qualifier | None


@dataclass(frozen=True, slots=True)
class _Growth:
    start: int
    end: int
    rates: tuple[_Rate, ...]
    annual: bool
    negative: bool


_Token = _Name | _Value | _Growth


@dataclass(slots=True)
class _Draft:
    """An indicator being filled in while its sentence is read."""

    name: str
    raw: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    value_qualifier: Qualifier | None = None
    growth: float | None = None
    growth_high: float | None = None
    annual: bool = False
    growth_qualifier: Qualifier | None = None

    @property
    def measure(self) -> Measure:
        return MEASURES[self.name]


# ---------------------------------------------------------------- numbers


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _rates(text: str) -> tuple[_Rate, ...]:
    rates = []
    for match in RATE.finditer(text):
        high = match["high"]
        qualifier = QUALIFIERS.get(match["qualifier"] or "")
        rates.append(
            _Rate(
                low=_number(match["low"]),
                high=_number(high) if high else None,
                points=match["unit"] == "个百分点",
                qualifier=Qualifier.RANGE if high else qualifier,
            )
        )
    return tuple(rates)


# ---------------------------------------------------------------- names


def _borrowed(short: str, name: str, raw: str) -> tuple[str, int] | None:
    """The statistic a short word means when it borrows the rest of `raw`, and where in
    the word it starts (实现城镇 + 农村居民人均可支配收入 -> 城镇居民人均可支配收入, 2).

    Also 二 + 第三产业增加值 -> 第二产业增加值; 花费 + 接待游客人数 -> 游客花费.
    """
    for tail_start in range(len(short) - 1, -1, -1):
        tail = short[tail_start:]
        for keep in range(len(raw) + 1):
            for resume in range(keep, len(raw) + 1):
                candidate = raw[:keep] + tail + raw[resume:]
                found = ALIASES.get(candidate)
                if found and candidate != raw and found != name:
                    return found, tail_start
    return None


def _shorts_before(squeezed: str, start: int, floor: int, name: str, raw: str) -> list[_Member]:
    """城镇、|农村居民人均可支配收入: the short words listed before a name that borrow it."""
    if start == 0 or squeezed[start - 1] not in "、和与及":
        return []
    match = SHORTS_BEFORE.search(squeezed, max(floor, start - 16), start)
    if not match:
        return []
    found: list[tuple[str, int]] = []
    for word in reversed(list(SHORT_WORD.finditer(squeezed, match.start(), start))):
        borrowed = _borrowed(word[0], name, raw)
        if borrowed is None:
            break
        found.append((borrowed[0], word.start() + borrowed[1]))
    if not found:
        return []
    group_raw = squeezed[found[-1][1] : start] + raw
    return [_Member(short_name, group_raw, at) for short_name, at in reversed(found)]


def _names(squeezed: str) -> list[_Name]:
    names: list[_Name] = []
    floor = 0
    for match in NAME.finditer(squeezed):
        start, end, raw = match.start(), match.end(), match[0]
        if start and squeezed[start - 1] in "（(":
            continue  # a gloss: 地区生产总值（GDP）
        if NAME_BLOCKED_BEFORE.search(squeezed, max(0, start - 2), start):
            continue
        if NAME_BLOCKED_AFTER.match(squeezed, end):
            continue
        own = members(raw)
        group: list[_Member] = []
        if raw not in COLLECTIVES:
            group = _shorts_before(squeezed, start, floor, own[0], raw)
        group_start = group[0].start if group else start
        group_raw = squeezed[group_start:end] if group else raw
        group.extend(_Member(name, group_raw, start) for name in own)
        after = SHORT_AFTER.match(squeezed, end) if raw not in COLLECTIVES else None
        if after and not NAME.match(squeezed, after.start("short")):
            borrowed = _borrowed(after["short"], own[0], raw)
            if borrowed:
                end = after.end()
                whole = squeezed[group_start:end]
                group = [_Member(m.name, whole, m.start) for m in group]
                group.append(_Member(borrowed[0], whole, after.start("short") + borrowed[1]))
        names.append(_Name(group_start, end, tuple(group)))
        floor = end
    return names


# ---------------------------------------------------------------- tokens


def _tokens(squeezed: str) -> list[_Token]:
    found: list[_Token] = list(_names(squeezed))
    for match in GROWTH.finditer(squeezed):
        rates = _rates(match["rates"])
        bound = BOUND_QUALIFIERS.get(match["bound"] or "")
        if bound and len(rates) == 1 and rates[0].qualifier is None:
            rates = (_Rate(rates[0].low, rates[0].high, rates[0].points, bound),)
        annual = match["basis"] in ANNUAL_BASES
        negative = match["verb"] in NEGATIVE_VERBS
        found.append(_Growth(match.start(), match.end(), rates, annual, negative))
    for match in VALUE.finditer(squeezed):
        unit = match["unit"] + (match["per"] or "")
        qualifier = QUALIFIERS.get(match["qualifier"] or "")
        found.append(_Value(match.start(), match.end(), _number(match["number"]), unit, qualifier))
    found.sort(key=lambda token: (token.start, -token.end))
    tokens: list[_Token] = []
    reach = 0
    for token in found:
        if token.start >= reach:
            tokens.append(token)
            reach = token.end
    return tokens


# ---------------------------------------------------------------- reading a sentence


def _continues(gap: str) -> bool:
    """Whether the text between a name's last figure and the next one keeps the clause."""
    separators = list(CLAUSE_SEPARATOR.finditer(gap))
    if not separators:
        return "其中" not in gap
    return CONTINUATION.fullmatch(gap[separators[-1].end() :]) is not None


def _fits(draft: _Draft, unit: str) -> bool:
    base = unit.split("/")[0]
    measure = draft.measure
    if measure in PERCENT_MEASURES:
        return base in ("%", "‰")
    return UNITS.get(base) == measure and "/" not in unit


def _give_value(draft: _Draft, value: _Value, bound: Qualifier | None) -> None:
    draft.value = value.number
    draft.unit = value.unit
    draft.value_qualifier = value.qualifier or bound
    draft.end = max(draft.end, value.end)


def _give_rate(draft: _Draft, rate: _Rate, growth: _Growth) -> bool:
    sign = -1.0 if growth.negative else 1.0
    measure = draft.measure
    if measure is Measure.PRICE and not rate.points:
        if draft.value is not None:
            return False
        draft.value, draft.unit = sign * rate.low, "%"
        draft.value_qualifier = rate.qualifier
        draft.end = max(draft.end, growth.end)
        return True
    if draft.growth is not None or (rate.points and measure is not Measure.RATE):
        return False
    draft.growth = sign * rate.low
    draft.growth_high = sign * rate.high if rate.high is not None else None
    draft.annual = growth.annual
    draft.growth_qualifier = rate.qualifier
    if rate.points and draft.value is None:
        draft.unit = "个百分点"
    draft.end = max(draft.end, growth.end)
    return True


def _read_sentence(squeezed: str) -> list[_Draft]:
    """Drafts for every known statistic in a squeezed sentence, with what it owns."""
    drafts: list[_Draft] = []
    group: list[_Draft] = []
    previous: _Token | None = None
    reach = 0
    for token in _tokens(squeezed):
        gap = squeezed[reach : token.start]
        reach = token.end
        if isinstance(token, _Name):
            joined = (
                isinstance(previous, _Name)
                and JOINER.fullmatch(gap) is not None
                and all(d.value is None and d.growth is None for d in group)
            )
            new = [_Draft(m.name, m.raw, m.start, token.end) for m in token.members]
            group = group + new if joined else new
            drafts.extend(new)
            previous = token
            continue
        previous = token
        if not group:
            continue
        if not _continues(gap):
            group = []
            continue
        if isinstance(token, _Value):
            if BASE_GAP.search(gap) or INCREMENT_GAP.search(gap):
                continue
            bound_match = BOUND_BEFORE.search(gap)
            bound = BOUND_QUALIFIERS.get(bound_match["bound"]) if bound_match else None
            open_drafts = [d for d in group if d.value is None]
            if open_drafts and _fits(open_drafts[0], token.unit):
                _give_value(open_drafts[0], token, bound)
            continue
        _read_growth(token, gap, group, drafts)
    return drafts


def _read_growth(growth: _Growth, gap: str, group: list[_Draft], drafts: list[_Draft]) -> None:
    rates = growth.rates
    if len(rates) == len(group):
        targets = group
    elif len(rates) == 1 and len(group) > 1 and gap.endswith("均"):
        targets = group
        rates = rates * len(group)
    elif len(rates) > len(group) and len(drafts) >= len(rates):
        # 游客 2764 万人次，游客花费 197 亿元，同比分别增长 16.4%、19.5%
        targets = drafts[-len(rates) :]
        if any(d.growth is not None for d in targets[: -len(group)]):
            return
    else:
        return
    for draft, rate in zip(targets, rates, strict=True):
        _give_rate(draft, rate, growth)


# ---------------------------------------------------------------- kind and period


def _kind(section: Section | None, context: str) -> IndicatorKind | None:
    if section is not None:
        if section.kind is SectionKind.REVIEW:
            return IndicatorKind.ACTUAL
        if section.kind in (SectionKind.WORK, SectionKind.GOALS):
            return IndicatorKind.TARGET
        if section.kind is SectionKind.GLOSSARY:
            return None  # definitions (四上企业：年主营业务收入2000万元以上…) are not figures
    target = _last_end(TARGET_MARKER, context)
    actual = _last_end(ACTUAL_MARKER, context)
    if target == actual:
        return None
    return IndicatorKind.TARGET if target > actual else IndicatorKind.ACTUAL


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    return max((match.end() for match in pattern.finditer(text)), default=-1)


def _plan_number(match: re.Match[str]) -> int:
    """十四五 -> 14, 十五 -> 10, 九五 -> 9."""
    return chinese_number(match["quoted"] or match["bare"])


def _span(years: tuple[int, int]) -> str:
    return f"{years[0]}-{years[1]}"


def _last_plan(context: str) -> tuple[int, int] | None:
    found = None
    for match in PLAN_MARKER.finditer(context):
        if not STARTING_POINT.search(context, max(0, match.start() - 2), match.start()):
            found = five_year_plan_years(_plan_number(match))
    return found


def _last_year(context: str) -> tuple[int, str] | None:
    """The last year named in `context`, with the word before it (到 for a deadline)."""
    found = None
    for match in YEAR.finditer(context):
        before = context[max(0, match.start() - 2) : match.start()]
        if STARTING_POINT.search(before):
            continue
        found = (int(match["year"]), before.strip())
    return found


def _plan_period(text: str | None) -> tuple[int, int] | None:
    match = PLAN_PERIOD.fullmatch(text or "")
    return (int(match[1]), int(match[2])) if match else None


def _period(
    kind: IndicatorKind, annual: bool, meta: Metadata, context: str, sentence: str
) -> str | None:
    """The period a figure is about, or None when the text does not say."""
    plan = _plan_period(meta.plan_period)
    target = kind is IndicatorKind.TARGET
    if plan is not None:  # a five-year plan
        if target:
            year = _last_year(context)
            if year and year[1].endswith("到") and year[0] > plan[1]:
                return f"{plan[0]}-{year[0]}"
            return _span(plan)
        return _span(_last_plan(context) or (plan[0] - 5, plan[0] - 1))
    review = meta.review_year or (meta.plan_year - 1 if meta.plan_year else None)
    coming = meta.plan_year or (meta.review_year + 1 if meta.review_year else None)
    if annual:
        plan_marker = _last_plan(context)
        if plan_marker:
            return _span(plan_marker)
        if not target and review and FIVE_YEARS.search(context):
            return _span((review - 4, review))
        return None
    year = _last_year(sentence)
    if year is not None:
        return str(year[0])
    if not target and review and _last_end(FIVE_YEARS, context) > _last_end(ONE_YEAR, context):
        return _span((review - 4, review))  # 过去五年…累计实现城镇新增就业5.2万人
    chosen = coming if target else review
    return str(chosen) if chosen else None


# ---------------------------------------------------------------- the report


def _squeeze(sentence: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The sentence without white space, and how to map squeezed offsets back."""
    breaks: list[int] = []
    shifts: list[int] = []
    removed = 0
    for match in SPACE.finditer(sentence):
        breaks.append(match.start() - removed)
        removed += match.end() - match.start()
        shifts.append(removed)
    squeezed = SPACE.sub("", sentence) if breaks else sentence
    return squeezed.translate(NUMBER_FORMS), tuple(breaks), tuple(shifts)


def _unsqueeze(offset: int, breaks: tuple[int, ...], shifts: tuple[int, ...]) -> int:
    index = bisect_right(breaks, offset)
    return offset + (shifts[index - 1] if index else 0)


def _cumulative_over_a_span(period: str, draft: _Draft, before: str) -> bool:
    """“十一五”时期，累计实现外贸进出口总额 16.53 亿美元，同比增长 171%: a five-year sum
    compared with the last five years' is neither a level nor a yearly growth."""
    return "-" in period and "累计" in before and draft.growth is not None and not draft.annual


def _sentences_with_names(text: str) -> Iterator[tuple[int, int]]:
    """The [start, end) of each sentence holding a known statistic's name."""
    ends = [match.start() for match in SENTENCE_BREAK.finditer(text)]
    last = -1
    for hit in NAME.finditer(text):
        index = bisect_right(ends, hit.start())
        start = ends[index - 1] + 1 if index else 0
        if start != last:
            last = start
            yield start, ends[index] if index < len(ends) else len(text)


def _qualifier(draft: _Draft) -> Qualifier | None:
    if draft.growth is not None and draft.growth_qualifier:
        return draft.growth_qualifier
    return draft.value_qualifier


def extract_indicators(
    text: str, sections: tuple[Section, ...], meta: Metadata
) -> tuple[Indicator, ...]:
    """Every headline figure of a known statistic in `text`, in reading order."""
    found: list[Indicator] = []
    seen: set[tuple[object, ...]] = set()
    index = SectionIndex(sections)
    for base, stop in _sentences_with_names(text):
        sentence = text[base:stop]
        if not DIGIT.search(sentence):
            continue
        squeezed, breaks, shifts = _squeeze(sentence)
        drafts = [
            d for d in _read_sentence(squeezed) if d.value is not None or d.growth is not None
        ]
        if not drafts:
            continue
        paragraph_start = text.rfind("\n", 0, base) + 1
        clean = sentence.strip()
        for draft in drafts:
            start = base + _unsqueeze(draft.start, breaks, shifts)
            end = base + _unsqueeze(draft.end - 1, breaks, shifts) + 1
            prefix = text[base:end]
            if PARTIAL_YEAR.search(prefix):
                continue
            context = text[paragraph_start:end]
            section = index.innermost(start)
            kind = _kind(section, context)
            if kind is None:
                continue
            period = _period(kind, draft.annual, meta, context, prefix)
            if period is None or _cumulative_over_a_span(period, draft, text[base:start]):
                continue
            indicator = Indicator(
                name=draft.name,
                raw_name=draft.raw,
                period=period,
                kind=kind,
                value=draft.value,
                unit=draft.unit,
                growth=draft.growth,
                growth_high=draft.growth_high,
                growth_basis=None
                if draft.growth is None
                else (GrowthBasis.ANNUAL_AVG if draft.annual else GrowthBasis.YOY),
                qualifier=_qualifier(draft),
                section=section.title if section else "",
                start=start,
                end=end,
                sentence=clean,
            )
            key = (
                indicator.name,
                indicator.period,
                indicator.kind,
                indicator.value,
                indicator.unit,
                indicator.growth,
                indicator.growth_high,
                indicator.growth_basis,
                indicator.qualifier,
            )
            if key not in seen:
                seen.add(key)
                found.append(indicator)
    return tuple(found)
