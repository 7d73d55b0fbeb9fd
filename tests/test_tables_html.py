"""HTML pages from portals: tables read as tables (merged cells, blank cells kept), also
when the page was saved under a .txt name, and a column left blank in every row read as 0.

The page is file 26 of the dev corpus (平潭农业农村局 2024) laid out as the portal's
HTML table, with every 法人或其他组织 cell of 表三 left blank as such pages do; its figures
are the hand-read ones of tests/test_tables_dev_corpus.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.tables.parser import parse_tables
from assistant.tables.result import HOW_BLANK, HOW_DIRECT, TablesResult
from assistant.tables.schema import APPLICANT_COLUMNS, CellKey
from ingest.loaders import load_document
from tests.conftest import FIXTURES
from tests.test_tables_dev_corpus import PT26

PAGE = FIXTURES / "pingtan_nongyenongcun_2024_portal.html"
LEGAL_PERSONS = APPLICANT_COLUMNS[1:]


def _parse(path: Path) -> TablesResult:
    return parse_tables(load_document(path).lines())


def _check(result: TablesResult) -> None:
    assert result.format == "2021"
    assert result.cells == PT26
    for key in PT26:
        if key.section == "三" and key.column in LEGAL_PERSONS:
            assert result.how[key] == HOW_BLANK, key
        elif PT26[key] is not None:
            assert result.how[key] == HOW_DIRECT, key
    assert [(f.rule, f.message) for f in result.findings[:2]] == [
        ("MISSING", "表二中未找到“规章”的3个单元格，记为空值"),
        ("BLANK", "表三有125个空白单元格，按0计"),
    ]
    assert [f.rule for f in result.findings[2:]] == ["R2"] * 4


def test_portal_page_tables_are_read_as_tables() -> None:
    lines = load_document(PAGE).lines()
    assert "三、本年度办理结果 | （一）予以公开 |  | 1 |  |  |  |  |  | 0" in lines
    assert not any("<td" in line or "pageId" in line for line in lines)
    _check(_parse(PAGE))


def test_page_saved_under_a_text_name_is_read_as_html(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"
    shutil.copy(PAGE, saved)
    _check(_parse(saved))


def test_a_page_under_a_crawler_s_source_line_is_read_as_html(tmp_path: Path) -> None:
    """Crawled files put `source: <repo/path>` above the page they saved."""
    saved = tmp_path / "page.txt"
    saved.write_bytes(b"source: example/repo/page.html\n" + PAGE.read_bytes())
    _check(_parse(saved))


def test_a_blank_column_is_not_zero_when_a_total_needs_it(tmp_path: Path) -> None:
    # 总计 3 with 自然人 1 written: the blank 法人或其他组织 cells of that row hold 2.
    text = PAGE.read_text(encoding="utf-8").replace(
        "<td>1</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>0</td>",
        "<td>1</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>3</td>",
        1,
    )
    page = tmp_path / "page.html"
    page.write_text(text, encoding="utf-8")
    result = _parse(page)
    assert result.value("三", "予以公开", "总计") == 3
    assert result.value("三", "予以公开", "商业企业") is None
    assert CellKey("三", "予以公开", "商业企业") not in result.how
    missing = next(f for f in result.findings if f.rule == "MISSING" and f.cells[0].section == "三")
    assert missing.message.startswith(
        "表三有125个单元格空白，而本表其他单元格写明了0，视为转换中丢失"
    )
