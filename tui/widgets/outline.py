"""The outline: regions -> their documents -> each document's section tree.

A document's sections are added to the tree the first time it is expanded, so the
first screen builds only a handful of nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from parsers.model import Report, Section, SectionKind

UNKNOWN_REGION = "未标明地区"

# Badge text and component class for each section kind worth a badge.
BADGES: dict[SectionKind, tuple[str, str]] = {
    SectionKind.REVIEW: ("回顾", "outline--review"),
    SectionKind.WORK: ("重点工作", "outline--work"),
    SectionKind.GLOSSARY: ("名词解释", "outline--glossary"),
    SectionKind.GOALS: ("目标", "outline--goals"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """What a node stands for: a region, a document, or one of its sections."""

    region: str
    report: Report | None = None
    section: Section | None = None


def region_of(report: Report) -> str:
    return report.meta.region or UNKNOWN_REGION


def regions(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Reports grouped by region, regions and documents in the order first met."""
    grouped: dict[str, list[Report]] = {}
    for report in reports:
        grouped.setdefault(region_of(report), []).append(report)
    return grouped


def document_label(report: Report) -> str:
    """'政府工作报告 2026' / '五年规划纲要 2011-2015'; the file name when nothing is known."""
    meta = report.meta
    when = meta.plan_period or meta.plan_year or meta.review_year
    if meta.doc_type:
        return f"{meta.doc_type} {when}" if when else meta.doc_type
    name = report.path.rsplit("/", 1)[-1]
    return f"{name} {when}" if when else name


class Outline(Tree[Entry]):
    """Regions, documents and sections; Enter opens, h/l collapse and expand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h,left", "collapse_or_parent", "Collapse / parent", show=False),
        Binding("l,right", "expand_or_child", "Expand / first child", show=False),
        Binding("g,home", "scroll_home", "First", show=False),
        Binding("G,end", "scroll_end", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outline--region",
        "outline--document",
        "outline--review",
        "outline--work",
        "outline--glossary",
        "outline--goals",
    }

    DEFAULT_CSS = """
    Outline {
        & > .outline--region { text-style: bold; color: $text-primary; }
        & > .outline--document { color: $text; }
        & > .outline--review { color: $text-success; background: $success-muted; }
        & > .outline--work { color: $text-accent; background: $accent-muted; }
        & > .outline--glossary { color: $text-warning; background: $warning-muted; }
        & > .outline--goals { color: $text-secondary; background: $secondary-muted; }
    }
    """

    class Opened(Message):
        """Enter on a document or section: show it in the reader."""

        def __init__(self, report: Report, section: Section | None) -> None:
            super().__init__()
            self.report = report
            self.section = section

    class RegionChosen(Message):
        """Enter on a region: switch the indicator table to it."""

        def __init__(self, region: str) -> None:
            super().__init__()
            self.region = region

    def __init__(
        self, reports: tuple[Report, ...], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("报告", id=id, classes=classes)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._documents: dict[str, TreeNode[Entry]] = {}
        self._regions: dict[str, TreeNode[Entry]] = {}
        self._sections: dict[tuple[str, int], TreeNode[Entry]] = {}
        self._filled: set[str] = set()
        grouped = regions(reports)
        for region, members in grouped.items():
            region_node = self.root.add(region, Entry(region), expand=True)
            self._regions[region] = region_node
            for report in members:
                node = region_node.add(
                    document_label(report),
                    Entry(region, report),
                    allow_expand=bool(report.sections),
                )
                self._documents[report.path] = node

    # --- lazy section nodes ------------------------------------------------------

    def _fill(self, node: TreeNode[Entry]) -> None:
        """Add a document's section nodes, once."""
        entry = node.data
        if entry is None or entry.report is None or entry.section is not None:
            return
        report = entry.report
        if report.path in self._filled:
            return
        self._filled.add(report.path)

        def add(parent: TreeNode[Entry], sections: tuple[Section, ...]) -> None:
            for section in sections:
                child = parent.add(
                    section.title or "（无标题）",
                    Entry(entry.region, report, section),
                    allow_expand=bool(section.children),
                )
                self._sections[(report.path, section.start)] = child
                add(child, section.children)

        add(node, report.sections)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Entry]) -> None:
        self._fill(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Entry]) -> None:
        event.stop()
        node, entry = event.node, event.node.data
        if entry is None:
            return
        if entry.report is None:
            node.expand()
            self.post_message(self.RegionChosen(entry.region))
            return
        self._fill(node)
        if node.allow_expand and not node.is_expanded:
            node.expand()
        self.post_message(self.Opened(entry.report, entry.section))

    # --- vim-style movement ------------------------------------------------------

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and not node.parent.is_root:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        self._fill(node)
        if not node.is_expanded:
            node.expand()
        elif node.children:
            _ = self.last_line
            self.move_cursor(node.children[0])

    # --- following the reader ----------------------------------------------------

    def node_for(self, report: Report, offset: int | None = None) -> TreeNode[Entry] | None:
        """The node of the innermost section holding `offset` (the document's node if none)."""
        document = self._documents.get(report.path)
        if document is None or offset is None:
            return document
        self._fill(document)
        for section in reversed(report.section_path(offset)):
            node = self._sections.get((report.path, section.start))
            if node is not None:
                return node
        return document

    def follow(self, report: Report, offset: int | None) -> None:
        """Put the cursor on the section holding `offset`, opening its ancestors."""
        node = self.node_for(report, offset)
        if node is None or node is self.cursor_node:
            return
        parent = node.parent
        while parent is not None and not parent.is_root:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        _ = self.last_line  # rebuilds the visible lines, so node.line is current
        self.move_cursor(node)

    def reveal_region(self, region: str) -> None:
        """Move the cursor to a region's node and open it."""
        node = self._regions.get(region)
        if node is not None:
            node.expand()
            _ = self.last_line
            self.move_cursor(node)

    # --- labels ------------------------------------------------------------------

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        entry = node.data
        label = node._label.copy()
        badge: Text | None = None
        if entry is not None:
            if entry.report is None:
                label.stylize(self.get_component_rich_style("outline--region"))
            elif entry.section is None:
                label.stylize(self.get_component_rich_style("outline--document"))
            elif entry.section.level == 0 and entry.section.kind in BADGES:
                word, component = BADGES[entry.section.kind]
                badge = Text(word, style=self.get_component_rich_style(component), end="")
        label.stylize(style)
        icon: tuple[str, Style]
        if node.allow_expand:
            icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style)
        else:
            icon = ("  ", base_style)
        depth = 0
        parent = node.parent
        while parent is not None and not parent.is_root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - 2
        if badge is not None:
            room -= badge.cell_len + 1
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        parts: list[Text | tuple[str, Style]] = [icon, label]
        if badge is not None:
            parts += [" ", badge]
        return Text.assemble(*parts, end="")
