"""The gazetteer: a division by its full, short or chained name, with code, level, parent."""

from __future__ import annotations

import pytest

from baogao.parsers.gazetteer import NATION, Level, division, lookup, parent


@pytest.mark.parametrize(
    ("name", "code", "canonical", "level"),
    [
        ("海拉尔区", "150702", "海拉尔区", Level.COUNTY),
        ("呼伦贝尔市海拉尔区", "150702", "海拉尔区", Level.COUNTY),
        ("内蒙古自治区呼伦贝尔市海拉尔区", "150702", "海拉尔区", Level.COUNTY),
        ("江西", "360000", "江西省", Level.PROVINCE),
        ("江西省", "360000", "江西省", Level.PROVINCE),
        ("广西壮族自治区", "450000", "广西壮族自治区", Level.PROVINCE),
        ("广西", "450000", "广西壮族自治区", Level.PROVINCE),
        ("重庆市", "500000", "重庆市", Level.PROVINCE),
        ("呼伦贝尔市", "150700", "呼伦贝尔市", Level.PREFECTURE),
        ("延边", "222400", "延边朝鲜族自治州", Level.PREFECTURE),
        ("伊宁市", "654002", "伊宁市", Level.COUNTY),
        ("全国", "100000", "全国", Level.NATION),
    ],
)
def test_a_name_full_short_or_chained_gives_the_division(
    name: str, code: str, canonical: str, level: Level
) -> None:
    found = lookup(name)
    assert found is not None
    assert (found.code, found.name, found.level) == (code, canonical, level)


def test_a_county_has_its_prefecture_and_province_above_it() -> None:
    county = lookup("海拉尔区")
    assert county is not None
    prefecture = parent(county)
    assert prefecture is not None and prefecture.name == "呼伦贝尔市"
    province = parent(prefecture)
    assert province is not None and province.name == "内蒙古自治区"
    assert parent(province) is None


def test_a_county_without_a_prefecture_has_its_province_as_parent() -> None:
    jiyuan = lookup("济源市")
    assert jiyuan is not None and jiyuan.parent == "410000"
    haidian = lookup("北京市海淀区")
    assert haidian is not None and haidian.parent == "110000"


def test_a_name_several_divisions_share_is_found_only_inside_a_chain() -> None:
    assert lookup("朝阳区") is None  # 北京市 and 长春市 both have one
    found = lookup("北京市朝阳区")
    assert found is not None and found.code == "110105"


def test_a_name_that_is_no_division_is_none() -> None:
    assert lookup("发展省") is None
    assert lookup("") is None


def test_the_state_council_speaks_for_the_nation() -> None:
    assert lookup("国务院") is NATION
    assert division(NATION.code) is NATION
