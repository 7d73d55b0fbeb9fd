"""Question answering: exact figures with citations, or an honest refusal.

`QAService(services).answer(question, history) -> Answer` is the one entry point.
"""

from assistant.qa.answer import Answer, Citation
from assistant.qa.service import QAService

__all__ = ["Answer", "Citation", "QAService"]
