"""Linear time: a report written on one line, from 100 KB to 10 MB.

python bench/extract.py [--sizes 0.1,0.4,1,4,10]

A scraped report can arrive as one line (the State Council's 2014 file holds the report
twice, each on ONE line). Each figure used to rescan its whole paragraph, so one line of
5 MB took 116 s. The seeds, joined into one line and repeated to each size, are parsed
whole (what the user waits for) and their figures extracted (the step that was
quadratic); time per MB should stay constant within 2x from the smallest size (the
reference, measured in the same run) to the largest. Times are the process's CPU time,
best of several rounds, so a busy shared machine disturbs them less.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from baogao.parsers import parse_text
from baogao.parsers.indicators import extract_indicators
from baogao.parsers.source import read_text
from baogao.seeds import seed_paths

ALLOWED_RATIO = 2.0


def one_line_report(size_mb: float) -> str:
    """The seeds' text without line breaks, repeated to about `size_mb` MB of UTF-8."""
    unit = "".join(read_text(path).replace("\n", "") for path in seed_paths())
    bytes_per_char = len(unit.encode("utf-8")) / len(unit)
    chars = int(size_mb * 1e6 / bytes_per_char)
    return (unit * (chars // len(unit) + 1))[:chars]


def best_of(rounds: int, work: Callable[..., object], *args: object) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work(*args)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="0.1,0.4,1,4,10", help="MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    rows = []
    for size in sizes:
        text = one_line_report(size)
        mb = len(text.encode("utf-8")) / 1e6
        rounds = 7 if mb < 0.5 else 3 if mb < 2 else 1
        report = parse_text(text, "one-line")  # warm, and the input of the step alone
        parse_s = best_of(rounds, parse_text, text, "one-line")
        extract_s = best_of(rounds, extract_indicators, report.text, report.sections, report.meta)
        rows.append((mb, parse_s / mb, extract_s / mb, len(report.indicators)))
    reference = rows[0]
    cells = []
    for mb, parse_per_mb, extract_per_mb, _ in rows:
        cells.append(
            f"{mb:.1f} MB: parse {parse_per_mb:.2f} s/MB ({parse_per_mb / reference[1]:.2f}x),"
            f" extract {extract_per_mb:.2f} s/MB ({extract_per_mb / reference[2]:.2f}x)"
        )
    print(" | ".join(cells))
    spread = max(
        max(row[column] for row in rows) / min(row[column] for row in rows) for column in (1, 2)
    )
    verdict = "linear" if spread <= ALLOWED_RATIO else "NOT LINEAR"
    print(
        f"slowest / fastest s/MB over the sizes: {spread:.2f}x ({verdict},"
        f" allowed {ALLOWED_RATIO:.0f}x; CPU time of this process, so other load counts less)"
    )


if __name__ == "__main__":
    main()
