"""Answer texts for citizens, rendered from the templates in prompts/qa/.

Every figure in a text comes from what it cites: table cells, quoted sentences, or the
findings stored on a report's tables.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from assistant.qa.answer import Answer, Citation, as_value, show
from assistant.qa.clauses import Clause
from assistant.qa.evidence import Evidence, Refusal
from assistant.qa.figures import TOTAL, Figure
from assistant.qa.holdings import Holding, Holdings
from assistant.settings import REPO_ROOT
from assistant.tables.schema import CellKey, CellValue

TEMPLATES_DIR = REPO_ROOT / "prompts" / "qa"


@cache
def template(name: str) -> str:
    return (TEMPLATES_DIR / f"{name}.txt").read_text(encoding="utf-8").strip()


def holdings_text(holdings: Holdings) -> str:
    """What the corpus holds, for refusals: the reports by agency and year, the policies."""
    held = []
    if holdings.reports:
        reports = "、".join(f"{d.agency}{d.year}年" for d in holdings.reports)
        held.append(f"{reports}的政府信息公开工作年度报告")
    held += [f"《{d.title}》" for d in holdings.policies]
    if not held:
        return template("holdings_empty")
    return template("holdings").format(held="，以及".join(held))


def _subject(report: Holding) -> str:
    return f"{report.agency}{report.year}年"


def _where(passage_section: str, section_title: str) -> str:
    if not passage_section:
        return ""
    return f"“{passage_section}、{section_title}”部分" if section_title else ""


def _cell_quote(key: CellKey, value: CellValue) -> str:
    shown = "空白" if value is None else show(value)
    return f"“{key.row}”行“{key.column}”栏：{shown}"


def _cells_text(read: list[tuple[CellKey, CellValue]]) -> str:
    """The cells a figure adds up; zeros are summed up in words (they are still cited).

    No count of cells is printed: every figure in an answer must be one the report holds.
    """
    shown = [(k, v) for k, v in read if v != 0]
    if not shown and len(read) > 1:
        rows = list(dict.fromkeys(k.row for k, _ in read))
        columns = list(dict.fromkeys(k.column for k, _ in read))
        if len(columns) == 1:
            return f"“{rows[0]}”等各行的“{columns[0]}”栏均为0"
        return f"“{rows[0]}”行等各栏均为0"
    if not shown:
        return _cell_quote(*read[0])
    zeros = "；其余各栏为0" if len(shown) < len(read) else ""
    return "；".join(_cell_quote(k, v) for k, v in shown) + zeros


def table_answer(figure: Figure, report: Holding) -> Answer:
    assert figure.value is not None
    what = figure.metric if figure.column == TOTAL else f"{figure.metric}（{figure.column}）"
    read = [(k, v) for row in figure.rows for k, v in row.read]
    text = template("table").format(
        subject=_subject(report),
        what=what,
        figure=f"{show(figure.value)}{figure.unit}",
        source=f"《{report.title}》表{figure.section}",
        cells=_cells_text(read),
    )
    extra = []
    if any(r.summed and r.printed_total is None for r in figure.rows):
        extra.append(template("table_blank_total"))
    if any(r.summed and r.printed_total is not None for r in figure.rows):
        extra.append(template("table_summed"))
    extra += [template("table_note").format(message=m) for m in figure.notes]
    citations = [
        Citation(report.title, k.section, _cell_quote(k, v), report.document_id, cell=k.label())
        for k, v in read
    ]
    citations += [
        Citation(report.title, figure.section, m, report.document_id, finding="勾稽")
        for m in figure.notes
    ]
    return Answer(
        text="\n".join([text, *extra]),
        value=as_value(figure.value),
        unit=figure.unit,
        citations=tuple(citations),
        route="table",
        # The looked-up cells and, when they were added up, their sum.
        context=(*(c.quote for c in citations), f"合计：{show(figure.value)}"),
    )


def narrative_answer(clause: Clause, report: Holding, context: tuple[str, ...]) -> Answer:
    """A figure with the words bound to it, or (for a question asking no figure) a sentence."""
    passage = clause.passage
    source = f"《{passage.title}》" + _where(passage.section, passage.section_title)
    citation = Citation(passage.title, passage.section, clause.sentence, passage.document_id)
    if clause.quantity is None:
        text = template("narrative_text").format(
            subject=_subject(report), source=source, sentence=clause.sentence
        )
        return Answer(text, citations=(citation,), route="narrative", context=context)
    text = template("narrative").format(
        subject=_subject(report), phrase=clause.phrase, source=source, sentence=clause.sentence
    )
    return Answer(
        text=text,
        value=clause.quantity.value,
        unit=clause.quantity.unit,
        citations=(citation,),
        route="narrative",
        context=context,
    )


def policy_answer(clause: Clause, context: tuple[str, ...]) -> Answer:
    passage = clause.passage
    source = f"《{passage.title}》{passage.article or ''}"
    # The article is named in the source; the quote starts with its words.
    quote = clause.sentence.removeprefix(passage.article or "").removeprefix("（续）")
    citation = Citation(passage.title, passage.section, quote, passage.document_id, passage.article)
    if clause.quantity is None:
        text = template("policy_text").format(source=source, sentence=quote)
        return Answer(text, citations=(citation,), route="policy", context=context)
    text = template("policy").format(source=source, phrase=clause.phrase, sentence=quote)
    return Answer(
        text,
        value=clause.quantity.value,
        unit=clause.quantity.unit,
        citations=(citation,),
        route="policy",
        context=context,
    )


def no_clause_answer(evidence: Evidence) -> Answer:
    if evidence.report is None:
        refused = refusal_answer(Refusal("no_policy"), evidence.holdings)
        return replace(refused, context=_context(evidence))
    text = template("refuse_no_clause").format(
        source=f"《{evidence.report.title}》", holdings=holdings_text(evidence.holdings)
    )
    return Answer(text, refused=True, route="refusal", context=_context(evidence))


def missing_cell_answer(figure: Figure, report: Holding) -> Answer:
    reason = "".join(f"{m}。" for m in figure.notes)
    text = template("refuse_missing_cell").format(
        source=f"《{report.title}》", section=figure.section, what=figure.metric, reason=reason
    )
    return Answer(text, refused=True, route="refusal")


_REFUSALS = {
    "unknown_agency": "refuse_agency",
    "year_not_held": "refuse_year",
    "no_agency": "refuse_no_agency",
    "no_policy": "refuse_policy",
    "ambiguous_agency": "refuse_ambiguous_agency",
}


def refusal_answer(refusal: Refusal, holdings: Holdings) -> Answer:
    text = template(_REFUSALS[refusal.reason]).format(
        agency=refusal.agency,
        year=refusal.year,
        years="、".join(str(y) for y in holdings.years(refusal.agency)),
        candidates="、".join(refusal.candidates),
        holdings=holdings_text(holdings),
    )
    return Answer(text, refused=True, route="refusal")


def _context(evidence: Evidence) -> tuple[str, ...]:
    return tuple(p.text for p in evidence.passages)


def unavailable_answer() -> Answer:
    """The chunk index cannot be reached: no figure rather than a guess."""
    return Answer(template("unavailable"), refused=True, route="refusal")
