"""First start: an empty store gets the bundled sample corpus."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from assistant.corpus.models import Document
from assistant.services import Services

log = logging.getLogger(__name__)


def ingest_samples_if_empty(services: Services) -> None:
    with services.db.session() as session:
        stored = session.scalar(select(func.count()).select_from(Document))
    if stored:
        return
    from ingest.cli import run_ingest

    log.info("资料库为空，正在导入示例文档：%s", services.settings.samples_dir)
    run_ingest(services, [services.settings.samples_dir])
