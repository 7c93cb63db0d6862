"""The base of baogao's line-drawn panes: a ScrollView that looks its style up once a paint.

Textual's `rich_style` walks every ancestor to blend backgrounds; a pane that asks
for it on each of its lines pays that fifty times a paint. These panes read
`base_style` instead, set once by `render_lines` before the lines are drawn.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineView(ScrollView):
    """A ScrollView whose `render_line` reads `base_style` (its `rich_style` this paint)."""

    base_style: Style = Style()

    def render_lines(self, crop: Region) -> list[Strip]:
        self.base_style = self.rich_style
        return super().render_lines(crop)
