"""The sample reports bundled with baogao: the default corpus when no path is given."""

from pathlib import Path


def seed_paths() -> tuple[Path, ...]:
    """Paths of the bundled sample reports, in file-name order.

    The package is installed as a plain folder (see pyproject's package-data), so its
    files sit beside this module; importlib.resources would cost the first screen ~1.5 ms.
    """
    return tuple(sorted(Path(__file__).parent.glob("*.txt")))
