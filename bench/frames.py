"""What the frame-timed benchmarks share: a console that renders a frame as a terminal would.

Headless Textual apps skip turning a frame into escape sequences; bench/startup.py,
bench/cold.py and bench/keys.py render each frame into this console (`watch_frames`),
so the time they report includes the work a real terminal driver does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from time import perf_counter
from typing import Any

from rich.console import Console


def terminal_console(size: tuple[int, int]) -> Console:
    """A true-colour terminal of `size` cells whose output is thrown away."""
    return Console(
        width=size[0],
        height=size[1],
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )


def watch_frames(app: Any, size: tuple[int, int], on_frame: Callable[[Any, float], None]) -> None:
    """Render every frame `app` paints into a terminal console of `size`, then call
    `on_frame(screen, perf_counter())` with the time that frame was done."""
    from textual._compositor import CompositorUpdate

    console = terminal_console(size)
    display = app._display

    def display_and_time(screen: Any, update: Any) -> None:
        display(screen, update)
        if update is None:
            return
        if isinstance(update, CompositorUpdate):
            update.render_segments(console)
        on_frame(screen, perf_counter())

    app._display = display_and_time
