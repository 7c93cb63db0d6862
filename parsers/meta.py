"""Metadata. (stub: being written)"""
from __future__ import annotations
from parsers.model import Metadata, Section
def read_metadata(text: str, sections: tuple[Section, ...], path: str) -> Metadata:
    return Metadata(title=path)
