"""Command line: `baogao [PATH ...]` opens the explorer; subcommands print data.

Textual is imported only for the interactive mode, so `baogao dump` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

SUBCOMMANDS = ("dump", "indicators", "bookmarks")


def _paths_or_seeds(paths: Sequence[str]) -> list[str]:
    if paths:
        return list(paths)
    from baogao.seeds import seed_paths

    return [str(path) for path in seed_paths()]


def _report_errors(errors: Sequence[Exception]) -> None:
    for error in errors:
        print(f"baogao: {error}", file=sys.stderr)


def cmd_dump(args: argparse.Namespace) -> int:
    from baogao.parsers import load
    from baogao.parsers.serialize import report_to_dict

    corpus = load(_paths_or_seeds(args.paths))
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
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from baogao.output import render_indicators
    from baogao.parsers import load

    corpus = load(_paths_or_seeds(args.paths))
    sys.stdout.write(render_indicators(corpus.reports, args.format))
    _report_errors(corpus.errors)
    return 1 if corpus.errors else 0


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


def cmd_open(paths: Sequence[str]) -> int:
    from baogao.store.cache import (
        load_corpus,  # parsed reports come back from the cache: no Textual yet
    )

    corpus = load_corpus(_paths_or_seeds(paths))
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
        "the bundled sample reports when none is given).",
    )
    sub = parser.add_subparsers(dest="command")
    dump = sub.add_parser("dump", help="print the parsed model of each report")
    dump.add_argument("paths", nargs="*", metavar="PATH")
    dump.add_argument("--format", choices=["json"], default="json")
    dump.add_argument("--indent", action="store_true", help="pretty-print the JSON")
    dump.set_defaults(run=cmd_dump)
    indicators = sub.add_parser("indicators", help="print the indicator table")
    indicators.add_argument("paths", nargs="*", metavar="PATH")
    indicators.add_argument("--format", choices=["table", "csv", "json"], default="table")
    indicators.set_defaults(run=cmd_indicators)
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
