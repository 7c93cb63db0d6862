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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baogao.parsers import Corpus, ReportError
    from baogao.store import Progress

SUBCOMMANDS = ("dump", "indicators", "index", "bookmarks")
NO_CACHE = "--no-cache"
COLD_OPEN_BYTES = 1_000_000  # unstored bytes worth the loading view (about 0.4 s of parsing)


def _paths_or_seeds(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from baogao.seeds import seed_paths

    return [str(path) for path in seed_paths()]


def _report_errors(errors: Sequence[Exception]) -> None:
    for error in errors:
        print(f"baogao: {error}", file=sys.stderr)


def _load(paths: Sequence[str], *, no_cache: bool) -> Corpus:
    """The reports under `paths` through the corpus store (unless `no_cache`); its notices
    go to stderr."""
    from baogao.store import open_corpus

    loaded = open_corpus(_paths_or_seeds(paths), use_store=not no_cache)
    for notice in loaded.notices:
        print(f"baogao: {notice}", file=sys.stderr)
    return loaded.corpus


def cmd_dump(args: argparse.Namespace) -> int:
    from baogao.parsers.serialize import report_to_dict

    corpus = _load(args.paths, no_cache=args.no_cache)
    document = {"documents": [report_to_dict(report) for report in corpus.reports]}
    try:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2 if args.indent else None)
        sys.stdout.write("\n")
    except BrokenPipeError:  # `baogao dump | head`
        sys.stderr.close()
        return 0
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from baogao.output import render_indicators

    corpus = _load(args.paths, no_cache=args.no_cache)
    sys.stdout.write(render_indicators(corpus.reports, args.format))
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
            print(f"baogao: {progress.failed}", file=sys.stderr)
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
            print(f"baogao: {error}", file=sys.stderr)  # a missing path: no progress for it
    for notice in outcome.notices:
        print(f"baogao: {notice}", file=sys.stderr)
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

    store = BookmarkStore()
    if store.problem:
        print(f"baogao: {store.problem}", file=sys.stderr)
    try:
        if action == "export":
            count = store.export_file(file)
            print(f"exported {count} bookmark{'s' if count != 1 else ''} to {file}")
        elif action == "import":
            result = store.import_file(file)
            merged = f", {result.notes_merged} notes merged" if result.notes_merged else ""
            print(f"imported {result.added} new, {result.duplicates} duplicates{merged}")
        else:
            print(f"baogao: unknown bookmarks action {action!r}", file=sys.stderr)
            return 2
    except BookmarkError as error:
        print(f"baogao: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_bookmarks(args: argparse.Namespace) -> int:
    return run_bookmarks_command(args.action, Path(args.file))


def _cold_open(paths: Sequence[str]) -> bool | None:
    """On a terminal, when the store lacks much of `paths`, fill it in the loading view
    first: False when the user stopped it there, None when no view was needed."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    from baogao.store import unstored

    files, size = unstored(paths)
    if size < COLD_OPEN_BYTES:
        return None
    from baogao.tui.screens.loading import LoadingApp

    return bool(LoadingApp(paths, files).run())


def cmd_open(paths: Sequence[str]) -> int:
    no_cache = NO_CACHE in paths
    paths = _paths_or_seeds([path for path in paths if path != NO_CACHE])
    if not no_cache and _cold_open(paths) is False:
        return 0  # stopped in the loading view
    # parsed reports come back from the store: no Textual yet
    corpus = _load(paths, no_cache=no_cache)
    if not corpus.reports:
        _report_errors(corpus.errors)
        print("baogao: no report could be opened from the given paths", file=sys.stderr)
        return 1
    from baogao.tui.app import BaogaoApp

    BaogaoApp(corpus=corpus).run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
