"""Reading speed by format: the five seeds laid out as PDF, web page (GBK) and DOCX.

Prints pages per second for PDF and MB/s (of the file's bytes) for web pages and Word
files, each with its ratio to reading the same reports from .txt, measured in the same
run; PDFium's own share of the PDF time; and the time `baogao dump` waits for (read +
parse) per report, again against .txt. The generated PDFs use reportlab's STSong-Light,
which is not embedded: PDFium substitutes a system CJK font on every page, which costs
far more than the embedded subset fonts of published reports.

python bench/formats.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.documents

from baogao.parsers import parse
from baogao.parsers.source import read_source
from baogao.seeds import seed_paths
from tests.documents import seed_blocks, write_docx, write_html, write_pdf


def best_of(rounds: int, work: Callable[[], object]) -> float:
    """Median seconds of `rounds` runs of `work`, after one warm-up run."""
    work()
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def pdf_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        total += len(document)
        document.close()
    return total


def pdfium_text_only(paths: list[Path]) -> None:
    """PDFium's own work: load each page and its text, nothing of baogao's."""
    import pypdfium2 as pdfium

    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="baogao-formats-"))
    files: dict[str, list[Path]] = {"txt": list(seed_paths()), "pdf": [], "html": [], "docx": []}
    for seed in seed_paths():
        blocks = seed_blocks(seed)
        files["pdf"].append(write_pdf(blocks, folder / f"{seed.stem}.pdf"))
        files["html"].append(write_html(blocks, folder / f"{seed.stem}.html", encoding="gbk"))
        files["docx"].append(write_docx(blocks, folder / f"{seed.stem}.docx"))

    def read_all(kind: str) -> Callable[[], object]:
        return lambda: [read_source(path) for path in files[kind]]

    def parse_all(kind: str) -> Callable[[], object]:
        return lambda: [parse(path) for path in files[kind]]

    read = {kind: best_of(args.rounds, read_all(kind)) for kind in files}
    pdfium_only = best_of(args.rounds, lambda: pdfium_text_only(files["pdf"]))
    parsed = {kind: best_of(args.rounds, parse_all(kind)) for kind in files}
    megabytes = {kind: sum(p.stat().st_size for p in paths) / 1e6 for kind, paths in files.items()}
    pages = pdf_pages(files["pdf"])
    count = len(files["txt"])
    print(f"{count} seed reports; PDF {pages} pages; sizes (MB): "
          + ", ".join(f"{kind} {size:.2f}" for kind, size in megabytes.items()))  # fmt: skip
    print(f"read .txt   {megabytes['txt'] / read['txt']:7.1f} MB/s   (reference)")
    print(
        f"read PDF    {pages / read['pdf']:7.1f} pages/s  {read['pdf'] / read['txt']:6.1f}x the .txt time"
    )
    print(
        f"  PDFium alone (pages and their text) {pages / pdfium_only:.1f} pages/s: "
        f"the reader's lines, margins and paragraphs add {read['pdf'] / pdfium_only:.2f}x"
    )
    for kind in ("html", "docx"):
        rate = megabytes[kind] / read[kind]
        print(f"read {kind:<6} {rate:7.1f} MB/s     {read[kind] / read['txt']:6.1f}x the .txt time")
    print("read + parse (what `baogao dump` waits for), per report:")
    for kind in files:
        ratio = parsed[kind] / parsed["txt"]
        print(f"  {kind:<5} {parsed[kind] / count * 1000:7.1f} ms   {ratio:5.2f}x the .txt")


if __name__ == "__main__":
    main()
