"""jieba as a word cutter for queries: loaded late, its cache in baogao's cache folder."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

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
