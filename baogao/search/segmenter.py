"""jieba as a word cutter for queries: loaded late, its cache in baogao's cache folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from baogao.paths import cache_directory

Segmenter = Callable[[str], list[str]]


def load_segmenter(words: Iterable[str] = (), folder: Path | None = None) -> Segmenter:
    """A jieba word cutter knowing `words` (glossary keys); slow, so call it in a thread.

    jieba caches its dictionary in tempfile.gettempdir() and logs to stderr by
    default; here the cache goes to the XDG cache folder and the log is silenced,
    so nothing lands in the shared temp folder or over the screen.
    """
    import jieba  # a second to load: never on the first screen

    jieba.setLogLevel(logging.CRITICAL)
    folder = folder or cache_directory()
    tokenizer = jieba.Tokenizer()
    # Without a cache folder (read-only, a file in the way) jieba finds no cache there,
    # builds its dictionary and fails quietly to save it: never the shared temp folder.
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(folder)
    tokenizer.cache_file = str(folder / "jieba.cache")
    tokenizer.initialize()
    for word in words:
        word = word.strip()
        if len(word) > 1:
            tokenizer.add_word(word)
    segment: Segmenter = tokenizer.lcut
    return segment


# --------------------------------------------------------------------------- in a process

ANSWER_WAIT_S = 0.002  # how long a key may wait for a cut once jieba is up (a round trip)
CHILD_NICENESS = 5  # the helper processes yield the CPU to the app's keys (not starved)
_READY = "\0ready"  # the first message from the cutter process


class SegmenterProcess:
    """jieba in a process of its own: no key ever waits on its 1.4 s load, and no cut
    runs beside the event loop. A Segmenter: call it with a piece of a query.

    Until the process has loaded jieba (or when it is gone) a piece is its own word,
    as before jieba; a cut not back within ANSWER_WAIT_S is used on the next call.
    `ready` says when cuts arrive, so a screen can search again then.
    """

    def __init__(self, words: Iterable[str] = (), folder: Path | None = None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # never fork a process with threads
        self._pipe, child = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(child, tuple(words), str(folder) if folder else None),
            name="baogao-jieba",
            daemon=True,
        )
        self._process.start()
        child.close()
        self._cuts: dict[str, list[str]] = {}
        self._asked: set[str] = set()
        self.ready = False

    def _drain(self, wait: float = 0.0) -> None:
        try:
            while self._pipe.poll(wait):
                piece, words = self._pipe.recv()
                wait = 0.0
                if piece == _READY:
                    self.ready = True
                    continue
                self._cuts[piece] = words
                self._asked.discard(piece)
        except (EOFError, OSError):  # the process is gone: pieces stay whole
            self._asked.clear()

    def __call__(self, piece: str) -> list[str]:
        self._drain()
        cut = self._cuts.get(piece)
        if cut is not None:
            return cut
        if piece not in self._asked and self._process.is_alive():
            try:
                self._pipe.send(piece)
                self._asked.add(piece)
            except OSError:
                return [piece]
            if self.ready:
                self._drain(ANSWER_WAIT_S)
        return self._cuts.get(piece, [piece])

    def close(self) -> None:
        with suppress(OSError):
            self._pipe.close()
        self._process.join(timeout=1)
        if self._process.is_alive():
            self._process.terminate()


def _serve(pipe: Any, words: tuple[str, ...], folder: str | None) -> None:
    """The cutter process: load jieba, say so, then answer pieces until the pipe closes."""
    os.nice(CHILD_NICENESS)  # loading jieba is a second of CPU the app's keys come before
    segment = load_segmenter(words, Path(folder) if folder else None)
    # The app may have closed the pipe while jieba loaded (a quit within a second): that
    # ends the process quietly, never with a traceback on the terminal.
    with suppress(EOFError, OSError):
        pipe.send((_READY, None))
        while True:
            piece = pipe.recv()
            pipe.send((piece, segment(piece)))
