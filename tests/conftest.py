"""Shared fixtures: the seeds, the gold file, and a private XDG tree for every test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from baogao.parsers import Corpus, Report, load
from baogao.seeds import seed_paths

GOLD_PATH = Path(__file__).parent / "gold" / "seeds.toml"


@pytest.fixture(autouse=True)
def private_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's data, config, cache or state."""
    root = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = root / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return root


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    with GOLD_PATH.open("rb") as file:
        return tomllib.load(file)


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    return load(seed_paths())


@pytest.fixture(scope="session")
def seed_reports(seed_corpus: Corpus) -> dict[str, Report]:
    """Parsed seeds by file name, e.g. seed_reports["001_ef57adda5fbd631f.txt"]."""
    return {Path(report.path).name: report for report in seed_corpus.reports}
