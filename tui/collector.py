"""Pausing Python's cyclic garbage collector while baogao starts.

Start-up makes many long-lived objects (the parsed reports, the widgets) and almost
no cyclic garbage, so a collection then only walks those objects: at 200x50 the
collections during start-up cost the first screen 20 ms and more. Reference counting
still frees everything else as usual.
"""

from __future__ import annotations

import gc


class StartupPause:
    """No automatic collection from `start()` (the app loads) until `end()` (its first
    screen is up, or it closes before): then everything alive, built to last (the
    reports, the widgets), is moved out of later collections' scans with gc.freeze.
    The only place baogao touches the collector."""

    def __init__(self) -> None:
        self._stopped = False  # True while this pause holds the collector

    def start(self) -> None:
        self._stopped = gc.isenabled()
        gc.disable()

    def end(self) -> None:
        if self._stopped:
            self._stopped = False
            gc.freeze()
            gc.enable()
