"""The outline: (groups ->) regions -> their documents -> each document's section tree.

A small tree drawn line by line on a ScrollView (Textual's Tree widget costs the first
screen about 10 ms more in styling and drawing). A document's sections become nodes
the first time it is expanded, so the first screen builds only a handful of nodes.
Many regions are grouped by province and prefecture (baogao.regions), groups closed
but for the one the reader is in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from baogao.parsers.model import Report, Section, SectionKind, SourceFormat
from baogao.regions import (
    UNKNOWN_REGION,
    RegionGroup,
    RegionReports,
    by_year,
    region_of,
    region_tree,
    regions,
)
from baogao.tui.bindings import CURSOR_BINDINGS
from baogao.tui.widgets.line_view import LineView

UNTITLED = "（无标题）"
EXPANDED, COLLAPSED, LEAF = "▼ ", "▶ ", "  "
CURRENT = "▌"  # in the first (indent) column of the section the reader is in
INDENT = 2  # cells per level


class Badge(NamedTuple):
    """How a top-level section of a kind worth marking is marked in the outline."""

    word: str
    short: str  # one character, in an outline narrower than COMPACT_BADGES cells
    component: str
    meaning: str  # for the help screen


BADGES: dict[SectionKind, Badge] = {
    SectionKind.REVIEW: Badge("回顾", "回", "outline--review", "review of the past year(s)"),
    SectionKind.WORK: Badge("重点工作", "重", "outline--work", "the work planned"),
    SectionKind.GLOSSARY: Badge("名词解释", "释", "outline--glossary", "glossary of terms"),
    SectionKind.GOALS: Badge("目标", "标", "outline--goals", "targets"),
}
COMPACT_BADGES = 30  # below this width a badge is one character: the title keeps the room


class Entry(NamedTuple):
    """What a node stands for: a group of regions, a region, a document, or a section."""

    region: str  # the group's name for a group
    report: Report | None = None
    section: Section | None = None
    group: RegionGroup | None = None


__all__ = ["UNKNOWN_REGION", "Entry", "Outline", "by_year", "region_of", "regions"]


# Formats worth naming in the outline: a text file is the usual case and says nothing.
NAMED_FORMATS = frozenset({SourceFormat.PDF, SourceFormat.HTML, SourceFormat.DOCX})


def document_row_label(report: Report) -> str:
    """A document's row: "政府工作报告 2026", with its format when it was not a text file
    ("政府工作报告 2026 · PDF"), so two copies of one report in two formats read apart."""
    label = report.label(with_region=False)
    if report.source_format in NAMED_FORMATS:
        label += f" · {report.source_format.upper()}"
    return label


class Node:
    """One line of the outline and the open/closed state of what is under it."""

    __slots__ = ("can_expand", "children", "depth", "entry", "expanded", "label", "parent")

    def __init__(self, label: str, entry: Entry, parent: Node | None, can_expand: bool) -> None:
        self.label = label
        self.entry = entry
        self.parent = parent
        self.depth: int = 0 if parent is None else parent.depth + 1
        self.children: list[Node] = []
        self.expanded = False
        self.can_expand = can_expand

    def add(self, label: str, entry: Entry, can_expand: bool) -> Node:
        child = Node(label, entry, self, can_expand)
        self.children.append(child)
        return child

    @property
    def key(self) -> tuple[str | int, ...]:
        """What the node stands for, the same across rebuilds of the outline."""
        entry = self.entry
        if entry.group is not None:
            return ("group", entry.group.key)
        if entry.report is None:
            return ("region", entry.region)
        if entry.section is None:
            return ("document", entry.report.path)
        return ("section", entry.report.path, entry.section.start)

    def __repr__(self) -> str:
        return f"Node({self.label!r})"


def visible(nodes: Iterable[Node]) -> Iterator[Node]:
    """The nodes on screen, in order: each node, then its children if it is expanded."""
    for node in nodes:
        yield node
        if node.expanded:
            yield from visible(node.children)


class Outline(LineView, can_focus=True):
    """Groups, regions, documents and sections; Enter opens (a group: or closes), h/l
    collapse and expand."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open (a group: open / close)", show=False),
        Binding("space", "toggle_node", "Expand / collapse", show=False),
        *CURSOR_BINDINGS,
        Binding("h,left", "collapse_or_parent", "Collapse / parent", show=False),
        Binding("l,right", "expand_or_child", "Expand / first child", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outline--cursor",
        "outline--current",
        "outline--group",
        "outline--region",
        "outline--document",
        "outline--review",
        "outline--work",
        "outline--glossary",
        "outline--goals",
    }

    DEFAULT_CSS = """
    Outline {
        overflow-x: hidden;
        overflow-y: auto;
        & > .outline--cursor { background: $block-cursor-blurred-background; }
        &:focus > .outline--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .outline--current { color: $text-accent; text-style: bold; }
        & > .outline--group { text-style: bold; color: $text-secondary; }
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

        def __init__(self, outline: Outline, report: Report, section: Section | None) -> None:
            super().__init__()
            self.outline = outline
            self.report = report
            self.section = section

        @property
        def control(self) -> Outline:
            return self.outline

    class Resized(Message):
        """The outline's right edge was dragged: `width` is the width asked for."""

        def __init__(self, outline: Outline, width: int) -> None:
            super().__init__()
            self.outline = outline
            self.width = width

        @property
        def control(self) -> Outline:
            return self.outline

    class RegionChosen(Message):
        """Enter on a region: switch the indicator table to it."""

        def __init__(self, outline: Outline, region: str) -> None:
            super().__init__()
            self.outline = outline
            self.region = region

        @property
        def control(self) -> Outline:
            return self.outline

    def __init__(
        self, reports: tuple[Report, ...], *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._top: list[Node] = []
        self._documents: dict[str, Node] = {}
        self._regions: dict[str, Node] = {}
        self._sections: dict[tuple[str, int], Node] = {}
        self._group_nodes: dict[str, Node] = {}
        self._row_labels: dict[str, tuple[Report, str]] = {}
        self._paint_styles: dict[str, Style] = {}
        self._rows: list[Node] = []
        self._cursor = -1  # no cursor until the first move, as in Textual's Tree
        self._current: Node | None = None
        self._dragging = False  # the right edge is being dragged
        self._build_tree(reports)
        self._relayout()

    def _build_tree(self, reports: Sequence[Report]) -> None:
        """Make the nodes of groups, regions and documents (sections wait for `_fill`)."""
        self._top = []
        self._documents = {}
        self._regions = {}
        self._sections = {}
        self._group_nodes = {}
        tree = region_tree(reports)
        for child in tree.children:
            self._add_tree_child(None, child, opened=not tree.grouped)

    def _add_tree_child(
        self, parent: Node | None, child: RegionGroup | RegionReports, opened: bool
    ) -> None:
        if isinstance(child, RegionGroup):
            group = Node(child.name, Entry(child.name, group=child), parent, can_expand=True)
            self._place_node(parent, group)
            self._group_nodes[child.key] = group
            for inner in child.children:
                self._add_tree_child(group, inner, opened)
            return
        region = child.name
        region_node = Node(region, Entry(region), parent, can_expand=True)
        region_node.expanded = opened  # listed flat, regions show their documents
        self._place_node(parent, region_node)
        self._regions[region] = region_node
        by_text: dict[str, Node] = {}  # the same text opened twice is shown once
        labels = [self._row_label(report) for report in child.reports]
        named = Counter(labels)  # counted once: a region may hold hundreds of documents
        for report, label in zip(child.reports, labels, strict=True):
            kept = by_text.get(report.text)
            if kept is not None:
                self._documents[report.path] = kept
                continue
            if named[label] > 1:  # two documents of one name: say which file
                label = f"{label} · {Path(report.path).name}"
            node = region_node.add(label, Entry(region, report), bool(report.sections))
            by_text[report.text] = node
            self._documents[report.path] = node

    def _row_label(self, report: Report) -> str:
        """A document's row label, made once per report (set_reports makes rows again)."""
        kept = self._row_labels.get(report.path)
        if kept is not None and kept[0] is report:
            return kept[1]
        label = document_row_label(report)
        self._row_labels[report.path] = (report, label)
        return label

    def _place_node(self, parent: Node | None, node: Node) -> None:
        if parent is None:
            self._top.append(node)
        else:
            parent.children.append(node)

    def set_reports(self, reports: Sequence[Report]) -> None:
        """Show `reports` instead (a streamed open adds them in batches): the grouping is
        made again; opened nodes stay open, and the cursor and the reader's mark stay on
        their nodes where these still exist."""
        old = list(self._all_nodes())
        known = {node.key for node in old}
        opened = {node.key for node in old if node.expanded}
        cursor = self.cursor_node.key if self.cursor_node is not None else None
        current = self._current.key if self._current is not None else None
        self._build_tree(reports)
        by_key: dict[tuple[str | int, ...], Node] = {}

        def restore(node: Node) -> None:
            key = node.key
            by_key[key] = node
            if key in known:
                node.expanded = key in opened
            if node.expanded:
                self._fill(node)
            for child in node.children:
                restore(child)

        for node in self._top:
            restore(node)
        self._current = self._node_for_key(current, by_key)
        target = self._node_for_key(cursor, by_key)
        self._relayout()
        if target is not None:
            self.move_cursor(target)
        elif self._cursor >= len(self._rows):
            self._set_cursor(len(self._rows) - 1)

    def _node_for_key(
        self, key: tuple[str | int, ...] | None, by_key: dict[tuple[str | int, ...], Node]
    ) -> Node | None:
        """The node standing for `key`, a section's made now if its document is closed."""
        if key is None:
            return None
        node = by_key.get(key)
        if node is None and key[0] == "section":
            path, start = str(key[1]), int(key[2])
            document = self._documents.get(path)
            if document is not None:
                self._fill(document)
                node = self._sections.get((path, start))
        return node

    def _all_nodes(self) -> Iterator[Node]:
        """Every node made so far, in order."""

        def walk(nodes: Iterable[Node]) -> Iterator[Node]:
            for node in nodes:
                yield node
                yield from walk(node.children)

        return walk(self._top)

    # --- the visible rows ----------------------------------------------------------

    def _relayout(self) -> None:
        """Recompute the visible rows after a node opened or closed; keep the cursor's node."""
        current = self.cursor_node
        self._rows = list(visible(self._top))
        if current is not None:
            self._cursor = self._row_of(current)
        rows = Size(self.virtual_size.width, len(self._rows))
        if self.size:
            self.virtual_size = rows
            self.refresh()
        else:  # the first layout reads it
            self.set_reactive(Outline.virtual_size, rows)

    def _row_of(self, node: Node) -> int:
        """The row of `node`, or of its nearest visible ancestor."""
        target: Node | None = node
        while target is not None:
            try:
                return self._rows.index(target)
            except ValueError:
                target = target.parent
        return 0

    @property
    def cursor_node(self) -> Node | None:
        return self._rows[self._cursor] if 0 <= self._cursor < len(self._rows) else None

    @property
    def visible_nodes(self) -> tuple[Node, ...]:
        """The nodes of the visible rows, top to bottom (scrolled out of view or not)."""
        return tuple(self._rows)

    @property
    def rows(self) -> tuple[str, ...]:
        """The labels of the visible rows (for tests)."""
        return tuple(node.label for node in self._rows)

    def move_cursor(self, node: Node) -> None:
        """Put the cursor on `node` (opening its ancestors) and scroll it into view."""
        parent = node.parent
        opened = False
        while parent is not None:
            if not parent.expanded:
                parent.expanded = opened = True
            parent = parent.parent
        if opened:
            self._relayout()
        self._set_cursor(self._row_of(node))

    def _set_cursor(self, row: int) -> None:
        row = max(0, min(row, len(self._rows) - 1))
        was, self._cursor = self._cursor, row
        height = max(self.scrollable_content_region.height, 1)
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        elif self.size and row != was:
            # In view: only the rows the cursor left and entered are drawn again (a
            # whole repaint also draws the scrollbar, as much again at 1,000 reports).
            if 0 <= was < len(self._rows):
                self.refresh_line(was)
            self.refresh_line(row)
            return
        self._repaint()

    def _repaint(self) -> None:
        """Refresh if drawn already: the first layout draws the outline as it is then."""
        if self.size:
            self.refresh()

    # --- lazy section nodes ------------------------------------------------------

    def _fill(self, node: Node) -> None:
        """Add a document's section nodes, once."""
        entry = node.entry
        if entry.report is None or entry.section is not None or node.children:
            return
        report = entry.report

        def add(parent: Node, sections: tuple[Section, ...]) -> None:
            for section in sections:
                child = parent.add(
                    section.title or UNTITLED,
                    Entry(entry.region, report, section),
                    bool(section.children),
                )
                self._sections[(report.path, section.start)] = child
                add(child, section.children)

        add(node, report.sections)

    def open_node(self, node: Node) -> None:
        if node.can_expand and not node.expanded:
            self._fill(node)
            node.expanded = True
            self._relayout()

    def close_node(self, node: Node) -> None:
        if node.expanded:
            node.expanded = False
            self._relayout()

    # --- actions -------------------------------------------------------------------

    def action_open(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        entry = node.entry
        if entry.group is not None:
            self.action_toggle_node()
            return
        if entry.report is None:
            self.open_node(node)
            self.post_message(self.RegionChosen(self, entry.region))
            return
        self.open_node(node)
        self.post_message(self.Opened(self, entry.report, entry.section))

    def action_toggle_node(self) -> None:
        node = self.cursor_node
        if node is not None:
            if node.expanded:
                self.close_node(node)
            else:
                self.open_node(node)

    def action_cursor_down(self) -> None:
        self._set_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self._cursor - 1)

    def action_cursor_first(self) -> None:
        self._set_cursor(0)

    def action_cursor_last(self) -> None:
        self._set_cursor(len(self._rows) - 1)

    def action_page_down(self) -> None:
        self._set_cursor(self._cursor + max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self._set_cursor(self._cursor - max(self.scrollable_content_region.height - 1, 1))

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.expanded:
            self.close_node(node)
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.can_expand:
            return
        if not node.expanded:
            self.open_node(node)
        elif node.children:
            self.move_cursor(node.children[0])

    # --- resizing with the mouse: drag the right edge ----------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.x >= self.outer_size.width - 1:  # the border column
            self._dragging = True
            self.capture_mouse()
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.post_message(self.Resized(self, event.screen_x - self.region.x + 1))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.post_message(self.Resized(self, event.screen_x - self.region.x + 1))
            event.stop()

    def on_click(self, event: events.Click) -> None:
        if event.x >= self.outer_size.width - 1:
            return  # the end of a drag on the border
        row = round(self.scroll_y) + event.y
        if 0 <= row < len(self._rows):
            self._set_cursor(row)
            node = self._rows[row]
            icon_start = node.depth * INDENT
            if icon_start <= event.x - self.gutter.left < icon_start + INDENT:
                self.action_toggle_node()  # a click on ▶/▼ only opens or closes
            else:
                self.action_open()

    # --- following the reader ----------------------------------------------------

    def node_for(self, report: Report, offset: int | None = None) -> Node | None:
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

    def follow(self, report: Report, offset: int | None, *, cursor: bool = True) -> None:
        """Mark the section holding `offset` as the reader's and (with `cursor`) put the
        cursor on it, opening its ancestors."""
        node = self.node_for(report, offset)
        if node is not self._current:
            self._current = node
            self._repaint()
        if cursor and node is not None and node is not self.cursor_node:
            self.move_cursor(node)

    @property
    def current_node(self) -> Node | None:
        """The node of the section the reader is in (drawn with a ▌ mark)."""
        return self._current

    def reveal_region(self, region: str) -> None:
        """Move the cursor to a region's node and open it."""
        node = self._regions.get(region)
        if node is not None:
            self.open_node(node)
            self.move_cursor(node)

    # --- drawing -------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_styles = {}  # component styles looked up once a paint
        return super().render_lines(crop)

    def _component(self, name: str) -> Style:
        style = self._paint_styles.get(name)
        if style is None:
            style = self._paint_styles[name] = self.get_component_rich_style(name)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        base = self.base_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        cursor = self._component("outline--cursor") if row == self._cursor else None
        text = self.row_text(self._rows[row], width, cursor)
        segments = list(text.render(self.app.console))
        fill = base if cursor is None else base + cursor
        return Strip(segments).adjust_cell_length(width, fill)

    def row_text(self, node: Node, width: int, cursor: Style | None = None) -> Text:
        """Indent, ▶/▼, the label cut with an ellipsis to fit, then what it holds (a
        group's reports, a region's documents) or a kind badge, never cut."""
        entry = node.entry
        label = Text(node.label, end="")
        tail: Text | None = None  # after the label: a count or a badge
        if entry.group is not None:
            label.stylize(self._component("outline--group"))
            tail = Text(f"({entry.group.total})", style="dim", end="")
        elif entry.report is None:
            label.stylize(self._component("outline--region"))
            tail = Text(str(len(node.children)), style="dim", end="")  # documents shown
        elif entry.section is None:
            label.stylize(self._component("outline--document"))
        elif entry.section.level == 0 and entry.section.kind in BADGES:
            badge = BADGES[entry.section.kind]
            word = badge.short if width < COMPACT_BADGES else badge.word
            tail = Text(word, style=self._component(badge.component), end="")
        current = node is self._current
        if current:
            label.stylize(self._component("outline--current"))
        if cursor is not None:
            label.stylize(cursor)
            if tail is not None and entry.section is None:
                tail.stylize(cursor)
        icon = (EXPANDED if node.expanded else COLLAPSED) if node.can_expand else LEAF
        lead = " " * (node.depth * INDENT) + icon
        if current and node.depth:
            lead = CURRENT + lead[1:]
        room = width - len(lead)
        if tail is not None:
            room -= tail.cell_len + 1
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        text = Text(lead, style=self.base_style if cursor is None else cursor, end="")
        text.append_text(label)
        if tail is not None:
            text.append(" ", style=cursor or "")
            text.append_text(tail)
        return text
