"""Key latency benchmark: from a key press to the frame that shows its effect.

    .venv/bin/python bench/keys.py                  # 80x24 and 200x50, the five seeds
    .venv/bin/python bench/keys.py --size 120x36 --rounds 3
    .venv/bin/python bench/keys.py --reports 1000  # 1,000 distinct reports (make_corpus.py)

What is timed is what the user waits for: the clock starts as the key is sent (as
Textual's Pilot sends it) and stops at the end of the first frame, rendered to
terminal escape sequences as the driver would, whose content shows the key's effect
(the outline's cursor on the next row; the search results for the query as typed).
Not the function behind the key.

Measured in the same run, on the same machine load:
- a bare Input typing the same characters (the floor: a key and one repaint);
- baogao's first key right after the first screen, while the search index builds
  (in steps on the event loop, pinyin and jieba in processes of their own);
- outline keys (j, k, l, h) with the five seeds open, while the index builds, and
  in an app that builds none (what the outline costs by itself);
- search keystrokes in the search dialog (fqjy, 招商引资, backspaces), and their extra
  over the bare Input.

Budgets (issue 13): first key <= 50 ms; outline key p95 <= 16 ms; search keystroke
p95, extra over the bare Input, <= 16 ms on the seeds and <= 50 ms at 1,000 reports
(--reports: distinct reports made by bench/make_corpus.py, read from the corpus store).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from frames import watch_frames
from textual.app import App, ComposeResult
from textual.widgets import Input

FIRST_KEY_BUDGET, OUTLINE_BUDGET, SEARCH_EXTRA_BUDGET = 50.0, 16.0, 16.0
SEARCH_EXTRA_BUDGET_AT_SCALE = 50.0  # with --reports (1,000 reports)
OUTLINE_KEYS = ("j",) * 5 + ("l", "j", "j", "h") + ("k",) * 5  # within the seeds' rows
SEARCH_TYPING = (*"fqjy", "backspace", "backspace", "backspace", "backspace", *"招商引资")
WAIT = 2.0  # seconds a key may take before the run gives up
INDEX_WAIT = 300.0  # seconds the index and jieba may take to come up


class FrameClock:
    """Times frames: each one is turned into escape sequences, then checked against a
    goal; the first frame that meets it stops the clock."""

    def __init__(self, app: App[Any], size: tuple[int, int]) -> None:
        self.goal: Callable[[], bool] | None = None
        self.met: float | None = None
        watch_frames(app, size, self._frame)

    def _frame(self, screen: Any, done: float) -> None:
        if self.goal is not None and self.met is None and self.goal():
            self.met = done

    async def time_key(self, pilot: Any, key: str, goal: Callable[[], bool]) -> float:
        """Milliseconds from sending `key` to the end of the first frame meeting `goal`."""
        await pilot.pause()
        self.goal, self.met = goal, None
        started = perf_counter()
        await pilot.press(key)
        while self.met is None and perf_counter() - started < WAIT:
            await asyncio.sleep(0.0005)
        self.goal = None
        if self.met is None:
            raise SystemExit(f"no frame showed the effect of {key!r} within {WAIT} s")
        return (self.met - started) * 1000


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


def typed(value: str, key: str) -> str:
    if key == "backspace":
        return value[:-1]
    return value + key


async def bare_input(size: tuple[int, int]) -> list[float]:
    app = BareInput()
    clock = FrameClock(app, size)
    async with app.run_test(size=size) as pilot:
        field = app.query_one(Input)
        times = []
        for key in SEARCH_TYPING:
            want = typed(field.value, key)
            times.append(await clock.time_key(pilot, key, lambda want=want: field.value == want))
        return times


def outline_changed(outline: Any) -> Callable[[], bool]:
    """A goal met once the outline's cursor moved, or rows opened or closed."""
    before = (outline.cursor_node, outline.rows)
    return lambda: (outline.cursor_node, outline.rows) != before


async def outline_floor(size: tuple[int, int], corpus: Any = None) -> list[float]:
    """Outline keys in an app that builds no index: what the outline costs by itself."""
    from baogao.tui.app import BaogaoApp

    class NoIndex(BaogaoApp):
        def build_search_index(self) -> None:
            pass

    app = NoIndex(corpus)
    clock = FrameClock(app, size)
    async with app.run_test(size=size) as pilot:
        outline = app.outline
        await clock.time_key(pilot, "j", outline_changed(outline))
        await pilot.press("k")
        return [await clock.time_key(pilot, key, outline_changed(outline)) for key in OUTLINE_KEYS]


async def baogao_keys(
    size: tuple[int, int], corpus: Any = None
) -> tuple[float, list[float], list[float]]:
    from baogao.tui.app import BaogaoApp

    app = BaogaoApp(corpus)
    clock = FrameClock(app, size)
    async with app.run_test(size=size) as pilot:
        outline = app.outline
        # The first key after the first screen, while the search index builds.
        first = await clock.time_key(pilot, "j", outline_changed(outline))
        await pilot.press("k")
        outline_times = [
            await clock.time_key(pilot, key, outline_changed(outline)) for key in OUTLINE_KEYS
        ]
        waited = perf_counter()  # the index with its pinyin, then jieba (in its own process)
        while perf_counter() - waited < INDEX_WAIT:
            index = app.search_index
            if index is not None and not index.pinyin_pending and app.segmenter_ready:
                break
            await pilot.pause(0.05)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        field = screen.query_one(Input)
        search_times = []
        for key in SEARCH_TYPING:
            want = typed(field.value, key)

            def answered(want: str = want) -> bool:
                return field.value == want and screen.results.query == want  # type: ignore[attr-defined]

            search_times.append(await clock.time_key(pilot, key, answered))
        return first, outline_times, search_times


def distinct_corpus(count: int) -> Any:
    """`count` distinct reports made by make_corpus.py (kept in the temp folder), read
    through the corpus store (filled first), linked: what a warm open ends up holding."""
    import tempfile

    from make_corpus import make_corpus

    from baogao.store import index_paths, open_corpus

    folder = Path(tempfile.gettempdir()) / f"baogao-bench-corpus-{count}"
    if len(list(folder.glob("*.txt"))) != count:
        make_corpus(folder, count)
    index_paths([folder])
    return open_corpus([folder]).corpus


def p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def parse_size(value: str) -> tuple[int, int]:
    width, height = value.lower().split("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, action="append")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each app, alternated")
    parser.add_argument(
        "--reports", type=int, help="open this many distinct reports (bench/make_corpus.py)"
    )
    options = parser.parse_args()
    corpus = None
    search_budget = SEARCH_EXTRA_BUDGET
    if options.reports:
        corpus = distinct_corpus(options.reports)
        search_budget = SEARCH_EXTRA_BUDGET_AT_SCALE
        print(f"{options.reports} distinct reports (bench/make_corpus.py), read from the store")
    failed = False
    for size in options.size or [(80, 24), (200, 50)]:
        bare: list[float] = []
        firsts: list[float] = []
        outline: list[float] = []
        floor: list[float] = []
        search: list[float] = []
        for _ in range(options.rounds):
            bare += asyncio.run(bare_input(size))
            floor += asyncio.run(outline_floor(size, corpus))
            first, outline_times, search_times = asyncio.run(baogao_keys(size, corpus))
            firsts.append(first)
            outline += outline_times
            search += search_times
        extra = p(search, 0.95) - p(bare, 0.95)
        rows = [
            ("bare Input keystroke", bare, None),
            ("first key after the first screen", firsts, FIRST_KEY_BUDGET),
            ("outline key, no index build", floor, None),
            ("outline key, while the index builds", outline, OUTLINE_BUDGET),
            ("search keystroke", search, None),
        ]
        print(f"{size[0]}x{size[1]}  (ms, key press to the frame showing it)")
        for label, values, budget in rows:
            line = f"  {label:37} p50 {p(values, 0.5):6.1f}  p95 {p(values, 0.95):6.1f}"
            line += f"  n={len(values)}"
            if budget is not None:
                ok = p(values, 0.95) <= budget
                failed |= not ok
                line += f"  budget p95 <= {budget:.0f}: {'ok' if ok else 'OVER'}"
            print(line)
        ok = extra <= search_budget
        failed |= not ok
        ratio = p(search, 0.95) / max(p(bare, 0.95), 0.001)
        print(
            f"  search p95 extra over a bare Input {extra:6.1f} ms ({ratio:.2f}x)"
            f"  budget <= {search_budget:.0f}: {'ok' if ok else 'OVER'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
