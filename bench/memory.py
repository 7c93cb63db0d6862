"""Peak memory of the app with a corpus open, its background work all done.

    .venv/bin/python bench/memory.py                  # 1,000 distinct reports, warm
    .venv/bin/python bench/memory.py --reports 200
    .venv/bin/python bench/memory.py --seeds          # the five bundled seeds

A fresh process opens the folder as `baogao FOLDER` does on a terminal (a streamed
load for many files), runs headless at 120x40 and waits until everything that starts
on its own has finished: every report read, glossaries linked, the search index built
with its pinyin, jieba ready. Then it reads its own peak resident set (VmHWM) and
quits; it also prints how long from the app's start every report was in, search could
answer, and everything was done. The reference, measured in the same run the same way, is
an empty Textual app:
what the interpreter and the framework cost before baogao holds anything. The budget
(issue 13) is 200 MB of peak RSS at 1,000 reports, warm.

The corpus is made by bench/make_corpus.py and kept in the temp folder; its store is
filled by `baogao index` first (in a private cache folder), so the open is warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BUDGET_MB = 200.0
SIZE = (120, 40)
DEADLINE = 120.0  # seconds a child may take to finish its background work
POLL = 0.05


def memory_mb() -> tuple[float, float]:
    """This process's peak and current resident set, in MB."""
    fields: dict[str, float] = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0]) / 1024
    return fields["VmHWM"], fields["VmRSS"]


def child(name: str, folder: str | None) -> None:
    """Run one app headless until its background work is over; print peak and current RSS."""
    import asyncio
    from time import monotonic

    if name == "empty":
        from textual.app import App

        app: App[None] = App()

        def settled() -> bool:
            return True

    else:
        from baogao.store import streamed_open
        from baogao.tui.app import BaogaoApp

        paths = [folder] if folder else None
        streamed = streamed_open(paths) if paths else None
        app = (
            BaogaoApp(streamed=streamed)
            if streamed is not None
            else BaogaoApp(paths=paths)
            if paths
            else BaogaoApp()
        )

        def settled() -> bool:
            index = app.search_index
            return (
                app.loading is None
                and index is not None
                and not index.pinyin_pending
                and app.segmenter_ready
            )

    def loaded() -> bool:
        return getattr(app, "loading", None) is None

    def searchable() -> bool:
        return getattr(app, "search_index", True) is not None

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            started = monotonic()
            deadline = started + DEADLINE
            seen: dict[str, float] = {}
            while not settled() and monotonic() < deadline:
                for name, done in (("loaded", loaded), ("searchable", searchable)):
                    if name not in seen and done():
                        seen[name] = monotonic() - started
                await pilot.pause(POLL)
            peak, now = memory_mb()
            times = " ".join(f"{seen.get(name, -1):.2f}" for name in ("loaded", "searchable"))
            print(f"{times} {monotonic() - started:.2f} {peak:.1f} {now:.1f} {int(settled())}")

    asyncio.run(run())


def run_child(name: str, folder: Path | None, env: dict[str, str]) -> tuple[float, ...]:
    """(peak MB, resident MB at the end, s to all loaded, s to searchable, s to all done)."""
    command = [sys.executable, __file__, "--child", name]
    if folder is not None:
        command += ["--folder", str(folder)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    loaded, searchable, done, peak, now, settled = out.stdout.split()[-6:]
    if settled != "1":
        raise SystemExit(f"{name}: its background work did not finish in {DEADLINE:g} s")
    return float(peak), float(now), float(loaded), float(searchable), float(done)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seeds", action="store_true", help="open the five seeds instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("empty", "baogao"))
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder)
        return 0
    with tempfile.TemporaryDirectory(prefix="baogao-bench-cache-") as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache, "XDG_DATA_HOME": cache}
        env["XDG_CONFIG_HOME"] = cache
        folder: Path | None = None
        if args.seeds:
            what = "the five seeds"
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from make_corpus import make_corpus

            folder = Path(tempfile.gettempdir()) / f"baogao-bench-corpus-{args.reports}"
            if len(list(folder.glob("*.txt"))) != args.reports:
                make_corpus(folder, args.reports)
            baogao = Path(sys.executable).with_name("baogao")
            subprocess.run([str(baogao), "index", str(folder)], check=True, env=env)
            what = f"{args.reports:,} distinct reports, warm"
        empty = [run_child("empty", None, env) for _ in range(args.runs)]
        app = [run_child("baogao", folder, env) for _ in range(args.runs)]
    empty_peak = statistics.median(run[0] for run in empty)
    peak = statistics.median(run[0] for run in app)
    now = statistics.median(run[1] for run in app)
    loaded, searchable, done = (statistics.median(run[k] for run in app) for k in (2, 3, 4))
    print(f"peak RSS at {SIZE[0]}x{SIZE[1]}, {what}, everything loaded and indexed;")
    print(f"medians of {args.runs} runs each")
    print(f"  empty Textual app      {empty_peak:7.1f} MB")
    print(f"  baogao                 {peak:7.1f} MB  (resident at the end: {now:.1f} MB)")
    print("    each run:", ", ".join(f"{run[0]:.1f}" for run in app), "MB")
    print(f"  baogao's own           {peak - empty_peak:7.1f} MB over the empty app")
    print(
        f"  from the app's start: all loaded {loaded:.2f} s, searchable {searchable:.2f} s,"
        f" pinyin and jieba ready {done:.2f} s"
    )
    verdict = "ok" if args.seeds or peak <= BUDGET_MB else "OVER BUDGET"
    print(f"  budget                 {BUDGET_MB:7.1f} MB at 1,000 reports: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
