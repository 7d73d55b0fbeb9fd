"""Pages that read the ingested corpus: public figures across agencies and years, the
staff's findings and documents, and the upload of new reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.requests.agencies import report_agencies
from assistant.services import Services
from assistant.ui.figures import (
    METRICS,
    figures,
    figures_chart,
    figures_table,
    metric_named,
)
from assistant.ui.staff.data import documents_table, findings_table
from assistant.ui.staff.reports import ingest_uploads
from ingest.bootstrap import ingest_samples_if_empty
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

NEW = "依申请公开：本年新收申请（件）"
OPENED = "依申请公开：予以公开（件）"
SHANGHAI, CHENGGUAN, HUAIAN = "上海市人民政府办公厅", "平罗县城关镇人民政府", "淮安市人民政府"


@pytest.fixture
def samples(services: Services) -> Services:
    ingest_samples_if_empty(services)
    return services


def test_public_figures_come_from_each_report_of_each_agency(samples: Services) -> None:
    assert report_agencies(samples.db) == [SHANGHAI, CHENGGUAN, HUAIAN]  # the 条例 is no report
    assert figures(samples.db, metric_named(NEW)) == [
        (SHANGHAI, 2019, 859),
        (CHENGGUAN, 2020, 3),
        (HUAIAN, 2024, 3119),
    ]
    assert figures(samples.db, metric_named(NEW), agency=HUAIAN) == [(HUAIAN, 2024, 3119)]
    # 2019-format reports name section 二's columns differently: still found.
    permits = figures(samples.db, metric_named("主动公开：行政许可处理决定（件）"))
    assert [(agency, year) for agency, year, _ in permits] == [
        (SHANGHAI, 2019),
        (CHENGGUAN, 2020),
        (HUAIAN, 2024),
    ]
    assert all(len(figures(samples.db, metric)) == 3 for metric in METRICS)


def test_a_lost_cell_shows_as_a_dash_and_stays_out_of_the_chart(samples: Services) -> None:
    found = figures(samples.db, metric_named(OPENED))
    assert found == [(SHANGHAI, 2019, None), (CHENGGUAN, 2020, 0), (HUAIAN, 2024, 1362)]
    assert figures_table(found).values.tolist() == [
        [SHANGHAI, "2019", "—"],
        [CHENGGUAN, "2020", 0],
        [HUAIAN, "2024", 1362],
    ]
    assert figures_chart(found).values.tolist() == [
        [f"{CHENGGUAN}2020年", 0],
        [f"{HUAIAN}2024年", 1362],
    ]


def test_staff_see_the_findings_and_the_documents(samples: Services) -> None:
    findings = findings_table(samples.db)
    chengguan = findings[findings["年报"] == "平罗县城关镇人民政府2020年政府信息公开年度报告"]
    assert list(chengguan["规则"]) == ["MISSING", "R1", "R2", "R2", "R2"]
    assert chengguan["说明"].iloc[1] == (
        "表三“总计”列：本年新收3＋上年结转0＝3，但（七）总计0＋结转下年度0＝0"
    )
    documents = documents_table(samples.db)
    assert list(documents["机关"]) == [HUAIAN, SHANGHAI, CHENGGUAN, "国务院"]  # ingest order


def test_uploads_are_ingested_one_by_one_with_a_line_each(
    services: Services, tmp_path: Path
) -> None:
    # gradio hands over temporary copies; the original name is the file's own.
    upload = tmp_path / "gradio-tmp" / "01_huaian_city_2024.txt"
    upload.parent.mkdir()
    shutil.copy(FIXTURES / "01_huaian_city_2024.txt", upload)
    broken = tmp_path / "gradio-tmp" / "scan.pdf"
    broken.write_bytes(b"not a pdf")

    steps = list(ingest_uploads(services, [str(upload), str(broken)]))
    chunks = int(documents_table(services.db)["分块数"].iloc[0])
    first_line = f"✓ 01_huaian_city_2024.txt：新增，{chunks} 个分块"
    assert [done for done, _ in steps] == [1, 2]
    assert steps[0][1] == first_line
    assert steps[1][1].startswith(f"{first_line}  \n⚠ scan.pdf：失败（")
    assert (services.settings.data_dir / "uploads" / "01_huaian_city_2024.txt").exists()

    # The same file again, under the same name: nothing changes.
    [(_, again)] = list(ingest_uploads(services, [str(upload)]))
    assert again == "✓ 01_huaian_city_2024.txt：未变"
    assert report_agencies(services.db) == [HUAIAN]
