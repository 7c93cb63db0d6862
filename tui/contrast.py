"""Colours that stay readable: WCAG contrast, and nudging a theme colour until it passes.

Themes pick accent colours for chrome, not for text on the page: Textual's light theme
draws orange figures at about 1.5:1 on its background, where WCAG asks 4.5:1.
"""

from __future__ import annotations

from textual.color import Color

MINIMUM_CONTRAST = 4.5  # WCAG 2 AA for body text


def _channel(value: int) -> float:
    share = value / 255
    return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    """WCAG relative luminance."""
    return 0.2126 * _channel(color.r) + 0.7152 * _channel(color.g) + 0.0722 * _channel(color.b)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: Color, background: Color, text: Color) -> Color:
    """`color`, blended toward the body `text` colour just enough to reach 4.5:1 on
    `background` (the hue is kept as far as the contrast allows)."""
    for step in range(11):
        shade = color.blend(text, step / 10)
        if contrast_ratio(shade, background) >= MINIMUM_CONTRAST:
            return shade
    return text
