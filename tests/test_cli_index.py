"""`baogao index` fills the corpus store headless; `--no-cache` bypasses it everywhere."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from baogao.seeds import seed_paths
from baogao.store.database import DATABASE_NAME


def baogao(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "baogao", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=os.environ)


def stored(private_xdg: Path) -> int:
    path = private_xdg / "xdg_cache_home" / "baogao" / DATABASE_NAME
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        count: int = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    return count


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in seed_paths():
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_index_stores_every_report_and_prints_progress_lines_off_a_terminal(
    tmp_path: Path, private_xdg: Path
) -> None:
    result = baogao("index", str(seed_folder(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert stored(private_xdg) == 5
    lines = result.stderr.splitlines()
    assert lines[-2] == "indexed 5/5 files, " + lines[-2].split(", ")[1]  # plain lines
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert lines[-1].startswith("5 reports in the store")


def test_index_names_a_bad_file_and_a_missing_path_and_stores_the_rest(
    tmp_path: Path, private_xdg: Path
) -> None:
    folder = seed_folder(tmp_path)
    (folder / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    result = baogao("index", str(folder), str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert f"baogao: {folder / 'bad.txt'}: binary data" in result.stderr
    assert f"baogao: {tmp_path / 'nowhere'}: no such file or folder" in result.stderr
    assert stored(private_xdg) == 5


def test_dump_after_index_reads_the_store_and_prints_the_same_json(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    fresh = baogao("dump", "--no-cache", str(folder))
    assert baogao("index", str(folder)).returncode == 0
    again = baogao("dump", str(folder))
    assert again.returncode == 0 and fresh.returncode == 0
    assert json.loads(again.stdout) == json.loads(fresh.stdout)


def test_no_cache_leaves_no_store_behind(tmp_path: Path, private_xdg: Path) -> None:
    folder = seed_folder(tmp_path)
    assert baogao("dump", "--no-cache", str(folder)).returncode == 0
    assert baogao("indicators", "--no-cache", str(folder)).returncode == 0
    assert stored(private_xdg) == 0
    assert baogao("indicators", str(folder)).returncode == 0
    assert stored(private_xdg) == 5


def test_a_damaged_store_is_named_once_on_stderr_and_dump_still_works(
    tmp_path: Path, private_xdg: Path
) -> None:
    database = private_xdg / "xdg_cache_home" / "baogao" / DATABASE_NAME
    database.parent.mkdir(parents=True)
    database.write_bytes(b"garbage" * 2000)
    result = baogao("dump", str(seed_folder(tmp_path)))
    assert result.returncode == 0
    notices = [line for line in result.stderr.splitlines() if "corpus store" in line]
    assert len(notices) == 1 and "set aside" in notices[0]
    assert len(json.loads(result.stdout)["documents"]) == 5


def test_an_unusable_cache_folder_is_one_notice_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocker)}
    command = [sys.executable, "-m", "baogao", "indicators", *map(str, seed_paths())]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0
    assert result.stderr.count("corpus store is unavailable") == 1


def test_opening_with_no_cache_takes_the_flag_out_of_the_paths(
    tmp_path: Path, private_xdg: Path
) -> None:
    result = baogao("--no-cache", str(tmp_path / "nowhere.txt"))
    assert result.returncode == 1
    assert "--no-cache: no such file" not in result.stderr
    assert f"{tmp_path / 'nowhere.txt'}: no such file or folder" in result.stderr
    assert stored(private_xdg) == 0


def test_index_without_a_usable_store_says_so_and_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocker)}
    command = [sys.executable, "-m", "baogao", "index", *map(str, seed_paths())]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "corpus store is unavailable" in result.stderr
    assert "0 reports in the store" in result.stderr
