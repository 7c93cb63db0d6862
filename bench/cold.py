"""Cold-open benchmark: 1,000 reports on an empty store, the explorer streaming them in.

    .venv/bin/python bench/cold.py                 # 1,000 reports, 3 runs, 80x24
    .venv/bin/python bench/cold.py --reports 300 --runs 1

Builds its own corpus (bench/make_corpus.py) in a temporary folder, then for each run
starts a fresh Python process with an empty XDG_CACHE_HOME that opens the explorer on
it as `baogao PATH` does on a terminal (`BaogaoApp(streamed=StreamedLoad(...))`), at
80x24, every frame rendered to escape sequences as a terminal driver would
(bench/frames.py). From just before the process is spawned it times:

  something on screen   the first frame                         (budget 0.5 s)
  first report          the first frame showing a report's text (budget 3 s)
  all loaded            the first frame after every report is in, linked, swapped in

and, while loading (one key every 0.3 s, budget 50 ms each): how long `j` in the outline
takes to show, for the first OUTLINE_KEYS keys; then `/` and keystrokes in the search
field (`fqjy` and back), each until the frame that shows it typed: the search index is
built only once every report is in, so these keys must not wait for it. The reference, measured in the same run, alternating: an empty Textual
app's first frame in a fresh process. The load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter
from typing import Any

SCREEN_BUDGET, FIRST_BUDGET, KEY_BUDGET_MS = 0.5, 3.0, 50.0
DEADLINE = 300.0  # seconds a run may take to load everything
KEY_EVERY = 0.3  # s between keys pressed while loading
OUTLINE_KEYS = 8  # `j` keys first; then the search dialog and typing
TYPING = ("f", "q", "j", "y", "backspace", "backspace", "backspace", "backspace")
HERE = Path(__file__).resolve().parent


async def child(name: str, corpus: str, size: tuple[int, int]) -> list[str]:
    """Run one app headless; the lines to print (perf_counter times, key latencies)."""
    from frames import watch_frames

    if name == "empty":
        from textual.app import App

        app: Any = App()
    else:
        from baogao.store import unstored
        from baogao.store.stream import StreamedLoad
        from baogao.tui.app import BaogaoApp

        files, _ = unstored([corpus])
        app = BaogaoApp(streamed=StreamedLoad([corpus], files=files))
    times: dict[str, float] = {}
    clock = KeyClock()

    def frame_done(screen: Any, now: float) -> None:
        clock.frame(now)
        times.setdefault("screen", now)
        if name == "empty":
            return
        if "first" not in times and app.report is not None and app.reader.visible_text():
            times["first"] = now
        if "all" not in times and app.streamed is not None and app.loading is None:
            times["all"] = now

    watch_frames(app, size, frame_done)
    keys: list[float] = []
    at: list[float] = []  # when each key was pressed, from the start of the app
    typed: list[float] = []  # search keystrokes (and the `/` that opens the dialog)
    async with app.run_test(size=size):
        started = perf_counter()
        wanted = ("screen",) if name == "empty" else ("screen", "first", "all")
        while not all(k in times for k in wanted) and perf_counter() - started < DEADLINE:
            if name != "empty" and "first" in times and "all" not in times:
                if len(keys) < OUTLINE_KEYS:
                    cursor = where(app)
                    pressed = clock.arm(lambda c=cursor: where(app) != c)
                    app.simulate_key("j")  # as the driver posts a key (no pilot wait for idle)
                    ms = await clock.shown(pressed)
                    if ms is not None:
                        keys.append(ms)
                        at.append(pressed - started)
                else:
                    ms = await search_key(app, clock, len(typed))
                    if ms is not None:
                        typed.append(ms)
                await asyncio.sleep(KEY_EVERY)
                continue
            await asyncio.sleep(0.005)
        reports = len(app.reports) if name != "empty" else 0
    lines = [f"{key} {times.get(key, -1)}" for key in wanted]
    lines.append(f"reports {reports}")
    lines.append("keys " + " ".join(f"{ms:.1f}" for ms in keys))
    lines.append("typed " + " ".join(f"{ms:.1f}" for ms in typed))
    if keys:
        worst = max(range(len(keys)), key=keys.__getitem__)
        lines.append(f"worst {at[worst]:.2f} of {times.get('all', 0) - started:.2f}")
    return lines


class KeyClock:
    """The end of the first frame whose content meets a key's goal, checked as each frame
    is done (a frame painted before a poll could see the change would be missed, and the
    next one, a cursor blink later, timed instead)."""

    def __init__(self) -> None:
        self.goal: Any = None
        self.met: float | None = None

    def frame(self, now: float) -> None:
        if self.goal is not None and self.met is None and self.goal():
            self.met = now

    async def shown(self, pressed: float) -> float | None:
        """Milliseconds from `pressed` (see `arm`) to the frame meeting the goal."""
        while self.met is None and perf_counter() - pressed < 5:
            await asyncio.sleep(0.0005)
        met, self.goal, self.met = self.met, None, None
        return None if met is None else (met - pressed) * 1000

    def arm(self, goal: Any) -> float:
        """Watch for `goal` from now on (send the key next); the time it was armed."""
        self.goal, self.met = goal, None
        return perf_counter()


async def search_key(app: Any, clock: KeyClock, done: int) -> float | None:
    """The next key of the search typing (the first opens the dialog), timed to its frame."""
    from textual.widgets import Input

    if done == 0:
        pressed = clock.arm(lambda: bool(app.screen.query(Input)))
        app.simulate_key("slash")
        return await clock.shown(pressed)
    field = app.screen.query_one(Input)
    key = TYPING[(done - 1) % len(TYPING)]
    want = field.value[:-1] if key == "backspace" else field.value + key
    pressed = clock.arm(lambda: field.value == want)
    app.simulate_key(key)
    return await clock.shown(pressed)


def where(app: Any) -> tuple[str, int, int] | None:
    """The outline's cursor, told apart across the outline's rebuilds as reports arrive."""
    node = app.outline.cursor_node
    if node is None:
        return None
    return (node.label, id(node.entry.report), id(node.entry.section))


def run_child(name: str, corpus: Path, size: tuple[int, int]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="baogao-cold-cache-") as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)  # an empty store every run
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, __file__, "--child", name, "--corpus", str(corpus)]
        command += ["--size", f"{size[0]}x{size[1]}"]
        started = perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        key, _, rest = line.partition(" ")
        if key in ("screen", "first", "all"):
            found[key] = float(rest) - started if float(rest) >= 0 else float("nan")
        elif key == "reports":
            found[key] = int(rest)
        elif key == "worst":
            found[key] = rest
        elif key in ("keys", "typed"):
            found[key] = [float(ms) for ms in rest.split()]
    return found


def parse_size(value: str) -> tuple[int, int]:
    width, _, height = value.partition("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=parse_size, default=(80, 24), help="WIDTHxHEIGHT")
    parser.add_argument("--child", choices=("empty", "baogao"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(HERE.parent))
        for line in asyncio.run(child(args.child, args.corpus, args.size)):
            print(line)
        return 0

    with tempfile.TemporaryDirectory(prefix="baogao-cold-") as folder:
        corpus = Path(folder) / f"corpus-{args.reports}"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                str(corpus),
                "--reports",
                str(args.reports),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        run_child("empty", corpus, args.size)  # warm-up: imports from the OS file cache
        empty: list[float] = []
        runs: list[dict[str, Any]] = []
        loads: list[float] = []
        for _ in range(args.runs):
            empty.append(run_child("empty", corpus, args.size)["screen"])
            loads.append(os.getloadavg()[0])
            runs.append(run_child("baogao", corpus, args.size))

    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    keys = sorted(ms for run in runs for ms in run["keys"])
    typed = sorted(ms for run in runs for ms in run["typed"])
    reference = statistics.median(empty)
    screen, first, done = median("screen"), median("first"), median("all")
    print(f"cold open of {args.reports:,} reports at {args.size[0]}x{args.size[1]}, empty store;")
    print(f"medians of {args.runs} fresh processes each; load average {statistics.mean(loads):.2f}")
    print(f"  empty Textual app, first frame   {reference:6.2f} s   (reference)")
    ratio = screen / reference
    print(
        f"  something on screen              {screen:6.2f} s   ({ratio:.2f}x the reference;", end=""
    )
    print(f" budget {SCREEN_BUDGET} s)")
    print(f"  first report readable            {first:6.2f} s   (budget {FIRST_BUDGET} s)")
    print(f"  all loaded, linked, swapped in   {done:6.2f} s   ({runs[0]['reports']:,} reports)")
    p95 = 0.0
    if keys:
        p95 = keys[min(len(keys) - 1, int(len(keys) * 0.95))]
        print(
            f"  `j` while loading, {len(keys)} keys: median {statistics.median(keys):.1f} ms,",
            end="",
        )
        print(f" p95 {p95:.1f} ms, worst {keys[-1]:.1f} ms (budget {KEY_BUDGET_MS:g} ms)")
        print(f"  the worst key, first run: at {runs[0].get('worst')} s")
    typed_p95 = 0.0
    if typed:
        typed_p95 = typed[min(len(typed) - 1, int(len(typed) * 0.95))]
        print(
            f"  `/` and search keys while loading, {len(typed)} keys: median"
            f" {statistics.median(typed):.1f} ms, p95 {typed_p95:.1f} ms, worst {typed[-1]:.1f} ms"
            f" (budget {KEY_BUDGET_MS:g} ms)"
        )
    ok = (
        screen <= SCREEN_BUDGET
        and first <= FIRST_BUDGET
        and p95 <= KEY_BUDGET_MS
        and typed_p95 <= KEY_BUDGET_MS
    )
    print("OK: within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
