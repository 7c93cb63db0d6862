"""Parse throughput: all seeds, parsed repeatedly, warm. Budget: all five in < 50 ms.

python bench/parse.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from baogao.parsers import parse_text
from baogao.parsers.link import link_glossaries
from baogao.parsers.source import read_text
from baogao.seeds import seed_paths

BUDGET_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    texts = [(str(path), read_text(path)) for path in seed_paths()]
    size_mb = sum(len(text.encode("utf-8")) for _, text in texts) / 1e6
    for path, text in texts:  # warm up: compiled regexes, caches
        parse_text(text, path)
    timings = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        link_glossaries(tuple(parse_text(text, path) for path, text in texts))
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"seeds: {len(texts)} files, {size_mb:.2f} MB of UTF-8")
    print(f"all seeds, warm: median {median * 1000:.1f} ms, best {min(timings) * 1000:.1f} ms")
    print(f"throughput: {size_mb / median:.1f} MB/s")
    verdict = "within" if median * 1000 <= BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
