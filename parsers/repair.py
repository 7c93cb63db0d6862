"""Text repair. (stub: being written)"""
from __future__ import annotations
from dataclasses import dataclass
from parsers.model import Span
@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    emphasis: tuple[Span, ...] = ()
    marked_headings: tuple[Span, ...] = ()
def repair(raw: str) -> Repaired:
    return Repaired(raw.replace("**", "").replace("\r\n", "\n"))
