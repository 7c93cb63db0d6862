"""Issue 16, items 5 and 6, where a user meets them: a figure of hundreds of digits in
`baogao dump` / `baogao indicators`, and a report written on one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from baogao.parsers import indicators, parse_text
from baogao.parsers.source import read_text
from baogao.seeds import seed_paths

HUGE = "地区生产总值" + "9" * 400 + "亿元，同比增长5%。"
REPORT = "政府工作报告\n各位代表：\n一、2025年工作回顾\n{body}\n二、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n"


def baogao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baogao", *args], capture_output=True, text=True, timeout=120
    )


def refuse_constant(name: str) -> float:
    raise ValueError(f"not JSON: {name}")


def test_dump_of_a_figure_of_400_digits_is_strict_json(tmp_path: Path) -> None:
    report = tmp_path / "huge.txt"
    report.write_text(REPORT.format(body=HUGE), encoding="utf-8")
    result = baogao("dump", str(report))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout, parse_constant=refuse_constant)
    rows = document["documents"][0]["indicators"]
    assert all(row["value"] is None or row["value"] < 1e300 for row in rows)
    assert any(row["growth"] == 5.0 and row["kind"] == "actual" for row in rows)


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_indicators_of_a_figure_of_400_digits_print_without_a_traceback(
    tmp_path: Path, output: str
) -> None:
    report = tmp_path / "huge.txt"
    report.write_text(REPORT.format(body=HUGE), encoding="utf-8")
    result = baogao("indicators", "--format", output, str(report))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "inf" not in result.stdout.lower()


def scanned_by_markers(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters the marker searches read while the figures of `text` are extracted."""
    total = 0
    original = indicators._last_end

    def counting(pattern: object, searched: str) -> int:
        nonlocal total
        total += len(searched)
        return original(pattern, searched)  # type: ignore[arg-type]

    monkeypatch.setattr(indicators, "_last_end", counting)
    parse_text(text, "one-line")
    monkeypatch.setattr(indicators, "_last_end", original)
    return total


def test_a_report_on_one_line_is_read_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each figure used to rescan its whole paragraph: on one line, the whole report
    (116 s at 5 MB). The work per character must not grow with the length."""
    line = "".join(read_text(path).replace("\n", "") for path in seed_paths())
    small = scanned_by_markers(line[:20_000], monkeypatch)
    large = scanned_by_markers((line * 3)[:160_000], monkeypatch)
    assert small > 0
    assert large / small < 8 * 2  # 8 times the text: at most twice the work per character
