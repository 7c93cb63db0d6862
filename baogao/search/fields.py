"""Short fields (section titles, glossary terms, indicator names) as small deduplicated
tables that one C scan searches whole: each unique folded string with the places it occurs."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from baogao.parsers.model import SectionKind
from baogao.parsers.pinyin import Spelling
from baogao.parsers.text import fold_for_matching
from baogao.search.query import OCCURRENCE_CAP


@dataclass(frozen=True, slots=True)
class Place:
    """One occurrence of a short field: a title, a term entry, an indicator."""

    report: int
    start: int  # offsets into Report.text of the whole field
    end: int
    kind: SectionKind
    detail: str = ""  # shown after the field: a definition, a figure


@dataclass(slots=True)
class FieldTable:
    """Unique folded strings of one group, each with the places it occurs."""

    strings: list[str] = field(default_factory=list)  # folded
    originals: list[str] = field(default_factory=list)
    places: list[list[Place]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    spellings: list[Spelling] = field(default_factory=list)
    # The strings joined by "\n", so one C scan finds a needle in all of them.
    joined: Joined | None = None
    joined_initials: Joined | None = None
    joined_syllables: Joined | None = None

    def add(self, original: str, place: Place) -> None:
        original = " ".join(original.split())
        if not original:
            return
        folded = fold_for_matching(original)
        index = self.ids.get(folded)
        if index is None:
            index = self.ids[folded] = len(self.strings)
            self.strings.append(folded)
            self.originals.append(original)
            self.places.append([])
        self.places[index].append(place)


@dataclass(frozen=True, slots=True)
class Joined:
    """Strings joined by "\n" with where each starts: find a needle in all at C speed."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, strings: list[str]) -> Joined:
        starts: list[int] = []
        offset = 0
        for string in strings:
            starts.append(offset)
            offset += len(string) + 1
        return cls("\n".join(strings), tuple(starts))

    def find_all(self, needle: str, cap: int = OCCURRENCE_CAP) -> dict[int, int]:
        """String number -> offset of the first `needle` in it, for up to `cap` strings."""
        found: dict[int, int] = {}
        text, starts = self.text, self.starts
        at = text.find(needle)
        while at >= 0 and len(found) < cap:
            index = bisect_right(starts, at) - 1
            found[index] = at - starts[index]
            if index + 1 >= len(starts):
                break
            at = text.find(needle, starts[index + 1])
        return found
