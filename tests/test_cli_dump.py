"""`baogao dump`: the JSON contract, folders, and bad files reported while the rest is dumped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from baogao.seeds import seed_paths

DOC_KEYS = {
    "path", "source_format", "title", "region", "doc_type", "date", "speaker", "review_year", "plan_year",
    "plan_period", "region_parent", "region_level", "copies", "sections", "glossary",
    "indicators",
}  # fmt: skip
SECTION_KEYS = {"title", "kind", "level", "start", "end", "children"}


def baogao(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "baogao", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_dump_prints_every_seed_with_the_documented_keys() -> None:
    result = baogao("dump", *map(str, seed_paths()))
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert len(documents) == 5
    for document in documents:
        assert set(document) == DOC_KEYS
        assert all(set(section) == SECTION_KEYS for section in document["sections"])
    first = documents[0]
    assert first["region"] == "伊宁市" and first["date"] == "2026-01-20"


def test_dump_of_a_folder_reports_the_bad_file_and_still_dumps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(seed_paths()[3].read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    result = baogao("dump", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.txt'}: binary data" in result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [Path(d["path"]).name for d in documents] == ["good.txt"]


def test_dump_without_paths_uses_the_bundled_seeds() -> None:
    result = baogao("dump")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["documents"]) == 5
