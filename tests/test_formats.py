"""Reports as people get them: the seeds laid out as PDF, web pages and Word files read
back into the same report as their .txt, with none of the page debris, and every file
that cannot be read refused in one line that names it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baogao.cli import main
from baogao.parsers import Report, ReportError, SourceFormat, parse, reader_text
from baogao.parsers.formats.pdf import pdf_text
from baogao.seeds import seed_paths
from tests.documents import Block, seed_blocks, write_docx, write_html, write_pdf

FORMATS = ("pdf", "html-utf8", "html-gbk", "docx")
RUNNING_HEADER = "伊宁市人民政府文件（送审稿）"  # on every PDF page, never in a seed
PAGE_DEBRIS = (
    "首页", "> 政务公开", "当前位置", "扫一扫", "打印本页", "关闭窗口", "备案号", "ICP备",
    "发布时间", "浏览次数", "统计代码", "_hmt", "相关链接", "网站标识码", "长者模式",
    RUNNING_HEADER,
)  # fmt: skip


def write_format(blocks: list[Block], folder: Path, stem: str, kind: str) -> Path:
    if kind == "pdf":
        return write_pdf(blocks, folder / f"{stem}.pdf", header=RUNNING_HEADER)
    if kind == "docx":
        return write_docx(blocks, folder / f"{stem}.docx")
    encoding = "gbk" if kind == "html-gbk" else "utf-8"
    return write_html(blocks, folder / f"{stem}-{encoding}.html", encoding=encoding)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every seed in every format, written once for the module."""
    folder = tmp_path_factory.mktemp("formats")
    made = {}
    for seed in seed_paths():
        blocks = seed_blocks(seed)
        for kind in FORMATS:
            made[seed.name, kind] = write_format(blocks, folder, seed.stem, kind)
    return made


@pytest.fixture(scope="module")
def txt_reports() -> dict[str, Report]:
    return {seed.name: parse(seed) for seed in seed_paths()}


def indicator_rows(report: Report) -> set[tuple[object, ...]]:
    return {
        (row.name, row.period, str(row.kind), row.value, row.unit, row.growth, row.qualifier)
        for row in report.indicators
    }


SEED_FORMATS = [(seed.name, kind) for seed in seed_paths() for kind in FORMATS]


@pytest.mark.parametrize("seed,kind", SEED_FORMATS)
def test_each_format_gives_the_report_of_its_txt(
    documents: dict[tuple[str, str], Path], txt_reports: dict[str, Report], seed: str, kind: str
) -> None:
    expected = txt_reports[seed]
    report = parse(documents[seed, kind])
    assert [(s.title, s.kind) for s in report.sections] == [
        (s.title, s.kind) for s in expected.sections
    ]
    rows, expected_rows = indicator_rows(report), indicator_rows(expected)
    assert len(rows & expected_rows) >= 0.95 * len(expected_rows)
    assert [(t.key, t.definition) for t in report.glossary] == [
        (t.key, t.definition) for t in expected.glossary
    ]
    assert report.meta.region == expected.meta.region
    assert report.source_format == SourceFormat(kind.split("-")[0])


@pytest.mark.parametrize("seed,kind", SEED_FORMATS)
def test_text_holds_none_of_the_page_debris(
    documents: dict[tuple[str, str], Path], seed: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["text", str(documents[seed, kind])]) == 0
    printed = capsys.readouterr().out
    for debris in PAGE_DEBRIS:
        assert debris not in printed, debris
    lines = printed.splitlines()
    assert not [line for line in lines if line.strip(" -—").isdigit()]  # no `- 3 -`
    assert not any(line.startswith(("#", "<")) or "**" in line for line in lines)


def test_text_is_what_the_offsets_point_into(documents: dict[tuple[str, str], Path]) -> None:
    path = documents[seed_paths()[1].name, "pdf"]
    report = parse(path)
    assert reader_text(path) == report.text
    row = report.indicators[0]
    assert report.text[row.start : row.end] in row.sentence


def test_a_pdf_reads_as_the_very_text_of_its_txt(
    documents: dict[tuple[str, str], Path], txt_reports: dict[str, Report]
) -> None:
    """Page headers and numbers dropped, paragraphs joined across every page break."""
    for seed in seed_paths():
        assert parse(documents[seed.name, "pdf"]).text == txt_reports[seed.name].text


def test_a_sentence_split_across_pages_is_one_paragraph(tmp_path: Path) -> None:
    sentence = "全年接待游客2764万人次，游客花费197亿元，同比分别增长16.4%、19.5%。"
    long = "，".join(["深入实施旅游兴市战略，推动文旅深度融合"] * 120) + "。" + sentence
    blocks = [Block("各位代表："), Block(long)]
    path = write_pdf(blocks, tmp_path / "split.pdf", header=RUNNING_HEADER)
    text = pdf_text(path.read_bytes(), "split.pdf")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert paragraphs == ["各位代表：", long]


def test_pdf_heading_lines_in_a_larger_face_become_heading_lines(
    documents: dict[tuple[str, str], Path],
) -> None:
    text = pdf_text(documents[seed_paths()[0].name, "pdf"].read_bytes(), "r.pdf")
    assert "## 一、“十四五”和2025年工作回顾" in text.splitlines()
    assert "## 二、2026年重点工作安排" in text.splitlines()


def test_gbk_page_declared_in_its_meta_reads_as_the_utf8_page(
    documents: dict[tuple[str, str], Path],
) -> None:
    seed = seed_paths()[2].name
    assert documents[seed, "html-gbk"].read_bytes() != documents[seed, "html-utf8"].read_bytes()
    assert reader_text(documents[seed, "html-gbk"]) == reader_text(documents[seed, "html-utf8"])


def test_format_is_decided_by_content_not_by_the_name(
    documents: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    seed = seed_paths()[0].name
    for kind in ("pdf", "html-utf8", "docx"):
        renamed = tmp_path / f"{kind}.txt"
        renamed.write_bytes(documents[seed, kind].read_bytes())
        assert parse(renamed).source_format == SourceFormat(kind.split("-")[0])


def test_dump_records_the_source_format(
    documents: dict[tuple[str, str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seed_paths()[0]
    paths = [str(seed)] + [str(documents[seed.name, kind]) for kind in ("pdf", "html-gbk", "docx")]
    assert main(["dump", *paths]) == 0
    formats = [doc["source_format"] for doc in json.loads(capsys.readouterr().out)["documents"]]
    assert formats == ["txt", "pdf", "html", "docx"]


def test_docx_heading_styles_tables_and_no_header_or_footer(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = RUNNING_HEADER
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    document.add_paragraph("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。")
    document.add_heading("一、2025年工作回顾", level=1)
    document.add_paragraph("全市地区生产总值增长6%，经济运行总体平稳、稳中有进。")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("指标", "增速"), ("地区生产总值", "6%")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("二是持续扩大有效投资，固定资产投资增长8%。")
    path = tmp_path / "r.docx"
    document.save(str(path))
    text = reader_text(path)
    lines = text.splitlines()
    assert lines[1] == "一、2025年工作回顾"
    assert "地区生产总值 | 6%" in lines
    assert lines.index("地区生产总值 | 6%") < lines.index(
        "二是持续扩大有效投资，固定资产投资增长8%。"
    )
    assert RUNNING_HEADER not in text and "- 1 -" not in text


# ---------------------------------------------------------------- what cannot be read


def scanned_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for _ in range(2):
        pdf.rect(72, 72, 400, 600, fill=1)  # a page image stands for the scan
        pdf.showPage()
    pdf.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    blocks = [Block("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。" * 3)]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(72, 700, blocks[0].text[:30])
    pdf.save()
    return path


def legacy_word(path: Path) -> Path:
    """The first bytes of a Word 97-2003 or WPS file: an OLE2 compound document."""
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "政府工作报告".encode("utf-16-le")
    )
    return path


def corrupt_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + b"\x00garbage" * 40)
    return path


def spreadsheet(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path.write_bytes(buffer.getvalue())
    return path


def page_without_article(path: Path) -> Path:
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开</title></head><body>'
        '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul>'
        "<div>您访问的页面不存在</div>"
        '<div class="footer">备案号：新ICP备12345678号</div></body></html>'
    )
    path.write_text(page, encoding="utf-8")
    return path


UNREADABLE = [
    (
        "scan.pdf",
        scanned_pdf,
        r"a PDF without a text layer \(a scanned document\?\): OCR is not supported",
    ),
    ("locked.pdf", encrypted_pdf, "an encrypted PDF"),
    ("old.doc", legacy_word, r"a Word 97-2003 \(\.doc\) or WPS file.*: save it as \.docx"),
    ("old.wps", legacy_word, r"a Word 97-2003 \(\.doc\) or WPS file.*: save it as \.docx"),
    ("broken.docx", corrupt_zip, "a corrupt zip file"),
    ("table.docx", spreadsheet, r"a spreadsheet \(\.xlsx\), not a report"),
    ("empty.html", page_without_article, "a web page without article text"),
]


@pytest.mark.parametrize("name,make,message", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_file_that_cannot_be_read_is_named_and_explained(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = make(tmp_path / name)  # type: ignore[operator]
    with pytest.raises(ReportError, match=rf"^{re.escape(str(tmp_path / name))}: {message}"):
        parse(path)


def test_a_mixed_folder_dumps_the_good_files_and_names_each_bad_one(
    documents: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    seed = seed_paths()[0]
    folder = tmp_path / "reports"
    (folder / "county").mkdir(parents=True)
    (folder / "a.txt").write_bytes(seed.read_bytes())
    for kind in ("pdf", "html-gbk", "docx"):
        source = documents[seed.name, kind]
        (folder / "county" / source.name).write_bytes(source.read_bytes())
    for name, make, _ in UNREADABLE:
        make(folder / name)  # type: ignore[operator]
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "figures.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    run = subprocess.run(
        [sys.executable, "-m", "baogao.cli", "dump", str(folder)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1
    dumped = json.loads(run.stdout)["documents"]
    assert sorted(doc["source_format"] for doc in dumped) == ["docx", "html", "pdf", "txt"]
    problems = run.stderr.splitlines()
    assert "baogao: skipped 3 files of other kinds (1 .jpg, 1 .png, 1 .xlsx)" in problems
    for name, _, message in UNREADABLE:
        said = rf"baogao: {re.escape(str(folder / name))}: {message}"
        assert sum(re.match(said, line) is not None for line in problems) == 1
    assert len(problems) == len(UNREADABLE) + 1


def test_reading_text_files_imports_no_format_library() -> None:
    code = (
        "import sys; from baogao.cli import main; main(['dump', sys.argv[1]]);"
        "print([m for m in ('pypdfium2', 'lxml', 'docx') if m in sys.modules], file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(seed_paths()[0])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_docx_custom_styles_with_an_outline_level_are_headings(tmp_path: Path) -> None:
    """Chinese templates name their own heading styles (一级标题) and give an outline level."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    style = document.styles.add_style("一级标题", WD_STYLE_TYPE.PARAGRAPH)
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    style.element.get_or_add_pPr().append(level)
    body = document.styles.add_style("正文文本", WD_STYLE_TYPE.PARAGRAPH)
    body_level = OxmlElement("w:outlineLvl")
    body_level.set(qn("w:val"), "9")  # 9 is body text
    body.element.get_or_add_pPr().append(body_level)
    document.add_paragraph("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。")
    document.add_paragraph("过去一年工作回顾", style="一级标题")
    document.add_paragraph("全市地区生产总值增长6%，经济运行总体平稳、稳中有进", style="正文文本")
    path = tmp_path / "styles.docx"
    document.save(str(path))
    from baogao.parsers.formats.word import docx_text

    lines = docx_text(path.read_bytes(), "styles.docx").splitlines()
    assert lines[1:] == [
        "## 过去一年工作回顾",
        "全市地区生产总值增长6%，经济运行总体平稳、稳中有进",
    ]


def test_markdown_that_opens_with_a_tag_stays_markdown(
    tmp_path: Path, txt_reports: dict[str, Report]
) -> None:
    seed = seed_paths()[0]
    path = tmp_path / "report.md"
    path.write_text('<div align="center">\n\n' + seed.read_text(encoding="utf-8"), "utf-8")
    report = parse(path)
    assert report.source_format == SourceFormat.MD
    assert [s.title for s in report.sections] == [s.title for s in txt_reports[seed.name].sections]


def test_a_saved_article_fragment_named_html_is_read_as_a_web_page(tmp_path: Path) -> None:
    blocks = seed_blocks(seed_paths()[3])
    page = "\n".join(f"<p>{block.plain}</p>" for block in blocks)
    path = tmp_path / "article.html"
    path.write_text(f'<div class="TRS_Editor">\n{page}\n</div>', encoding="utf-8")
    report = parse(path)
    assert report.source_format == SourceFormat.HTML
    assert report.text == parse(seed_paths()[3]).text


def test_text_prints_each_report_under_its_name_and_names_the_bad_ones(
    documents: dict[tuple[str, str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seed_paths()[4]
    pdf = documents[seed.name, "pdf"]
    broken = corrupt_zip(tmp_path / "broken.docx")
    assert main(["text", str(seed), str(broken), str(pdf)]) == 1
    printed = capsys.readouterr()
    assert printed.out == (
        f"==> {seed} <==\n{parse(seed).text}\n==> {pdf} <==\n{parse(pdf).text}\n"
    )
    assert printed.err.startswith(f"baogao: {broken}: a corrupt zip file")


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("gbk", b"")])
def test_a_page_without_a_charset_is_decoded_by_its_bom_or_by_evidence(
    documents: dict[tuple[str, str], Path], tmp_path: Path, encoding: str, bom: bytes
) -> None:
    source = documents[seed_paths()[0].name, "html-utf8"].read_text(encoding="utf-8")
    page = source.replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    assert "charset" not in page
    path = tmp_path / "page.html"
    path.write_bytes(bom + page.encode(encoding, errors="xmlcharrefreplace"))
    assert reader_text(path) == parse(seed_paths()[0]).text


def test_docx_hyperlink_text_is_kept_in_its_paragraph(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    paragraph = document.add_paragraph("各位代表：现在，我代表")
    link, run, text = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "市人民政府"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run("向大会报告工作，请予审议。")
    path = tmp_path / "link.docx"
    document.save(str(path))
    from baogao.parsers.formats.word import docx_text

    assert docx_text(path.read_bytes(), "link.docx") == (
        "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。\n"
    )


PREFIXES = [b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body><p>", b"\xff\xfe", b""]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_never_raise(
    tmp_path: Path, prefix: bytes, tail: bytes
) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(prefix + tail)
    try:
        parse(path)
    except ReportError as error:
        assert str(error).startswith(f"{path}: ")


def test_a_docx_whose_document_part_is_not_xml_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "政府工作报告 not xml")
    path = tmp_path / "bad.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReportError, match=r"bad\.docx: a corrupt Word file"):
        parse(path)
