"""Start-up benchmark: time to the first fully drawn screen, baogao vs an empty Textual app.

    .venv/bin/python bench/startup.py                      # 80x24, 15 runs of each
    .venv/bin/python bench/startup.py --size 200x50 --runs 25
    .venv/bin/python bench/startup.py --reports 1000       # warm, 1,000 distinct reports

One command measures both apps under the same machine load, alternating them run by
run, and prints the medians and the ratio (budget: 1.25).

What a run measures: a fresh Python process is started, imports what it needs,
constructs the app (baogao opens the five bundled seeds, through its parse cache) and
runs it headless. Every frame the app paints is turned into terminal escape sequences,
as the terminal driver would do, and timed. The clock stops at the first frame that
shows every pane the app opens with: for the empty app its first frame; for baogao
the outline with every region and the first report in the reader (the glossary and
indicator panels open on demand, so they are not part of the first screen). The time runs from just before the process is
spawned to the end of that frame (the child reports time.perf_counter(), a system-wide
monotonic clock on Linux), so it is what a user waits for after pressing Enter. One
warm-up run of each comes first (it fills baogao's parse cache and the OS file cache)
and is reported separately.

Python modules run from cached bytecode, as they do once installed (pip compiles
them; an editable install writes them on first run): the children get a private
PYTHONPYCACHEPREFIX, filled by the warm-up run, and PYTHONDONTWRITEBYTECODE is
dropped for them, for both apps alike. `--source` compiles every module from source
in every run instead (the state of a tree whose bytecode may not be written).

With `--reports N` baogao opens N distinct reports made by bench/make_corpus.py (budget
1.5x at 1,000), their store filled by `baogao index` before the runs, so each run is warm;
its outline pane counts as drawn when its first row is on screen.

The same measurement inside this one process (imports already done, so only
construction, mounting and drawing count) is printed too, for a closer look at the
cost of the widgets themselves.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
from pathlib import Path
from time import perf_counter
from typing import Any

BUDGET = 1.25  # baogao may take at most this many times as long as an empty app
BUDGET_AT_SCALE = 1.5  # the same with --reports (issue 13: 1,000 reports)
CORPUS_ENV = "BAOGAO_BENCH_CORPUS"  # the folder a child opens instead of the seeds
APPS = ("empty", "baogao")
DEADLINE = 10.0  # seconds a run may wait for its full screen


def make_app(name: str) -> Any:
    """A new instance of the named app, importing only what that app needs."""
    if name == "empty":
        from textual.app import App

        return App()
    from baogao.tui.app import BaogaoApp

    folder = os.environ.get(CORPUS_ENV)
    return BaogaoApp(paths=[folder]) if folder else BaogaoApp()


def expected_panes(name: str) -> tuple[str, ...]:
    """The panes the app's first full screen must show."""
    return () if name == "empty" else ("outline", "reader")


def screen_text(app: Any) -> str:
    """The whole screen as plain text (used only after a frame's time is taken)."""
    from textual.strip import Strip

    update = app.screen._compositor.render_update(full=True)
    return "\n".join(Strip.join(row).text for row in getattr(update, "strips", ()))


def drawn_panes(app: Any, text: str) -> tuple[str, ...]:
    """Which of baogao's panes the screen text shows, each checked on its own content."""
    if not hasattr(app, "reader"):
        return ()
    first_lines = app.reader.visible_text()[:8] if app.reader.is_mounted else "各位代表"
    many = bool(os.environ.get(CORPUS_ENV))
    listed = list(app._regions)
    checks = {
        "outline": bool(listed)
        and (
            (app.outline.rows[0][:4] in text)  # its first row (a region or a group)
            if many
            else all(region in text for region in listed)
        ),
        "reader": bool(first_lines) and first_lines in text,
        "glossary": "Glossary ·" in text and " terms" in text,
        "indicators": "Indicators ·" in text and "地区生产总值" in text,
    }
    return tuple(name for name, seen in checks.items() if seen)


async def time_full_screen(name: str, size: tuple[int, int]) -> tuple[float, int, str]:
    """perf_counter() at the end of the first frame that shows every expected pane, how
    many frames the app painted up to then, and the panes that frame showed.

    Each frame is rendered to escape sequences as a terminal driver would (headless
    apps skip that step). The screen's text is checked only after a frame's time is
    taken, and only once the expected panes are on the compositor's map."""
    from frames import watch_frames

    app = make_app(name)
    wanted = expected_panes(name)
    frames: list[float] = []
    found: list[tuple[float, int, str]] = []

    def frame_done(screen: Any, done: float) -> None:
        if found:
            return
        frames.append(done)
        if not wanted:
            found.append((frames[-1], len(frames), "-"))
            return
        on_map = {widget.id for widget in screen._compositor.visible_widgets}
        if not set(wanted) <= on_map:
            return
        shown = drawn_panes(app, screen_text(app))
        if set(wanted) <= set(shown):
            found.append((frames[-1], len(frames), ",".join(shown)))

    watch_frames(app, size, frame_done)
    async with app.run_test(size=size):
        started = perf_counter()
        while not found and perf_counter() - started < DEADLINE:
            await asyncio.sleep(0.001)  # the app paints on its own timer, not forced
    if not found:
        raise SystemExit(f"{name} never showed {', '.join(wanted)} at {size[0]}x{size[1]}")
    return found[0]


def child_env(bytecode: bool) -> dict[str, str]:
    """The children's environment: cached bytecode in a private folder, or none at all."""
    env = dict(os.environ)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env
    from baogao.paths import cache_directory

    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_directory() / "bench-bytecode")
    return env


def run_child(name: str, size: tuple[int, int], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds from spawning a fresh interpreter to the named app's full first screen,
    the frames painted up to it, and the panes it showed."""
    command = [sys.executable, __file__, "--child", name, "--size", f"{size[0]}x{size[1]}"]
    started = perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    done, frames, shown = result.stdout.strip().splitlines()[-1].split(" ")
    return float(done) - started, int(frames), shown


async def in_process(name: str, size: tuple[int, int]) -> float:
    started = perf_counter()
    done, _frames, _shown = await time_full_screen(name, size)
    return done - started


def warm_corpus(count: int, env: dict[str, str]) -> Path:
    """A folder of `count` distinct reports (made once, kept in the temp folder), all in
    the corpus store, so that opening it parses nothing."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_corpus import make_corpus

    folder = Path(tempfile.gettempdir()) / f"baogao-bench-corpus-{count}"
    if len(list(folder.glob("*.txt"))) != count:
        make_corpus(folder, count)
    baogao = Path(sys.executable).with_name("baogao")
    subprocess.run([str(baogao), "index", str(folder)], check=True, env=env)
    return folder


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
    parser.add_argument("--reports", type=int, default=0, help="open N made reports, warm")
    parser.add_argument("--child", choices=APPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    size: tuple[int, int] = args.size
    if args.child:
        done, frames, shown = asyncio.run(time_full_screen(args.child, size))
        print(done, frames, shown)
        return 0

    try:  # an installed baogao (a wheel or an editable install) is measured as it is
        import baogao.tui  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    env = child_env(bytecode=not args.source)
    budget, opened = BUDGET, "5 seeds"
    if args.reports:
        budget, opened = BUDGET_AT_SCALE, f"{args.reports:,} reports"
        env[CORPUS_ENV] = str(warm_corpus(args.reports, env))
        os.environ[CORPUS_ENV] = env[CORPUS_ENV]
    warm = {name: run_child(name, size, env)[0] for name in APPS}
    fresh: dict[str, list[float]] = {name: [] for name in APPS}
    frames: dict[str, list[int]] = {name: [] for name in APPS}
    shown: set[str] = set()
    for _ in range(args.runs):
        for name in APPS:
            seconds, painted, panes = run_child(name, size, env)
            fresh[name].append(seconds)
            frames[name].append(painted)
            if name == "baogao":
                shown.add(panes)

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
    print(f"baogao's full screen showed: {' | '.join(sorted(shown))}")
    painted = statistics.median(frames["baogao"])
    print(f"  (frames painted up to it: empty app 1, baogao {painted:g})")
    mode = "compiled from source every run" if args.source else "cached bytecode, as installed"
    print(f"fresh process (spawn, imports, app start, frames up to the full screen; {mode}):")
    print(f"  empty Textual app       {empty_ms:7.1f} ms")
    print(f"  baogao, {opened:<15} {baogao_ms:7.1f} ms")
    print(f"  ratio                   {ratio:7.2f}   (budget {budget})")
    print(f"  warm-up runs            {warm['empty'] * 1000:7.1f} / {warm['baogao'] * 1000:.1f} ms")
    print("inside one process (app start and frames only, imports done):")
    print(f"  empty Textual app       {here_empty:7.1f} ms")
    print(f"  baogao, {opened:<15} {here_baogao:7.1f} ms")
    print(f"  ratio                   {here_baogao / here_empty:7.2f}")
    print("OK: within budget" if ratio <= budget else "OVER BUDGET")
    return 0 if ratio <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
