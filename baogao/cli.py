"""Command line: `baogao [PATH ...]` opens the explorer; subcommands print data.

Textual is imported only for the interactive mode, so `baogao dump` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from baogao.parsers import Corpus, ReportError
    from baogao.store.progress import Progress
    from baogao.store.stream import StreamedLoad

SUBCOMMANDS = ("dump", "indicators", "text", "index", "compare", "bookmarks")
NO_CACHE = "--no-cache"


def _paths_or_seeds(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from baogao.seeds import seed_paths

    return [str(path) for path in seed_paths()]


def say_error(message: object) -> None:
    """One line on stderr; file names and messages from outside are shown escaped."""
    from baogao.display import printable  # here, so `baogao dump` starts without Rich

    print(f"baogao: {printable(message)}", file=sys.stderr)


def _report_errors(errors: Sequence[Exception]) -> None:
    for error in errors:
        say_error(error)


def _report_skipped(skipped: Sequence[Path]) -> None:
    """One line for the files of other kinds a folder held: `skipped 3 files … (2 .png, 1 .xlsx)`."""
    if not skipped:
        return
    from collections import Counter

    kinds = Counter(path.suffix.lower() or "no extension" for path in skipped)
    listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    plural = "s" if len(skipped) != 1 else ""
    say_error(f"skipped {len(skipped)} file{plural} of other kinds ({listed})")


def cmd_text(args: argparse.Namespace) -> int:
    """Print the repaired text of each report, with a `==> path <==` line when several."""
    from baogao.display import printable
    from baogao.parsers import (
        ReportError,
        find_reports,
        reader_text,
    )

    found = find_reports(_paths_or_seeds(args.paths))
    errors: list[Exception] = list(found.errors)
    try:
        for file in found.files:
            try:
                text = reader_text(file)
            except ReportError as error:
                errors.append(error)
                continue
            if len(found.files) > 1:
                sys.stdout.write(f"==> {printable(str(file))} <==\n")
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `baogao text r.pdf | head`
        sys.stderr.close()
        return 0
    _report_skipped(found.skipped)
    _report_errors(errors)
    return 1 if errors else 0


def _load(paths: Sequence[str], *, no_cache: bool) -> Corpus:
    """The reports under `paths` through the corpus store (unless `no_cache`); its notices
    go to stderr."""
    from baogao.store import open_corpus

    loaded = open_corpus(_paths_or_seeds(paths), use_store=not no_cache)
    for notice in loaded.notices:
        say_error(notice)
    return loaded.corpus


def cmd_dump(args: argparse.Namespace) -> int:
    from baogao.parsers.serialize import report_to_dict

    corpus = _load(args.paths, no_cache=args.no_cache)
    document = {"documents": [report_to_dict(report) for report in corpus.reports]}
    try:
        json.dump(
            document,
            sys.stdout,
            ensure_ascii=False,
            allow_nan=False,
            indent=2 if args.indent else None,
        )
        sys.stdout.write("\n")
    except BrokenPipeError:  # `baogao dump | head`
        sys.stderr.close()
        return 0
    _report_skipped(corpus.skipped)
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from baogao.output import render_indicators

    corpus = _load(args.paths, no_cache=args.no_cache)
    sys.stdout.write(render_indicators(corpus.reports, args.format))
    _report_skipped(corpus.skipped)
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from baogao.compare import compare_indicators, compare_rows, render_compare

    corpus = _load(args.paths, no_cache=args.no_cache)
    rows = compare_rows(corpus.reports, args.indicator)
    sys.stdout.write(render_compare(rows, args.format))
    if not rows and corpus.reports:
        known = "、".join(compare_indicators(corpus.reports))
        say_error(
            f"no target or outcome of {args.indicator} in these reports "
            f"(indicators with a target: {known})"
        )
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


class ProgressBar:
    """`baogao index`'s progress on stderr: a bar redrawn in place on a terminal, else a
    line per tenth of the files (and one per failed file either way)."""

    WIDTH = 30

    def __init__(self) -> None:
        self.terminal = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.shown_tenth = -1
        self.failures: list[ReportError] = []

    def __call__(self, progress: Progress) -> None:
        if progress.failed is not None:
            self.failures.append(progress.failed)
            self._clear()
            say_error(progress.failed)
        seconds = max(time.perf_counter() - self.started, 1e-6)
        rate = progress.bytes_done / seconds / 1e6
        counts = f"{progress.done}/{progress.total} files, {rate:.1f} MB/s"
        if self.terminal:
            filled = self.WIDTH * progress.done // max(progress.total, 1)
            bar = "█" * filled + "·" * (self.WIDTH - filled)
            sys.stderr.write(f"\r{bar} {counts}\x1b[K")
            sys.stderr.flush()
            return
        tenth = 10 * progress.done // max(progress.total, 1)
        if tenth != self.shown_tenth:
            self.shown_tenth = tenth
            print(f"indexed {counts}", file=sys.stderr)

    def _clear(self) -> None:
        if self.terminal:
            sys.stderr.write("\r\x1b[K")

    def finish(self) -> None:
        if self.terminal:
            sys.stderr.write("\n")


def cmd_index(args: argparse.Namespace) -> int:
    """Build or refresh the corpus store for PATHs, so later opens read it back."""
    from baogao.store import index_paths

    bar = ProgressBar()
    outcome = index_paths(args.paths, progress=bar)
    bar.finish()
    for error in outcome.errors:
        if not any(error.path == shown.path for shown in bar.failures):
            say_error(error)  # a missing path: no progress for it
    for notice in outcome.notices:
        say_error(notice)
    seconds = time.perf_counter() - bar.started
    stored = outcome.stored
    print(
        f"{stored} report{'s' if stored != 1 else ''} in the store ({seconds:.1f} s)",
        file=sys.stderr,
    )
    return 1 if outcome.errors or (outcome.stored == 0 and outcome.notices) else 0


def run_bookmarks_command(action: str, file: Path) -> int:
    """`baogao bookmarks export FILE.toml` / `import FILE.toml`; errors to stderr, exit 1."""
    from baogao.bookmarks import BookmarkError, BookmarkStore
    from baogao.display import printable

    store = BookmarkStore(read_only=action == "export")  # export never changes the store
    if store.problem:
        say_error(store.problem)
    try:
        if action == "export":
            if not store.sound:
                say_error(f"{file}: nothing exported, as the store could not be read in full")
                return 1
            count = store.export_file(file)
            print(printable(f"exported {count} bookmark{'s' if count != 1 else ''} to {file}"))
        elif action == "import":
            result = store.import_file(file)
            merged = f", {result.notes_merged} notes merged" if result.notes_merged else ""
            print(f"imported {result.added} new, {result.duplicates} duplicates{merged}")
        else:
            say_error(f"unknown bookmarks action {action!r}")
            return 2
    except BookmarkError as error:
        say_error(error)
        return 1
    return 0


def cmd_bookmarks(args: argparse.Namespace) -> int:
    return run_bookmarks_command(args.action, Path(args.file))


def _streamed_open(paths: Sequence[str], *, no_cache: bool) -> StreamedLoad | None:
    """On a terminal, a load to stream into the explorer (it opens at once and the reports
    join it as they are read) when there are many files or much to parse; else None."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    from baogao.store import streamed_open

    return streamed_open(paths, use_store=not no_cache)


def cmd_open(paths: Sequence[str]) -> int:
    no_cache = NO_CACHE in paths
    paths = _paths_or_seeds([path for path in paths if path != NO_CACHE])
    streamed = _streamed_open(paths, no_cache=no_cache)
    if streamed is not None:
        from baogao.tui.app import BaogaoApp

        app = BaogaoApp(streamed=streamed)
        app.run()
        return app.return_code or 0
    # parsed reports come back from the store: no Textual yet
    from baogao.store import open_corpus

    loaded = open_corpus(paths, use_store=not no_cache)
    corpus = loaded.corpus
    if not corpus.reports:
        for notice in loaded.notices:
            say_error(notice)
        _report_errors(corpus.errors)
        say_error("no report could be opened from the given paths")
        return 1
    from baogao.tui.app import BaogaoApp

    BaogaoApp(corpus=corpus, notices=loaded.notices).run()  # the store's notices in the app
    return 0


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its error line made printable: it quotes what the user typed."""

    def error(self, message: str) -> NoReturn:
        from baogao.display import printable

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="baogao",
        description="Explore Chinese government work reports and five-year plans. "
        "With no command, opens the explorer on PATHs (files or folders; "
        "the bundled sample reports when none is given; --no-cache parses them again "
        "instead of reading the corpus store).",
    )
    sub = parser.add_subparsers(dest="command")
    dump = sub.add_parser("dump", help="print the parsed model of each report")
    dump.add_argument("paths", nargs="*", metavar="PATH")
    dump.add_argument("--format", choices=["json"], default="json")
    dump.add_argument("--indent", action="store_true", help="pretty-print the JSON")
    dump.add_argument("--no-cache", action="store_true", help="parse again, bypassing the store")
    dump.set_defaults(run=cmd_dump)
    indicators = sub.add_parser("indicators", help="print the indicator table")
    indicators.add_argument("paths", nargs="*", metavar="PATH")
    indicators.add_argument("--format", choices=["table", "csv", "json"], default="table")
    indicators.add_argument(
        "--no-cache", action="store_true", help="parse again, bypassing the store"
    )
    indicators.set_defaults(run=cmd_indicators)
    compare = sub.add_parser(
        "compare", help="targets against outcomes, one row per region and year"
    )
    compare.add_argument("paths", nargs="*", metavar="PATH")
    compare.add_argument(
        "--indicator",
        default="地区生产总值",
        metavar="NAME",
        help="canonical indicator name (default 地区生产总值, GDP growth)",
    )
    compare.add_argument("--format", choices=["table", "csv", "json"], default="table")
    compare.add_argument("--no-cache", action="store_true", help="parse again, bypassing the store")
    compare.set_defaults(run=cmd_compare)
    text = sub.add_parser(
        "text", help="print the repaired plain text of each report (what offsets point into)"
    )
    text.add_argument("paths", nargs="*", metavar="PATH")
    text.set_defaults(run=cmd_text)
    index = sub.add_parser("index", help="parse PATHs into the corpus store, with progress")
    index.add_argument("paths", nargs="+", metavar="PATH")
    index.set_defaults(run=cmd_index)
    bookmarks = sub.add_parser("bookmarks", help="export or import bookmarks as TOML")
    bookmarks.add_argument("action", choices=["export", "import"])
    bookmarks.add_argument("file", metavar="FILE.toml")
    bookmarks.set_defaults(run=cmd_bookmarks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help")):
        return cmd_open(argv)
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
