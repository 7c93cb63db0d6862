"""The bookmarks screen, the note dialog and the file dialog for export and import.

The logic (store, anchoring, TOML) lives in `tui.bookmarks`; these screens only
ask the user and show the result. The app wires them with three one-liners:
`ask_and_add_bookmark`, `BookmarksScreen` and `export_with_dialog` /
`import_with_dialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, Static, TextArea

from baogao.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    Placement,
    bookmark_label,
    default_export_path,
    make_bookmark,
    place,
)
from baogao.display import cut, printable
from baogao.parsers.model import Location, Report
from baogao.tui.bindings import CURSOR_BINDINGS

CANNOT_PLACE = "⚠ cannot be placed"
FUZZY_MARK = "≈ "  # placed by a fuzzy match: the text changed a little
SECTION_SEPARATOR = " › "

# Columns of the bookmark table: (label, share of the free width); Date is fixed.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Document", 3),
    ("Section", 3),
    ("Excerpt", 5),
    ("Note", 3),
)
DATE_WIDTH = 10  # 2026-01-22
CELL_GAP = 2  # cells between two columns
EAGER_COUNT = 200  # up to this many bookmarks, all are placed when the list opens
COUNT_CHUNK = 500  # beyond it, the unplaced ones are counted this many at a time
COUNT_PAUSE = 0.01  # seconds between two chunks: the event loop draws and reads keys
DISK_CHECK_SECONDS = 1.0  # how often an open list looks for another window's changes


def section_label(bookmark: Bookmark) -> str:
    """The bookmark's section path, printable (an imported one is outside text)."""
    return printable(SECTION_SEPARATOR.join(bookmark.section_path))


def column_widths(total: int) -> tuple[int, ...]:
    """Cells for each column of COLUMNS, sharing what the date and padding leave."""
    # the dialog's border and padding (4 cells) and the table's scrollbar (2) come off too
    free = max(total - DATE_WIDTH - 2 * (len(COLUMNS) + 1) - 8, 4 * len(COLUMNS))
    shares = sum(share for _, share in COLUMNS)
    return tuple(max(4, free * share // shares) for _, share in COLUMNS)


def row_cells(
    bookmark: Bookmark, placement: Placement | None, widths: Sequence[int]
) -> tuple[Text, ...]:
    document_width, section_width, excerpt_width, note_width = widths
    if placement is None:
        excerpt = Text(cut(f"{CANNOT_PLACE}: {bookmark.excerpt}", excerpt_width), style="yellow")
    elif not placement.exact:
        excerpt = Text(cut(FUZZY_MARK + bookmark.excerpt, excerpt_width))
    else:
        excerpt = Text(cut(bookmark.excerpt, excerpt_width))
    return (
        Text(cut(bookmark_label(bookmark), document_width)),
        Text(cut(section_label(bookmark), section_width)),
        excerpt,
        Text(cut(bookmark.note, note_width), style="italic"),
        Text(bookmark.created.astimezone().strftime("%Y-%m-%d")),
    )


def row_line(cells: Sequence[Text], widths: Sequence[int]) -> Text:
    """One row of the list: each cell padded to its column's width."""
    line = Text(no_wrap=True)
    for cell, width in zip(cells, (*widths, DATE_WIDTH), strict=True):
        cell = cell.copy()
        cell.truncate(width, overflow="ellipsis", pad=True)
        line.append_text(cell)
        line.append(" " * CELL_GAP)
    return line


def header_line(widths: Sequence[int]) -> Text:
    labels = [Text(label, style="bold") for label, _ in COLUMNS] + [Text("Date", style="bold")]
    return row_line(labels, widths)


def detail_text(bookmark: Bookmark, placement: Placement | None) -> Text:
    """Everything about one bookmark, for the pane under the table."""
    text = Text()
    text.append(printable(bookmark_label(bookmark)), style="bold")
    text.append("  " + printable(bookmark.path), style="dim")
    if bookmark.section_path:
        text.append("\n" + section_label(bookmark))
    if placement is None:
        text.append(
            f"\n{CANNOT_PLACE}: the report is not open or the passage is no longer in it",
            style="bold yellow",
        )
    elif not placement.exact:
        text.append("\n≈ placed by a close match: the text has changed a little", style="yellow")
    text.append("\n" + " ".join(printable(bookmark.excerpt, keep_lines=True).split()))
    if bookmark.note:
        text.append("\n")
        text.append(printable(bookmark.note, keep_lines=True), style="italic")
    return text


def _notify(app: App[Any], message: str, severity: str = "information") -> None:
    """A toast; its text may quote outside text (file names, notes), so made printable."""
    app.notify(printable(message), severity=severity, markup=False)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- dialogs


class NoteDialog(ModalScreen[str | None]):
    """Ask for a bookmark's note: Enter saves, Esc cancels.

    A note that already has line breaks (written elsewhere, or imported) is
    edited in a text area so none is lost; there Enter starts a new line and
    ctrl+s saves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save note"),
    ]

    DEFAULT_CSS = """
    NoteDialog {
        align: center middle;
        & > Vertical {
            width: 70%;
            max-width: 100;
            height: auto;
            border: round $accent;
            border-title-align: center;
            background: $surface;
            padding: 0 1;
        }
        & #note-context { color: $text-muted; height: auto; max-height: 4; }
        & TextArea { height: 8; }
    }
    """

    def __init__(self, note: str = "", context: str = "", title: str = "Bookmark note") -> None:
        super().__init__()
        self.note = note
        self.context = context
        self.dialog_title = title

    @property
    def multiline(self) -> bool:
        return "\n" in self.note or "\r" in self.note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            if self.context:
                yield Static(Text(cut(self.context, 160)), id="note-context")
            if self.multiline:
                yield TextArea(self.note, id="note-area")
            else:
                yield Input(self.note, placeholder="Note (optional); Enter saves", id="note-input")

    def on_mount(self) -> None:
        if self.multiline:
            area = self.query_one("#note-area", TextArea)
            area.move_cursor(area.document.end)
            area.focus()
        else:
            self.query_one("#note-input", Input).focus()

    @on(Input.Submitted, "#note-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_save(self) -> None:
        if self.multiline:
            self.dismiss(self.query_one("#note-area", TextArea).text)
        else:
            self.dismiss(self.query_one("#note-input", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FileDialog(ModalScreen[Path | None]):
    """Ask for a file name, prefilled: Enter accepts, Esc cancels. `~` is expanded."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    DEFAULT_CSS = """
    FileDialog {
        align: center middle;
        & > Vertical {
            width: 70%;
            max-width: 100;
            height: auto;
            border: round $accent;
            border-title-align: center;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    def __init__(self, title: str, path: Path | None = None) -> None:
        super().__init__()
        self.dialog_title = title
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            yield Input(
                str(self.path) if self.path else "", placeholder="FILE.toml", id="file-input"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --------------------------------------------------------------------------- app helpers


def ask_and_add_bookmark(
    app: App[Any], store: BookmarkStore, report: Report, start: int, end: int
) -> None:
    """Ask for a note, then bookmark report.text[start:end] (the sentence at `start` if empty)."""
    bookmark = make_bookmark(report, start, end)

    def save(note: str | None) -> None:
        if note is None:
            return
        try:
            added = store.add(replace(bookmark, note=note))
        except BookmarkError as error:
            _notify(app, str(error), "error")
            return
        where = section_label(bookmark) or bookmark.document
        if added:
            _notify(app, f"Bookmarked: {where}")
        else:
            _notify(app, f"Already bookmarked: {where}")

    app.push_screen(NoteDialog(context=bookmark.excerpt), save)


def export_with_dialog(app: App[Any], store: BookmarkStore) -> None:
    """Ask for a file (default in the home folder) and export every bookmark to it."""

    def export(path: Path | None) -> None:
        if path is None:
            return
        try:
            count = store.export_file(path)
        except BookmarkError as error:
            _notify(app, str(error), "error")
            return
        _notify(app, f"Exported {count} bookmark{'s' if count != 1 else ''} to {path}")

    app.push_screen(FileDialog("Export bookmarks to", default_export_path()), export)


def import_with_dialog(
    app: App[Any], store: BookmarkStore, done: Callable[[], object] | None = None
) -> None:
    """Ask for a file and merge its bookmarks; `done()` is called after a change."""

    def import_(path: Path | None) -> None:
        if path is None:
            return
        try:
            result = store.import_file(path)
        except BookmarkError as error:
            _notify(app, f"Nothing imported. {error}", "error")
            return
        merged = f", {result.notes_merged} notes merged" if result.notes_merged else ""
        _notify(app, f"Imported {result.added} new, {result.duplicates} duplicates{merged}")
        if done is not None:
            done()

    app.push_screen(FileDialog("Import bookmarks from"), import_)


# --------------------------------------------------------------------------- the list


class BookmarkList(ScrollView, can_focus=True):
    """The bookmarks, one row each, drawn lazily: only the rows on screen are formatted
    (and placed), so a store of 100,000 bookmarks opens at once.

    A DataTable builds and measures every row first (about a minute for 100,000).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *CURSOR_BINDINGS,
        Binding("space", "page_down", "Page down", show=False),
        Binding("enter", "select", "Go to bookmark", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"bookmark-list--cursor"}

    DEFAULT_CSS = """
    BookmarkList {
        overflow-x: hidden;
        & > .bookmark-list--cursor { background: $block-cursor-background; text-style: bold; }
        &:blur > .bookmark-list--cursor { background: $block-cursor-blurred-background; }
    }
    """

    cursor: var[int] = var(0, always_update=True)
    """The row under the cursor; clamped to the list, kept in view, announced."""

    class Changed(Message):
        """A message about the bookmark under the list's cursor."""

        def __init__(self, bookmark_list: BookmarkList) -> None:
            super().__init__()
            self.bookmark_list = bookmark_list

        @property
        def control(self) -> BookmarkList:
            return self.bookmark_list

    class Highlighted(Changed):
        """The cursor moved to another bookmark."""

    class Selected(Changed):
        """Enter (or a click on the cursor's row) chose the bookmark under the cursor."""

    def __init__(
        self,
        row_cells: Callable[[Bookmark, Sequence[int]], Sequence[Text]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.row_cells = row_cells
        self.bookmarks: tuple[Bookmark, ...] = ()
        self.widths: tuple[int, ...] = column_widths(80)

    def show(self, bookmarks: Sequence[Bookmark], widths: Sequence[int], cursor: int) -> None:
        """Show `bookmarks` with the cursor on row `cursor`; nothing is drawn yet."""
        self.bookmarks = tuple(bookmarks)
        self.widths = tuple(widths)
        self.virtual_size = Size(self.size.width, len(self.bookmarks))
        self.cursor = cursor
        self.refresh()

    @property
    def current(self) -> Bookmark | None:
        return self.bookmarks[self.cursor] if self.bookmarks else None

    def validate_cursor(self, cursor: int) -> int:
        return min(max(cursor, 0), max(len(self.bookmarks) - 1, 0))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        if self.bookmarks:
            self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.post_message(self.Highlighted(self))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self.scroll_offset.y + y
        style = self.rich_style
        if row >= len(self.bookmarks):
            return Strip.blank(width, style)
        line = row_line(self.row_cells(self.bookmarks[row], self.widths), self.widths)
        if row == self.cursor:
            line.stylize(self.get_component_rich_style("bookmark-list--cursor"))
        strip = Strip(line.render(self.app.console), line.cell_len)
        return strip.crop_extend(0, width, style).apply_style(Style.null())

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.size.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.size.height - 1, 1)

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = len(self.bookmarks) - 1

    def action_select(self) -> None:
        if self.bookmarks:
            self.post_message(self.Selected(self))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if row >= len(self.bookmarks):
            return
        if row == self.cursor:
            self.action_select()
        else:
            self.cursor = row


# --------------------------------------------------------------------------- the screen


class BookmarksScreen(ModalScreen[Location | None]):
    """Every bookmark: Enter jumps to it, e edits its note, d deletes (u undoes).

    The list follows the file: a change another baogao window (or a sync tool) makes
    shows within DISK_CHECK_SECONDS.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("e", "edit_note", "Edit note"),
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("x", "export", "Export TOML"),
        Binding("i", "import", "Import TOML"),
    ]

    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
        & > Vertical {
            width: 96%;
            height: 90%;
            border: round $accent;
            border-title-align: center;
            background: $surface;
        }
        & #bookmark-header { height: 1; padding: 0 1; }
        & BookmarkList { height: 1fr; padding: 0 1; }
        & #bookmark-detail {
            height: auto;
            max-height: 8;
            border-top: solid $accent;
            padding: 0 1;
        }
    }
    """

    def __init__(self, store: BookmarkStore, reports: Sequence[Report]) -> None:
        super().__init__()
        self.store = store
        self.reports = tuple(reports)
        self.placements: dict[str, Placement | None] = {}  # by id, filled as rows are drawn
        self.deleted: list[tuple[int, Bookmark]] = []  # undo stack
        self.unplaced: int | None = None  # None while still being counted
        self._counted = 0
        self._told: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Bookmarks"
            yield Static(id="bookmark-header")
            yield BookmarkList(self.row_cells, id="bookmark-list")
            yield Static(id="bookmark-detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.store.problem:
            _notify(self.app, self.store.problem, "warning")
        self._told = self.store.problem  # the store problem last shown
        self.refresh_table()
        self.list.focus()
        self.set_interval(DISK_CHECK_SECONDS, self.follow_disk)

    @property
    def list(self) -> BookmarkList:
        return self.query_one("#bookmark-list", BookmarkList)

    def placement(self, bookmark: Bookmark) -> Placement | None:
        """Where `bookmark` is in the open reports, placed the first time it is asked."""
        if bookmark.id not in self.placements:
            self.placements[bookmark.id] = place(bookmark, self.reports)
        return self.placements[bookmark.id]

    def row_cells(self, bookmark: Bookmark, widths: Sequence[int]) -> tuple[Text, ...]:
        return row_cells(bookmark, self.placement(bookmark), widths)

    def refresh_table(self, keep: str | None = None) -> None:
        """Show the store's bookmarks again; the cursor stays on `keep` (an id) or its row."""
        current = keep or self.current_id()
        row = self.list.cursor
        bookmarks = self.store.bookmarks
        if current is not None:
            found = next((i for i, b in enumerate(bookmarks) if b.id == current), None)
            row = row if found is None else found
        known = {b.id for b in bookmarks}
        self.placements = {k: v for k, v in self.placements.items() if k in known}
        widths = column_widths(self.size.width or self.app.size.width)
        self.query_one("#bookmark-header", Static).update(header_line(widths))
        self.list.show(bookmarks, widths, row)
        self.unplaced, self._counted = None, 0
        if len(bookmarks) <= EAGER_COUNT:
            self._count_unplaced(len(bookmarks))
        else:
            self.set_timer(COUNT_PAUSE, partial(self._count_unplaced, COUNT_CHUNK))
        self.show_title()
        self.show_detail()

    def _count_unplaced(self, chunk: int) -> None:
        """Place the next `chunk` bookmarks; a large store is counted a chunk at a time
        with a pause between, so the screen is drawn and keys work while it is counted."""
        bookmarks = self.store.bookmarks
        end = min(self._counted + chunk, len(bookmarks))
        for bookmark in bookmarks[self._counted : end]:
            self.placement(bookmark)
        self._counted = end
        if end < len(bookmarks):
            self.set_timer(COUNT_PAUSE, partial(self._count_unplaced, chunk))
            return
        self.unplaced = sum(1 for b in bookmarks if self.placements.get(b.id) is None)
        self.show_title()

    def show_title(self) -> None:
        title = f"Bookmarks ({len(self.store.bookmarks)})"
        if self.unplaced:
            title += f", {self.unplaced} cannot be placed"
        self.query_one(Vertical).border_title = title

    def follow_disk(self) -> None:
        """Show what another window saved since the list was drawn."""
        try:
            changed = self.store.reload()
        except BookmarkError as error:
            _notify(self.app, str(error), "error")
            return
        if changed:
            self.refresh_table()
        if self.store.problem and self.store.problem != self._told:
            _notify(self.app, self.store.problem, "warning")
        self._told = self.store.problem

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.follow_disk()  # back from a dialog, or from the reader

    def current_id(self) -> str | None:
        bookmark = self.list.current
        return None if bookmark is None else bookmark.id

    def current(self) -> Bookmark | None:
        return self.list.current

    def show_detail(self) -> None:
        bookmark = self.current()
        detail = self.query_one("#bookmark-detail", Static)
        if bookmark is None:
            detail.update(Text("No bookmarks yet. In the reader, b bookmarks a passage."))
        else:
            detail.update(detail_text(bookmark, self.placement(bookmark)))

    @on(BookmarkList.Highlighted, "#bookmark-list")
    def row_highlighted(self, event: BookmarkList.Highlighted) -> None:
        event.stop()
        self.show_detail()

    @on(BookmarkList.Selected, "#bookmark-list")
    def row_selected(self, event: BookmarkList.Selected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        placement = self.placement(bookmark)
        if placement is None:
            _notify(
                self.app,
                f"{CANNOT_PLACE}: {bookmark.document} is not open or the passage is gone",
                "warning",
            )
            return
        self.dismiss(placement.location)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit_note(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return

        # An imported note may hold control characters: it is edited as shown (escaped),
        # and saved only if the user changed it, so an untouched note keeps its bytes.
        shown = printable(bookmark.note, keep_lines=True)

        def save(note: str | None) -> None:
            if note is None or note == shown:
                return
            try:
                self.store.set_note(bookmark.id, note)
            except BookmarkError as error:
                _notify(self.app, str(error), "error")
            self.refresh_table(keep=bookmark.id)

        self.app.push_screen(NoteDialog(shown, bookmark.excerpt, "Edit note"), save)

    def action_delete(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        try:
            removed = self.store.remove(bookmark.id)
        except BookmarkError as error:
            _notify(self.app, str(error), "error")
            removed = None
        if removed is not None:
            self.deleted.append(removed)
            _notify(self.app, f"Deleted: {cut(bookmark.excerpt, 30)} (u to undo)")
        self.refresh_table()

    def action_undo(self) -> None:
        if not self.deleted:
            _notify(self.app, "Nothing to undo")
            return
        index, bookmark = self.deleted.pop()
        try:
            self.store.restore(index, bookmark)
        except BookmarkError as error:
            _notify(self.app, str(error), "error")
        self.refresh_table(keep=bookmark.id)

    def action_export(self) -> None:
        export_with_dialog(self.app, self.store)

    def action_import(self) -> None:
        import_with_dialog(self.app, self.store, done=self.refresh_table)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_table()
