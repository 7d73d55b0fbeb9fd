"""The gradio web UI: the only place that imports gradio. Handlers call the services."""
