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

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from baogao.parsers.indicator_names import (
    ALIASES,
    COLLECTIVES,
    GROWTH_NAMES,
    MEASURES,
    PERCENT_MEASURES,
    UNITS,
    Measure,
    members,
)
from baogao.parsers.meta import five_year_plan_years
from baogao.parsers.model import (
    Evidence,
    GrowthBasis,
    Indicator,
    IndicatorKind,
    Metadata,
    Qualifier,
    Section,
    SectionIndex,
    SectionKind,
)
from baogao.parsers.text import CN_DIGITS, NUMBER_FORMS, SENTENCE_BREAK, chinese_number

# ---------------------------------------------------------------- patterns


# White space inside a sentence ("439.77 亿元", "人均 GDP", "8 ．8 ％") is squeezed out
# before reading, and a per cent in Chinese numerals is read as digits:
# 比上年增长百分之十一点八 -> 11.8%, 定为百分之八至九 -> 8-9%
_CN_NUMERAL = "[零〇一二两三四五六七八九十]{1,3}(?:点[零〇一二三四五六七八九]{1,4})?"
SQUEEZED = re.compile(
    rf"(?P<space>[ \t\u3000\xa0]+)"
    rf"|百分之(?P<low>{_CN_NUMERAL})(?:(?:至|到|—|－|-)(?:百分之)?(?P<high>{_CN_NUMERAL}))?"
    rf"|(?<=增长)(?P<times>[一二两三四五六七八九十]{{1,2}})倍"  # 增长一倍 -> 1倍
)


DIGIT = re.compile(r"[0-9０-９]|百分之|增长[一二两三四五六七八九十]{1,2}倍")

# How far back a figure looks for what its paragraph says (linear time on a report
# written on one line): a target block's lead sentence is never further away.
CONTEXT_LOOKBACK = 1500
# A sentence longer than this is not prose (a table flattened, a page without marks):
# only its last stretch before a figure is read for markers.
SENTENCE_LOOKBACK = 600
SENTENCE_KEPT = 2000  # the evidence kept with a figure

# At most 15 digits before the point: a longer run is not a figure (and would not be
# finite as a float past 308 digits).
_NUMBER = r"\d{1,15}(?:,\d{3}){0,4}(?:\.\d{1,6})?"
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
# … and a sector or sub-population before it makes it another statistic: 海洋生产总值,
# 工业固定资产投资, 其中脱贫地区农村居民人均可支配收入
NAME_SECTOR_BEFORE = re.compile(
    r"(?:海洋|工业|民间|制造业|基础设施|房地产|农业|服务业|文化产业|数字经济|旅游|林业|交通|地区"
    r"|县域|湾区|园区|开发区|民营|城市群|都市圈)$"
)
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
# 5.5%左右—6%: the low end may carry its own 左右
_RATE = rf"{_NUMBER}%?(?:左右)?(?:{_RANGE}{_NUMBER})?(?:%|个百分点|倍)(?:左右|以上|以内|以下)?"
GROWTH = re.compile(
    rf"""
    (?=[同比较年平每分增提上下减降回涨累])  # fail fast: what the basis, 分别 or verb starts with
    (?P<basis>同比|比上年|较上年|比去年|较去年|年均|年平均|平均每年|每年平均|累计)?
    (?:分别)?
    (?P<verb>增长|增加|提高|上涨|上升|增速|增幅|涨幅|增产|下降|减少|降低|回落|下滑|减产)
    (?:了|率)?(?:分别)?(?:为|达到|达|是|在)?
    (?P<bound>不低于|不少于|不超过|不高于|超过|低于|控制在|保持在)?
    (?<![A-Za-z0-9.])
    (?P<rates>{_RATE}(?:[、和及]{_RATE})*)
    """,
    re.VERBOSE,
)

# After a name that is itself a growth (经济增长), the rate may follow without a verb:
#   经济增长5%左右 / 经济增长速度的宏观调控目标，定为百分之八至九 / 经济增长预期为7%左右
NAMED_RATE = re.compile(
    rf"""
    (?:的?(?:宏观)?(?:调控目标|预期目标|预期|目标)?[，,]?(?:定为|为|是|要|达到|保持在|在))?
    (?P<bound>不低于|不少于|不超过|不高于|超过|控制在)?
    (?P<rates>{_RATE})
    """,
    re.VERBOSE,
)

# “十五”期间年均经济增长速度预期目标为7%左右: the basis written before the name
ANNUAL_BEFORE_NAME = re.compile(r"(?:年均|年平均|平均每年)$")

# One rate of a growth list: 6.5% / 5%-5.5% / 6.5%－7%左右 / 0.3个百分点
RATE = re.compile(
    rf"""
    (?P<low>{_NUMBER})%?(?:左右)?
    (?:{_RANGE}(?P<high>{_NUMBER}))?
    (?P<unit>%|个百分点|倍)  # 增长1.29倍: a growth of 129%
    (?P<qualifier>左右|以上|以内|以下)?
    """,
    re.VERBOSE,
)

# A value: number and unit, never glued to a letter (G219, 5G, PM2.5, 5A级).
#   439.77亿元 / 2764万人次 / 5.5%以内 / 10‰以内 / 800万吨/年
VALUE = re.compile(
    rf"""
    (?=\d)(?<![A-Za-z0-9.])
    (?P<number>{_NUMBER})(?P<more>余|多)?  # 300余亿元, 67700多亿元: at least
    (?P<unit>{_UNIT})(?P<per>/年)?
    (?P<qualifier>左右|以上|以内|以下)?
    (?![A-Za-z])
    (?P<attribute>的|[县市区镇村])?  # 经济总量超500亿元的县域 / 超200亿元县2个: a threshold
    """,
    re.VERBOSE,
)

# Between a name and its figures: a new clause continues the name only if it
# starts with these (、同比增长… / ，达到 270 亿元 / ，分别增长… / 、总量达… / ，同口径增长…
# / ，定为百分之八至九).
CLAUSE_SEPARATOR = re.compile(r"[，,、：:]")
CONTINUATION = re.compile(
    r"(?:同比|比上年|较上年|同口径|按可比口径|可比口径|按可比价格计算|可比价|实际|名义|分别|实现|完成"
    r"|总量|总额|规模"
    r"|达到|达|为|约|累计|均|全年|定为)*"
)
# A level raised past a threshold: 突破3万亿元、达3.6万亿元 (the second is the level)
LEVEL_AFTER_THRESHOLD = re.compile(r"[、，,]?(?:达到|达|为|实现)")

# A value that is a starting point or a share, not the level: 从 306.06 亿元增加到…, 比“十五”末的 41.1 亿元
BASE_GAP = re.compile(r"(?:从|由|比|较|相当于|占)[^到至]*$")
# A value that is an increment: 比上年增加 50 亿元
INCREMENT_GAP = re.compile(r"(?:增加|增长|提高|减少|下降|降低|净增|新增|多)$")
# A bound written before the value: 控制在 3.8% 以内, 不低于 6%
BOUND_BEFORE = re.compile(r"(?P<bound>不低于|不少于|超过|突破|不超过|不高于|低于|控制在)$")

# Figures for part of a year are not the year's: 一季度地区生产总值增长 5%
PARTIAL_YEAR = re.compile(r"季度|上半年|下半年|\d+\s*[-—～至]\s*\d+\s*月|\d+\s*月份")

# The target block: the plan year's targets, which win over any other sentence.
#   今年经济社会发展主要预期目标是：… / 经济增长速度的调控目标定为８％ / 计划增长百分之八
TARGET_BLOCK = re.compile(
    r"主要预期目标|预期目标|调控目标|计划要求|主要目标是|主要目标为|目标是|目标为|目标定为"
    r"|计划增长|预期为|预期增长|主要预期"
)
# … but a review naming a target is not one: 增速高于预期目标, 超过全年预期目标
TARGET_NAMED_IN_REVIEW = re.compile(
    r"(?:超过|超出|高于|低于|好于|完成|实现|达到|确定的)[^，。；]{0,6}$"
)
# A review sentence: the previous year's actual wherever it stands.
#   过去一年，…国内生产总值增长10.3% / 全年国民生产总值一万七千四百亿元，比上年增长５％
REVIEW_SENTENCE = re.compile(
    r"过去一年|一年来|(?<![比较于])去年(?!同期)|(?<![比较于])上一年|刚刚过去的|回顾"
    r"|(?<!预计)(?<![今明]年)全年(?:全省|全市|全区|全县|全国)?(?:地区|国民|国内)?生产总值"
    r"|(?:超过|超出|高于|好于|完成|实现)[^，。；]{0,6}(?:预期目标|预定目标)"
)
# Words of the coming year or plan that a review marker must be nearer than.
AHEAD = re.compile(r"今年|明年|力争|确保|预期|计划|目标")
# A plan period's figures, not the plan year's: 届时经济总量超过90万亿元 / 今后五年
PLAN_AHEAD = re.compile(r"今后五年|未来五年|今后五年内")
THEN = re.compile(r"届时")
DEADLINE_YEAR = re.compile(r"到\s*(?P<year>(?:19|20)\d{2})\s*年")

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
    cumulative: bool = False  # 累计下降16%
    each: bool = False  # 分别增长7.5%: one rate for every name listed


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
    cumulative: bool = False
    growth_qualifier: Qualifier | None = None
    value_bound: Qualifier | None = None  # the bound written before the value (突破)

    @property
    def measure(self) -> Measure:
        return MEASURES[self.name]


# ---------------------------------------------------------------- numbers


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _finite(*numbers: float | None) -> bool:
    """Whether every number is one a figure can be (never inf or nan)."""
    return all(number is None or math.isfinite(number) for number in numbers)


def _rates(text: str) -> tuple[_Rate, ...]:
    rates = []
    for match in RATE.finditer(text):
        high = match["high"]
        if not _finite(_number(match["low"]), _number(high) if high else None):
            return ()
        qualifier = QUALIFIERS.get(match["qualifier"] or "")
        scale = 100.0 if match["unit"] == "倍" else 1.0
        rates.append(
            _Rate(
                low=_number(match["low"]) * scale,
                high=_number(high) * scale if high else None,
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
        if NAME_SECTOR_BEFORE.search(squeezed, max(0, start - 4), start):
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
    names = _names(squeezed)
    found: list[_Token] = list(names)
    for match in GROWTH.finditer(squeezed):
        rates = _rates(match["rates"])
        bound = BOUND_QUALIFIERS.get(match["bound"] or "")
        if bound and len(rates) == 1 and rates[0].qualifier is None:
            rates = (_Rate(rates[0].low, rates[0].high, rates[0].points, bound),)
        if not rates:
            continue
        annual = match["basis"] in ANNUAL_BASES
        negative = match["verb"] in NEGATIVE_VERBS
        cumulative = match["basis"] == "累计"
        each = "分别" in match[0]
        found.append(_Growth(match.start(), match.end(), rates, annual, negative, cumulative, each))
    for name in names:
        if name.members and name.members[-1].raw in GROWTH_NAMES:
            named = NAMED_RATE.match(squeezed, name.end)
            before = ANNUAL_BEFORE_NAME.search(squeezed, max(0, name.start - 4), name.start)
            if named and (rates := _rates(named["rates"])):
                bound = BOUND_QUALIFIERS.get(named["bound"] or "")
                if bound and len(rates) == 1 and rates[0].qualifier is None:
                    rates = (_Rate(rates[0].low, rates[0].high, rates[0].points, bound),)
                found.append(
                    _Growth(
                        named.start("rates"), named.end(), rates, before is not None, negative=False
                    )
                )
    for match in VALUE.finditer(squeezed):
        unit = match["unit"] + (match["per"] or "")
        qualifier = QUALIFIERS.get(match["qualifier"] or "")
        if match["attribute"] and UNITS.get(match["unit"]) is not Measure.RATE:
            continue  # describes the things counted, not the statistic's level
        if match["more"]:
            qualifier = Qualifier.AT_LEAST
        number = _number(match["number"])
        if _finite(number):
            found.append(_Value(match.start(), match.end(), number, unit, qualifier))
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
    draft.value_bound = bound
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
    draft.cumulative = growth.cumulative
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
    in_base = False  # 从2021年的4.5万元和1.8万元分别提高到…: the starting points run on
    for token in _tokens(squeezed):
        gap = squeezed[reach : token.start]
        reach = token.end
        if isinstance(token, _Name):
            joined = (
                isinstance(previous, _Name)
                and JOINER.fullmatch(gap) is not None
                and all(d.value is None and d.growth is None for d in group)
            )
            in_base = False
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
            joined_base = in_base and JOINER.fullmatch(gap) is not None
            in_base = joined_base or BASE_GAP.search(gap) is not None
            if in_base or INCREMENT_GAP.search(gap):
                continue
            bound_match = BOUND_BEFORE.search(gap)
            bound = BOUND_QUALIFIERS.get(bound_match["bound"]) if bound_match else None
            open_drafts = [d for d in group if d.value is None]
            if open_drafts and _fits(open_drafts[0], token.unit):
                _give_value(open_drafts[0], token, bound)
            elif (
                len(group) == 1
                and group[0].value_bound is Qualifier.AT_LEAST
                and LEVEL_AFTER_THRESHOLD.fullmatch(gap)
                and _fits(group[0], token.unit)
            ):
                _give_value(group[0], token, bound)  # 突破3万亿元、达3.6万亿元: 3.6
            continue
        _read_growth(token, gap, group, drafts)
    return drafts


def _read_growth(growth: _Growth, gap: str, group: list[_Draft], drafts: list[_Draft]) -> None:
    rates = growth.rates
    if len(rates) == len(group):
        targets = group
    elif len(rates) == 1 and len(group) > 1 and (growth.each or gap.endswith(("均", "分别"))):
        # 城乡居民人均可支配收入分别增长7.5% / …分别达35512元、25689元，分别同比增长7.8%
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


def _target_block_end(text: str, pattern: re.Pattern[str] = TARGET_BLOCK) -> int:
    """End of the last target marker in `text` that is not a review naming a target
    (增速高于预期目标), or -1."""
    found = -1
    for match in pattern.finditer(text):
        if not TARGET_NAMED_IN_REVIEW.search(text, max(0, match.start() - 8), match.start()):
            found = match.end()
    return found


def _told_by_words(text: str) -> tuple[IndicatorKind, Evidence] | None:
    """Kind from the nearest strong marker in `text`: the target block or a review."""
    target = _target_block_end(text)
    review = _last_end(REVIEW_SENTENCE, text)
    if target < 0 and review < 0:
        return None
    if target > review:
        return IndicatorKind.TARGET, Evidence.TARGET_BLOCK
    if _last_end(AHEAD, text) > review:
        return None  # 在去年基础上，今年…: the coming year is nearer
    return IndicatorKind.ACTUAL, Evidence.REVIEW


_SECTION_KINDS = {
    SectionKind.REVIEW: IndicatorKind.ACTUAL,
    SectionKind.WORK: IndicatorKind.TARGET,
    SectionKind.GOALS: IndicatorKind.TARGET,
}


def _kind(
    section: Section | None, sentence: str, context: str
) -> tuple[IndicatorKind, Evidence] | None:
    """The figure's kind and why: the sentence's own words (target block, review) first,
    then a review section, the paragraph's words, a work section, nearby markers."""
    if section is not None and section.kind is SectionKind.GLOSSARY:
        return None  # definitions (四上企业：年主营业务收入2000万元以上…) are not figures
    told = _told_by_words(sentence)
    if told is not None:
        return told
    by_section = _SECTION_KINDS.get(section.kind) if section is not None else None
    if by_section is IndicatorKind.ACTUAL:
        return by_section, Evidence.SECTION
    told = _told_by_words(context)
    if told is not None:
        return told
    if by_section is not None:
        return by_section, Evidence.SECTION
    target = _target_block_end(context, TARGET_MARKER)
    actual = _last_end(ACTUAL_MARKER, context)
    if target == actual:
        return None
    return (IndicatorKind.TARGET if target > actual else IndicatorKind.ACTUAL), Evidence.MARKER


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


def _section_plan(path: tuple[Section, ...], kind: IndicatorKind) -> tuple[int, int] | None:
    """The plan a top-level section is about when its title names plans and no year:
    二、“十四五”时期发展成就和“十五五”… is 十四五's for actuals, 十五五's for targets."""
    if not path or YEAR.search(path[0].title):
        return None
    plans = [
        five_year_plan_years(_plan_number(match)) for match in PLAN_MARKER.finditer(path[0].title)
    ]
    if not plans:
        return None
    return plans[-1] if kind is IndicatorKind.TARGET else plans[0]


def _plan_period(text: str | None) -> tuple[int, int] | None:
    match = PLAN_PERIOD.fullmatch(text or "")
    return (int(match[1]), int(match[2])) if match else None


def _period(
    kind: IndicatorKind, annual: bool, meta: Metadata, context: str, sentence: str
) -> tuple[str, Evidence | None] | None:
    """The period a figure is about, and the evidence when it overrides the kind's
    (a plan period, a year named); None when the text does not say."""
    plan = _plan_period(meta.plan_period)
    target = kind is IndicatorKind.TARGET
    if plan is not None:  # a five-year plan
        if target:
            year = _last_year(context)
            if year and year[1].endswith("到") and year[0] > plan[1]:
                return f"{plan[0]}-{year[0]}", Evidence.PLAN_PERIOD
            return _span(plan), None
        return _span(_last_plan(context) or (plan[0] - 5, plan[0] - 1)), None
    review = meta.review_year or (meta.plan_year - 1 if meta.plan_year else None)
    coming = meta.plan_year or (meta.review_year + 1 if meta.review_year else None)
    if target and not annual:
        if THEN.search(sentence):  # 到2020年…。届时经济总量超过90万亿元
            deadlines = list(DEADLINE_YEAR.finditer(context))
            return (deadlines[-1]["year"], Evidence.PLAN_PERIOD) if deadlines else None
        ahead = PLAN_AHEAD.search(sentence)
        plan_marker = _last_plan(sentence)
        if plan_marker and not YEAR.search(sentence):
            return _span(plan_marker), Evidence.PLAN_PERIOD  # “十三五”时期…
        if ahead and coming:
            return _span((coming, coming + 4)), Evidence.PLAN_PERIOD
    found = _period_by_kind(target, annual, review, coming, context, sentence)
    return found


def _period_by_kind(
    target: bool,
    annual: bool,
    review: int | None,
    coming: int | None,
    context: str,
    sentence: str,
) -> tuple[str, Evidence | None] | None:
    if annual:
        plan_marker = _last_plan(context)
        if plan_marker:
            return _span(plan_marker), Evidence.PLAN_PERIOD
        if not target and review and FIVE_YEARS.search(context):
            return _span((review - 4, review)), Evidence.PLAN_PERIOD
        if target and coming and PLAN_AHEAD.search(context):
            return _span((coming, coming + 4)), Evidence.PLAN_PERIOD
        return None
    year = _last_year(sentence)
    if year is not None:
        return str(year[0]), (Evidence.PLAN_PERIOD if year[1].endswith("到") else Evidence.YEAR)
    if not target and review and _last_end(FIVE_YEARS, context) > _last_end(ONE_YEAR, context):
        # 过去五年…累计实现城镇新增就业5.2万人
        return _span((review - 4, review)), Evidence.PLAN_PERIOD
    chosen = coming if target else review
    return (str(chosen), None) if chosen else None


# ---------------------------------------------------------------- the report


def _numeral(numeral: str) -> str:
    """十一点八 -> "11.8", 八 -> "8" (the numerals of a per cent)."""
    whole, _, decimals = numeral.partition("点")
    digits = "".join(str(CN_DIGITS.get(char, 0)) for char in decimals)
    return f"{chinese_number(whole)}" + (f".{digits}" if digits else "")


def _squeeze(sentence: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The sentence without white space, per cents in digits, and how to map squeezed
    offsets back (an offset inside a rewritten per cent maps to its start)."""
    breaks: list[int] = []
    shifts: list[int] = []
    pieces: list[str] = []
    position = 0
    length = 0
    for match in SQUEEZED.finditer(sentence):
        pieces.append(sentence[position : match.start()])
        length += match.start() - position
        if match["space"]:
            written = ""
        elif match["times"]:
            written = f"{chinese_number(match['times'])}倍"
        else:
            high = match["high"]
            written = _numeral(match["low"]) + (f"-{_numeral(high)}" if high else "") + "%"
        pieces.append(written)
        length += len(written)
        position = match.end()
        breaks.append(length)
        shifts.append(position - length)
    if not breaks:
        return sentence.translate(NUMBER_FORMS), (), ()
    pieces.append(sentence[position:])
    return "".join(pieces).translate(NUMBER_FORMS), tuple(breaks), tuple(shifts)


def _unsqueeze(offset: int, breaks: tuple[int, ...], shifts: tuple[int, ...]) -> int:
    index = bisect_right(breaks, offset)
    return offset + (shifts[index - 1] if index else 0)


def _growth_basis(draft: _Draft) -> GrowthBasis | None:
    if draft.growth is None:
        return None
    if draft.cumulative:
        return GrowthBasis.CUMULATIVE
    return GrowthBasis.ANNUAL_AVG if draft.annual else GrowthBasis.YOY


def _cumulative_over_a_span(period: str, draft: _Draft, before: str) -> bool:
    """“十一五”时期，累计实现外贸进出口总额 16.53 亿美元，同比增长 171%: a five-year sum
    compared with the last five years' is neither a level nor a yearly growth."""
    return (
        "-" in period
        and "累计" in before
        and draft.growth is not None
        and not (draft.annual or draft.cumulative)
    )


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
        reach = max(0, base - CONTEXT_LOOKBACK)
        paragraph_start = max(text.rfind("\n", reach, base) + 1, reach)
        clean = sentence.strip()
        for draft in drafts:
            start = base + _unsqueeze(draft.start, breaks, shifts)
            end = base + _unsqueeze(draft.end - 1, breaks, shifts) + 1
            prefix = text[max(base, start - SENTENCE_LOOKBACK) : end]
            if PARTIAL_YEAR.search(prefix):
                continue
            context = text[max(paragraph_start, end - CONTEXT_LOOKBACK) : end]
            section = index.innermost(start)
            told = _kind(section, prefix, context)
            if told is None:
                continue
            kind, evidence = told
            dated = _period(kind, draft.annual or draft.cumulative, meta, context, prefix)
            if dated is None:
                continue
            period, period_evidence = dated
            by_place = evidence in (Evidence.SECTION, Evidence.MARKER)
            if by_place and period_evidence is None and meta.plan_period is None:
                plan = _section_plan(index.path(start), kind)
                if plan is not None:  # 二、“十五五”时期主要目标任务: the plan's, not 2026's
                    period, period_evidence = _span(plan), Evidence.PLAN_PERIOD
            if _cumulative_over_a_span(period, draft, text[max(base, start - 40) : start]):
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
                growth_basis=_growth_basis(draft),
                qualifier=_qualifier(draft),
                section=section.title if section else "",
                start=start,
                end=end,
                sentence=clean[:SENTENCE_KEPT],
                evidence=period_evidence or evidence,
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
