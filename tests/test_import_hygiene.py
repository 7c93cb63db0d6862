"""parsers is pure: importing and running it pulls in no UI module."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
from baogao import parsers
from baogao.seeds import seed_paths
parsers.load(seed_paths())
ui = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('baogao.tui'))
print(ui)
"""


def test_parsers_import_no_textual() -> None:
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_dump_does_not_import_textual() -> None:
    code = "import sys, baogao.cli as c; c.build_parser(); print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
