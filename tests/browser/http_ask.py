"""Calling the app's `/ask` endpoint over plain HTTP (gradio's two-step call API)."""

from __future__ import annotations

import json

import httpx


def ask_over_http(base_url: str, question: str, timeout: float = 120.0) -> str:
    """POST the question, then read the event stream until the result arrives."""
    with httpx.Client(base_url=base_url, timeout=timeout) as client:
        posted = client.post("gradio_api/call/ask", json={"data": [question]})
        posted.raise_for_status()
        event_id = posted.json()["event_id"]
        with client.stream("GET", f"gradio_api/call/ask/{event_id}") as stream:
            event = ""
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.removeprefix("event:").strip()
                elif line.startswith("data:") and event == "complete":
                    return str(json.loads(line.removeprefix("data:"))[0])
                elif line.startswith("data:") and event == "error":
                    raise RuntimeError(f"/ask failed: {line}")
    raise RuntimeError("/ask ended without a result")
