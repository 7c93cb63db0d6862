"""The corpus store at scale: cold `baogao index`, store size, warm load and RSS, search keys.

    .venv/bin/python bench/scale.py                  # 1,000 reports made from the seeds
    .venv/bin/python bench/scale.py --reports 200    # quicker
    .venv/bin/python bench/scale.py --skip-search    # store figures only

Each figure is printed with its budget (issue 13) and a reference measured in the
same run:
- cold index: `baogao index` in a fresh process with an empty store, against the
  serial in-process parse of a sample of the same files (so the speed-up over one
  core, and reports per second per core from the CPU time of the whole run);
- store size: the database file against the UTF-8 size of the texts it holds;
- warm: a fresh process reading all reports back (the one that would hold the
  corpus), and one reading summaries only, each against a process that only
  imports the store (time and peak RSS);
- search: every keystroke of real queries typed one character at a time, through
  SearchIndex.search (the function; the app's screen-timed bench adds the
  repaint), at this size against the same queries on the five seeds.
The corpus is made by bench/make_corpus.py and kept in the temp folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_corpus

BUDGET_INDEX_S = 10.0
BUDGET_STORE_RATIO = 2.0
BUDGET_RSS_MB = 200.0
BUDGET_SEARCH_P95_MS = 50.0
SAMPLE_EVERY = 20  # one file in this many is parsed serially as the reference

WARM = """
import resource, sys, time
started = time.perf_counter()
from baogao.store import {what}
result = {call}
elapsed = time.perf_counter() - started
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def run_child(code: str, env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def cold_index(folder: Path, files: list[Path], env: dict[str, str]) -> None:
    from baogao.parsers import parse

    sample = files[::SAMPLE_EVERY]
    started = time.process_time()
    for file in sample:
        parse(file)
    per_file = (time.process_time() - started) / len(sample)
    serial = per_file * len(files)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "baogao", "index", str(folder)],
        env=env,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"cold index: {len(files)} reports in {wall:.1f} s wall, {cpu:.1f} s CPU on {cores} cores"
        f"  (budget <= {BUDGET_INDEX_S:g} s: {verdict(wall <= BUDGET_INDEX_S)})"
    )
    print(
        f"  reference: serial parse {per_file * 1000:.1f} ms a report, {serial:.1f} s for all;"
        f" speed-up {serial / wall:.2f}x; {len(files) / cpu:.0f} reports/s per core"
        f" ({cpu / len(files) * 1000:.1f} ms CPU a report, parse + store)"
    )


def store_size(env: dict[str, str]) -> None:
    code = (
        "from baogao.store.database import CorpusStore\n"
        "with CorpusStore() as store: print(*store.sizes())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    count, text, size = map(int, out.stdout.split())
    ratio = size / max(text, 1)
    print(
        f"store: {count} reports, {size / 1e6:.1f} MB for {text / 1e6:.1f} MB of text:"
        f" {ratio:.2f}x  (budget <= {BUDGET_STORE_RATIO:g}x: {verdict(ratio <= BUDGET_STORE_RATIO)})"
    )


def warm(folder: Path, env: dict[str, str]) -> None:
    base_s, base_rss = run_child(WARM.format(what="open_corpus", call="None"), env)
    full_s, full_rss = run_child(
        WARM.format(what="open_corpus", call=f"open_corpus([{str(folder)!r}])"), env
    )
    lazy_s, lazy_rss = run_child(
        WARM.format(what="summaries", call=f"summaries([{str(folder)!r}])"), env
    )
    print(f"  reference: a process importing the store: {base_s:.2f} s, {base_rss:.0f} MB")
    print(
        f"warm, every report read back: {full_s:.2f} s ({full_s / max(base_s, 1e-3):.0f}x),"
        f" peak RSS {full_rss:.0f} MB  (budget <= {BUDGET_RSS_MB:g} MB:"
        f" {verdict(full_rss <= BUDGET_RSS_MB)})"
    )
    print(
        f"warm, summaries only (the outline): {lazy_s:.2f} s, peak RSS {lazy_rss:.0f} MB"
        f"  (budget <= {BUDGET_RSS_MB:g} MB: {verdict(lazy_rss <= BUDGET_RSS_MB)})"
    )


def search(folder: Path) -> None:
    from search_latency import keystrokes, percentile

    from baogao.parsers import load
    from baogao.search.index import SearchIndex
    from baogao.seeds import seed_paths
    from baogao.store import open_corpus

    reference = keystrokes(SearchIndex.build(load(seed_paths()).reports))
    reports = open_corpus([folder]).corpus.reports
    started = time.perf_counter()
    index = SearchIndex.build(reports)
    built = time.perf_counter() - started
    times = keystrokes(index)
    p95, ref95 = percentile(times, 0.95), percentile(reference, 0.95)
    print(
        f"search at {len(reports)} reports (index built in {built:.1f} s): {len(times)} keys,"
        f" p50 {percentile(times, 0.5):.1f} ms, p95 {p95:.1f} ms"
        f"  (budget p95 <= {BUDGET_SEARCH_P95_MS:g} ms: {verdict(p95 <= BUDGET_SEARCH_P95_MS)})"
    )
    print(f"  reference: the seeds, p95 {ref95:.1f} ms; {p95 / max(ref95, 1e-3):.0f}x at this size")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--skip-search", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / f"baogao-bench-corpus-{args.reports}"
    files = make_corpus(folder, args.reports)
    with tempfile.TemporaryDirectory(prefix="baogao-bench-cache-") as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        os.environ["XDG_CACHE_HOME"] = cache
        megabytes = sum(file.stat().st_size for file in files) / 1e6
        print(f"corpus: {len(files)} reports, {megabytes:.1f} MB in {folder}")
        cold_index(folder, files, env)
        store_size(env)
        warm(folder, env)
        if not args.skip_search:
            search(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
