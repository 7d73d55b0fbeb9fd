"""`python -m assistant.eval`: answer accuracy and latency on a QA set (DESIGN.md, Evaluation)."""
