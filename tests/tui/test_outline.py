"""The outline: a region's documents in year order; its messages name the outline."""

from __future__ import annotations

import pytest
from textual import on
from textual.message import Message

from baogao.parsers import Corpus
from baogao.parsers.model import Metadata, Report
from baogao.tui.app import BaogaoApp
from baogao.tui.widgets.outline import Outline, regions
from tests.tui.helpers import widget_text


def work_report(path: str, region: str, plan_year: int | None) -> Report:
    text = f"{region}政府工作报告\n各位代表：{plan_year}年的工作。\n"
    meta = Metadata(region=region, doc_type="政府工作报告", plan_year=plan_year)
    return Report(path, text, meta, ())


def plan(path: str, region: str, period: str) -> Report:
    text = f"{region}国民经济和社会发展第十四个五年规划纲要\n{period}年。\n"
    meta = Metadata(region=region, doc_type="五年规划纲要", plan_period=period)
    return Report(path, text, meta, ())


# Opened as a folder lists them: by file name, not by year.
REPORTS = (
    work_report("/r/a-2026.txt", "甲县", 2026),
    work_report("/r/b-undated.txt", "甲县", None),
    plan("/r/c-plan.txt", "甲县", "2021-2025"),
    work_report("/r/d-2024.txt", "甲县", 2024),
    work_report("/r/e-2025.txt", "乙市", 2025),
)


def test_a_regions_documents_are_in_year_order_those_without_a_year_last() -> None:
    grouped = regions(REPORTS)
    assert list(grouped) == ["甲县", "乙市"]  # regions as first met
    assert [r.path for r in grouped["甲县"]] == [
        "/r/c-plan.txt",  # 2021-2025 counts from 2021
        "/r/d-2024.txt",
        "/r/a-2026.txt",
        "/r/b-undated.txt",
    ]


async def test_the_outline_shows_a_regions_documents_by_year() -> None:
    app = BaogaoApp(Corpus(REPORTS, ()))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        lines = widget_text(app, app.outline).splitlines()
        years = [line.strip() for line in lines if "报告" in line or "规划" in line]
        assert "2021-2025" in years[0]
        assert "2024" in years[1]
        assert "2026" in years[2]
        assert "乙市" in widget_text(app, app.outline)


class Recording(BaogaoApp):
    """Keeps the outline's messages, as any handler of them sees them."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(corpus)
        self.seen: list[Message] = []

    @on(Outline.Opened)
    @on(Outline.RegionChosen)
    def record(self, message: Message) -> None:
        self.seen.append(message)


async def test_enter_in_the_outline_opens_the_document_and_the_messages_name_the_outline() -> None:
    app = Recording(Corpus(REPORTS, ()))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in range(len(app.outline.rows)):
            node = app.outline.cursor_node
            if node is not None and node.label == "乙市":
                break
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert "乙市政府工作报告" in widget_text(app, app.reader)  # the region's first document
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "2025年的工作" in widget_text(app, app.reader)
        assert [type(m) for m in app.seen] == [Outline.RegionChosen, Outline.Opened]
        assert all(m.control is app.outline for m in app.seen)


async def test_the_outline_names_the_format_of_a_report_read_from_a_pdf_or_web_page() -> None:
    from dataclasses import replace

    from baogao.parsers import load
    from baogao.parsers.model import SourceFormat
    from baogao.seeds import seed_paths
    from tests.tui.helpers import screen_text

    seed = load([seed_paths()[0]]).reports[0]
    as_pdf = replace(  # another text: identical texts are listed once
        seed, path="/reports/yining.pdf", text=seed.text + "\n", source_format=SourceFormat.PDF
    )
    app = BaogaoApp(corpus=Corpus((seed, as_pdf), ()))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = app.outline.rows
        assert "政府工作报告 2026 · PDF" in rows
        assert "政府工作报告 2026" in rows  # the text file is not marked
        assert "· PDF" in screen_text(app)


@pytest.mark.parametrize(("size", "badge"), [((80, 24), " 回"), ((120, 36), " 回顾")])
async def test_kind_badges_take_one_character_in_a_narrow_outline(
    size: tuple[int, int], badge: str
) -> None:
    """At 80 columns the title keeps the room: 回 for 回顾, and help says what each means."""
    app = BaogaoApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = widget_text(app, app.outline).splitlines()
        review = next(row.rstrip(" ▎") for row in rows if "一、" in row)
        assert review.endswith(badge)
        assert not review.endswith("回顾") or badge == " 回顾"
        await pilot.press("question_mark", "G")  # the legend is under the keys
        await pilot.pause()
        legend = app.screen.query_one("#help-badges")
        assert "重点工作 / 重" in widget_text(app, legend)
