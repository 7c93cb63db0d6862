"""Indicators: headline figures with their sentence. (stub: being written)"""

from __future__ import annotations

from parsers.model import Indicator, Metadata, Section


def extract_indicators(
    text: str, sections: tuple[Section, ...], meta: Metadata
) -> tuple[Indicator, ...]:
    return ()
