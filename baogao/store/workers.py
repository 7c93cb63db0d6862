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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from pathlib import Path
from typing import Any

from baogao.parsers.model import ReportError
from baogao.store import codec
from baogao.store.database import file_digest
from baogao.store.progress import Parsed

IN_PROCESS_BYTES = 400_000  # fewer bytes than this to parse: a pool costs more than it saves


def parse_one(path: str, encode: bool, keep_report: bool = False) -> Parsed:
    """Read, hash, parse and (when `encode`) encode one file; never raises. With
    `keep_report` the report comes back beside its encoding (a streamed load shows it
    at once: unpickling is cheaper for the parent than decoding the JSON)."""
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
        kept = report if keep_report else None
        return Parsed(path, len(data), digest, text_bytes, summary, body, report=kept)
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
    *,
    keep_report: bool = False,
) -> Iterator[Parsed]:
    # Largest first, a few per worker in flight: the pool stays busy to the end.
    order = iter(sorted(range(len(files)), key=lambda i: -sizes[i]))
    pending: set[Future[Parsed]] = set()
    for i in order:
        pending.add(pool.submit(parse_one, str(files[i]), encode, keep_report))
        if len(pending) >= workers * 4:
            break
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
            following = next(order, None)
            if following is not None:
                pending.add(pool.submit(parse_one, str(files[following]), encode, keep_report))


WORKER_NICENESS = 10  # a streamed load's workers give way to the app's process


def yield_to_the_app() -> None:
    """A streamed load's worker runs at a lower priority: with every core parsing, the
    app's event loop still gets a core the moment a key comes (keys within 50 ms)."""
    with suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(WORKER_NICENESS)


def _tracked_context(method: str, started: list[multiprocessing.process.BaseProcess]) -> Any:
    """A multiprocessing context that keeps every process it makes in `started`, so that
    a stopped load can end its workers at once (an executor only lets a running task
    finish)."""
    base: Any = multiprocessing.get_context(method)

    class Tracked(type(base)):  # type: ignore[misc]
        def Process(self, *args: Any, **kwargs: Any) -> Any:  # the name the executor calls
            process = base.Process(*args, **kwargs)
            started.append(process)
            return process

    return Tracked()


class ParsePool:
    """Worker processes (all cores) for a streamed load; `stop` ends them from any thread."""

    def __init__(self, in_process_bytes: int = IN_PROCESS_BYTES) -> None:
        self.in_process_bytes = in_process_bytes  # fewer bytes to parse: no processes
        self._started: list[multiprocessing.process.BaseProcess] = []
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self.stopped = False
        self.before_spawn: Callable[[], None] | None = None  # run before the first process

    def parse(
        self, files: Sequence[Path], sizes: Sequence[int], *, encode: bool
    ) -> Iterator[Parsed]:
        """Outcomes of parsing `files` (reports kept), in the order they finish, until stopped."""
        if len(files) < 2 or sum(sizes) < self.in_process_bytes or worker_count() < 2:
            for file in files:
                if self.stopped:
                    return
                yield parse_one(str(file), encode, keep_report=True)
            return
        # A streamed load runs beside the app's threads: spawn, never fork (see parse_files).
        if self.before_spawn is not None:
            self.before_spawn()
        context = _tracked_context("spawn", self._started)
        workers = min(worker_count(), len(files))
        finished: set[str] = set()
        with self._lock:
            if self.stopped:
                return
            self._pool = pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=yield_to_the_app
            )
        try:
            for parsed in _pooled(pool, files, sizes, encode, workers, keep_report=True):
                if self.stopped:
                    return
                finished.add(parsed.path)
                yield parsed
        except (BrokenProcessPool, CancelledError, RuntimeError):  # the last two: after a stop
            if self.stopped:
                return
            for file in files:  # a worker killed (out of memory, a signal): go on here
                if self.stopped:
                    return
                if str(file) not in finished:
                    yield parse_one(str(file), encode, keep_report=True)
        finally:
            self.stop()

    @property
    def processes(self) -> tuple[multiprocessing.process.BaseProcess, ...]:
        """The worker processes started so far (ended or not)."""
        return tuple(self._started)

    def stop(self) -> None:
        """Cancel what is queued and end the workers now (a parse in flight is lost)."""
        with self._lock:
            self.stopped = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        # A process made by a submit racing this stop may start just after it: the loader
        # thread calls stop again once it has submitted its last file.
        for process in list(self._started):
            if process.is_alive():
                process.terminate()
        for process in list(self._started):
            if process.pid is not None:  # started
                process.join(timeout=1)
                if process.is_alive():  # SIGTERM held off (a signal mask inherited): kill
                    process.kill()
                    process.join(timeout=1)
