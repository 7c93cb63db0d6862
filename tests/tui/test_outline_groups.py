"""The outline at many regions: grouped by province and prefecture, groups closed but
the reader's, opened by Enter or l, and followed into by the cursor."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from baogao.parsers import Corpus, Report, load
from baogao.seeds import seed_paths
from baogao.tui.app import BaogaoApp
from baogao.tui.widgets.outline import Outline
from tests.tui.helpers import widget_text

CORPUS = Path(__file__).parent.parent / "corpus"
SIZES = [(80, 24), (120, 36)]
XINJIANG, ILI, INNER_MONGOLIA = "新疆维吾尔自治区", "伊犁哈萨克自治州", "内蒙古自治区"


@pytest.fixture(scope="module")
def many_regions() -> tuple[Report, ...]:
    """17 regions: 14 provinces of 2026, 海拉尔区, the State Council, and the seeds'
    four places in 新疆; 海拉尔区 2013 first, so the app opens it."""
    real = sorted(str(path) for path in CORPUS.rglob("*.txt"))
    return load([*real, *map(str, seed_paths())]).reports


def outline_lines(app: BaogaoApp) -> list[str]:
    return widget_text(app, app.outline).splitlines()


def line_of(app: BaogaoApp, label: str) -> str:
    """The outline's row labelled `label` as drawn (on screen or scrolled out of it)."""
    outline = app.outline
    nodes = [node for node in outline.visible_nodes if node.label == label]
    assert nodes, outline.rows
    return outline.row_text(nodes[0], outline.scrollable_content_region.width).plain


async def cursor_to(pilot: object, outline: Outline, label: str) -> None:
    """Press j or k until the outline's cursor is on the row labelled `label`."""
    target = outline.rows.index(label)
    node = outline.cursor_node
    here = outline.rows.index(node.label) if node is not None else -1
    key = "j" if target > here else "k"
    for _ in range(abs(target - here)):
        await pilot.press(key)  # type: ignore[attr-defined]
    assert outline.cursor_node is not None and outline.cursor_node.label == label


@pytest.mark.parametrize("size", SIZES)
async def test_groups_are_shown_with_counts_and_closed_but_the_readers(
    many_regions: tuple[Report, ...], size: tuple[int, int]
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = app.outline.rows
        assert rows[0] == "全国"  # the State Council on top, a region of its own
        assert line_of(app, XINJIANG).startswith(f"▶ {XINJIANG} (5)")  # closed, 5 reports
        assert "伊宁市" not in rows
        # The reader is in 海拉尔区 2013: its province and prefecture are open.
        assert line_of(app, INNER_MONGOLIA).startswith(f"▼ {INNER_MONGOLIA} (4)")
        assert line_of(app, "呼伦贝尔市").strip().startswith("▼ 呼伦贝尔市 (4)")
        assert "海拉尔区" in rows
        assert "河北省" in rows  # a province of one report is a region, not a group
        width = app.outline.scrollable_content_region.width
        drawn = [app.outline.row_text(node, width).plain for node in app.outline.visible_nodes]
        assert all(cell_len(line) <= width for line in drawn)
        assert outline_lines(app)[3].startswith(f"▼ {INNER_MONGOLIA} (4)")  # as on screen


@pytest.mark.parametrize("size", SIZES)
async def test_enter_and_l_open_a_group_h_and_enter_close_it(
    many_regions: tuple[Report, ...], size: tuple[int, int]
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        outline = app.outline
        await cursor_to(pilot, outline, XINJIANG)
        await pilot.press("enter")
        assert ILI in outline.rows and "乌鲁木齐市" in outline.rows
        assert line_of(app, ILI).strip().startswith(f"▶ {ILI} (4)")
        await pilot.press("enter")
        assert ILI not in outline.rows
        await pilot.press("l")
        assert ILI in outline.rows
        await pilot.press("h")
        assert ILI not in outline.rows
        assert outline.cursor_node is not None and outline.cursor_node.label == XINJIANG


@pytest.mark.parametrize("size", SIZES)
async def test_a_region_inside_a_group_is_reached_with_keys_and_opened(
    many_regions: tuple[Report, ...], size: tuple[int, int]
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        outline = app.outline
        await cursor_to(pilot, outline, XINJIANG)
        await pilot.press("l", "l")  # open 新疆, down to its first child
        await cursor_to(pilot, outline, ILI)
        await pilot.press("l", "l")  # open 伊犁州, down to its first region
        await cursor_to(pilot, outline, "昭苏县")
        await pilot.press("enter")  # a region: its first document in the reader
        await pilot.pause()
        assert app.report is not None and app.report.meta.region == "昭苏县"
        assert "昭苏县" in line_of(app, "昭苏县")


@pytest.mark.parametrize("size", SIZES)
async def test_the_cursor_following_a_jump_into_a_closed_group_opens_it(
    many_regions: tuple[Report, ...], size: tuple[int, int]
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        outline = app.outline
        await cursor_to(pilot, outline, XINJIANG)
        await pilot.press("l", "l")
        await cursor_to(pilot, outline, "乌鲁木齐市")
        await pilot.press("l", "l", "enter")  # its report in the reader
        await pilot.pause()
        await cursor_to(pilot, outline, XINJIANG)
        await pilot.press("h")  # closed again
        assert "乌鲁木齐市" not in outline.rows
        await pilot.press("backspace")  # back to 海拉尔区
        await pilot.pause()
        await pilot.press("ctrl+right")  # and forward: into the closed group
        await pilot.pause()
        assert app.report is not None and app.report.meta.region == "乌鲁木齐市"
        assert line_of(app, XINJIANG).startswith(f"▼ {XINJIANG}")
        node = outline.cursor_node
        assert node is not None and node.entry.report is app.report
        assert node is outline.current_node


async def test_revealing_a_region_inside_a_closed_group_opens_the_group(
    many_regions: tuple[Report, ...],
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "新源县" not in app.outline.rows
        app.outline.reveal_region("新源县")  # as the region picker asks it
        await pilot.pause()
        node = app.outline.cursor_node
        assert node is not None and node.label == "新源县" and node.expanded
        assert line_of(app, XINJIANG).startswith("▼") and line_of(app, ILI).strip().startswith("▼")
        assert any(line.strip().startswith("▼ 新源县") for line in outline_lines(app))


async def test_long_group_names_are_cut_with_an_ellipsis_and_keep_their_count(
    many_regions: tuple[Report, ...],
) -> None:
    app = BaogaoApp(Corpus(many_regions, ()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["less_than_sign"] * 3)  # the narrowest outline
        await pilot.pause()
        line = line_of(app, XINJIANG).rstrip()
        assert "…" in line and line.endswith(" (5)")
        assert cell_len(line) <= app.outline.scrollable_content_region.width


async def test_reports_arriving_in_batches_group_the_outline_and_keep_the_cursor(
    many_regions: tuple[Report, ...],
) -> None:
    seeds = tuple(r for r in many_regions if Path(r.path).parent.name == "seeds")
    app = BaogaoApp(Corpus(seeds, ()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        outline = app.outline
        assert outline.rows[0] == "伊宁市"  # five seeds: four regions, flat, as before
        before = outline.cursor_node
        assert before is not None and before is outline.current_node
        outline.set_reports((*seeds, *many_regions[:10]))  # a batch more: 海拉尔区, provinces
        outline.set_reports(many_regions)  # and the rest
        await pilot.pause()
        assert outline.rows[0] == "全国"
        after = outline.cursor_node
        assert after is not None and after.key == before.key  # the same section
        assert after is outline.current_node
        assert line_of(app, XINJIANG).startswith(f"▼ {XINJIANG} (5)")  # opened for it
        assert line_of(app, INNER_MONGOLIA).startswith("▶")
        await pilot.press("j")  # and the keys go on from there
        assert outline.cursor_node is not None and outline.cursor_node is not after


async def test_new_reports_keep_opened_groups_open_and_closed_ones_closed(
    many_regions: tuple[Report, ...],
) -> None:
    app = BaogaoApp(Corpus(many_regions[:-1], ()))  # all but the last seed
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        outline = app.outline
        await cursor_to(pilot, outline, XINJIANG)
        await pilot.press("enter")  # opened
        await cursor_to(pilot, outline, INNER_MONGOLIA)
        await pilot.press("h")  # and closed
        outline.set_reports(many_regions)
        await pilot.pause()
        assert line_of(app, XINJIANG).startswith(f"▼ {XINJIANG} (5)")  # one more report
        assert line_of(app, INNER_MONGOLIA).startswith("▶")
        assert outline.cursor_node is not None and outline.cursor_node.label == INNER_MONGOLIA
