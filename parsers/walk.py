"""Folders to report files, walked as ripgrep walks: nothing in them crashes the walk.

Sub-folders too, depth first in name order; hidden entries left out; an unreadable
folder, a broken link, a FIFO or a device each named and skipped; every folder walked
once, so a link back up (a symlink loop) is named, not followed. Files of other kinds
(images, spreadsheets) are counted, not read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from baogao.parsers.model import ReportError


@dataclass(frozen=True, slots=True)
class Found:
    """What a walk over the given paths found: report files, problems, other files."""

    files: tuple[Path, ...]
    errors: tuple[ReportError, ...]
    skipped: tuple[Path, ...]


def find_reports(paths: Iterable[str | Path]) -> Found:
    """Expand folders (and their sub-folders) into the report files they hold, as ripgrep
    walks: hidden entries left out, an unreadable folder or a broken link named and
    skipped, special files refused by kind, a symbolic link loop walked once."""
    # source compiles its patterns on import: only a walk needs it, not a cached start-up
    from baogao.parsers.source import REPORT_SUFFIXES, file_kind_problem, os_problem, refuse

    files: list[Path] = []
    errors: list[ReportError] = []
    skipped: list[Path] = []
    visited: set[tuple[int, int]] = set()

    def listing(folder: Path) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            errors.append(refuse(folder, f"{os_problem(error)} (folder skipped)"))
            return iter(())
        return iter(entries)

    def walk(folder: Path) -> None:
        """Depth first in name order, with a stack of listings (no recursion limit)."""
        pending = [listing(folder)]
        while pending:
            entry = next(pending[-1], None)
            if entry is None:
                pending.pop()
                continue
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                info = entry.stat()
            except OSError as error:
                problem = os_problem(error)
                if entry.is_symlink() and problem == "no such file or folder":
                    problem = "a broken symbolic link"
                errors.append(refuse(path, problem))
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in visited:
                    if entry.is_symlink():
                        errors.append(refuse(path, "a symbolic link loop (not followed)"))
                    continue
                visited.add((info.st_dev, info.st_ino))
                pending.append(listing(path))
            elif path.suffix.lower() not in REPORT_SUFFIXES:
                skipped.append(path)
            elif stat.S_ISREG(info.st_mode):
                files.append(path)
            else:
                errors.append(refuse(path, file_kind_problem(info.st_mode) or "not a file"))

    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError as error:
            problem = os_problem(error)
            if path.is_symlink() and problem == "no such file or folder":
                problem = "a broken symbolic link"
            errors.append(refuse(path, problem))
            continue
        if stat.S_ISDIR(info.st_mode):
            visited.add((info.st_dev, info.st_ino))
            walk(path)
        elif stat.S_ISREG(info.st_mode):
            files.append(path)
        else:
            errors.append(refuse(path, file_kind_problem(info.st_mode) or "not a file"))
    return Found(tuple(files), tuple(errors), tuple(skipped))
