"""Pausing Python's cyclic garbage collector while baogao starts.

Start-up makes many long-lived objects (the parsed reports, the widgets) and almost
no cyclic garbage, so a collection then only walks those objects: at 200x50 the
collections during start-up cost the first screen 20 ms and more. Reference counting
still frees everything else as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> bool:
    """Stop automatic collections; True when this call stopped them (they were running)."""
    running = gc.isenabled()
    gc.disable()
    return running


def resume(paused: bool, *, keep_survivors: bool = False) -> None:
    """Restart collections stopped by `pause()` (a no-op when it returned False).

    `keep_survivors` moves every object alive now out of later collections' scans
    (gc.freeze): meant for what start-up built to last, the reports and the app.
    """
    if not paused:
        return
    if keep_survivors:
        gc.freeze()
    gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block."""
    stopped = pause()
    try:
        yield
    finally:
        resume(stopped)
