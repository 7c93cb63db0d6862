"""A streamed load (a cold open): each report handed over as it is read, then the whole
corpus linked; stop keeps what was read, close ends the worker processes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from baogao import parsers
from baogao.parsers import Report
from baogao.seeds import seed_paths
from baogao.store import open_corpus, unstored, workers
from baogao.store.corpus import streamed_open
from baogao.store.stream import StreamedLoad

SEEDS = len(seed_paths())


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in seed_paths():
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def taken_until_finished(load: StreamedLoad) -> tuple[list[Report], list[str]]:
    """Every report and failure the load handed over, taken as the app takes them."""
    reports: list[Report] = []
    failed: list[str] = []
    for _ in range(1200):  # a bound on the tries, not a timing
        arrivals = load.take()
        reports.extend(arrivals.reports)
        failed.extend(str(error) for error in arrivals.failed)
        if arrivals.finished is not None:
            return reports, failed
        time.sleep(0.05)
    raise AssertionError("the load never finished")


@pytest.mark.parametrize("in_process_bytes", [None, 0], ids=["in a thread", "in processes"])
def test_each_report_is_handed_over_then_the_linked_corpus(
    tmp_path: Path, in_process_bytes: int | None
) -> None:
    folder = seed_folder(tmp_path)
    load = StreamedLoad([folder], files=SEEDS + 1, in_process_bytes=in_process_bytes)
    load.start()
    reports, failed = taken_until_finished(load)
    finished = load.wait()
    assert finished is not None
    assert sorted(report.path for report in reports) == sorted(str(p) for p in folder.glob("0*"))
    assert failed == [f"{folder / 'empty.txt'}: the file is empty"]
    assert finished.corpus.reports == parsers.load([folder]).reports  # linked, in file order
    assert [error.path for error in finished.corpus.errors] == [str(folder / "empty.txt")]
    assert unstored([folder])[0] == 1  # only the empty file: it has no report to store
    assert load.take().progress is not None and load.take().progress.done == SEEDS + 1
    assert load.workers_alive == 0


def test_a_warm_store_hands_over_the_stored_reports(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    open_corpus([folder])  # fills the store
    load = StreamedLoad([folder])
    load.start()
    reports, failed = taken_until_finished(load)
    assert len(reports) == SEEDS and len(failed) == 1
    finished = load.wait()
    assert finished is not None and finished.corpus.reports == open_corpus([folder]).corpus.reports


def test_without_the_store_every_file_is_parsed_and_nothing_is_kept(tmp_path: Path) -> None:
    """`baogao --no-cache FOLDER` streams too: the store is neither read nor written."""
    folder = seed_folder(tmp_path)
    open_corpus([seed_paths()[0]])  # a stored report that the load must not read back
    before = unstored([folder])
    load = StreamedLoad([folder], use_store=False, in_process_bytes=0)
    assert load.read_first() is None  # nothing is read from the store before the first frame
    load.start()
    reports, failed = taken_until_finished(load)
    finished = load.wait()
    assert finished is not None and len(reports) == SEEDS and len(failed) == 1
    assert finished.corpus.reports == parsers.load([folder]).reports
    assert unstored([folder]) == before  # nothing written


def test_a_no_cache_open_streams_a_large_folder(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    assert streamed_open([folder], use_store=False) is None  # five small files: at once
    big = tmp_path / "big.txt"
    big.write_bytes(seed_paths()[0].read_bytes() * 25)  # over a megabyte to parse
    load = streamed_open([folder, big], use_store=False)
    assert load is not None and not load.use_store


def test_stop_keeps_what_was_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = seed_folder(tmp_path)
    allowed = threading.Semaphore(0)
    parse_one = workers.parse_one

    def gated(path: str, encode: bool, keep_report: bool = False) -> workers.Parsed:
        allowed.acquire(timeout=30)
        return parse_one(path, encode, keep_report)

    monkeypatch.setattr(workers, "parse_one", gated)
    load = StreamedLoad([folder])
    load.start()
    allowed.release()
    allowed.release()
    got: list[Report] = []
    for _ in range(600):
        got.extend(load.take().reports)
        if len(got) == 2:  # the empty file sorts after the seeds' numbered names
            break
        time.sleep(0.05)
    load.stop()
    for _ in range(SEEDS + 1):
        allowed.release()  # the parse in flight ends, and is dropped
    finished = load.wait(timeout=30)
    assert finished is not None
    assert len(finished.corpus.reports) == 2
    assert unstored([folder])[0] == SEEDS + 1 - 2


def test_close_ends_the_worker_processes_at_once(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    load = StreamedLoad([folder], in_process_bytes=0)
    load.start()
    for _ in range(600):
        if load.workers_alive:
            break
        time.sleep(0.02)
    load.close()
    assert not load.running
    assert load.workers_alive == 0
    assert load.take().finished is None  # closed: nothing handed over
