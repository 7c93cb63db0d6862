"""A property of the bookmark store: two real processes adding, editing, deleting,
importing and exporting at once, some killed mid-save, lose and duplicate nothing.

Each process works on bookmarks of its own (ids start with its name), so the two
sequences commute and the end state is known whatever the interleaving. A kill lands
just before or just after the rename of a save: that one change may be there or not
(the write is atomic), everything acknowledged before it must be there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baogao.bookmarks import Bookmark, BookmarkStore, merge_note
from baogao.bookmarks.file_format import dumps_bookmarks

WORKER = textwrap.dedent(
    """
    import json, os, sys
    from datetime import UTC, datetime
    from pathlib import Path
    import baogao.files
    from baogao.bookmarks import Bookmark, BookmarkStore

    def bookmark(id):
        return Bookmark(id=id, document="政府工作报告", path="/r.md", doc_key="sha1:0",
                        section_path=(), excerpt=id, start=0, end=1, note="",
                        created=datetime(2026, 1, 22, tzinfo=UTC))

    replace = os.replace

    def die_before(source, target):
        os._exit(9)

    def die_after(source, target):
        replace(source, target)
        os._exit(9)

    for line in sys.stdin:
        command = json.loads(line)
        if command.get("kill"):
            baogao.files.os.replace = die_before if command["kill"] == "before" else die_after
        store = BookmarkStore()
        op = command["op"]
        if op == "add":
            store.add(bookmark(command["id"]))
        elif op == "note":
            store.set_note(command["id"], command["note"])
        elif op == "delete":
            store.remove(command["id"])
        elif op == "import":
            store.import_file(Path(command["file"]))
        elif op == "export":
            BookmarkStore(read_only=True).export_file(Path(command["file"]))
        print("ok", flush=True)
    """
)

Present = str | None  # the note of a bookmark that is there, None when it is not


@dataclass
class Side:
    """One process's commands and what the store must then hold of its bookmarks."""

    name: str
    segments: list[list[dict[str, object]]] = field(default_factory=lambda: [[]])
    expected: dict[str, Present] = field(default_factory=dict)
    either: dict[str, tuple[Present, Present]] = field(default_factory=dict)  # killed saves
    acks: int = 0
    sent: int = 0
    failure: str | None = None  # what went wrong in the thread that drove it


SLOTS = st.integers(0, 3)
STEP = st.one_of(
    st.tuples(st.just("add"), SLOTS, st.just("")),
    st.tuples(st.just("note"), SLOTS, st.sampled_from(["甲", "b", "note \\n two"])),
    st.tuples(st.just("delete"), SLOTS, st.just("")),
    st.tuples(st.just("import"), SLOTS, st.just("")),
    st.tuples(st.just("export"), SLOTS, st.just("")),
)
KILL = st.sampled_from([None, None, None, None, "before", "after"])
SEQUENCE = st.lists(st.tuples(STEP, KILL), max_size=8)


def plan(name: str, steps: list[tuple[tuple[str, int, str], str | None]], folder: Path) -> Side:
    side = Side(name)
    notes: dict[str, Present] = {}
    for (op, slot, note), kill in steps:
        target = f"{name}{slot:015d}"
        if target in side.either:
            continue  # its state after a kill is one of two: leave it alone
        command: dict[str, object] = {"op": op, "id": target}
        before = notes.get(target)
        after = before
        if op == "add":
            after = before if before is not None else ""
        elif op == "note":
            after = None if before is None else note
            command["note"] = note
        elif op == "delete":
            after = None
        elif op == "import":
            imported = f"{name}i{slot:014d}"
            file = folder / f"{imported}.toml"
            file.write_text(dumps_bookmarks([_bookmark(imported)]), encoding="utf-8")
            command = {"op": "import", "file": str(file)}
            target, before = imported, notes.get(imported)
            after = "" if before is None else merge_note(before, "")
            kill = None
        elif op == "export":
            command = {"op": "export", "file": str(folder / f"{name}-export.toml")}
            kill = None
        if kill and before != after:
            command["kill"] = kill
            side.segments[-1].append(command)
            side.segments.append([])
            side.either[target] = (before, after)
            notes.pop(target, None)
            continue
        side.segments[-1].append(command)
        if op != "export":
            notes[target] = after
    side.expected = notes
    return side


def _bookmark(id: str) -> Bookmark:
    return Bookmark(
        id=id,
        document="政府工作报告",
        path="/r.md",
        doc_key="sha1:0",
        section_path=(),
        excerpt=id,
        start=0,
        end=1,
        note="",
        created=datetime(2026, 1, 22, tzinfo=UTC),
    )


def drive(side: Side) -> None:
    """Run the side's segments, a fresh process each: a segment ends with a kill."""
    for segment in side.segments:
        if not segment:
            continue
        lines = "".join(json.dumps(command) + "\n" for command in segment)
        done = subprocess.run(
            [sys.executable, "-c", WORKER],
            input=lines,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        side.sent += len(segment) - (1 if segment[-1].get("kill") else 0)
        side.acks += done.stdout.split().count("ok")
        if done.stderr:
            side.failure = done.stderr
            return


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=SEQUENCE, second=SEQUENCE)
def test_two_processes_with_kills_mid_save_lose_and_duplicate_nothing(
    first: list[tuple[tuple[str, int, str], str | None]],
    second: list[tuple[tuple[str, int, str], str | None]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path_factory.mktemp("property")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "data"))  # a fresh store for each example
    sides = [plan("a", first, folder), plan("b", second, folder)]
    threads = [threading.Thread(target=drive, args=(side,)) for side in sides]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for side in sides:
        assert side.failure is None, side.failure
        assert side.acks >= side.sent  # every command not killed was carried out
    final = BookmarkStore()
    ids = [b.id for b in final.bookmarks]
    assert len(ids) == len(set(ids)), "a bookmark was duplicated"
    held = {b.id: b.note for b in final.bookmarks}
    for side in sides:
        for id, note in side.expected.items():
            assert held.get(id) == note, f"{id}: expected {note!r}, found {held.get(id)!r}"
        for id, states in side.either.items():
            assert held.get(id) in states, f"{id}: {held.get(id)!r} is neither of {states}"
    final.save()  # the next save cleans what a killed writer left
    assert [p.name for p in final.path.parent.glob(".*.tmp")] == []
