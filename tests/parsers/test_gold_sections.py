"""The section trees and metadata of the seeds match the hand-labelled gold file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from baogao.parsers import Report
from baogao.parsers.model import SectionKind

GOLD_PATH = Path(__file__).parents[1] / "gold" / "seeds.toml"

MARKS = re.compile(r"[\s*#]")


def norm(title: str) -> str:
    return MARKS.sub("", title)


def gold_docs() -> list[dict[str, Any]]:
    with GOLD_PATH.open("rb") as file:
        return tomllib.load(file)["doc"]


DOCS = {doc["file"]: doc for doc in gold_docs()}


def body_sections(report: Report):
    return [s for s in report.sections if s.kind != SectionKind.FRONT]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_top_level_titles_in_order(name: str, seed_reports: dict[str, Report]) -> None:
    expected = [norm(s["title"]) for s in DOCS[name]["sections"]]
    assert [norm(s.title) for s in body_sections(seed_reports[name])] == expected


@pytest.mark.parametrize("name", sorted(DOCS))
def test_top_level_kinds(name: str, seed_reports: dict[str, Report]) -> None:
    for gold, section in zip(
        DOCS[name]["sections"], body_sections(seed_reports[name]), strict=True
    ):
        if gold["kind"]:
            assert section.kind == gold["kind"], section.title


@pytest.mark.parametrize("name", sorted(DOCS))
def test_child_counts_and_first_children(name: str, seed_reports: dict[str, Report]) -> None:
    for gold, section in zip(
        DOCS[name]["sections"], body_sections(seed_reports[name]), strict=True
    ):
        if "children" in gold:
            assert len(section.children) == gold["children"], section.title
        if "first_child" in gold:
            # a lead-sentence heading's title runs to its full stop; gold names its start
            assert norm(section.children[0].title).startswith(norm(gold["first_child"]))


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize(
    "field", ["region", "doc_type", "date", "speaker", "review_year", "plan_year", "plan_period"]
)
def test_metadata(name: str, field: str, seed_reports: dict[str, Report]) -> None:
    expected = DOCS[name].get(field)
    assert getattr(seed_reports[name].meta, field) == expected


def test_front_matter_is_its_own_node(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        front = report.sections[0]
        assert front.kind == SectionKind.FRONT
        assert "各位代表" in report.text[front.start : front.end] or "规划纲要" in report.title


def test_sub_sections_inherit_their_roots_kind(seed_reports: dict[str, Report]) -> None:
    for report in seed_reports.values():
        for root in report.sections:
            assert all(node.kind == root.kind for node in root.walk())
            assert all(child.level == root.level + 1 for child in root.children)
