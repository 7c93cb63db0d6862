"""Writing files so that nothing is lost: atomic replacement, locks, setting bad files aside.

Every file baogao writes for the user (the bookmark store, exports, the CSV of a view)
goes through `atomic_write`: readers see the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

CHUNK = 1 << 16
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another one before giving up, with a message
LOCK_POLL = 0.02


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK])
        view = view[written:]


def write_target(path: Path) -> Path:
    """The file a write to `path` must replace: a symlink's target (the link is kept)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _new_file_mode() -> int:
    """What open(2) would give a new file: 0666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data` all at once: a temp file in the same folder, fsync, rename.

    The file keeps its permission bits, and a symlink stays a link: its target is
    replaced. On any failure the temp file is removed and the old file is left as it
    was. Returns the status of the file written (taken before the rename, so it
    describes our file even if another process replaces it right after).
    """
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX
    )
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
            written = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    with suppress(OSError):  # make the rename itself durable where the OS allows it
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return written


def remove_temp_files(path: Path) -> int:
    """Remove the temp files a killed writer of `path` left (call it holding `path`'s lock)."""
    import glob  # imported here: a start writes nothing before its first screen

    target = write_target(path)
    removed = 0
    with suppress(OSError):
        for temp in target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
            with suppress(OSError):
                temp.unlink()
                removed += 1
    return removed


class LockTimeout(OSError):
    """Another process held a file's lock for longer than we wait."""


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of `path` (for a read-modify-write) for the `with` block.

    The lock is an `fcntl` lock on `<name>.lock` beside the file (beside a symlink's
    target): the file itself is replaced on every write, so it cannot carry the lock,
    and a lock of the kernel's is released when its holder dies, so a killed baogao
    never leaves the store locked. Waits at most `timeout` seconds, then raises
    LockTimeout naming the lock file.
    """
    target = write_target(path)
    lock_path = target.with_name(target.name + LOCK_SUFFIX)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        errno.EAGAIN,
                        f"another process has held the lock for more than {timeout:g} s",
                        str(lock_path),
                    ) from None
                time.sleep(LOCK_POLL)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a bad file to <name>.corrupt-<time> next to it, never over another one."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.rename(path, target)
    return target
