"""Start the web app: `python app.py [--host H] [--port P]`."""

from __future__ import annotations

import argparse
import logging
import os

# Set before any ML or gradio import: models come from disk, no telemetry.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

log = logging.getLogger("govqa.app")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="政务公开助手 web app")
    parser.add_argument("--host", help="bind address (default GOVQA_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default GOVQA_PORT or 7860)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    settings = Settings()
    services = Services(settings)
    from ingest.bootstrap import ingest_samples_if_empty

    ingest_samples_if_empty(services)

    from assistant.ui.app import build_ui

    build_ui(services).launch(
        server_name=args.host or settings.host,
        server_port=args.port or settings.port,
        show_error=True,
    )


if __name__ == "__main__":
    main()
