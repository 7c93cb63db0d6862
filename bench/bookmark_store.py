"""What a user with many bookmarks waits for: opening the list (`B`) and a save after
one change, for a small store and a large one, measured in the same run.

python bench/bookmark_store.py [--small N] [--large N]

The list draws only the rows on screen, so opening it should cost about the same at
any size (ratio near 1); a save writes the whole file, so it grows with the store, but
only the changed bookmark is formatted again.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from baogao.bookmarks import Bookmark, BookmarkStore, make_bookmark
from baogao.parsers import Report, load
from baogao.seeds import seed_paths
from baogao.tui.screens.bookmarks import BookmarksScreen


class Host(App[None]):
    def __init__(self, store: BookmarkStore, reports: tuple[Report, ...]) -> None:
        super().__init__()
        self.store, self.reports = store, reports

    def compose(self) -> ComposeResult:
        yield Static("reader")


def bookmarks(report: Report, count: int) -> tuple[Bookmark, ...]:
    template = make_bookmark(report, 0, 40)
    return tuple(
        replace(template, id=f"{n:016x}", excerpt=f"第{n}条 {template.excerpt}")
        for n in range(count)
    )


async def open_list(store: BookmarkStore, reports: tuple[Report, ...]) -> float:
    """Seconds from `B` until the list's first frame is ready (not the counting after)."""
    app = Host(store, reports)
    async with app.run_test(size=(120, 36)) as pilot:
        started = time.perf_counter()
        screen = BookmarksScreen(store, reports)
        await app.push_screen(screen)  # composed, mounted, the list filled
        bookmark_list = screen.list
        for y in range(bookmark_list.size.height):  # the rows of the first frame
            bookmark_list.render_line(y)
        elapsed = time.perf_counter() - started
        await pilot.press("escape")
        return elapsed


def save_after_one_change(store: BookmarkStore) -> float:
    store.save()  # the first save formats every bookmark
    started = time.perf_counter()
    store.set_note(store.bookmarks[len(store.bookmarks) // 2].id, "changed")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    reports = load(list(seed_paths())[:2]).reports
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        warm = BookmarkStore(Path(folder) / "warm.toml")
        warm.bookmarks = bookmarks(reports[0], 10)
        asyncio.run(open_list(warm, reports))  # imports and first app start, not measured
        for name, count in (("small", args.small), ("large", args.large)):
            store = BookmarkStore(Path(folder) / f"{name}.toml")
            store.bookmarks = bookmarks(reports[0], count)
            results[name] = (asyncio.run(open_list(store, reports)), save_after_one_change(store))
    for name, count in (("small", args.small), ("large", args.large)):
        opened, saved = results[name]
        print(
            f"{count:>7} bookmarks: open list {opened * 1000:7.1f} ms, "
            f"save after one change {saved * 1000:7.1f} ms"
        )
    size = args.large / args.small
    print(
        f"open list, large / small: {results['large'][0] / results['small'][0]:.2f} "
        f"(the store is {size:.0f}x larger; lazy drawing keeps this near 1)"
    )
    print(
        f"save, large / small: {results['large'][1] / results['small'][1]:.1f} "
        f"(writing the file grows with it; {size:.0f} would be linear)"
    )


if __name__ == "__main__":
    main()
