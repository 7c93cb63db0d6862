"""Start-up benchmark: time to the first fully drawn screen, baogao vs an empty Textual app.

    .venv/bin/python bench/startup.py                      # 80x24, 15 runs of each
    .venv/bin/python bench/startup.py --size 200x50 --runs 25

One command measures both apps under the same machine load, alternating them run by
run, and prints the medians and the ratio (budget: 1.25).

What a run measures: a fresh Python process is started, imports what it needs,
constructs the app (baogao opens the five bundled seeds, through its parse cache),
runs it headless until every widget has handled its start-up messages, and renders
the whole first screen into terminal escape sequences, as a terminal driver would.
The time is taken from just before the process is spawned to the end of that render
(the child reports time.perf_counter(), a system-wide monotonic clock on Linux), so it
is what a user waits for after pressing Enter. One warm-up run of each comes first
(it fills baogao's parse cache and the OS file cache) and is reported separately.

Python modules run from cached bytecode, as they do once installed (pip compiles
them; an editable install writes them on first run): the children get a private
PYTHONPYCACHEPREFIX, filled by the warm-up run, and PYTHONDONTWRITEBYTECODE is
dropped for them, for both apps alike. `--source` compiles every module from source
in every run instead (the state of a tree whose bytecode may not be written).

The same measurement inside this one process (imports already done, so only
construction, mounting and drawing count) is printed too, for a closer look at the
cost of the widgets themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

BUDGET = 1.25  # baogao may take at most this many times as long as an empty app
APPS = ("empty", "baogao")


def draw(app: object) -> int:
    """Render the whole screen to escape sequences, as a terminal driver would; return its size."""
    from rich.console import Console

    width, height = app.size  # type: ignore[attr-defined]
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    update = app.screen._compositor.render_update(full=True)  # type: ignore[attr-defined]
    assert update is not None
    return len(update.render_segments(console))


def make_app(name: str) -> object:
    """A new instance of the named app, importing only what that app needs."""
    if name == "empty":
        from textual.app import App

        return App()
    from tui.app import BaogaoApp

    return BaogaoApp()


async def first_paint(
    make: Callable[[], object], size: tuple[int, int]
) -> tuple[float, str, float]:
    """perf_counter() when the app made by `make` has its first screen fully drawn, which
    panes that screen shows (checked after the clock stopped), and perf_counter() when
    baogao's side panes are drawn too (the first time again if it shows none).

    The side panes are awaited with `pause(0)`: a plain `pause()` waits for the process
    to go idle, which the search index (built in a thread after the first screen) delays."""
    app = make()
    async with app.run_test(size=size) as pilot:  # type: ignore[attr-defined]
        draw(app)
        done = perf_counter()
        drawn = drawn_panes(app)
        complete = done
        if getattr(app, "side", None) is not None and "glossary" not in drawn:
            for _ in range(200):
                await pilot.pause(0)
                draw(app)
                complete = perf_counter()
                if "indicators" in drawn_panes(app):
                    break
    return done, drawn, complete


def child_env(bytecode: bool) -> dict[str, str]:
    """The children's environment: cached bytecode in a private folder, or none at all."""
    env = dict(os.environ)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env
    from tui.cache import cache_dir

    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "bench-bytecode")
    return env


def run_child(name: str, size: tuple[int, int], env: dict[str, str]) -> tuple[float, str, float]:
    """Seconds from spawning a fresh interpreter to the named app's first full screen,
    the child's note on what it drew, and seconds to the screen with the side panes."""
    command = [sys.executable, __file__, "--child", name, "--size", f"{size[0]}x{size[1]}"]
    started = perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    done, drawn, complete = result.stdout.strip().splitlines()[-1].split(" ")
    return float(done) - started, drawn, float(complete) - started


def drawn_panes(app: object) -> str:
    """Which of baogao's panes are on the measured screen, checked on its text."""
    from tui.app import BaogaoApp

    if not isinstance(app, BaogaoApp):
        return "-"
    rows = app.screen._compositor.render_update(full=True)
    from textual.strip import Strip

    text = "\n".join(Strip.join(row).text for row in getattr(rows, "strips", ()))
    checks = {
        "outline (all regions)": all(region in text for region in app._regions),
        "reader (first report)": "各位代表" in text or app.reader.visible_text()[:8] in text,
        "glossary": "Glossary ·" in text,
        "indicators": "Indicators ·" in text,
    }
    return ",".join(name.replace(" ", "_") for name, seen in checks.items() if seen) or "nothing"


async def in_process(name: str, size: tuple[int, int]) -> float:
    started = perf_counter()
    done, _drawn, _complete = await first_paint(lambda: make_app(name), size)
    return done - started


def parse_size(value: str) -> tuple[int, int]:
    width, _, height = value.partition("x")
    return int(width), int(height)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=parse_size, default=(80, 24), help="WIDTHxHEIGHT")
    parser.add_argument("--source", action="store_true", help="no cached bytecode")
    parser.add_argument("--child", choices=APPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    size: tuple[int, int] = args.size
    if args.child:
        done, drawn, complete = asyncio.run(first_paint(lambda: make_app(args.child), size))
        print(done, drawn, complete)
        return 0

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    env = child_env(bytecode=not args.source)
    warm = {name: run_child(name, size, env)[0] for name in APPS}
    fresh: dict[str, list[float]] = {name: [] for name in APPS}
    drawn: set[str] = set()
    with_side: list[float] = []
    for _ in range(args.runs):
        for name in APPS:
            seconds, panes, complete = run_child(name, size, env)
            fresh[name].append(seconds)
            if name == "baogao":
                drawn.add(panes)
                with_side.append(complete)

    async def measure_here() -> dict[str, list[float]]:
        here: dict[str, list[float]] = {name: [] for name in APPS}
        for name in APPS:
            await in_process(name, size)  # warm-up: imports
        for _ in range(args.runs):
            for name in APPS:
                here[name].append(await in_process(name, size))
        return here

    here = asyncio.run(measure_here())

    empty_ms, baogao_ms = median_ms(fresh["empty"]), median_ms(fresh["baogao"])
    ratio = baogao_ms / empty_ms
    here_empty, here_baogao = median_ms(here["empty"]), median_ms(here["baogao"])
    print(f"first fully drawn screen at {size[0]}x{size[1]}; medians of {args.runs} runs each")
    print(f"baogao's measured screen showed: {' | '.join(sorted(drawn))}")
    mode = "compiled from source every run" if args.source else "cached bytecode, as installed"
    print(f"fresh process (spawn, imports, app start, first full render; {mode}):")
    print(f"  empty Textual app       {empty_ms:7.1f} ms")
    print(f"  baogao, 5 seeds         {baogao_ms:7.1f} ms")
    print(f"  ratio                   {ratio:7.2f}   (budget {BUDGET})")
    side_ms = median_ms(with_side)
    if side_ms > baogao_ms + 0.05:
        print("  (baogao's first screen shows the outline, the reader and the side pane's empty")
        print("   frame; the glossary and indicator panels are mounted and drawn right after it)")
        print(f"  baogao, panels filled   {side_ms:7.1f} ms   (ratio {side_ms / empty_ms:.2f})")
    print(f"  warm-up runs            {warm['empty'] * 1000:7.1f} / {warm['baogao'] * 1000:.1f} ms")
    print("inside one process (app start and first full render only, imports done):")
    print(f"  empty Textual app       {here_empty:7.1f} ms")
    print(f"  baogao, 5 seeds         {here_baogao:7.1f} ms")
    print(f"  ratio                   {here_baogao / here_empty:7.2f}")
    print("OK: within budget" if ratio <= BUDGET else "OVER BUDGET")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
