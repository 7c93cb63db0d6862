"""What the app remembers between runs: the outline's width and where the reader was.

One small JSON file under baogao.paths.state_directory(); a missing or damaged file
means the defaults, and a write that fails loses only this convenience.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from baogao.files import atomic_write
from baogao.paths import state_directory

STATE_FILE = "app.json"


class AppState(NamedTuple):
    outline_width: int | None = None  # cells, when the user has set it
    path: str | None = None  # the report last read
    offset: int = 0  # where its reader's cursor was


def state_path() -> Path:
    return state_directory() / STATE_FILE


def load_state() -> AppState:
    try:
        raw = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppState()
    if not isinstance(raw, dict):
        return AppState()
    width, path, offset = raw.get("outline_width"), raw.get("path"), raw.get("offset")
    return AppState(
        outline_width=width if isinstance(width, int) and width > 0 else None,
        path=path if isinstance(path, str) else None,
        offset=offset if isinstance(offset, int) and offset >= 0 else 0,
    )


def save_state(state: AppState) -> None:
    try:
        state_path().parent.mkdir(parents=True, exist_ok=True)
        atomic_write(state_path(), json.dumps(state._asdict(), ensure_ascii=False).encode())
    except OSError:
        pass  # remembering is a convenience: the app goes on without it
