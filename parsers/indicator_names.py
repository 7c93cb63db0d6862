"""The statistics baogao recognises, their aliases and their units, as data.

An indicator is only emitted for a name in this table: reports are full of
figures (projects, enterprises, kilometres of road) that no one compares
across regions, and a wrong row costs the reader more than a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Measure(StrEnum):
    """What a statistic's level is measured in; decides which figures can be its value."""

    MONEY = "money"  # 亿元, 元, 亿美元
    VISITS = "visits"  # 万人次
    PEOPLE = "people"  # 万人
    RATE = "rate"  # a ratio stated in % or ‰: 失业率 5.5%
    PRICE = "price"  # a price change stated in %: 居民消费价格涨幅 3%
    MASS = "mass"  # 万吨, 亿斤
    CHANGE = "change"  # growth only: 单位GDP能耗下降 3%


# Units a figure may carry, longest first where one is a prefix of another.
UNITS: dict[str, Measure] = {
    "万亿元": Measure.MONEY,
    "亿元": Measure.MONEY,
    "万元": Measure.MONEY,
    "元": Measure.MONEY,
    "亿美元": Measure.MONEY,
    "万美元": Measure.MONEY,
    "美元": Measure.MONEY,
    "亿人次": Measure.VISITS,
    "万人次": Measure.VISITS,
    "人次": Measure.VISITS,
    "万人": Measure.PEOPLE,
    "人": Measure.PEOPLE,
    "%": Measure.RATE,
    "‰": Measure.RATE,
    "万亿斤": Measure.MASS,
    "亿斤": Measure.MASS,
    "万斤": Measure.MASS,
    "亿公斤": Measure.MASS,
    "万公斤": Measure.MASS,
    "公斤": Measure.MASS,
    "万吨": Measure.MASS,
    "吨": Measure.MASS,
}

# Measures whose values are written as a percentage.
PERCENT_MEASURES = frozenset({Measure.RATE, Measure.PRICE})


@dataclass(frozen=True, slots=True)
class Statistic:
    name: str  # canonical
    measure: Measure
    aliases: tuple[str, ...]  # as reports write it
    bare: bool = True  # whether the canonical name itself, as written, names it


STATISTICS: tuple[Statistic, ...] = (
    Statistic(
        "地区生产总值",
        Measure.MONEY,
        # 国民生产总值 (GNP) was the headline of the 1980s-90s; kept as raw_name
        (
            "生产总值",
            "国内生产总值",
            "GDP",
            "经济总量",
            "国民生产总值",
            "经济增长",
            "经济增长速度",
            "经济增速",
        ),
    ),
    Statistic(
        "人均地区生产总值",
        Measure.MONEY,
        ("人均生产总值", "人均GDP", "人均国内生产总值"),
    ),
    Statistic(
        "规模以上工业增加值",
        Measure.MONEY,
        ("规上工业增加值", "规模工业增加值", "规模以上工业企业增加值"),
    ),
    # bare 工业增加值 is mostly a project's (新汶集团…工业增加值 11.7 亿元), not the region's
    Statistic("工业增加值", Measure.MONEY, ("地方工业增加值", "全部工业增加值"), bare=False),
    Statistic("第一产业增加值", Measure.MONEY, ("一产增加值",)),
    Statistic("第二产业增加值", Measure.MONEY, ("二产增加值",)),
    Statistic("第三产业增加值", Measure.MONEY, ("三产增加值", "服务业增加值")),
    Statistic("建筑业增加值", Measure.MONEY, ()),
    Statistic("农林牧渔业总产值", Measure.MONEY, ("农林牧渔业增加值",)),
    Statistic(
        "固定资产投资",
        Measure.MONEY,
        ("全社会固定资产投资", "地方固定资产投资", "固定资产投资额", "全社会固定资产投资额"),
    ),
    Statistic(
        "社会消费品零售总额",
        Measure.MONEY,
        ("地方社会消费品零售总额", "社会消费品零售额", "全社会消费品零售总额"),
    ),
    Statistic(
        "一般公共预算收入",
        Measure.MONEY,
        (
            "地方一般公共预算收入",
            "地方财政一般预算收入",
            "财政一般预算收入",
            "一般预算收入",
            "公共财政预算收入",
            "地方公共财政预算收入",
        ),
    ),
    Statistic("一般公共预算支出", Measure.MONEY, ("地方一般公共预算支出", "财政一般预算支出")),
    Statistic(
        "外贸进出口总额",
        Measure.MONEY,
        ("进出口总额", "外贸进出口总值", "对外贸易进出口总额", "货物进出口总额", "外贸进出口"),
    ),
    Statistic("实际利用外资", Measure.MONEY, ("实际使用外资",)),
    Statistic("招商引资到位资金", Measure.MONEY, ("招商引资到位资金额",)),
    Statistic(
        "城镇居民人均可支配收入",
        Measure.MONEY,
        ("城镇常住居民人均可支配收入", "城镇居民可支配收入", "城镇居民收入"),
    ),
    Statistic(
        "农村居民人均可支配收入",
        Measure.MONEY,
        (
            "农村常住居民人均可支配收入",
            "农牧民人均可支配收入",
            "农民人均可支配收入",
            "农村牧区居民人均可支配收入",
            "农村牧区常住居民人均可支配收入",
            "农村居民收入",
        ),
    ),
    # a different statistic from 可支配收入 (used until 2013): never merge them
    Statistic("农村居民人均纯收入", Measure.MONEY, ("农牧民人均纯收入", "农民人均纯收入")),
    Statistic("居民人均可支配收入", Measure.MONEY, ("全体居民人均可支配收入",)),
    Statistic(
        "接待游客",
        Measure.VISITS,
        ("接待游客人数", "接待游客总人数", "游客接待量", "旅游接待人数", "接待国内外游客"),
    ),
    Statistic(
        "游客花费",
        Measure.MONEY,
        ("游客总花费", "接待游客花费", "旅游总收入", "旅游收入", "旅游总花费", "旅游综合收入"),
    ),
    Statistic("城镇新增就业", Measure.PEOPLE, ("新增城镇就业", "城镇新增就业人数", "新增就业")),
    Statistic("城镇调查失业率", Measure.RATE, ()),
    Statistic("城镇登记失业率", Measure.RATE, ("登记失业率",)),
    Statistic(
        "居民消费价格涨幅",
        Measure.PRICE,
        ("居民消费价格", "居民消费价格指数", "居民消费价格总水平", "物价涨幅"),
    ),
    Statistic("城市绿化覆盖率", Measure.RATE, ("建成区绿化覆盖率",)),
    Statistic("森林覆盖率", Measure.RATE, ()),
    Statistic("常住人口城镇化率", Measure.RATE, ("城镇化率",)),
    Statistic("人口自然增长率", Measure.RATE, ()),
    Statistic("粮食产量", Measure.MASS, ("粮食总产量", "粮食总产")),
    Statistic(
        "单位GDP能耗",
        Measure.CHANGE,
        (
            "单位地区生产总值能耗",
            "单位生产总值能耗",
            "单位国内生产总值能耗",
            "万元GDP能耗",
            "万元生产总值能耗",
            "单位GDP能源消耗",
        ),
    ),
)

# A name standing for several statistics: 城乡居民人均可支配收入分别增长 6%、7%.
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "城乡居民人均可支配收入": ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    "城乡居民可支配收入": ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    "城乡居民收入": ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    "城乡居民人均收入": ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    "第一、二、三产业增加值": ("第一产业增加值", "第二产业增加值", "第三产业增加值"),
    "一、二、三产业增加值": ("第一产业增加值", "第二产业增加值", "第三产业增加值"),
}

# Names that are themselves a growth: 经济增长5%左右, 经济增长速度的调控目标定为8%.
GROWTH_NAMES = frozenset({"经济增长", "经济增长速度", "经济增速"})

# How the national report names a statistic that local reports name otherwise.
NATIONAL_NAMES: dict[str, str] = {
    "地区生产总值": "国内生产总值",
    "人均地区生产总值": "人均国内生产总值",
}

# alias (as written) -> canonical name
ALIASES: dict[str, str] = {
    alias: statistic.name
    for statistic in STATISTICS
    for alias in ((statistic.name,) if statistic.bare else ()) + statistic.aliases
}

MEASURES: dict[str, Measure] = {statistic.name: statistic.measure for statistic in STATISTICS}


def canonical(raw: str) -> str | None:
    """The canonical name for a name as written, or None if it is not a known statistic."""
    return ALIASES.get(raw)


def members(raw: str) -> tuple[str, ...]:
    """The canonical statistics a name as written stands for (two for 城乡居民…)."""
    if raw in COLLECTIVES:
        return COLLECTIVES[raw]
    name = ALIASES.get(raw)
    return (name,) if name else ()


def display_name(name: str, raw_name: str, *, national: bool) -> str:
    """The name to label a figure with, as the report names it: 国内生产总值 for 全国,
    国民生产总值 where a report of its era says so; the canonical name otherwise."""
    if raw_name.startswith("国民生产总值"):
        return "国民生产总值"
    if national:
        return NATIONAL_NAMES.get(name, name)
    return name
