"""Bytes to text. (stub: being written)"""
from __future__ import annotations
from pathlib import Path
REPORT_SUFFIXES = (".txt", ".md", ".text")
def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")
