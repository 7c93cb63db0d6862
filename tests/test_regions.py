"""Regions grouped as the country is divided: placed by the gazetteer, never by a guess."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from baogao.parsers.model import Metadata, Report
from baogao.regions import (
    GROUP_FROM,
    OTHER,
    UNKNOWN_REGION,
    RegionGroup,
    RegionReports,
    RegionTree,
    region_tree,
)


def report(region: str | None, parent: str | None = None, year: int | None = 2026) -> Report:
    meta = Metadata(region=region, region_parent=parent, plan_year=year)
    path = f"/r/{region}-{parent}-{year}-{id(meta)}.txt"
    return Report(path, f"{region}政府工作报告 {year}", meta, ())


# Enough provinces that the tree is grouped whatever else a test adds.
PROVINCES = ("江西省", "河北省", "广东省", "云南省", "青海省", "吉林省", "天津市", "安徽省")


def provinces() -> list[Report]:
    return [report(name) for name in PROVINCES]


def names(children: tuple[RegionGroup | RegionReports, ...]) -> list[str]:
    return [child.name for child in children]


def group(tree: RegionTree | RegionGroup, name: str) -> RegionGroup:
    found = [c for c in tree.children if isinstance(c, RegionGroup) and c.name == name]
    assert len(found) == 1, names(tree.children)
    return found[0]


def test_a_handful_of_regions_is_listed_flat_in_the_order_first_met() -> None:
    reports = [report("伊宁市"), report("新源县"), report("伊宁市", year=2025), report("全国")]
    tree = region_tree(reports)
    assert not tree.grouped
    assert names(tree.children) == ["伊宁市", "新源县", "全国"]
    assert all(isinstance(child, RegionReports) for child in tree.children)


def test_more_than_eight_regions_are_grouped_the_state_council_on_top() -> None:
    tree = region_tree([*provinces(), report("全国"), report("海拉尔区")])
    assert tree.grouped
    assert isinstance(tree.children[0], RegionReports)
    assert tree.children[0].name == "全国"
    inner_mongolia = group(tree, "内蒙古自治区")
    hulunbuir = group(inner_mongolia, "呼伦贝尔市")
    assert names(hulunbuir.children) == ["海拉尔区"]
    assert (inner_mongolia.total, hulunbuir.total) == (1, 1)
    # Provinces in the order of their codes: 天津 (12) before 河北 (13) before 吉林 (22).
    order = names(tree.children)
    assert order.index("天津市") < order.index("河北省") < order.index("吉林省")


def test_a_province_lists_its_own_reports_first_then_its_prefectures_and_counties() -> None:
    reports = [*provinces(), report("九江市"), report("南昌县"), report("江西省", year=2025)]
    jiangxi = group(region_tree(reports), "江西省")
    assert names(jiangxi.children) == ["江西省", "南昌市", "九江市"]
    assert jiangxi.total == 4  # 江西省 twice, 九江市, 南昌县
    nanchang = jiangxi.children[1]
    assert isinstance(nanchang, RegionGroup) and names(nanchang.children) == ["南昌县"]
    # 九江市 holds no county here: it sits in the province, not in a group of its own.
    assert isinstance(jiangxi.children[2], RegionReports)


def test_a_prefecture_holding_a_county_lists_itself_first_in_its_group() -> None:
    reports = [*provinces(), report("海拉尔区"), report("呼伦贝尔市")]
    hulunbuir = group(group(region_tree(reports), "内蒙古自治区"), "呼伦贝尔市")
    assert names(hulunbuir.children) == ["呼伦贝尔市", "海拉尔区"]


def test_a_name_several_divisions_share_goes_under_its_parent_or_else_other() -> None:
    reports = [*provinces(), report("朝阳区"), report("新区", "长春市")]
    tree = region_tree(reports)
    assert names(group(tree, OTHER).children) == ["朝阳区"]  # Beijing's or 长春's: not said
    changchun = group(group(tree, "吉林省"), "长春市")
    assert names(changchun.children) == ["新区"]


def test_a_name_in_another_province_is_not_taken_for_a_region_of_another_parent() -> None:
    # 安宁市 is a city of 昆明 (云南); one under 伊犁州 is another place, so it goes
    # under its parent, not to Yunnan.
    tree = region_tree([*provinces(), report("安宁市", "伊犁哈萨克自治州")])
    ili = group(group(tree, "新疆维吾尔自治区"), "伊犁哈萨克自治州")
    assert names(ili.children) == ["安宁市"]
    yunnan = next(child for child in tree.children if child.name == "云南省")
    assert isinstance(yunnan, RegionReports)  # 云南省's own report, and no 安宁市 in it


def test_a_province_with_only_its_own_reports_is_a_region_not_a_group() -> None:
    tree = region_tree([*provinces(), report("江西省", year=2025)])
    jiangxi = next(child for child in tree.children if child.name == "江西省")
    assert isinstance(jiangxi, RegionReports) and jiangxi.total == 2


def test_regions_the_gazetteer_does_not_know_go_to_other_last() -> None:
    reports = [*provinces(), report("甲乙县"), report(None), report("丙丁区", "戊己市")]
    tree = region_tree(reports)
    assert names(tree.children)[-1] == OTHER
    other = group(tree, OTHER)
    # Regions in the order met, then the parents the gazetteer does not know.
    assert names(other.children) == ["甲乙县", UNKNOWN_REGION, "戊己市"]
    assert names(group(other, "戊己市").children) == ["丙丁区"]


def test_a_region_of_one_name_is_placed_once_by_its_first_report() -> None:
    reports = [*provinces(), report("新区", "长春市"), report("新区", "呼伦贝尔市")]
    tree = region_tree(reports)
    changchun = group(group(tree, "吉林省"), "长春市")
    assert changchun.total == 2  # one region of one name: both its reports, once


# Names the gazetteer knows, shares, or does not know; parents right, wrong or unknown.
REGION_NAMES = (None, "全国", "江西省", "南昌县", "九江市", "海拉尔区", "呼伦贝尔市", "朝阳区")
REGIONS = st.sampled_from(
    [*REGION_NAMES, "新区", "安宁市", "甲乙县", "济源市", "东城区", "伊宁市", "北京市", "香港"]
)
PARENTS = st.sampled_from([None, None, "呼伦贝尔市", "长春市", "北京市", "戊己市", "江西省"])
REPORTS = st.lists(
    st.builds(report, REGIONS, PARENTS, st.one_of(st.none(), st.integers(1979, 2030))),
    max_size=40,
)


def count_adds_up(children: tuple[RegionGroup | RegionReports, ...]) -> None:
    for child in children:
        if isinstance(child, RegionGroup):
            assert child.children, child.name  # no empty group
            assert child.total == sum(inner.total for inner in child.children)
            count_adds_up(child.children)
        else:
            assert child.total == len(child.reports) > 0


@given(REPORTS, st.integers(1, GROUP_FROM + 1))
def test_every_report_appears_exactly_once_and_counts_add_up(
    reports: list[Report], group_from: int
) -> None:
    tree = region_tree(reports, group_from=group_from)
    shown = [id(found) for region in tree.walk() for found in region.reports]
    assert sorted(shown) == sorted(id(found) for found in reports)
    assert tree.total == len(reports)
    count_adds_up(tree.children)
    region_names = [region.name for region in tree.walk()]
    assert len(region_names) == len(set(region_names))  # a region is listed once


@given(REPORTS)
def test_a_regions_reports_are_in_year_order(reports: list[Report]) -> None:
    for region in region_tree(reports, group_from=1).walk():
        years = [r.meta.year for r in region.reports]
        dated = [year for year in years if year is not None]
        assert dated == sorted(dated)
        assert years == dated + [None] * (len(years) - len(dated))
