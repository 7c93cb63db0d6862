"""Make a corpus of distinct reports from the bundled seeds, for the scale benchmarks.

    .venv/bin/python bench/make_corpus.py /tmp/corpus-1000            # 1,000 reports
    .venv/bin/python bench/make_corpus.py /tmp/corpus-100 --reports 100

Each report is a seed with a region of its own (a made-up two-character name put
wherever the seed names its own place) and its own figures (every number that is
not a year scaled by a factor of the report's), so every file is distinct in
content, metadata and indicators: no store entry, search field or figure is shared
by accident. Deterministic: the same count makes the same files. Needs only the
repository (a clone has no /work/shared).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from baogao.seeds import seed_paths

# Characters common in Chinese place names; two of them and a suffix make a region.
NAME_CHARACTERS = "安宁平和泰兴隆昌盛丰华阳山川河江湖海林松石桥城新东西南北中长永定清远广福寿"
# The places the seeds name themselves by (longest first), with the suffix kept.
SEED_PLACES = ("乌鲁木齐", "伊宁", "新源", "昭苏")
# A figure: digits with an optional decimal part, not part of a longer number.
# e.g. 「地区生产总值完成 263.5 亿元」 → 263.5
FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
YEAR = re.compile(r"(?:19|20)\d\d")


def region_names(count: int) -> list[str]:
    """`count` distinct two-character names, in a fixed shuffled order."""
    names = [a + b for a in NAME_CHARACTERS for b in NAME_CHARACTERS if a != b]
    random.Random(13).shuffle(names)
    if count > len(names):
        names += [f"{name}{i}" for i, name in enumerate(names)][: count - len(names)]
    return names[:count]


def scaled(text: str, factor: float) -> str:
    """Every figure but a year times `factor`, with as many decimals as it had."""

    def scale(match: re.Match[str]) -> str:
        figure = match.group()
        if YEAR.fullmatch(figure):
            return figure
        decimals = len(figure.partition(".")[2])
        value = float(figure) * factor
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))

    return FIGURE.sub(scale, text)


def make_corpus(folder: Path, count: int = 1000) -> list[Path]:
    """Write `count` distinct reports into `folder` (kept if already there); their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [path.read_text("utf-8") for path in seed_paths()]
    rng = random.Random(2026)
    paths: list[Path] = []
    for i, name in enumerate(region_names(count)):
        path = folder / f"{i:04d}_{name}.txt"
        paths.append(path)
        text = seeds[i % len(seeds)]
        factor = rng.uniform(0.7, 1.4)
        if path.exists():
            continue
        for place in SEED_PLACES:
            text = text.replace(place, name)
        path.write_text(scaled(text, factor), "utf-8")
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    paths = make_corpus(args.folder, args.reports)
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
