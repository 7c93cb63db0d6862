"""Where baogao keeps its files: the XDG base directories, one helper for all of them.

Per the XDG Base Directory spec, a `$XDG_*` variable that is unset, empty or not an
absolute path is ignored and the default under the home folder is used instead (a
relative path would put files wherever the program happens to be started).
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

APP = "baogao"


class Kind(Enum):
    """The XDG base directories baogao uses, with their variable and default."""

    DATA = ("XDG_DATA_HOME", ".local/share")  # bookmarks
    CACHE = ("XDG_CACHE_HOME", ".cache")  # the corpus store, jieba's dictionary cache
    STATE = ("XDG_STATE_HOME", ".local/state")  # where you left off, history
    CONFIG = ("XDG_CONFIG_HOME", ".config")  # settings

    def __init__(self, variable: str, default: str) -> None:
        self.variable = variable
        self.default = default


def base_directory(kind: Kind) -> Path:
    """The XDG base directory itself ($XDG_CACHE_HOME or ~/.cache, …)."""
    value = os.environ.get(kind.variable, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / kind.default


def app_directory(kind: Kind) -> Path:
    """baogao's folder in an XDG base directory; not created here."""
    return base_directory(kind) / APP


def data_directory() -> Path:
    """$XDG_DATA_HOME/baogao (~/.local/share/baogao)."""
    return app_directory(Kind.DATA)


def cache_directory() -> Path:
    """$XDG_CACHE_HOME/baogao (~/.cache/baogao)."""
    return app_directory(Kind.CACHE)


def state_directory() -> Path:
    """$XDG_STATE_HOME/baogao (~/.local/state/baogao)."""
    return app_directory(Kind.STATE)


def config_directory() -> Path:
    """$XDG_CONFIG_HOME/baogao (~/.config/baogao)."""
    return app_directory(Kind.CONFIG)
