"""Bytes to text: encodings, line ends, full-width digits, and input that is not a report."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from baogao.parsers import ReportError, load, parse, parse_text
from baogao.parsers.model import IndicatorKind
from baogao.parsers.source import normalise
from baogao.seeds import seed_paths

SEED = seed_paths()[0]
SEED_TEXT = SEED.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("gb18030", b""), ("gbk", b"")],
)
def test_common_encodings_give_the_same_report(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = write(tmp_path, f"report-{encoding}.txt", bom + SEED_TEXT.encode(encoding))
    report = parse(path)
    assert report.text == parse(SEED).text
    assert report.meta.region == "伊宁市"


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\r\r\n"])
def test_line_ends_read_as_one_line_break(tmp_path: Path, line_end: str) -> None:
    path = write(tmp_path, "crlf.txt", SEED_TEXT.replace("\n", line_end).encode("utf-8"))
    assert parse(path).text == parse(SEED).text


def test_full_width_digits_stay_as_written_and_are_read_as_ascii() -> None:
    written = "一、２０２５年工作回顾\n地区生产总值增长６．５％左右，“十四五”：２０２５年。\n"
    assert normalise(written) == written  # the text is what the report says
    report = parse_text("政府工作报告\n" + written)
    assert report.sections[-1].title == "一、２０２５年工作回顾"  # titles as written
    (gdp,) = [i for i in report.indicators if i.name == "地区生产总值"]
    assert (gdp.growth, gdp.period, gdp.kind) == (6.5, "2025", IndicatorKind.ACTUAL)


def test_empty_file_is_named_and_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"  \n\n")
    with pytest.raises(ReportError, match=r"empty\.txt: the file is empty"):
        parse(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    )
    with pytest.raises(ReportError, match=r"image\.txt: binary data"):
        parse(path)


def test_text_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", b"shopping list\n- milk\n- eggs\n" * 20)
    with pytest.raises(ReportError, match=r"notes\.txt: not a report"):
        parse(path)


def test_folder_with_a_non_report_loads_the_rest_and_names_the_bad_file(tmp_path: Path) -> None:
    write(tmp_path, "a_report.txt", SEED_TEXT.encode("gb18030"))
    write(tmp_path, "readme.txt", b"nothing to see here\n")
    write(tmp_path, "empty.md", b"")
    corpus = load([tmp_path, tmp_path / "missing.txt"])
    assert [Path(r.path).name for r in corpus.reports] == ["a_report.txt"]
    problems = sorted(str(error) for error in corpus.errors)
    assert len(problems) == 3
    assert any("readme.txt: not a report" in p for p in problems)
    assert any("empty.md: the file is empty" in p for p in problems)
    assert any("missing.txt: no such file or folder" in p for p in problems)


# ------------------------------------------------------------ encodings decided by evidence

# A traditional-Chinese report as a Hong Kong, Macao or Taiwan copy would hold it.
TRADITIONAL = """政府工作報告

各位代表：

現在，我代表市人民政府向大會報告工作，請予審議，並請政協委員和列席會議的同志提出意見。

一、過去一年工作回顧

過去一年，我們堅持穩中求進工作總基調，全市經濟社會發展取得新的進展。預計全年地區生產總值達到300億元，比上年增長6%；一般公共預算收入增長8%。我們深化改革開放，優化營商環境，推進重點項目建設，城鄉居民收入穩步增長，民生保障持續加強。

二、今年工作安排

今年是實施發展規劃的關鍵之年。主要預期目標是：地區生產總值增長6%左右，城鎮新增就業1萬人以上。我們將全力推動產業轉型升級，加快建設現代化經濟體系，不斷增強人民群眾的獲得感、幸福感、安全感。
"""


def test_big5_bytes_that_gb18030_also_decodes_are_read_as_traditional_chinese(
    tmp_path: Path,
) -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # no error: GB18030 alone would read this as mojibake
    report = parse(write(tmp_path, "traditional.txt", data))
    assert report.text.startswith("政府工作報告")
    assert "地區生產總值" in report.text
    assert [section.title for section in report.sections][-2:] == [
        "一、過去一年工作回顧",
        "二、今年工作安排",
    ]


def test_simplified_gbk_is_not_taken_for_big5(tmp_path: Path) -> None:
    report = parse(write(tmp_path, "gbk.txt", SEED_TEXT.encode("gbk")))
    assert report.text == parse(SEED).text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(tmp_path: Path, encoding: str) -> None:
    report = parse(write(tmp_path, f"{encoding}.txt", SEED_TEXT.encode(encoding)))
    assert report.text == parse(SEED).text
    traditional = parse(write(tmp_path, "t.txt", TRADITIONAL.encode(encoding)))
    assert traditional.text.startswith("政府工作報告")


def test_bytes_no_encoding_reads_as_chinese_are_refused_not_parsed_as_mojibake(
    tmp_path: Path,
) -> None:
    noise = random.Random(7)
    data = bytes(noise.randrange(0xA1, 0xFE) for _ in range(6000))  # valid GB2312, no sense
    with pytest.raises(ReportError, match=r"noise\.txt: unknown text encoding: neither"):
        parse(write(tmp_path, "noise.txt", data))


def test_c1_and_c0_control_characters_are_stripped_from_report_text() -> None:
    text = normalise("增长\x9b2J6%，\x1b]0;title\x07推动\x85发展\x9d")
    assert text == "增长2J6%，]0;title推动发展"
    assert not any("\x80" <= ch <= "\x9f" or ch < "\n" for ch in text)


# ------------------------------------------------------- file kinds and walking folders


def test_a_fifo_is_refused_by_kind_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes: opening it would block forever
    with pytest.raises(ReportError, match=r"pipe\.txt: a named pipe \(FIFO\), not a file"):
        parse(fifo)
    corpus = load([fifo])
    assert [error.problem for error in corpus.errors] == ["a named pipe (FIFO), not a file"]


def test_dev_zero_is_refused_as_a_device() -> None:
    corpus = load(["/dev/zero"])
    assert [str(error) for error in corpus.errors] == ["/dev/zero: a character device, not a file"]


def test_a_symlink_loop_is_named_as_a_loop_not_as_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    corpus = load([tmp_path / "a.txt", tmp_path])
    problems = sorted(str(error) for error in corpus.errors)
    assert problems == [
        f"{tmp_path / 'a.txt'}: a symbolic link loop",
        f"{tmp_path / 'a.txt'}: a symbolic link loop",
        f"{tmp_path / 'b.txt'}: a symbolic link loop",
        f"{tmp_path / 'gone.txt'}: a broken symbolic link",
    ]


def test_a_folder_linking_to_itself_is_walked_once(tmp_path: Path) -> None:
    sub = tmp_path / "county"
    sub.mkdir()
    write(sub, "report.txt", SEED_TEXT.encode("utf-8"))
    (sub / "again").symlink_to(tmp_path)
    corpus = load([tmp_path])
    assert [Path(report.path).name for report in corpus.reports] == ["report.txt"]
    assert [error.problem for error in corpus.errors] == ["a symbolic link loop (not followed)"]


def unreadable_folder_layout(tmp_path: Path) -> tuple[Path, Path]:
    write(tmp_path, "a_report.txt", SEED_TEXT.encode("utf-8"))
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked, "secret.txt", SEED_TEXT.encode("utf-8"))
    write(tmp_path, "z_report.txt", SEED_TEXT.encode("gbk"))
    return tmp_path, locked


def test_an_unreadable_folder_is_named_and_the_other_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a normal user meets it; simulated, for the tests also run as root."""
    folder, locked = unreadable_folder_layout(tmp_path)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    corpus = load([folder])
    assert [Path(r.path).name for r in corpus.reports] == ["a_report.txt", "z_report.txt"]
    assert [str(e) for e in corpus.errors] == [f"{locked}: permission denied (folder skipped)"]


def test_an_unreadable_file_is_named_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = unreadable_folder_layout(tmp_path)
    real_open = open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("a_report.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", guarded_open)
    corpus = load([folder])
    assert [Path(r.path).name for r in corpus.reports] == ["secret.txt", "z_report.txt"]
    assert [e.problem for e in corpus.errors] == ["permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
@pytest.mark.parametrize("mode", [0o000, 0o600])  # no read, and read without x
def test_a_folder_without_permission_as_a_normal_user(tmp_path: Path, mode: int) -> None:
    folder, locked = unreadable_folder_layout(tmp_path)
    locked.chmod(mode)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "baogao.cli", "dump", str(folder)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        locked.chmod(0o755)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert len(json.loads(run.stdout)["documents"]) == 2
    assert str(locked) in run.stderr


def test_control_characters_in_a_file_name_are_escaped_in_the_message(tmp_path: Path) -> None:
    path = write(tmp_path, "evil\x1b]0;owned\x07\x9b2J.txt", b"")
    with pytest.raises(ReportError) as caught:
        parse(path)
    message = str(caught.value)
    assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in message)
    assert "evil\\x1b]0;owned\\x072J" not in message and "\\x9b2J.txt" in message


def test_files_of_other_kinds_in_a_folder_are_skipped_and_counted(tmp_path: Path) -> None:
    write(tmp_path, "report.txt", SEED_TEXT.encode("utf-8"))
    write(tmp_path, "chart.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "data.xlsx", b"PK\x03\x04")
    write(tmp_path, ".hidden.txt", b"not walked")
    corpus = load([tmp_path])
    assert [Path(r.path).name for r in corpus.reports] == ["report.txt"]
    assert corpus.errors == ()
    assert sorted(p.name for p in corpus.skipped) == ["chart.png", "data.xlsx"]
