"""Parsing files in worker processes, all cores, with progress as each file finishes.

Processes, not threads: parsing is pure Python, and a thread beside the app's event
loop would hold the GIL and stall keys. A worker reads the file, hashes its bytes,
parses it and, for the store, encodes the model (so the JSON work is spread over the
cores too); the parent only writes rows and reports progress.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from baogao.parsers.model import ReportError
from baogao.store import codec
from baogao.store.database import file_digest
from baogao.store.progress import Parsed

IN_PROCESS_BYTES = 400_000  # fewer bytes than this to parse: a pool costs more than it saves


def parse_one(path: str, encode: bool) -> Parsed:
    """Read, hash, parse and (when `encode`) encode one file; never raises."""
    from baogao import parsers

    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return Parsed(path, 0, problem=(error.strerror or str(error)).lower())
    digest = file_digest(data)
    try:
        report = parsers.parse(path)
    except ReportError as error:
        return Parsed(path, len(data), digest, problem=error.problem)
    except Exception as error:  # a parser bug must not take the other files down
        problem = f"could not be parsed ({type(error).__name__}: {error})"[:300]
        return Parsed(path, len(data), digest, problem=problem)
    text_bytes = len(report.text.encode())
    if encode:
        try:
            summary, body = codec.encode_summary(report), codec.encode_body(report)
        except ValueError:  # a non-finite figure: hand the report over unstored
            return Parsed(path, len(data), digest, text_bytes, report=report)
        return Parsed(path, len(data), digest, text_bytes, summary, body)
    return Parsed(path, len(data), digest, text_bytes, report=report)


def worker_count() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def parse_files(files: Sequence[Path], *, encode: bool, sizes: Sequence[int]) -> Iterator[Parsed]:
    """Outcomes of parsing `files`, in the order they finish (in this process when small)."""
    if len(files) < 2 or sum(sizes) < IN_PROCESS_BYTES or worker_count() < 2:
        for file in files:
            yield parse_one(str(file), encode)
        return
    # fork is the quick start, but forking a process that runs threads (the app) can
    # copy a held lock: spawn then.
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    context = multiprocessing.get_context(method)
    workers = min(worker_count(), len(files))
    finished_paths: set[str] = set()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            try:
                for parsed in _pooled(pool, files, sizes, encode, workers):
                    finished_paths.add(parsed.path)
                    yield parsed
            except GeneratorExit:  # the caller stopped (Esc in the loading view): stop at once
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except BrokenProcessPool:  # a worker killed (out of memory, a signal): go on here
        for file in files:
            if str(file) not in finished_paths:
                yield parse_one(str(file), encode)


def _pooled(
    pool: ProcessPoolExecutor,
    files: Sequence[Path],
    sizes: Sequence[int],
    encode: bool,
    workers: int,
) -> Iterator[Parsed]:
    # Largest first, a few per worker in flight: the pool stays busy to the end.
    order = iter(sorted(range(len(files)), key=lambda i: -sizes[i]))
    pending: set[Future[Parsed]] = set()
    for i in order:
        pending.add(pool.submit(parse_one, str(files[i]), encode))
        if len(pending) >= workers * 4:
            break
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
            following = next(order, None)
            if following is not None:
                pending.add(pool.submit(parse_one, str(files[following]), encode))
