"""The sample reports bundled with baogao: the default corpus when no path is given."""

from importlib.resources import files
from pathlib import Path


def seed_paths() -> tuple[Path, ...]:
    """Paths of the bundled sample reports, in file-name order."""
    folder = Path(str(files(__name__)))
    return tuple(sorted(folder.glob("*.txt")))
