"""One declarative spec per official table format, loaded from specs/*.toml and validated.

A spec file says everything format-specific: the section 二 sub-tables, the section 三 rows
with their printed numbering, the section 四 grid, which cells sum to which, the 勾稽 rules,
the years the format applies to, and the words that tell it apart. schema.py, the parser,
the rules and the exports derive from these objects; a new format is a new file. Pure
except for reading the bundled files once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SPEC_DIR = Path(__file__).with_name("specs")
SECTIONS = ("二", "三", "四")
RULE_KINDS = ("balance", "row_sum", "column_sum")
# The parts of a column_sum that means "every result row of 三、本年度办理结果".
RESULTS = "results"


class SpecError(ValueError):
    """A spec file that is malformed; the message names the file, the field and the reason."""


@dataclass(frozen=True)
class Row3:
    """One data row of the section 三 table with the numbering the template prints."""

    key: str  # canonical path, e.g. "不予公开/属于国家秘密"
    top: str  # 一 … 四
    top_label: str
    group: str = ""  # 一 … 七 within the results part
    group_label: str = ""
    remark: str = ""  # printed after the group label, e.g. （区分处理的，…）
    item: int = 0  # 1 … within a group
    item_label: str = ""
    total: bool = False  # （七）总计

    @property
    def printed(self) -> tuple[str, str, str]:
        """The template's three label columns, e.g. ("三、本年度办理结果", "（三）不予公开",
        "1.属于国家秘密"); empty where a label spans."""
        if not self.group:
            return f"{self.top}、{self.top_label}", "", ""
        group = f"（{self.group}）{self.group_label}{self.remark}"
        item = f"{self.item}.{self.item_label}" if self.item else ""
        return f"{self.top}、{self.top_label}", group, item

    @property
    def words(self) -> str:
        """The printed words of its own label (the most specific one)."""
        return self.item_label or self.group_label or self.top_label


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    section: str
    message: str
    total: str = ""
    parts: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormatSpec:
    format: str
    title: str
    first_year: int
    last_year: int | None
    section2_words: tuple[str, ...]
    section3_words: tuple[str, ...]
    # section 二: (item, rows, columns) per sub-table
    section2: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    amount_columns: frozenset[str]
    signed_columns: frozenset[str]
    variants: dict[str, tuple[str, ...]]
    corner: str
    header: str
    section3_columns: tuple[str, ...]
    column_groups: tuple[tuple[str, tuple[str, ...]], ...]
    rows3: tuple[Row3, ...]
    section4_rows: tuple[str, ...]
    section4_columns: tuple[str, ...]
    rules: tuple[Rule, ...] = field(default=())

    # --- derived views ---------------------------------------------------------------
    @property
    def section2_tables(self) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        return tuple((rows, columns) for _, rows, columns in self.section2)

    @property
    def section3_rows(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows3)

    @property
    def result_rows(self) -> tuple[str, ...]:
        """The leaf rows of the results part, without its total."""
        return tuple(r.key for r in self.rows3 if r.group and not r.total)

    @property
    def results_total(self) -> str:
        return next(r.key for r in self.rows3 if r.total)

    def rows(self, section: str) -> tuple[str, ...]:
        if section == "二":
            return tuple(r for rows, _ in self.section2_tables for r in rows)
        return self.section3_rows if section == "三" else self.section4_rows

    def columns(self, section: str, row: str = "") -> tuple[str, ...]:
        if section == "二":
            return next((cols for rows, cols in self.section2_tables if row in rows), ())
        return self.section3_columns if section == "三" else self.section4_columns

    def rule_parts(self, rule: Rule) -> tuple[str, ...]:
        return self.result_rows if rule.parts == (RESULTS,) else rule.parts

    def row_sums(self, section: str) -> list[tuple[str, tuple[str, ...]]]:
        """(total column, part columns) of every sum that runs along the rows of `section`."""
        return [
            (rule.total, rule.parts)
            for rule in self.rules
            if rule.kind == "row_sum" and rule.section == section
        ]

    def row_groups(self, section: str) -> tuple[int, ...]:
        """How one row's cells fall into sums: parts then their total, per group; () when
        the section's rows have no sums."""
        return tuple(len(parts) for _, parts in self.row_sums(section))

    def is_amount(self, column: str) -> bool:
        return column in self.amount_columns

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def _fail(path: Path, where: str, reason: str) -> SpecError:
    return SpecError(f"{path.name}：{where}：{reason}")


def _strings(path: Path, where: str, value: Any, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, where, "应为非空字符串的列表")
    if not value and not allow_empty:
        raise _fail(path, where, "不能为空")
    if len(set(value)) != len(value):
        raise _fail(path, where, "有重复项")
    return tuple(value)


def _text(path: Path, where: str, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _fail(path, f"{where}.{key}" if where else key, "缺失或不是非空字符串")
    return value


def _section3_rows(path: Path, parts: Any) -> tuple[Row3, ...]:
    if not isinstance(parts, list) or not parts:
        raise _fail(path, "section3.parts", "应为非空列表")
    rows: list[Row3] = []
    for index, part in enumerate(parts):
        where = f"section3.parts[{index}]"
        top, label = _text(path, where, part, "number"), _text(path, where, part, "label")
        groups = part.get("groups", [])
        if not groups:
            rows.append(Row3(label, top, label))
            continue
        for g_index, group in enumerate(groups):
            g_where = f"{where}.groups[{g_index}]"
            number, g_label = (
                _text(path, g_where, group, "number"),
                _text(path, g_where, group, "label"),
            )
            items = _strings(path, f"{g_where}.items", group.get("items", []), allow_empty=True)
            remark = group.get("remark", "")
            total = group.get("total", False) is True
            if total and items:
                raise _fail(path, g_where, "总计行不能有子项")
            if not items:
                rows.append(Row3(g_label, top, label, number, g_label, remark, total=total))
            for i, item in enumerate(items, start=1):
                rows.append(Row3(f"{g_label}/{item}", top, label, number, g_label, remark, i, item))
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise _fail(path, "section3.parts", "行标签有重复")
    if sum(row.total for row in rows) != 1:
        raise _fail(path, "section3.parts", "办理结果应有且只有一个总计行（total = true）")
    return tuple(rows)


def _rules(path: Path, data: Any, spec: FormatSpec) -> tuple[Rule, ...]:
    if not isinstance(data, list) or not data:
        raise _fail(path, "rules", "应为非空列表")
    rules: list[Rule] = []
    for index, item in enumerate(data):
        where = f"rules[{index}]"
        kind, section = _text(path, where, item, "kind"), _text(path, where, item, "section")
        if kind not in RULE_KINDS:
            raise _fail(path, f"{where}.kind", f"应为{'、'.join(RULE_KINDS)}之一")
        if section not in ("三", "四"):
            raise _fail(path, f"{where}.section", "勾稽规则只能用于表三、表四")
        raw_parts = item.get("parts", [])
        parts = (raw_parts,) if raw_parts == RESULTS else tuple(raw_parts)
        rule = Rule(
            _text(path, where, item, "id"),
            kind,
            section,
            _text(path, where, item, "message"),
            str(item.get("total", "")),
            parts,
            tuple(item.get("left", ())),
            tuple(item.get("right", ())),
        )
        rows, columns = spec.rows(section), spec.columns(section)
        if kind == "balance":
            known = rows
            named = (*rule.left, *rule.right)
            if not rule.left or not rule.right:
                raise _fail(path, where, "balance规则需要left和right")
        elif kind == "row_sum":
            known, named = columns, (rule.total, *rule.parts)
        else:
            known, named = rows, (rule.total, *spec.rule_parts(rule))
        unknown = [name for name in named if name not in known]
        if unknown or not rule.total and kind != "balance":
            what = "、".join(unknown) or "total"
            raise _fail(path, where, f"引用了表{section}中不存在的行或列：{what}")
        if kind == "row_sum":
            # A run-together row is split group by group: parts, then their total.
            order = list(columns)
            span = order[order.index(rule.parts[0]) : order.index(rule.total) + 1]
            if span != [*rule.parts, rule.total]:
                raise _fail(path, where, "row_sum的各项应在表中连续排列，总计列紧随其后")
        rules.append(rule)
    return tuple(rules)


def load_spec(path: Path) -> FormatSpec:
    """Read and validate one spec file; SpecError names the file and field on any fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _fail(path, "文件", f"无法读取：{exc}") from exc
    fmt = _text(path, "", data, "format")
    if path.stem != fmt:
        raise _fail(path, "format", f"应与文件名一致（{path.stem}）")
    first, last = data.get("first_year"), data.get("last_year")
    if not isinstance(first, int) or (
        last is not None and (not isinstance(last, int) or last < first)
    ):
        raise _fail(path, "first_year/last_year", "应为年份整数，last_year不早于first_year")
    detect, s2, s3, s4 = (data.get(k, {}) for k in ("detect", "section2", "section3", "section4"))
    tables = []
    for index, table in enumerate(s2.get("tables", [])):
        where = f"section2.tables[{index}]"
        tables.append(
            (
                _text(path, where, table, "item"),
                _strings(path, f"{where}.rows", table.get("rows")),
                _strings(path, f"{where}.columns", table.get("columns")),
            )
        )
    if not tables:
        raise _fail(path, "section2.tables", "不能为空")
    s2_columns = {c for _, _, cols in tables for c in cols}
    amount = frozenset(
        _strings(path, "section2.amount_columns", s2.get("amount_columns", []), True)
    )
    signed = frozenset(
        _strings(path, "section2.signed_columns", s2.get("signed_columns", []), True)
    )
    for name, columns in (("amount_columns", amount), ("signed_columns", signed)):
        if not columns <= s2_columns:
            raise _fail(
                path, f"section2.{name}", f"不是表二的列：{'、'.join(columns - s2_columns)}"
            )
    variants = {
        key: _strings(path, f"section2.variants.{key}", value)
        for key, value in s2.get("variants", {}).items()
    }
    columns3 = _strings(path, "section3.columns", s3.get("columns"))
    groups = []
    for index, pair in enumerate(s3.get("column_groups", [])):
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise _fail(path, f"section3.column_groups[{index}]", "应为[标签, [列…]]")
        members = _strings(path, f"section3.column_groups[{index}]", pair[1])
        if not set(members) <= set(columns3):
            raise _fail(path, f"section3.column_groups[{index}]", "含有不存在的列")
        groups.append((pair[0], members))
    spec = FormatSpec(
        format=fmt,
        title=_text(path, "", data, "title"),
        first_year=first,
        last_year=last,
        section2_words=_strings(
            path, "detect.section2_words", detect.get("section2_words", []), True
        ),
        section3_words=_strings(
            path, "detect.section3_words", detect.get("section3_words", []), True
        ),
        section2=tuple(tables),
        amount_columns=amount,
        signed_columns=signed,
        variants=variants,
        corner=_text(path, "section3", s3, "corner"),
        header=_text(path, "section3", s3, "header"),
        section3_columns=columns3,
        column_groups=tuple(groups),
        rows3=_section3_rows(path, s3.get("parts")),
        section4_rows=_strings(path, "section4.rows", s4.get("rows")),
        section4_columns=_strings(path, "section4.columns", s4.get("columns")),
    )
    return FormatSpec(**{**spec.__dict__, "rules": _rules(path, data.get("rules"), spec)})


def load_specs(directory: Path) -> dict[str, FormatSpec]:
    """Every spec file in `directory`, by format name, oldest format first; their years
    must not overlap."""
    specs = [load_spec(path) for path in sorted(directory.glob("*.toml"))]
    if not specs:
        raise SpecError(f"{directory}：没有表格格式文件（*.toml）")
    specs.sort(key=lambda s: s.first_year)
    for earlier, later in zip(specs, specs[1:], strict=False):
        if earlier.last_year is None or earlier.last_year >= later.first_year:
            raise SpecError(
                f"{earlier.format}.toml：last_year：应早于{later.format}格式的first_year"
            )
    return {spec.format: spec for spec in specs}


@cache
def bundled_specs() -> dict[str, FormatSpec]:
    """The specs shipped in specs/."""
    return load_specs(SPEC_DIR)


def spec_for(fmt: str) -> FormatSpec:
    try:
        return bundled_specs()[fmt]
    except KeyError:
        raise KeyError(f"unknown table format {fmt!r}") from None


def format_for_year(year: int) -> str:
    """The format an annual report for `year` was due in; the earliest for years before."""
    specs = list(bundled_specs().values())
    return next((s.format for s in specs if s.applies_to(year)), specs[0].format)
