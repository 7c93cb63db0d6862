"""Regenerate the README screenshots: `.venv/bin/python screenshots/generate.py`.

Drives the real app over the bundled seeds with Textual's Pilot, exports each view as SVG,
repairs the SVG so Chinese shows at its true width, and rasterises it to PNG with
`rsvg-convert`. When that or the CJK font is missing, the script installs them with apt-get
(Debian's librsvg2-bin, fonts-noto-cjk, …) if it may, or says which command to run.

Why the repair: Rich's SVG export (Textualize/rich#2742) gives every text run
`textLength = cell width × len(text)`, so a CJK character, two cells wide on a terminal, is
squeezed into one cell and the rest of the line drifts left. Renderers that ignore
`textLength` (librsvg) or lack Fira Code fall back to fonts whose advance is not the cell
width, so long lines drift and box borders stop lining up. `fix_cjk_svg` places every glyph
at the centre of its own cells (one `<tspan x=...>` per character, `text-anchor: middle`),
which is exact whatever font the viewer ends up using.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip

HERE = Path(__file__).resolve().parent
SIZE = (120, 36)  # the README's main views; the others get the size in their name
SIZES = (SIZE, (80, 24), (200, 50))
WORKER_TIMEOUT = 15.0  # seconds; jieba's dictionary alone takes ~1.4 s

# Rich lays the grid out at font-size 20px with Fira Code's aspect ratio 0.61 (Textual's
# export_screenshot passes no font_aspect_ratio), so one cell is 12.2 px wide.
CELL_WIDTH = 20 * 0.61

# Latin and box drawing first from a font whose glyphs fill the cell (DejaVu Sans Mono's
# advance is 0.602 em, Fira Code's 0.6), CJK from the first monospaced CJK font available,
# symbols last.
FONT_STACK = (
    "Fira Code",
    "DejaVu Sans Mono",
    "Noto Sans Mono CJK SC",
    "Sarasa Mono SC",
    "WenQuanYi Zen Hei Mono",
    "Noto Sans CJK SC",
    "Symbola",  # Textual's header icon ⭘ and other symbols neither font above has
    "monospace",
)

RASTERISER = "rsvg-convert"
SHRINKER = "pngquant"  # optional
SHRINK_OPTIONS = ("--quality=70-95", "--speed=1", "--strip", "--force")
APT_PACKAGES = ("librsvg2-bin", "fonts-noto-cjk", "fonts-dejavu-core", "fonts-symbola", "pngquant")
INSTALL_HINT = f"apt-get install -y {' '.join(APT_PACKAGES)}"
CJK_FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def ensure_tools() -> None:
    """Install the rasteriser and fonts with apt-get when they are missing and we may."""
    if shutil.which(RASTERISER) and CJK_FONT_FILE.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        return  # main() prints the hint
    print(f"installing {', '.join(APT_PACKAGES)} with apt-get …", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], stdout=subprocess.DEVNULL, check=False)
    install = [apt, "install", "-y", "-qq", *APT_PACKAGES]
    subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=False)


# One text run as Rich writes it, e.g.
# <text class="terminal-3891-r1" x="0" y="20" textLength="48.8"
#       clip-path="url(#terminal-3891-line-0)">政府工作报告</text>
TEXT_RUN = re.compile(
    r"""
    <text\s+
    (?P<attributes>[^>]*?\btextLength="[^"]*"[^>]*?)   # only the grid's runs carry textLength
    \s*>
    (?P<content>[^<]*)
    </text>
    """,
    re.VERBOSE,
)

# One attribute inside a tag, e.g. clip-path="url(#terminal-3891-line-0)"
ATTRIBUTE = re.compile(
    r"""
    (?P<name>[A-Za-z][\w:-]*)
    ="(?P<value>[^"]*)"
    """,
    re.VERBOSE,
)

# The grid's font rule in Rich's template, e.g. `font-family: Fira Code, monospace;`
MATRIX_FONT_FAMILY = re.compile(
    r"""
    (?P<selector>-matrix\s*\{[^}]*?)   # inside the .terminal-NNN-matrix rule
    font-family:\s*[^;]*;
    """,
    re.VERBOSE,
)

# `font-variant-east-asian: full-width;` would swap Latin letters for their full-width forms
# in fonts that have them (Noto Sans Mono CJK does), doubling their width.
EAST_ASIAN_VARIANT = re.compile(
    r"""
    \s*font-variant-east-asian:\s*[^;]*;
    """,
    re.VERBOSE,
)


def css_font_family(families: tuple[str, ...] = FONT_STACK) -> str:
    """`font-family` value: named fonts quoted, generic families bare."""
    generic = {"monospace", "serif", "sans-serif"}
    return ", ".join(name if name in generic else f'"{name}"' for name in families)


def glyph_centres(
    text: str, x: float, cell_width: float = CELL_WIDTH
) -> tuple[tuple[str, float], ...]:
    """Each visible character (with any zero-width marks that follow it) and the x of the
    centre of the cells it occupies; blanks only advance the position."""
    glyphs: list[tuple[str, float]] = []
    left = x
    for char in text:
        width = cell_len(char)
        if width == 0 and glyphs:
            previous, centre = glyphs[-1]
            glyphs[-1] = (previous + char, centre)
            continue
        if not char.isspace():
            glyphs.append((char, left + cell_width * max(width, 1) / 2))
        left += cell_width * width
    return tuple(glyphs)


def _number(value: float) -> str:
    return format(round(value, 2), "g")


def _position_run(match: re.Match[str], cell_width: float) -> str:
    attributes = {a["name"]: a["value"] for a in ATTRIBUTE.finditer(match["attributes"])}
    x = float(attributes.pop("x", "0"))
    attributes.pop("textLength", None)
    attributes.pop("lengthAdjust", None)
    attributes["text-anchor"] = "middle"
    text = html.unescape(match["content"])
    tspans = "".join(
        f'<tspan x="{_number(centre)}">{html.escape(glyph, quote=False)}</tspan>'
        for glyph, centre in glyph_centres(text, x, cell_width)
    )
    if not tspans:
        return ""
    rendered = " ".join(f'{name}="{value}"' for name, value in attributes.items())
    return f"<text {rendered}>{tspans}</text>"


def fix_cjk_svg(svg: str, cell_width: float = CELL_WIDTH) -> str:
    """Rich/Textual SVG export with every glyph centred on its own cells and a CJK font stack."""
    svg = EAST_ASIAN_VARIANT.sub("", svg)
    svg = MATRIX_FONT_FAMILY.sub(
        lambda m: f"{m['selector']}font-family: {css_font_family()};", svg, count=1
    )
    return TEXT_RUN.sub(lambda m: _position_run(m, cell_width), svg)


def rasterise(svg_path: Path) -> Path | None:
    """PNG next to the SVG, or None when no rasteriser is installed. With pngquant on the
    PATH the PNG is cut to a 256-colour palette (about a third of the size)."""
    tool = shutil.which(RASTERISER)
    if tool is None:
        return None
    png_path = svg_path.with_suffix(".png")
    subprocess.run([tool, "--format=png", f"--output={png_path}", str(svg_path)], check=True)
    shrink = shutil.which(SHRINKER)
    if shrink is not None:  # exit 99 = quality floor not met: keep the full-colour PNG
        subprocess.run(
            [shrink, *SHRINK_OPTIONS, f"--output={png_path}", str(png_path)], check=False
        )
    return png_path


# --- the views --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class View:
    """One screenshot: file name, window title, the keys that reach it from start-up, and
    words the screen must show once there (so a changed key binding is noticed)."""

    name: str
    title: str
    keys: tuple[str, ...]
    expect: tuple[str, ...]


# From start-up the outline has focus, with 伊宁市's first report open under the cursor; `g`
# puts the cursor on the first region (伊宁市), seven `down`s pass that report's sections and
# reach 新源县's 政府工作报告 2026 (seed 001). The side pane's
# panels open on demand: `t` the glossary, `i` the indicators (and `r` after picking a region).
VIEWS = (
    View(
        "outline_reader",
        "baogao — 大纲与正文",
        # expand 001, open its 三、… to show nesting, read 一、…回顾
        ("g", *["down"] * 7, "l", "l", *["down"] * 3, "l", "up", "up", "enter"),
        ("（一）筑牢", "2025年是“十四五”规划收官之年"),
    ),
    View(
        "glossary",
        "baogao — 名词解释",
        # open 001, open the glossary (its list takes the focus), third term
        ("g", *["down"] * 7, "enter", "t", "down", "down"),
        ("Glossary", "两品一标", "绿色食品、有机农产品"),
    ),
    View(
        "indicators",
        "baogao — 伊宁市指标",
        # the region picker (r) and Enter on 伊宁市 open the indicator panel
        ("r", "enter"),
        ("Indicators · 伊宁市", "地区生产总值", "+6.5%左右"),
    ),
    View("help", "baogao — 快捷键", ("question_mark",), ("Next pane", "Previous section")),
    # the compare view (c) opens on the newest year; `down` puts the chart on 伊宁市
    View(
        "compare",
        "baogao — 目标与实际",
        ("c", "down"),
        ("伊宁市: target and outcome", "6.5左右→–", "Export CSV"),
    ),
)


def _real_app() -> App[Any]:
    from baogao.tui.app import BaogaoApp

    return BaogaoApp()


@dataclass(frozen=True, slots=True)
class Shot:
    svg: str
    missing: tuple[str, ...]  # expected words the screen did not show


async def capture(make_app: Callable[[], App[Any]], view: View, size: tuple[int, int]) -> Shot:
    """Run the app headless, press the view's keys, and return the repaired SVG."""
    async with make_app().run_test(size=size) as pilot:
        await _settle(pilot)
        for key in view.keys:
            await pilot.press(key)
            await _settle(pilot)
        shown = screen_text(pilot.app)
        missing = tuple(words for words in view.expect if words not in shown)
        return Shot(fix_cjk_svg(pilot.app.export_screenshot(title=view.title)), missing)


def screen_text(app: App[Any]) -> str:
    """The screen as plain text (a wide character once), rendered as export_screenshot does."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join(Strip.join(row).text for row in getattr(update, "strips", ()))


async def _settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen repaint before the next key or the export."""
    with contextlib.suppress(TimeoutError):  # a worker that never ends must not hang us
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), WORKER_TIMEOUT)
    await pilot.pause()
    await pilot.pause(0.05)


def write_view(svg: str, name: str, out_dir: Path) -> list[Path]:
    svg_path = out_dir / f"{name}.svg"
    svg_path.write_text(svg, encoding="utf-8")
    png_path = rasterise(svg_path)
    return [svg_path] if png_path is None else [svg_path, png_path]


@contextlib.contextmanager
def private_xdg_dirs() -> Iterator[None]:
    """Run the app on empty XDG data/config/cache/state folders, so the images never show
    this machine's bookmarks, settings or stale cache."""
    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="baogao-screenshots-") as home:
        os.environ.update({name: os.path.join(home, name.lower()) for name in names})
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument(
        "--only", action="append", choices=[v.name for v in VIEWS], help="just these views"
    )
    parser.add_argument(
        "--size", action="append", help="terminal size, WxH (default: 120x36, 80x24, 200x50)"
    )
    parser.add_argument(
        "--no-install", action="store_true", help="never run apt-get for missing tools"
    )
    args = parser.parse_args(argv)
    if not args.no_install:
        ensure_tools()
    sizes = [
        tuple(int(part) for part in size.lower().split("x")) for size in args.size or ()
    ] or list(SIZES)
    args.out.mkdir(parents=True, exist_ok=True)

    failures = 0
    for width, height in sizes:
        for view in VIEWS:
            if args.only and view.name not in args.only:
                continue
            name = view.name if (width, height) == SIZE else f"{view.name}-{width}x{height}"
            try:
                with private_xdg_dirs():  # each shot from a fresh start (no remembered place)
                    shot = asyncio.run(capture(_real_app, view, (width, height)))
            except Exception as error:  # one broken view must not stop the others
                failures += 1
                print(f"{name}: failed: {type(error).__name__}: {error}", file=sys.stderr)
                continue
            for path in write_view(shot.svg, name, args.out):
                print(f"wrote {path}")
            if shot.missing:
                failures += 1
                print(
                    f"{name}: the screen does not show {', '.join(shot.missing)}; "
                    "the keys in VIEWS may need updating",
                    file=sys.stderr,
                )
    if shutil.which(RASTERISER) is None:
        print(f"SVGs only: for PNGs install {RASTERISER} and a CJK font: {INSTALL_HINT}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
