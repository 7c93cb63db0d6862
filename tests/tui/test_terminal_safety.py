"""Nothing injected: outside text never reaches the terminal raw.

The bookmarks list is opened in a real pseudo-terminal with a hostile imported
bookmark, and the bytes the app wrote are read back: the payload's escape sequences
(OSC 52 clipboard write, OSC 0 window title, CSI 2J clear screen) must not be there.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from baogao.bookmarks import Bookmark, dumps_bookmarks, store_path

REPORT = """\
# 政府工作报告

2026年1月22日在新源县第十八届人民代表大会第六次会议上

## 一、2025年工作回顾

2025年是“十四五”规划收官之年。全年实现地区生产总值151.8亿元、增长6%。
"""

CLIPBOARD_WRITE = "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: puts "pwned" on the clipboard
WINDOW_TITLE = "\x1b]0;PWNED-TITLE\x07"  # OSC 0: sets the window title
CLEAR_SCREEN = "\x1b[2JCLEARED"  # CSI 2J: wipes the screen
C1_CSI = "\x9b2JC1CLEARED"  # the same through the 8-bit CSI
PAYLOAD = CLIPBOARD_WRITE + WINDOW_TITLE + CLEAR_SCREEN + C1_CSI
RAW_SEQUENCES = (
    CLIPBOARD_WRITE.encode(),
    b"\x1b]52;",
    WINDOW_TITLE.encode(),
    b"\x1b]0;PWNED",
    CLEAR_SCREEN.encode(),
    "\x9b".encode(),
    b"\x9b2J",
)


def hostile_bookmark() -> Bookmark:
    return Bookmark(
        id="e" * 16,
        document="HOSTILEDOC" + PAYLOAD,
        path="/nowhere/" + PAYLOAD,
        doc_key="sha1:0000000000000000",
        section_path=("SECTION" + PAYLOAD,),
        excerpt="EXCERPT" + PAYLOAD,
        start=0,
        end=10,
        note="NOTE" + PAYLOAD,
        created=datetime(2026, 1, 22, tzinfo=UTC),
        region="REGION" + WINDOW_TITLE,
    )


def run_in_pty(argv: list[str], keys: list[tuple[bytes, bytes]], env: dict[str, str]) -> bytes:
    """Run `argv` in a 120x36 pseudo-terminal; each key is sent once `wait_for` was seen.

    Returns every byte the program wrote to the terminal.
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, with the pty as its terminal
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    output = bytearray()
    deadline = time.monotonic() + 60
    pending = list(keys)
    seen_at = len(output)
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the program closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if pending and pending[0][0] in output[seen_at:]:
                time.sleep(0.5)  # let the screen settle before the key
                seen_at = len(output)
                os.write(fd, pending.pop(0)[1])
            if not pending and os.waitpid(pid, os.WNOHANG) != (0, 0):
                pid = 0
                break
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    return bytes(output)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_hostile_bookmark_in_the_list_writes_no_escape_sequence_to_the_terminal(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    store = store_path()
    store.parent.mkdir(parents=True)
    store.write_text(dumps_bookmarks([hostile_bookmark()]), encoding="utf-8")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    output = run_in_pty(
        [sys.executable, "-m", "baogao", str(report)],
        # the first screen shows the report; B opens the list, e the note; Esc Esc q quits
        [
            ("工作回顾".encode(), b"B"),
            (b"HOSTILEDOC", b"e"),
            (b"Edit note", b"\x1b"),
            (b"", b"\x1b"),
            (b"", b"q"),
        ],
        env,
    )
    assert b"HOSTILEDOC" in output, "the bookmarks list was never drawn"
    assert b"Edit note" in output, "the note dialog was never drawn"
    for sequence in RAW_SEQUENCES:
        assert sequence not in output, f"{sequence!r} reached the terminal"
    assert rb"\x1b]52;c;cHduZWQ=" in output  # shown, escaped, for the reader to see
