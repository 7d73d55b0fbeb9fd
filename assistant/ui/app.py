"""A first page: what the corpus holds, and a search over it."""

from __future__ import annotations

import gradio as gr
from sqlalchemy import select

from assistant.corpus.models import Document
from assistant.services import Services


def _documents_table(services: Services) -> list[list[str]]:
    with services.db.session() as session:
        docs = session.scalars(
            select(Document).where(Document.superseded_by.is_(None)).order_by(Document.id)
        )
        return [
            [d.title, d.agency or "", str(d.year or ""), d.format or "", str(d.chunk_count)]
            for d in docs
        ]


def _search(services: Services, query: str) -> str:
    query = query.strip()
    if not query:
        return "请输入要检索的内容。"
    hits = services.index.search(query, k=3)
    if not hits:
        return "未找到相关内容。"
    parts = []
    for hit in hits:
        meta = hit.metadata
        where = f"{meta.get('title', '')} · {meta.get('section', '')} {meta.get('section_title', '')}"
        parts.append(f"**{where}**\n\n> {hit.text}")
    return "\n\n---\n\n".join(parts)


def build_ui(services: Services) -> gr.Blocks:
    with gr.Blocks(title="政务公开助手") as ui:
        gr.Markdown("# 政务公开助手\n政府信息公开工作年度报告与政策文件检索")
        gr.Dataframe(
            value=lambda: _documents_table(services),
            headers=["文档", "机关", "年度", "表格格式", "分块数"],
            label="资料库",
            interactive=False,
        )
        query = gr.Textbox(label="检索", placeholder="例如：城关镇2020年主动公开政府信息多少条")
        result = gr.Markdown()
        query.submit(lambda q: _search(services, q), inputs=query, outputs=result)
    return ui
