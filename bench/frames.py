"""What the frame-timed benchmarks share: a console that renders a frame as a terminal would.

Headless Textual apps skip turning a frame into escape sequences; bench/startup.py and
bench/keys.py render each frame into this console, so the time they report includes
the work a real terminal driver does.
"""

from __future__ import annotations

import io

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
