"""Per-keystroke search latency over the seeds and over 1,000 synthetic reports.

    .venv/bin/python bench/search_latency.py            # seeds and 1,000 reports
    .venv/bin/python bench/search_latency.py --copies 50
    .venv/bin/python bench/search_latency.py --unique-fields   # no short field shared

Real queries are typed one character at a time; every prefix is one `search()`
call, timed. The occurrence cache is emptied before each query, as if the
search screen had just opened. The synthetic corpus is the parsed seeds
repeated, each copy with its own path, region and title (dataclasses.replace),
so its ~60 MB of body text is scanned in full and nothing is shared between
copies except identical short fields (titles, terms, indicator names), which
the index stores once; --unique-fields numbers them per copy so nothing is
shared. Each corpus is timed twice: before jieba is ready and after.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from baogao.parsers import load
from baogao.parsers.model import Report, Section
from baogao.search.index import SearchIndex, load_segmenter
from baogao.seeds import seed_paths

QUERIES = (
    "规模以上工业增加值",
    "规模以上工业增价值",  # a typo: 加 → 价
    "枫桥经验",
    "fqjy",
    "fengqiao",
    "1+5+N",
    "城镇新增就业",
    "就业 城镇",
    "乡村振兴",
    "营商环境",
    "高质量发展",
    "铸牢中华民族共同体意识",
    "三医联动",
    "不存在的词语xyz",
)
REGIONS = ("伊宁", "新源", "昭苏", "霍城", "察布查尔", "特克斯", "尼勒克", "巩留", "奎屯")
BUDGETS = {"seeds": 16.0, "synthetic": 50.0}  # p95 in milliseconds


def synthetic(
    reports: tuple[Report, ...], count: int, unique_fields: bool = False
) -> tuple[Report, ...]:
    """`count` reports: the seeds over and over, each with its own path, region and title.

    With `unique_fields`, every section title, term and indicator name also gets
    the copy's number, so no short field is shared between copies (the worst case).
    """
    made: list[Report] = []
    for i in range(count):
        report = reports[i % len(reports)]
        region = f"{REGIONS[i % len(REGIONS)]}{i // len(REGIONS):03d}县"
        meta = replace(report.meta, region=region, title=f"{region}{report.meta.title}")
        report = replace(report, path=f"synthetic/{i:04d}_{Path(report.path).name}", meta=meta)
        if unique_fields:
            report = numbered(report, f"{i:04d}")
        made.append(report)
    return tuple(made)


def numbered(report: Report, tag: str) -> Report:
    def retitle(section: Section) -> Section:
        children = tuple(retitle(child) for child in section.children)
        return replace(section, title=section.title + tag, children=children)

    return replace(
        report,
        sections=tuple(retitle(section) for section in report.sections),
        glossary=tuple(replace(term, key=term.key + tag) for term in report.glossary),
        indicators=tuple(replace(i, name=i.name + tag) for i in report.indicators),
    )


def keystrokes(index: SearchIndex) -> list[float]:
    """Milliseconds of each search() while typing every query character by character."""
    times: list[float] = []
    for query in QUERIES:
        index.clear_cache()
        for size in range(1, len(query) + 1):
            started = time.perf_counter()
            index.search(query[:size])
            times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(name: str, reports: tuple[Report, ...], budget: float, segment: object) -> bool:
    started = time.perf_counter()
    index = SearchIndex.build(reports)
    built = time.perf_counter() - started
    chars = sum(len(report.text) for report in reports)
    print(f"{name}: {len(reports)} reports, {chars / 1e6:.1f} M characters, built in {built:.2f} s")
    ok = True
    for state in ("before jieba", "jieba ready"):
        if state == "jieba ready":
            index.attach_segmenter(segment)  # type: ignore[arg-type]
        times = keystrokes(index)
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        verdict = "ok" if p95 <= budget else "OVER BUDGET"
        print(
            f"  {state:13} {len(times)} keystrokes  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
            f"  max {max(times):6.2f} ms  (budget p95 <= {budget:g} ms: {verdict})"
        )
        ok = ok and p95 <= budget
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000, help="reports in the synthetic corpus")
    parser.add_argument(
        "--unique-fields",
        action="store_true",
        help="number every title, term and indicator name of each copy (nothing shared)",
    )
    args = parser.parse_args()
    seeds = load(seed_paths()).reports
    segment = load_segmenter(SearchIndex.build(seeds, pinyin=False).glossary_words())
    ok = measure("seeds", seeds, BUDGETS["seeds"], segment)
    corpus = synthetic(seeds, args.copies, args.unique_fields)
    ok = measure("synthetic", corpus, BUDGETS["synthetic"], segment) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
