"""How figures read and how text is cut: the same in the CLI's tables and the app's panes."""

from __future__ import annotations

from rich.cells import cell_len

from baogao.display import cut, format_figure, format_growth, format_value
from baogao.parsers.model import GrowthBasis, Indicator, IndicatorKind, Qualifier


def indicator(**fields: object) -> Indicator:
    base: dict[str, object] = dict(
        name="地区生产总值", raw_name="", period="2026", kind=IndicatorKind.TARGET
    )
    return Indicator(**{**base, **fields})  # type: ignore[arg-type]


def test_cell_shows_value_with_unit_then_growth_with_qualifier() -> None:
    figure = indicator(
        value=439.77,
        unit="亿元",
        growth=3.4,
        qualifier=Qualifier.ABOUT,
        growth_basis=GrowthBasis.YOY,
    )
    assert format_figure(figure) == "439.77亿元 +3.4%左右"


def test_growth_only_target_shows_signed_growth() -> None:
    assert format_figure(indicator(growth=6.5, qualifier=Qualifier.ABOUT)) == "+6.5%左右"


def test_negative_growth_uses_a_true_minus() -> None:
    assert format_growth(indicator(growth=-2.1)) == "\u22122.1%"


def test_range_target_keeps_both_ends_without_the_range_qualifier() -> None:
    assert (
        format_figure(indicator(growth=5, growth_high=5.5, qualifier=Qualifier.RANGE)) == "5%–5.5%"
    )


def test_annual_average_growth_is_labelled() -> None:
    figure = indicator(value=270, unit="亿元", growth=21.9, growth_basis=GrowthBasis.ANNUAL_AVG)
    assert format_figure(figure) == "270亿元 年均+21.9%"


def test_value_only_figure_carries_its_bound() -> None:
    assert format_value(indicator(value=3.8, unit="%", qualifier=Qualifier.WITHIN)) == "3.8%以内"


def test_whole_numbers_lose_their_decimal_point() -> None:
    assert format_figure(indicator(value=44072.0, unit="元", growth=5.0)) == "44072元 +5%"


def test_percentage_points_keep_their_unit() -> None:
    figure = indicator(unit="个百分点", growth=-0.3, growth_basis=GrowthBasis.YOY)
    assert format_growth(figure) == "\u22120.3个百分点"


def test_cut_counts_cjk_as_two_cells_and_ends_with_an_ellipsis() -> None:
    assert cut("政府工作报告", 7) == "政府工…"
    assert cut("政府工作报告", 12) == "政府工作报告"
    assert cut("政府工作报告", 11) == "政府工作报…"
    assert cell_len(cut("伊犁哈萨克自治州", 9)) <= 9


def test_cut_puts_the_text_on_one_line() -> None:
    assert cut("a\n\nb  c", 10) == "a b c"
