"""Bytes to text: encodings, line ends, full-width digits, and input that is not a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from baogao.parsers import ReportError, load, parse
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


def test_full_width_digits_and_percent_read_as_ascii_but_punctuation_stays() -> None:
    assert normalise("增长６．５％左右，“十四五”：２０２５年") == "增长6．5%左右，“十四五”：2025年"


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
