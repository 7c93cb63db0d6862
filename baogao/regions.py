"""Reports grouped by region, and regions grouped as the country is divided.

A handful of regions is listed flat, as the reports name them. More (a folder of a
thousand reports names hundreds) are grouped: the State Council (全国) on top, then each
province, inside it each prefecture that holds a county-level region, then `其他`. A
region's place comes from the gazetteer (parsers.gazetteer), asked for the name as the
report gives it, with its parent when the report names one (呼伦贝尔市海拉尔区). A name the
gazetteer does not know, or one several divisions share, goes under its parent if the
report names one, else under 其他: never under a guess. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from baogao.parsers.model import Report

if TYPE_CHECKING:
    from baogao.parsers.gazetteer import Division

UNKNOWN_REGION = "未标明地区"
OTHER = "其他"  # the group of regions the gazetteer cannot place
GROUP_FROM = 9  # regions: fewer are listed flat, in the order first met


def region_of(report: Report) -> str:
    return report.meta.region or UNKNOWN_REGION


def by_year(report: Report) -> tuple[bool, int]:
    """Sort key: the year a report is about (Metadata.year), reports without one last."""
    year = report.meta.year
    return (year is None, year or 0)


def regions(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Reports grouped by region, regions in the order first met, a region's documents
    in year order (documents of one year, or of none, in the order met)."""
    grouped: dict[str, list[Report]] = {}
    for report in reports:
        grouped.setdefault(region_of(report), []).append(report)
    for members in grouped.values():
        members.sort(key=by_year)
    return grouped


class RegionReports(NamedTuple):
    """A region and its reports, in year order."""

    name: str
    reports: tuple[Report, ...]
    order: tuple[int, str, str] = (1, "", "")  # where it sorts among its siblings

    @property
    def total(self) -> int:
        """Reports of the region (as for a group: see RegionGroup.total)."""
        return len(self.reports)


class RegionGroup(NamedTuple):
    """A province, a prefecture, a parent the gazetteer does not know, or 其他."""

    name: str
    key: str  # the division's code; the name, for a group the gazetteer does not know
    children: tuple[RegionGroup | RegionReports, ...]
    total: int  # reports in the group, at every depth
    order: tuple[int, str, str] = (1, "", "")

    def walk(self) -> Iterator[RegionReports]:
        """The regions in the group, at every depth, in order."""
        return _regions_in(self.children)


def _regions_in(children: tuple[RegionGroup | RegionReports, ...]) -> Iterator[RegionReports]:
    for child in children:
        if isinstance(child, RegionGroup):
            yield from child.walk()
        else:
            yield child


class RegionTree(NamedTuple):
    """What the outline lists at its top: regions (flat), or groups and 全国 (grouped)."""

    children: tuple[RegionGroup | RegionReports, ...]
    grouped: bool

    def walk(self) -> Iterator[RegionReports]:
        return _regions_in(self.children)

    @property
    def total(self) -> int:
        return sum(child.total for child in self.children)


def division_of(name: str, parent_name: str | None) -> Division | None:
    """The one division a region is: by its name within its parent when the report
    names one (never by the name alone then: 安宁市 of 伊犁州 is not 昆明's)."""
    from baogao.parsers.gazetteer import lookup  # a few regions never need it (3 ms to import)

    if name == UNKNOWN_REGION:
        return None
    if parent_name:
        return lookup(parent_name + name)
    return lookup(name)


def ancestors(division: Division) -> tuple[Division, ...]:
    """The divisions above `division`, the province first."""
    from baogao.parsers.gazetteer import parent

    chain: list[Division] = []
    above = parent(division)
    while above is not None:
        chain.append(above)
        above = parent(above)
    return tuple(reversed(chain))


# A group on a region's way down: (key, name, order).
Step = tuple[str, str, tuple[int, str, str]]


def _step(division: Division) -> Step:
    return division.code, division.name, (0, division.code, division.name)


OTHER_STEP: Step = ("", OTHER, (2, "", OTHER))
UNPLACED = (1, "", "")  # the order of what the gazetteer cannot place: as met (sorts stable)


class Placement(NamedTuple):
    """Where a region goes: the groups it lies in, outermost first, and its order there."""

    steps: tuple[Step, ...]
    order: tuple[int, str, str]
    own: bool = False  # the last group is the region's own division (a province, a prefecture)


def placement(name: str, parent_name: str | None) -> Placement:
    """The groups a region lies in, before prefectures that hold no county are merged
    into their provinces."""
    from baogao.parsers.gazetteer import Level

    found = division_of(name, parent_name)
    if found is not None:
        order = (0, found.code, name)
        if found.level == Level.NATION:
            return Placement((), order)
        steps = tuple(_step(division) for division in ancestors(found))
        if found.level == Level.COUNTY:
            return Placement(steps, order)
        return Placement((*steps, _step(found)), order, own=True)
    order = UNPLACED  # in the order met
    if parent_name:
        above = division_of(parent_name, None)
        if above is not None and above.level != Level.NATION:
            return Placement(tuple(_step(d) for d in (*ancestors(above), above)), order)
        return Placement((OTHER_STEP, (parent_name, parent_name, UNPLACED)), order)
    return Placement((OTHER_STEP,), order)


class _Level:
    """A group being built: its sub-groups by key and its regions."""

    __slots__ = ("groups", "regions")

    def __init__(self) -> None:
        self.groups: dict[str, tuple[Step, _Level]] = {}
        self.regions: list[RegionReports] = []

    def freeze(self) -> tuple[RegionGroup | RegionReports, ...]:
        children: list[RegionGroup | RegionReports] = list(self.regions)
        for (key, name, order), level in self.groups.values():
            inner = level.freeze()
            alone = inner[0] if len(inner) == 1 else None
            if isinstance(alone, RegionReports) and key and alone.order[1] == key:
                children.append(alone)  # a division with its own reports only: no group
                continue
            total = sum(child.total for child in inner)
            children.append(RegionGroup(name, key or OTHER, inner, total, order))
        children.sort(key=lambda child: child.order)
        return tuple(children)


def region_tree(reports: Iterable[Report], *, group_from: int = GROUP_FROM) -> RegionTree:
    """The reports' regions, flat while fewer than `group_from`, else grouped."""
    members = regions(reports)
    if len(members) < group_from:
        flat = tuple(RegionReports(name, tuple(found)) for name, found in members.items())
        return RegionTree(flat, False)
    placed = {  # each region placed by its first report's name and parent
        name: placement(name, found[0].meta.region_parent) for name, found in members.items()
    }
    # A prefecture gets a group of its own only if a county-level region lies in it.
    holders = {where.steps[-1][0] for where in placed.values() if not where.own and where.steps}
    root = _Level()
    for name, where in placed.items():
        steps = where.steps
        if where.own and len(steps) == 2 and steps[1][0] not in holders:
            steps = steps[:1]  # a prefecture without counties sits in its province
        level = root
        for step in steps:
            level = level.groups.setdefault(step[0], (step, _Level()))[1]
        level.regions.append(RegionReports(name, tuple(members[name]), where.order))
    return RegionTree(root.freeze(), True)
