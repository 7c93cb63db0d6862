"""A damaged corpus store costs a parse, never the app: it is set aside, rebuilt, and
the reader is told once, on the notice line."""

from __future__ import annotations

from pathlib import Path

from baogao.store.database import DATABASE_NAME
from baogao.tui.app import BaogaoApp
from tests.tui.helpers import widget_text


async def test_a_damaged_store_is_set_aside_and_rebuilt_with_a_notice(private_xdg: Path) -> None:
    store = private_xdg / "xdg_cache_home" / "baogao" / DATABASE_NAME
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database at all " * 500)
    app = BaogaoApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notice = " ".join(
            line.strip() for line in widget_text(app, app.query_one("#notices")).splitlines()
        )
        assert "corpus store was damaged" in notice and "rebuilt" in notice
        assert "各位代表" in app.reader.visible_text()  # the seeds are read all the same
    assert list(store.parent.glob(f"{DATABASE_NAME}.corrupt-*"))
    assert store.read_bytes().startswith(b"SQLite format 3")
