"""The format specs: the bundled files load and agree with the canonical keys; a broken
file is refused naming the file, the field and the reason; a new format is only a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.tables.spec import SPEC_DIR, SpecError, bundled_specs, load_spec, load_specs


def test_bundled_specs_describe_both_official_formats() -> None:
    specs = bundled_specs()
    assert list(specs) == ["2019", "2021"]
    old, new = specs["2019"], specs["2021"]
    assert (len(old.section3_rows), len(new.section3_rows)) == (23, 25)
    assert [r.printed for r in new.rows3 if r.key == "不予公开/属于国家秘密"] == [
        ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    ]
    assert [r.printed for r in old.rows3 if r.key == "其他处理"] == [
        ("三、本年度办理结果", "（六）其他处理", "")
    ]
    assert [r.id for r in new.rules] == ["R1", "R2", "R3", "R5"]
    assert new.row_groups("三") == (6,) and new.row_groups("四") == (4,)
    assert [s.applies_to(2020) for s in (old, new)] == [True, False]
    assert old.signed_columns == {"本年增/减"} and new.signed_columns == frozenset()


def _copy(tmp_path: Path, edit: tuple[str, str] = ("", ""), name: str = "2021") -> Path:
    text = (SPEC_DIR / "2021.toml").read_text(encoding="utf-8")
    if edit[0]:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1], 1)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('title = "', 'titel = "'), "2021.toml：title：缺失或不是非空字符串"),
        (('format = "2021"', 'format = "2027"'), "2021.toml：format：应与文件名一致（2021）"),
        (
            ('kind = "row_sum"', 'kind = "sum"'),
            "2021.toml：rules[1].kind：应为balance、row_sum、column_sum之一",
        ),
        (
            ('left = ["本年新收', 'left = ["本年收'),
            "2021.toml：rules[0]：引用了表三中不存在的行或列：本年收政府信息公开申请数量",
        ),
        (
            ('parts = ["结果维持", "结果纠正"', 'parts = ["结果纠正", "结果维持"'),
            "2021.toml：rules[3]：row_sum的各项应在表中连续排列，总计列紧随其后",
        ),
        (
            (
                '{ number = "七", label = "总计", total = true }',
                '{ number = "七", label = "总计" }',
            ),
            "2021.toml：section3.parts：办理结果应有且只有一个总计行（total = true）",
        ),
        (
            ('rows = ["行政许可"]', 'rows = ["行政许可", "行政许可"]'),
            "2021.toml：section2.tables[1].rows：有重复项",
        ),
        (
            ('amount_columns = ["本年收费金额（单位：万元）"]', 'amount_columns = ["金额"]'),
            "2021.toml：section2.amount_columns：不是表二的列：金额",
        ),
        (
            ("first_year = 2021", 'first_year = "2021"'),
            "2021.toml：first_year/last_year：应为年份整数，last_year不早于first_year",
        ),
    ],
)
def test_a_broken_spec_is_refused_with_the_field_and_reason(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec(_copy(tmp_path, edit))
    assert str(caught.value) == message


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "2021.toml"
    path.write_text("format = \n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"^2021\.toml：文件：无法读取："):
        load_spec(path)


def test_a_third_format_is_one_more_file(tmp_path: Path) -> None:
    shutil.copy(SPEC_DIR / "2019.toml", tmp_path / "2019.toml")
    _copy(tmp_path, ("first_year = 2021", "first_year = 2021\nlast_year = 2026"))
    third = _copy(tmp_path, ('format = "2021"', 'format = "2027"'), name="2027")
    text = third.read_text(encoding="utf-8").replace("first_year = 2021", "first_year = 2027")
    third.write_text(text.replace('"其他"] }', '"其他", "申请人撤回申请"] }'), encoding="utf-8")
    specs = load_specs(tmp_path)
    assert list(specs) == ["2019", "2021", "2027"]
    assert len(specs["2027"].section3_rows) == 26
    assert "其他处理/申请人撤回申请" in specs["2027"].result_rows


def test_overlapping_years_are_refused(tmp_path: Path) -> None:
    shutil.copy(SPEC_DIR / "2019.toml", tmp_path / "2019.toml")
    _copy(tmp_path, ("first_year = 2021", "first_year = 2020"))
    with pytest.raises(SpecError, match="2019.toml：last_year：应早于2021格式的first_year"):
        load_specs(tmp_path)
