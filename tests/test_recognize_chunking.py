"""Report recognition and section-aware chunking on the real samples (pure, no stores)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunking import chunk_document, split_sentences
from ingest.loaders.base import Block, LoadedDocument
from ingest.recognize import recognize
from tests.conftest import FIXTURES, SAMPLES


def _text_doc(path: Path) -> LoadedDocument:
    return LoadedDocument(path, [Block("text", path.read_text(encoding="utf-8"))])


SECTION_TITLES_2019_SH = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项",
]


@pytest.mark.parametrize(
    ("path", "agency", "year", "first_section"),
    [
        (SAMPLES / "2020_pingluo_chengguan.txt", "平罗县城关镇人民政府", 2020, "总体开展情况"),
        (SAMPLES / "04_shanghai_govoffice_2019.txt", "上海市人民政府办公厅", 2019, "总体情况"),
        (FIXTURES / "01_huaian_city_2024.txt", "淮安市人民政府", 2024, "总体情况"),
    ],
)
def test_reports_are_recognised(path: Path, agency: str, year: int, first_section: str) -> None:
    rec = recognize(_text_doc(path).lines())
    assert (rec.kind, rec.agency, rec.year) == ("report", agency, year)
    assert [s.number for s in rec.sections] == list("一二三四五六")
    assert rec.sections[0].title == first_section


def test_section_titles_and_table_rows_are_not_headings() -> None:
    rec = recognize(_text_doc(SAMPLES / "04_shanghai_govoffice_2019.txt").lines())
    assert [s.title for s in rec.sections] == SECTION_TITLES_2019_SH


def test_statistics_year_not_publication_date() -> None:
    # Published 2021-01-14 about 2020; the title and the 统计期限 both say 2020.
    lines = ["某某县人民政府2020年政府信息公开工作年度报告", "统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。", "2021年1月14日"]
    assert recognize(lines).year == 2020


def test_policy_is_recognised_with_title() -> None:
    rec = recognize(_text_doc(SAMPLES / "tiaoli_2019.md").lines())
    assert (rec.kind, rec.title, rec.agency, rec.year) == (
        "policy",
        "中华人民共和国政府信息公开条例",
        "国务院",
        2019,
    )


def test_other_documents_get_a_title() -> None:
    rec = recognize(["关于做好春节期间值班工作的通知", "各单位：请做好值班安排。"])
    assert (rec.kind, rec.title, rec.agency) == ("document", "关于做好春节期间值班工作的通知", None)


@pytest.mark.parametrize(
    "path",
    [
        SAMPLES / "2020_pingluo_chengguan.txt",
        SAMPLES / "04_shanghai_govoffice_2019.txt",
        FIXTURES / "01_huaian_city_2024.txt",
    ],
)
def test_chunks_stay_inside_one_section(path: Path) -> None:
    doc = _text_doc(path)
    rec = recognize(doc.lines())
    chunks = chunk_document(doc, rec, size=300, overlap=40)
    titles = {s.number: s.title for s in rec.sections}
    assert [c.position for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert len(chunk.text) <= 300
        if chunk.section:
            assert chunk.section_title == titles[chunk.section]
    # Each section's text only appears in chunks of that section.
    sections_with_1252 = {c.section for c in chunks if "1252" in c.text}
    if "pingluo" in path.name:
        assert sections_with_1252 == {"一"}


def test_sentence_boundaries_are_respected() -> None:
    sentences = [f"第{i}句说明本镇公开政府信息{i * 7}条，其中网站公开{i}条，另有若干事项办理完毕。" for i in range(12)]
    doc = LoadedDocument(Path("x.txt"), [Block("text", "".join(sentences))])
    chunks = chunk_document(doc, recognize(doc.lines()), size=120, overlap=0)
    assert len(chunks) > 3
    rebuilt = []
    for chunk in chunks:
        pieces = split_sentences(chunk.text)
        assert all(p in sentences for p in pieces), chunk.text  # no sentence is cut
        rebuilt.extend(pieces)
    assert rebuilt == sentences


def test_real_report_keeps_figure_sentences_whole() -> None:
    doc = _text_doc(SAMPLES / "2020_pingluo_chengguan.txt")
    chunks = chunk_document(doc, recognize(doc.lines()), size=120, overlap=0)
    assert any("2020 年全镇主动公开政府信息 1252 条。" in c.text for c in chunks)
    assert any("本年度共制发政府文件98件，" in c.text for c in chunks)


def test_wrapped_pdf_lines_are_rejoined() -> None:
    doc = _text_doc(FIXTURES / "01_huaian_city_2024.txt")
    chunks = chunk_document(doc, recognize(doc.lines()), size=300, overlap=40)
    assert any("全市共受理政府信息公开申请 3119 件，答复 3050 件" in c.text for c in chunks)


def test_split_sentences_keeps_closing_quotes() -> None:
    assert split_sentences("他说：“好。”然后走了；结束") == ["他说：“好。”", "然后走了；", "结束"]


def test_policy_is_chunked_by_article() -> None:
    doc = _text_doc(SAMPLES / "tiaoli_2019.md")
    chunks = chunk_document(doc, recognize(doc.lines()), size=300, overlap=40)
    by_article = {c.article: c for c in chunks if c.article}
    assert len(by_article) == 56
    art33 = by_article["第三十三条"]
    assert art33.section == "第四章" and art33.section_title == "依申请公开"
    assert art33.text.startswith("第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。")
    assert "20个工作日" in art33.text
    assert "第三十四条" not in art33.text


def test_a_report_titled_work_report_without_annual_is_a_report() -> None:
    lines = ["标题: 平潭综合实验区自然资源与生态环境局2021年度政府信息公开工作报告", "正文"]
    found = recognize(lines)
    assert (found.kind, found.agency, found.year) == (
        "report",
        "平潭综合实验区自然资源与生态环境局",
        2021,
    )


def test_one_title_covering_two_sections_keeps_the_later_sections() -> None:
    lines = [
        "某某县人民政府2024年政府信息公开工作年度报告",
        "一、总体情况和主动公开政府信息情况",
        "本年主动公开政府信息120条。",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    sections = recognize(lines).sections
    assert [(s.number, s.start_line) for s in sections] == [
        ("一", 1),
        ("三", 3),
        ("四", 4),
        ("五", 5),
        ("六", 6),
    ]
