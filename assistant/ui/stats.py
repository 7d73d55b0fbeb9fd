"""The public 统计 tab: one figure of the ingested reports across agencies and years."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.requests.agencies import report_agencies
from assistant.services import Services
from assistant.ui.figures import (
    AGENCY,
    METRIC_LABELS,
    REPORT,
    VALUE,
    YEAR,
    figures,
    figures_chart,
    figures_table,
    metric_named,
)
from assistant.ui.texts import text

ALL_AGENCIES = "全部机关"


def show_figures(services: Services, label: str, agency: str) -> tuple[Any, Any]:
    found = figures(services.db, metric_named(label), None if agency == ALL_AGENCIES else agency)
    return figures_table(found), gr.BarPlot(figures_chart(found), title=label)


def build_stats(services: Services, tab: gr.Tab) -> None:
    """Render the tab's content; figures are read afresh whenever the tab is opened."""
    gr.Markdown(text("stats_intro.md"))
    with gr.Row():
        metric = gr.Dropdown(METRIC_LABELS, value=METRIC_LABELS[0], label="指标")
        agency = gr.Dropdown([ALL_AGENCIES], value=ALL_AGENCIES, label="机关")
    with gr.Row():
        table = gr.Dataframe(
            headers=[AGENCY, YEAR, VALUE], interactive=False, label="数据表", elem_id="public-stats"
        )
        chart = gr.BarPlot(x=REPORT, y=VALUE, x_label_angle=-20, label="图表", height=420)

    def opened(label: str, chosen: str) -> tuple[Any, Any, Any]:
        agencies = report_agencies(services.db)
        chosen = chosen if chosen in agencies else ALL_AGENCIES
        return gr.Dropdown(choices=[ALL_AGENCIES, *agencies], value=chosen), *show_figures(
            services, label, chosen
        )

    tab.select(opened, [metric, agency], [agency, table, chart], api_visibility="private")
    gr.on(
        [metric.input, agency.input],
        lambda label, chosen: show_figures(services, label, chosen),
        [metric, agency],
        [table, chart],
        api_visibility="private",
    )
