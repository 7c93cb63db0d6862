"""Text for people: figures written as a reader writes them, and strings cut to a width.

Shared by the CLI's tables and the app's panes, so a figure reads the same everywhere.
No Textual here; Rich measures cells (a CJK character takes two).
"""

from __future__ import annotations

from rich.text import Text

from baogao.parsers.model import GrowthBasis, Indicator, IndicatorKind, Qualifier
from baogao.parsers.text import printable

__all__ = ["cut", "format_figure", "format_growth", "format_number", "format_value", "printable"]

ELLIPSIS = "…"
MINUS = "\u2212"  # typographic minus: "−2.1%"
EN_DASH = "\u2013"  # ranges: "5%–5.5%"
BASIS_PREFIXES: dict[GrowthBasis, str] = {GrowthBasis.ANNUAL_AVG: "年均"}
KIND_LABELS: dict[IndicatorKind, str] = {
    IndicatorKind.ACTUAL: "实际",
    IndicatorKind.TARGET: "目标",
}


def cut(text: str, cells: int) -> str:
    """`text` on one line in at most `cells` terminal cells, ending in "…" when cut."""
    line = Text(" ".join(printable(text, keep_lines=True).split()), no_wrap=True)
    if line.cell_len > cells:
        line.truncate(max(cells, 0), overflow="ellipsis")
    return line.plain


def format_number(number: float) -> str:
    """Plain decimal without a trailing .0: 439.77, 192, 44072."""
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")


def _signed(number: float) -> str:
    if number > 0:
        return "+" + format_number(number)
    if number < 0:
        return MINUS + format_number(-number)
    return "0"


def _qualifier(indicator: Indicator) -> str:
    qualifier = indicator.qualifier
    return "" if qualifier is None or qualifier == Qualifier.RANGE else str(qualifier)


def format_value(indicator: Indicator, *, with_qualifier: bool = True) -> str:
    """Value and unit, "439.77亿元"; the qualifier goes here only when there is no growth."""
    if indicator.value is None:
        return ""
    text = format_number(indicator.value) + (indicator.unit or "")
    if with_qualifier and indicator.growth is None:
        text += _qualifier(indicator)
    return text


def format_growth(indicator: Indicator, *, with_qualifier: bool = True) -> str:
    """Growth as a reader writes it: "+3.4%左右", "−2.1%", "年均+21.9%", "5%–5.5%"."""
    if indicator.growth is None:
        return ""
    prefix = BASIS_PREFIXES.get(indicator.growth_basis, "") if indicator.growth_basis else ""
    unit = "个百分点" if indicator.unit == "个百分点" and indicator.value is None else "%"
    if indicator.growth_high is not None:
        low, high = indicator.growth, indicator.growth_high
        low_text = format_number(low) if low >= 0 else _signed(low)
        high_text = format_number(high) if high >= 0 else _signed(high)
        text = f"{prefix}{low_text}{unit}{EN_DASH}{high_text}{unit}"
    else:
        text = f"{prefix}{_signed(indicator.growth)}{unit}"
    if with_qualifier:
        text += _qualifier(indicator)
    return text


def format_figure(indicator: Indicator) -> str:
    """The figure of an indicator: "439.77亿元 +3.4%左右", or whichever half exists."""
    parts = (format_value(indicator), format_growth(indicator))
    return " ".join(part for part in parts if part)


def kind_label(kind: IndicatorKind) -> str:
    """实际 / 目标."""
    return KIND_LABELS.get(kind, str(kind))
