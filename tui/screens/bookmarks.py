"""The bookmarks screen, the note dialog and the file dialog for export and import.

The logic (store, anchoring, TOML) lives in `tui.bookmarks`; these screens only
ask the user and show the result. The app wires them with three one-liners:
`ask_and_add_bookmark`, `BookmarksScreen` and `export_with_dialog` /
`import_with_dialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static, TextArea

from baogao.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    Placement,
    bookmark_label,
    default_export_path,
    make_bookmark,
    place_all,
)
from baogao.display import cut, printable
from baogao.parsers.model import Location, Report

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


# --------------------------------------------------------------------------- the screen


class BookmarksScreen(ModalScreen[Location | None]):
    """Every bookmark: Enter jumps to it, e edits its note, d deletes (u undoes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "jump", "Go to bookmark", show=False),
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
        & DataTable { height: 1fr; }
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
        self.placements: dict[str, Placement | None] = {}
        self.deleted: list[tuple[int, Bookmark]] = []  # undo stack

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Bookmarks"
            yield DataTable(cursor_type="row", zebra_stripes=True, id="bookmark-table")
            yield Static(id="bookmark-detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.store.problem:
            _notify(self.app, self.store.problem, "warning")
        self.refresh_table()
        self.query_one(DataTable).focus()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#bookmark-table", DataTable)

    def refresh_table(self, keep: str | None = None) -> None:
        """Place every bookmark again and redraw; the cursor stays on `keep` (an id)."""
        table = self.table
        current = keep or self.current_id()
        row = table.cursor_row
        self.placements = place_all(self.store.bookmarks, self.reports)
        widths = column_widths(self.size.width or self.app.size.width)
        table.clear(columns=True)
        for (label, _), width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=width, key=label)
        table.add_column("Date", width=DATE_WIDTH, key="Date")
        for bookmark in self.store.bookmarks:
            cells = row_cells(bookmark, self.placements.get(bookmark.id), widths)
            table.add_row(*cells, key=bookmark.id)
        ids = [b.id for b in self.store.bookmarks]
        if current in ids:
            row = ids.index(current)
        if ids:
            table.move_cursor(row=min(max(row, 0), len(ids) - 1))
        count = len(ids)
        unplaced = sum(1 for b in self.store.bookmarks if self.placements.get(b.id) is None)
        title = f"Bookmarks ({count})"
        if unplaced:
            title += f", {unplaced} cannot be placed"
        self.query_one(Vertical).border_title = title
        self.show_detail()

    def current_id(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value

    def current(self) -> Bookmark | None:
        found = self.current_id()
        return next((b for b in self.store.bookmarks if b.id == found), None)

    def show_detail(self) -> None:
        bookmark = self.current()
        detail = self.query_one("#bookmark-detail", Static)
        if bookmark is None:
            detail.update(Text("No bookmarks yet. In the reader, b bookmarks a passage."))
        else:
            detail.update(detail_text(bookmark, self.placements.get(bookmark.id)))

    @on(DataTable.RowHighlighted)
    def row_highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        placement = self.placements.get(bookmark.id)
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

        def save(note: str | None) -> None:
            if note is None or note == bookmark.note:
                return
            try:
                self.store.set_note(bookmark.id, note)
            except BookmarkError as error:
                _notify(self.app, str(error), "error")
            self.refresh_table(keep=bookmark.id)

        self.app.push_screen(NoteDialog(bookmark.note, bookmark.excerpt, "Edit note"), save)

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
        if self.is_mounted and self.table.columns:
            self.refresh_table()
