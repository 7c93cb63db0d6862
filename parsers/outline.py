"""Section tree. (stub: being written)"""
from __future__ import annotations
from parsers.model import Section, SectionKind
from parsers.repair import Repaired
def build_outline(repaired: Repaired) -> tuple[Section, ...]:
    n = len(repaired.text)
    return (Section("正文", SectionKind.OTHER, 0, 0, 0, n),)
