"""screenshots/generate.py: the SVG repair that shows CJK at its true width (rich#2742)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

GENERATE = Path(__file__).resolve().parents[1] / "screenshots" / "generate.py"


def _load_generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _load_generate()
TSPAN = re.compile(r'<tspan x="([^"]+)">([^<]*)</tspan>')
CELL = generate.CELL_WIDTH

# Shaped like Rich's export_svg output: 政府 is 4 cells but gets textLength of 2 cells.
RICH_SVG = """<svg class="rich-terminal" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">
    <style>
    .terminal-42-matrix {
        font-family: Fira Code, monospace;
        font-size: 20px;
        line-height: 24.4px;
        font-variant-east-asian: full-width;
    }
    .terminal-42-title { font-size: 18px; font-family: arial; }
    </style>
    <text class="terminal-42-title" fill="#c5c8c6" text-anchor="middle" x="50" y="27">报告</text>
    <g class="terminal-42-matrix">
    <text class="terminal-42-r1" x="0" y="20" textLength="24.4"
        clip-path="url(#terminal-42-line-0)">政府</text>
    <text class="terminal-42-r2" x="48.8" y="20" textLength="61"
        clip-path="url(#terminal-42-line-0)">a&#160;&lt;b&amp;</text>
    <text class="terminal-42-r1" x="0" y="44.4" textLength="36.6"
        clip-path="url(#terminal-42-line-1)">&#160;&#160;&#160;</text>
    </g>
</svg>"""


def _tspans(svg: str) -> list[tuple[float, str]]:
    return [(float(x), glyph) for x, glyph in TSPAN.findall(svg)]


def test_each_cjk_character_is_centred_on_its_two_cells():
    centres = generate.glyph_centres("政府", 0.0)
    assert centres == (("政", CELL), ("府", 3 * CELL))


def test_narrow_characters_after_cjk_start_after_the_wide_cells():
    centres = generate.glyph_centres("中a", 10.0)
    assert centres == (("中", 10.0 + CELL), ("a", 10.0 + 2.5 * CELL))


def test_blanks_advance_but_draw_nothing():
    centres = generate.glyph_centres("a \u3000b", 0.0)
    assert [glyph for glyph, _ in centres] == ["a", "b"]
    assert centres[1][1] == pytest.approx(4.5 * CELL)  # a, space, ideographic space (2), b


def test_zero_width_mark_stays_with_its_base_character():
    assert generate.glyph_centres("e\u0301x", 0.0) == (("e\u0301", CELL / 2), ("x", 1.5 * CELL))


def test_fixed_svg_places_cjk_glyphs_at_cell_centres_without_text_length():
    fixed = generate.fix_cjk_svg(RICH_SVG)
    assert "textLength" not in fixed
    assert _tspans(fixed)[:2] == [(pytest.approx(CELL), "政"), (pytest.approx(3 * CELL), "府")]


def test_fixed_svg_keeps_escaping_style_and_line_clip():
    fixed = generate.fix_cjk_svg(RICH_SVG)
    assert [glyph for _, glyph in _tspans(fixed)[2:]] == ["a", "&lt;", "b", "&amp;"]
    assert 'class="terminal-42-r2"' in fixed
    assert 'clip-path="url(#terminal-42-line-0)"' in fixed
    assert fixed.count('text-anchor="middle"') == 3  # the title and the two visible runs


def test_run_of_only_blanks_is_dropped():
    fixed = generate.fix_cjk_svg(RICH_SVG)
    assert "terminal-42-line-1" not in fixed


def test_title_text_is_left_alone():
    fixed = generate.fix_cjk_svg(RICH_SVG)
    assert 'text-anchor="middle" x="50" y="27">报告</text>' in fixed


def test_grid_font_stack_includes_a_cjk_font_and_drops_full_width_variant():
    fixed = generate.fix_cjk_svg(RICH_SVG)
    matrix_rule = fixed.split(".terminal-42-matrix {")[1].split("}")[0]
    assert '"Noto Sans Mono CJK SC"' in matrix_rule
    assert matrix_rule.index('"DejaVu Sans Mono"') < matrix_rule.index('"Noto Sans Mono CJK SC"')
    assert "font-variant-east-asian" not in fixed
    assert "font-family: arial" in fixed  # the title's rule is not the grid's


def test_fix_is_idempotent():
    once = generate.fix_cjk_svg(RICH_SVG)
    assert generate.fix_cjk_svg(once) == once


async def test_real_textual_export_gets_repaired():
    from textual.app import App
    from textual.widgets import Static

    class Tiny(App[None]):
        def compose(self):
            yield Static("政府工作报告 GDP")

    async with Tiny().run_test(size=(30, 3)) as pilot:
        fixed = generate.fix_cjk_svg(pilot.app.export_screenshot())
    glyphs = _tspans(fixed)
    assert [glyph for _, glyph in glyphs][:7] == ["政", "府", "工", "作", "报", "告", "G"]
    assert glyphs[6][0] == pytest.approx(13.5 * CELL)  # 6 wide characters + a space before G
