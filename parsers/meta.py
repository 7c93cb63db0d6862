"""Metadata of a report: title, region, type, meeting date, speaker and the years it covers."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from baogao.parsers.model import Metadata, RegionLevel, Section, SectionKind
from baogao.parsers.text import chinese_number

FRONT_LINES = 30  # a report's title page fits in its first lines (web debris included)
ADMIN_UNIT = "省|自治区|特别行政区|市|自治州|州|地区|盟|县|自治县|旗|自治旗|区|新区|林区|特区"

# 2026年1月20日在伊宁市第十八届人民代表大会第六次会议上
# ——2024年3月5日在第十四届全国人民代表大会第二次会议上
MEETING_LINE = re.compile(
    r"""
    (?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月(?P<day>\d{1,2})日\s*
    (?:和\d{1,2}月\d{1,2}日)?\s*在\s*(?P<region>[^\s第在]{0,20}?)\s*第[一二三四五六七八九十百\d]+届
    (?P<national>全国)?人民代表大会
    """,
    re.VERBOSE,
)
DATE = re.compile(r"(?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
# 伊宁市第十八届人民代表大会 (a front line naming the congress)
CONGRESS_LINE = re.compile(r"^(?P<region>\S{2,20}?)第[一二三四五六七八九十百\d]+届人民代表大会")
# 伊宁市国民经济和社会发展第十二个五年规划纲要 / 江西省政府工作报告
REGION_IN_TITLE = re.compile(
    rf"^(?:(?:19|20)\d\d年)?(?P<region>\S{{1,12}}?(?:{ADMIN_UNIT}))(?:人民政府)?(?:国民经济|政府工作报告)"
)
# 1981年国务院政府工作报告 / 国务院总理 李克强: the State Council reports for the nation
STATE_COUNCIL = re.compile(r"国务院(?:政府工作报告|总理|副总理)")
# 呼伦贝尔市海拉尔区 -> (呼伦贝尔市, 海拉尔区): the unit and the one above it
NESTED_REGION = re.compile(
    r"^(?P<parent>[\u4e00-\u9fff]{2,10}?(?:省|自治区|市|自治州|地区|盟))"
    r"(?P<unit>[\u4e00-\u9fff]{1,8}?(?:市|自治县|县|自治旗|旗|区|新区))$"
)
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# The title shares a line with the dateline: 政府工作报告——2017年3月5日在…
TITLE_BEFORE_DATELINE = re.compile(r"^(?P<title>[^—\-]{2,40}?)(?:——|--|—)")
# 市长 哈米提·阿克木 / 新源县委常委、常务副县长 高磊 / 国务院总理 李强
SPEAKER_LINE = re.compile(r"(?:长|理|席|任|记|员|人)\s+(?P<name>[\u4e00-\u9fff·•]{2,16})$")
# 第十二个五年规划 / “十四五”规划 / (2011~2015年)
PLAN_NUMBER = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})个\s*五年")
# “十四五” (14th), “十五” (10th), “九五” (9th)
PLAN_SHORT = re.compile(r"“(?P<n>十[一二三四六七八九]?|[一二三四六七八九])五”")
PLAN_YEARS = re.compile(r"(?P<a>(?:19|20)\d\d)\s*[-~～—－至到]+\s*(?P<b>(?:19|20)\d\d)\s*年")
# 2023年工作回顾 / 2024年重点工作 (in the section titles)
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
# 我代表市人民政府向大会报告工作 (a work report without a title page)
# 我代表海拉尔区人民政府向大会作工作报告 / 我代表国务院，向大会报告政府工作
REPORTS_WORK = re.compile(r"代表(?:.{0,12}人民政府|国务院).{0,6}向大会(?:作|报告).{0,4}工作")
WHOLE_UNIT = re.compile(r"全(市|县|区|州|省|旗)")
# 市场, 市民, 县域, 区块链: the unit character starting another word
NOT_AFTER_UNIT = "场民委政直属级域容长值辖内外块间别划际情"
NOT_A_PLACE = frozenset({"城市", "全市", "本市", "我市", "各市", "都市", "超市", "城区", "市区"})

DOC_TYPES = (
    (re.compile(r"政府工作报告"), "政府工作报告"),
    (re.compile(r"五年规划|规划纲要|五年计划|计划纲要"), "五年规划纲要"),  # “十五”计划纲要 (2001)
    (re.compile(r"计划执行情况|计划草案"), "国民经济和社会发展计划报告"),
    (re.compile(r"预算执行情况|预算草案"), "预算报告"),
    (re.compile(r"工作报告"), "工作报告"),
)


def five_year_plan_years(number: int) -> tuple[int, int]:
    """First and last year of the n-th national five-year plan: 12 -> (2011, 2015).

    The 3rd plan began in 1966, after three years of adjustment (1963-65).
    """
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return start, start + 4


def five_year_plan_period(number: int) -> str:
    """The n-th plan's years as a period: 12 -> "2011-2015"."""
    start, end = five_year_plan_years(number)
    return f"{start}-{end}"


def _front_lines(text: str, sections: tuple[Section, ...]) -> list[str]:
    end = sections[0].end if sections and sections[0].kind == SectionKind.FRONT else len(text)
    return [line.strip() for line in text[:end].split("\n")[:FRONT_LINES] if line.strip()]


def _title(lines: list[str]) -> str:
    for line in lines:
        compact = re.sub(r"\s+", "", line)
        if len(compact) > 40 and (shared := TITLE_BEFORE_DATELINE.match(compact)):
            compact = shared["title"]
        if any(pattern.search(compact) for pattern, _ in DOC_TYPES) and len(compact) <= 40:
            return compact
    return ""


def _doc_type(title: str, text: str) -> str | None:
    for pattern, name in DOC_TYPES:
        if pattern.search(title):
            return name
    if REPORTS_WORK.search(text, 0, 3000):
        return "政府工作报告"
    return None


def _region_from_body(text: str) -> str | None:
    """The most named place of the unit a report speaks of as 全市 / 全县 …"""
    units = Counter(unit for unit in WHOLE_UNIT.findall(text) if unit != "省")
    # a province names itself on its title page: 发展省际游 is no province
    if not units:
        return None
    unit: str = units.most_common(1)[0][0]
    candidates = {
        name[cut:]
        for name in re.findall(rf"([\u4e00-\u9fff]{{2,6}}){unit}(?![{NOT_AFTER_UNIT}])", text)
        for cut in range(len(name) - 1)
    }
    best: tuple[int, int, str] | None = None
    for name in candidates:
        if name + unit in NOT_A_PLACE or name[-1] in "城全本我各":
            continue
        score = (text.count(name), len(name), name)
        if best is None or score > best:
            best = score
    if best is None or best[0] < 3:
        return None
    return best[2] + unit


def _region(lines: list[str], title: str, text: str) -> str | None:
    # a dateline may be split over two lines: ——2026年1月26日在广东省第十四届⏎人民代表大会…
    joined = "".join(re.sub(r"\s+", "", line) for line in lines)
    meeting = MEETING_LINE.search(joined)
    if meeting:
        if meeting.group("national"):
            return "全国"
        if meeting.group("region"):
            return meeting.group("region")
    if STATE_COUNCIL.search(title) or any(STATE_COUNCIL.search(line) for line in lines):
        return "全国"
    for line in lines:
        meeting = MEETING_LINE.search(line)
        if meeting:
            if meeting.group("national"):
                return "全国"
            if meeting.group("region"):
                return meeting.group("region")
    for line in lines:
        congress = CONGRESS_LINE.match(line)
        if congress:
            return congress.group("region")
    titled = REGION_IN_TITLE.match(title)
    if titled:
        return titled.group("region")
    return _region_from_body(text)


def _date(lines: list[str]) -> str | None:
    # 1 9 9 8 年3 月5 日: letter-spaced digits read as written
    compact = [re.sub(r"\s+", "", line) for line in lines]
    for line in ("".join(compact), *compact):
        match = MEETING_LINE.search(line) or (DATE.search(line) if "会议" in line else None)
        if match:
            year, month, day = (int(match.group(g)) for g in ("year", "month", "day"))
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _speaker(lines: list[str]) -> str | None:
    for line in lines:
        if MEETING_LINE.search(line) or DATE.search(line):
            line = line[line.rfind("上") + 1 :] if "会议上" in line else ""
        match = SPEAKER_LINE.search(line)
        if match and re.search(r"\s", line.strip()):
            return match.group("name")
    return None


def _plan_period(title: str, text: str) -> str | None:
    numbered = PLAN_NUMBER.search(title)
    if numbered:
        return five_year_plan_period(chinese_number(numbered.group("n")))
    head = text[:2000]
    years = PLAN_YEARS.search(head)
    if years and int(years.group("b")) - int(years.group("a")) == 4:
        return f"{years.group('a')}-{years.group('b')}"
    short = PLAN_SHORT.search(title) or PLAN_SHORT.search(head)
    if short:
        return five_year_plan_period(chinese_number(short.group("n")))
    return None


def _years(sections: tuple[Section, ...], date: str | None) -> tuple[int | None, int | None]:
    review = plan = None
    meeting = int(date[:4]) if date else None
    for section in sections:
        years = [int(y) for y in YEAR_IN_TITLE.findall(section.title)]
        if section.kind == SectionKind.REVIEW and meeting is not None:
            # 一、1998年工作回顾和1999年工作的总体要求: the review is of a year before
            years = [year for year in years if year < meeting]
        if not years:
            continue
        if section.kind == SectionKind.REVIEW and review is None:
            review = max(years)
        elif section.kind in (SectionKind.WORK, SectionKind.GOALS) and plan is None:
            plan = min(years)
    if date is not None:
        meeting_year = int(date[:4])
        plan = plan or meeting_year
        review = review or meeting_year - 1
    if plan is None and review is not None:
        plan = review + 1
    if review is None and plan is not None:
        review = plan - 1
    return review, plan


def _split_region(region: str | None) -> tuple[str | None, str | None, RegionLevel | None]:
    """(unit, parent, level) of a region as written: 呼伦贝尔市海拉尔区 -> 海拉尔区 under
    呼伦贝尔市, a county-level unit; the level is None where the suffix does not tell."""
    if region is None:
        return None, None, None
    if region == "全国":
        return region, None, RegionLevel.NATIONAL
    parent = None
    nested = NESTED_REGION.match(region)
    if nested:
        parent, region = nested["parent"], nested["unit"]
    return region, parent, _level(region, parent)


def _level(region: str, parent: str | None) -> RegionLevel | None:
    if region.endswith(("省", "自治区", "特别行政区")) or region in MUNICIPALITIES:
        return RegionLevel.PROVINCE
    if region.endswith(("自治州", "地区", "盟")):
        return RegionLevel.PREFECTURE
    if region.endswith(("县", "旗", "区")):
        return RegionLevel.COUNTY
    if region.endswith("市") and parent is not None and parent.endswith(("市", "自治州", "盟")):
        return RegionLevel.COUNTY  # a city under a city or prefecture: 伊犁哈萨克自治州伊宁市
    return None  # 市 alone (or under a province) may be a prefecture or a county-level city


def _copies(sections: tuple[Section, ...]) -> int:
    """How many times the file holds the report: a scraped page repeats it whole, so its
    first part recurs at the top level (the outline keeps every copy: nothing is lost)."""
    parts = [section.title for section in sections if section.kind != SectionKind.FRONT]
    return max(1, parts.count(parts[0])) if parts else 1


def read_metadata(text: str, sections: tuple[Section, ...], path: str) -> Metadata:
    lines = _front_lines(text, sections)
    title = _title(lines)
    doc_type = _doc_type(title, text)
    date = _date(lines)
    is_plan = doc_type == "五年规划纲要"
    review_year, plan_year = (None, None) if is_plan else _years(sections, date)
    region, region_parent, region_level = _split_region(_region(lines, title, text))
    if not title:  # no title page (004): name it as a reader would
        title = f"{region}{doc_type}" if region and doc_type else Path(path).stem
    return Metadata(
        title=title,
        region=region,
        doc_type=doc_type,
        date=date,
        speaker=_speaker(lines),
        review_year=review_year,
        plan_year=plan_year,
        plan_period=_plan_period(title, text) if is_plan else None,
        region_parent=region_parent,
        region_level=region_level,
        copies=_copies(sections),
    )
