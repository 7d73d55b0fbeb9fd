"""Document loaders: real samples, generated files, and every kind of bad input."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from pdfminer.arcfour import Arcfour

from ingest.loaders import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    LoadedDocument,
    LoadError,
    load_document,
)
from ingest.loaders.cells import join_wrapped_lines
from tests.conftest import FIXTURES, SAMPLES

HUAIAN_PDF = SAMPLES / "01_huaian_city_2024.pdf"
HUAIAN_TXT = FIXTURES / "01_huaian_city_2024.txt"
TEMPLATE_DOCX = FIXTURES / "annual_report_template_2021.docx"
MB = 1024 * 1024


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _load_error(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    with pytest.raises(LoadError) as caught:
        load_document(path, max_bytes)
    return str(caught.value)


# --- Minimal PDFs written by hand, so no PDF-writing dependency is needed ---------------

# Algorithm 3.2's password padding from the PDF 1.7 specification.
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))
_PERMISSIONS = -4


def _pdf_file(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %b >>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _one_page_pdf(content: bytes, user_password: str | None = None) -> bytes:
    """A one-page PDF; with a password, encrypted with the standard RC4 40-bit handler."""
    trailer_extra = b""
    encrypt_dict: list[bytes] = []
    if user_password is not None:
        user = (user_password.encode("latin1") + _PASSWORD_PAD)[:32]
        owner_key = hashlib.md5(b"owner-secret" + _PASSWORD_PAD[:20]).digest()[:5]
        owner_entry = Arcfour(owner_key).encrypt(user)
        permissions = struct.pack("<i", _PERMISSIONS)
        key = hashlib.md5(user + owner_entry + permissions + _FILE_ID).digest()[:5]
        user_entry = Arcfour(key).encrypt(_PASSWORD_PAD)
        object_key = hashlib.md5(key + struct.pack("<L", 4)[:3] + b"\0\0").digest()[:10]
        content = Arcfour(object_key).encrypt(content)
        encrypt_dict = [
            b"<< /Filter /Standard /V 1 /R 2 /O <%b> /U <%b> /P %d >>"
            % (owner_entry.hex().encode(), user_entry.hex().encode(), _PERMISSIONS)
        ]
        file_id = _FILE_ID.hex().encode()
        trailer_extra = b"/Encrypt 6 0 R /ID [<%b> <%b>]" % (file_id, file_id)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *encrypt_dict,
    ]
    return _pdf_file(objects, trailer_extra)


_HELLO = b"BT /F1 24 Tf 40 100 Td (Hello PDF) Tj ET"
# A page that only paints a grey square, as a scanned page only paints an image.
_NO_TEXT = b"q 0.5 g 20 20 200 150 re f Q"


# --- The 淮安 PDF against its text extraction ------------------------------------------


@pytest.fixture(scope="module")
def huaian() -> LoadedDocument:
    return load_document(HUAIAN_PDF)


def _fixture_table_rows() -> list[list[str]]:
    """Rows of the fixture's tables: sections 二 to 四, without the section headings."""
    lines = HUAIAN_TXT.read_text(encoding="utf-8").splitlines()
    start = lines.index("二、主动公开政府信息情况") + 1
    end = lines.index("五、存在的主要问题及改进情况")
    heading = re.compile(r"[二三四]、\S+情况")
    return [
        [_squash(cell) for cell in line.split(" | ")]
        for line in lines[start:end]
        if not heading.fullmatch(line)
    ]


def test_pdf_tables_match_the_text_extraction_cell_for_cell(huaian: LoadedDocument) -> None:
    pdf_rows = [[_squash(cell) for cell in row] for table in huaian.tables for row in table.rows]
    expected = _fixture_table_rows()
    assert len(expected) == 14 + 28 + 4
    assert pdf_rows == expected


def test_pdf_tables_keep_pages_and_reading_order(huaian: LoadedDocument) -> None:
    assert [table.page for table in huaian.tables] == [3, 4, 4, 5, 5]
    # Section 三 runs from page 4 onto page 5; its rows continue in order.
    assert huaian.tables[2].rows[3] == (
        "一、本年新收政府信息公开申请数量", "", "", "3001", "53", "0", "0", "61", "4", "3119",
    )  # fmt: skip
    assert huaian.tables[2].rows[-1][1:] == ("（四）无", "1.本机关不掌握相关政府信息", "746",
                                              "12", "0", "0", "10", "1", "769")  # fmt: skip
    assert huaian.tables[3].rows[0][1:3] == ("法提供", "2.没有现成信息需要另行制作")
    lines = huaian.lines()
    assert lines.index("三、收到和处理政府信息公开申请情况") + 1 == lines.index(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况"
    )
    assert lines.index("四、政府信息公开行政复议、行政诉讼情况") + 1 == lines.index(
        "行政复议 |  |  |  |  | 行政诉讼"
    )


def test_pdf_cells_join_wrapped_chinese_labels_without_spaces(huaian: LoadedDocument) -> None:
    section3 = huaian.tables[2].rows + huaian.tables[3].rows
    labels = {cell for row in section3 for cell in row}
    assert "商业企业" in labels
    assert "三、本年度办理结果" in labels
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    assert not any("\n" in cell for cell in labels)


def test_pdf_text_does_not_repeat_table_figures(huaian: LoadedDocument) -> None:
    text_blocks = "\n".join(block.text for block in huaian.blocks if block.kind == "text")
    assert "447228" not in text_blocks
    assert "本年制发件数" not in text_blocks
    assert huaian.text.count("447228") == 1
    # 3119 is both in the narrative and in the table: once each.
    assert huaian.text.count("3119") == 2


def test_pdf_framed_paragraph_is_text_and_page_numbers_are_dropped(
    huaian: LoadedDocument,
) -> None:
    first = huaian.blocks[0]
    assert first.kind == "text" and first.page == 1
    assert first.lines()[:3] == [
        "淮安市人民政府",
        "2024 年政府信息公开工作年度报告",
        "本报告由淮安市人民政府办公室根据《中华人民共和国政府",
    ]
    assert "制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。" in first.lines()
    assert not [line for line in huaian.lines() if re.fullmatch(r"- \d+ -", line)]
    assert huaian.lines()[-1] == "办法》，全年收取政府信息公开信息处理费 3940 元。"


# --- DOCX -------------------------------------------------------------------------------


def test_docx_template_headings_and_table_labels_in_body_order() -> None:
    document = load_document(TEMPLATE_DOCX)
    headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    kinds = [
        block.text if block.kind == "text" else "<table>"
        for block in document.blocks
        if block.kind == "table" or block.text in headings
    ]
    assert kinds == [headings[0], headings[1], "<table>", headings[2], "<table>", headings[3],
                     "<table>", headings[4], headings[5]]  # fmt: skip

    section2, section3, section4 = document.tables
    assert section2.rows[1] == ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    assert section2.rows[5] == ("信息内容", "本年处理决定数量")
    assert section3.rows[1] == ("", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计")
    assert section3.rows[2][4:] == ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    assert section3.rows[5] == ("三、本年度办理结果", "（一）予以公开")
    assert section3.rows[6] == ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    assert len(section3.rows) == 28
    assert section4.rows[0] == ("行政复议", "", "", "", "", "行政诉讼")
    assert section4.rows[2][5:] == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2


def test_docx_filled_table_with_merged_cells(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("城关镇2020年政府信息公开年报", level=1)
    word.add_paragraph("一、总体情况")
    table = word.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "信息内容"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "本年情况"
    for column, label in enumerate(("制发件数", "废止件数", "现行有效件数"), start=1):
        table.cell(1, column).text = label
    for row, values in enumerate((("规章", "0", "0", "0"), ("规范性文件", "3", "1", "12")), 2):
        for column, value in enumerate(values):
            table.cell(row, column).text = value
    word.add_paragraph("二、主动公开政府信息情况")
    path = tmp_path / "filled.docx"
    word.save(path)

    document = load_document(path)
    assert [block.kind for block in document.blocks] == ["text", "text", "table", "text"]
    assert document.tables[0].rows == (
        ("信息内容", "本年情况"),
        ("", "制发件数", "废止件数", "现行有效件数"),
        ("规章", "0", "0", "0"),
        ("规范性文件", "3", "1", "12"),
    )
    assert document.lines()[-1] == "二、主动公开政府信息情况"


# --- HTML -------------------------------------------------------------------------------

_GOV_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>标题不算正文</title><style>td {{ color: red }}</style></head>
<body><nav>首页 | 政务公开</nav><script>var x = "脚本";</script>
<table width="100%"><tr><td>
  <h1>平罗县城关镇人民政府2020年政府信息公开年度报告</h1>
  <p>一、总体情况<br>本年共收到政府信息公开申请
  12件，均已按时答复。</p>
  <table border="1">
    <tr><th rowspan="2">信息内容</th><th colspan="2">本年</th><th>合计</th></tr>
    <tr><th>新制作</th><th>新公开</th><th>件</th></tr>
    <tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr>
    <tr><td>规范性<br>文件</td><td>{value}</td><td>4</td><td>9</td></tr>
  </table>
</td></tr></table>
<div>二、主动公开政府信息情况<!-- 注释 --></div>
<pre>行政许可	0	0	0
行政处罚	0	1	1</pre>
</body></html>"""


def test_html_gb2312_page_with_layout_table_and_spans(tmp_path: Path) -> None:
    # The page says gb2312 but uses 镕, which only GBK has: it must still decode.
    page = _GOV_PAGE.format(value="5").replace("均已按时答复", "均已按时答复（含镕字）")
    path = _write(tmp_path / "report.htm", page.encode("gbk"))

    document = load_document(path)
    assert [block.kind for block in document.blocks] == ["text"] * 3 + ["table"] + ["text"] * 2
    assert document.lines() == [
        "平罗县城关镇人民政府2020年政府信息公开年度报告",
        "一、总体情况",
        "本年共收到政府信息公开申请12件，均已按时答复（含镕字）。",
        "信息内容 | 本年 |  | 合计",
        " | 新制作 | 新公开 | 件",
        "规章 | 1 | 2 | 3",
        "规范性文件 | 5 | 4 | 9",
        "二、主动公开政府信息情况",
        "行政许可\t0\t0\t0",
        "行政处罚\t0\t1\t1",
    ]


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    # These Big5 bytes would also decode, wrongly, as GB18030: the declaration must win.
    page = '<html><head><meta charset="big5"></head><body><p>政府資訊公開條例</p></body></html>'
    path = _write(tmp_path / "big5.html", page.encode("big5"))
    assert load_document(path).lines() == ["政府資訊公開條例"]


def test_html_without_declared_charset_is_detected(tmp_path: Path) -> None:
    page = _GOV_PAGE.format(value="7").replace('charset=gb2312"', '"')
    path = _write(tmp_path / "report.html", page.encode("gb18030"))
    assert load_document(path).tables[0].rows[3] == ("规范性文件", "7", "4", "9")


# --- Text and Markdown ------------------------------------------------------------------

_REPORT_TEXT = (
    "平罗县城关镇人民政府\n2020年政府信息公开年度报告\n\n"
    "信息内容\t本年新制作数量\t本年新公开数量\t\n"
    "规章 | 0 | 0 | 0\n"
)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_text_encodings_are_detected_and_lines_kept_verbatim(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = _write(tmp_path / "report.txt", bom + _REPORT_TEXT.encode(encoding))
    document = load_document(path)
    assert document.lines() == [
        "平罗县城关镇人民政府",
        "2020年政府信息公开年度报告",
        "信息内容\t本年新制作数量\t本年新公开数量\t",
        "规章 | 0 | 0 | 0",
    ]
    assert [block.kind for block in document.blocks] == ["text", "text"]


def test_gb18030_sample_report_loads(tmp_path: Path) -> None:
    original = (SAMPLES / "2020_pingluo_chengguan.txt").read_text(encoding="utf-8")
    path = _write(tmp_path / "城关镇.txt", original.encode("gb18030"))
    lines = load_document(path).lines()
    assert lines == [line for line in original.splitlines() if line.strip()]
    assert any("城关镇" in line for line in lines)


def test_detection_decides_when_neither_utf8_nor_gb18030_decodes(tmp_path: Path) -> None:
    # "è" then "g" is not valid GB18030 (0x67 cannot follow 0xE8): detection must decide.
    text = (
        "Le règlement prévoit que la demande reçoit une réponse dans les vingt jours ouvrables. "
        "L'administration générale répond à chaque requête écrite, même après l'échéance prévue."
    )
    path = _write(tmp_path / "latin.txt", text.encode("cp1252"))
    assert load_document(path).text == text


def test_markdown_keeps_headings_and_drops_comments(tmp_path: Path) -> None:
    tiaoli = load_document(SAMPLES / "tiaoli_2019.md").lines()
    assert tiaoli[0] == "# 中华人民共和国政府信息公开条例"
    assert "## 第一章 总则" in tiaoli
    assert any(line.startswith("第三十三条 ") for line in tiaoli)

    path = tmp_path / "law.md"
    path.write_text(
        "# 标题\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了<!-- 批注 -->保障。\n",
        encoding="utf-8",
    )
    assert load_document(path).lines() == ["# 标题", "## 第一章 总则", "第一条 为了保障。"]


# --- Bad input --------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert _load_error(tmp_path / "nope.pdf") == "文件不存在"


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert _load_error(tmp_path / "folder.txt") == "不是文件（可能是文件夹）"


@pytest.mark.parametrize("suffix", [".pdf", ".txt", ".docx", ".html"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    assert _load_error(_write(tmp_path / f"empty{suffix}", b"")) == "文件为空"


@pytest.mark.parametrize(("name", "shown"), [("data.xyz", ".xyz"), ("README", "无扩展名")])
def test_unsupported_file_type(tmp_path: Path, name: str, shown: str) -> None:
    message = _load_error(_write(tmp_path / name, b"hello"))
    assert message == f"不支持的文件类型：{shown}（支持 .txt .md .pdf .docx .html .htm）"
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = _write(tmp_path / "REPORT.PDF", HUAIAN_PDF.read_bytes())
    assert len(load_document(path).tables) == 5


def test_binary_garbage_named_pdf(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 40
    assert _load_error(_write(tmp_path / "fake.pdf", garbage)) == "不是有效的PDF文件"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = HUAIAN_PDF.read_bytes()
    path = _write(tmp_path / "half.pdf", data[: len(data) // 2])
    assert _load_error(path) == "PDF文件已损坏或不完整"


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path / "locked.pdf", _one_page_pdf(_HELLO, user_password="secret"))
    assert _load_error(path) == "PDF已加密，需要密码"
    # The file is a real encrypted PDF: with its password it opens and reads.
    with pdfplumber.open(path, password="secret") as pdf:
        assert pdf.pages[0].extract_text() == "Hello PDF"


def test_generated_pdf_without_password_loads(tmp_path: Path) -> None:
    path = _write(tmp_path / "hello.pdf", _one_page_pdf(_HELLO))
    assert load_document(path).lines() == ["Hello PDF"]


def test_pdf_without_text_is_reported_as_scan(tmp_path: Path) -> None:
    path = _write(tmp_path / "scan.pdf", _one_page_pdf(_NO_TEXT))
    assert _load_error(path) == "未能从PDF中提取文字（可能是扫描件）"


def test_binary_garbage_named_txt(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 40
    assert _load_error(_write(tmp_path / "fake.txt", garbage)) == "文件含有二进制数据，不是文本文件"


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 50 + "正文".encode()
    assert _load_error(_write(tmp_path / "fake.md", data)) == "文件含有二进制数据，不是文本文件"


def test_whitespace_only_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "blank.txt", "\n　　\n \t\n".encode())
    assert _load_error(path) == "文件中没有文字内容"


def _zip_without_word_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    return buffer.getvalue()


def _spreadsheet() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make", [lambda: b"PK\x03\x04broken", _zip_without_word_parts, _spreadsheet]
)
def test_corrupt_docx(tmp_path: Path, make: Callable[[], bytes]) -> None:
    assert _load_error(_write(tmp_path / "bad.docx", make())) == "不是有效的DOCX文件"


def test_legacy_doc_renamed_docx(tmp_path: Path) -> None:
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    message = _load_error(_write(tmp_path / "old.docx", ole))
    assert message == "文件是旧版Word格式（.doc）或已加密，请另存为未加密的 .docx 后再试"


_BIG_PARAGRAPH = ("第一条 本年新收政府信息公开申请数量\t3001\t53\t0\n" * 9 + "\n").encode()


@pytest.fixture(scope="module")
def fifty_mb_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    paragraphs, rest = divmod(50 * MB, len(_BIG_PARAGRAPH))
    path.write_bytes(_BIG_PARAGRAPH * paragraphs + b"\n" * rest)
    return path


def test_fifty_megabyte_text_loads_under_the_default_limit(fifty_mb_text: Path) -> None:
    started = time.perf_counter()
    document = load_document(fifty_mb_text)
    elapsed = time.perf_counter() - started
    assert len(document.blocks) == 50 * MB // len(_BIG_PARAGRAPH)
    assert document.blocks[-1].lines()[0] == "第一条 本年新收政府信息公开申请数量\t3001\t53\t0"
    assert elapsed < 5


def test_fifty_megabyte_text_refused_under_a_smaller_limit(fifty_mb_text: Path) -> None:
    assert _load_error(fifty_mb_text, max_bytes=10 * MB) == "文件过大（50MB，上限10MB）"
    assert _load_error(fifty_mb_text, max_bytes=int(49.5 * MB)) == "文件过大（50MB，上限49.5MB）"


# --- Cell clean-up ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("本年新收政府信息\n公开申请数量", "本年新收政府信息公开申请数量"),
        ("三、\n本\n年\n度", "三、本年度"),
        ("  结果\n  维持 ", "结果维持"),
        ("Freedom of\ninformation", "Freedom of information"),
        ("3985\n758", "3985758"),
        ("第二十条  第（一）项", "第二十条 第（一）项"),
        ("\u3000\u3000", ""),
    ],
)
def test_join_wrapped_lines(raw: str, joined: str) -> None:
    assert join_wrapped_lines(raw) == joined
