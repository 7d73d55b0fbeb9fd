"""The staff console (gradio): queue, request detail and actions, reports, statistics."""
