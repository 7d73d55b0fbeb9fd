"""Start the web app: `python app.py [--host H] [--port P]`.

One port serves the public pages at / and the staff console at /staff (sign-in at /login;
accounts: `python -m assistant.staff add-user NAME`).
"""

from __future__ import annotations

import argparse
import logging
import os
import time

from assistant.settings import apply_process_defaults

apply_process_defaults()

from assistant.logsafe import EscapingFormatter  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import Settings  # noqa: E402

log = logging.getLogger("govqa.app")


def main(argv: list[str] | None = None) -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description="政务公开助手 web app")
    parser.add_argument("--host", help="bind address (default GOVQA_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default GOVQA_PORT or 7860)")
    args = parser.parse_args(argv)
    # The database holds applicants' personal data: whatever the app creates (database,
    # its journal, exports, Chroma) is readable by this user only.
    os.umask(0o077)
    handler = logging.StreamHandler()
    handler.setFormatter(EscapingFormatter("%(asctime)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])

    overrides = {"host": args.host, "port": args.port}
    settings = Settings().model_copy(update={k: v for k, v in overrides.items() if v})
    services = Services(settings)
    from ingest.bootstrap import ingest_samples_if_empty

    ingest_samples_if_empty(services)
    services.index  # noqa: B018 — load the model now, not on the first question

    from assistant.qa import QAService
    from assistant.ui.server import create_app, serve

    app = create_app(services, QAService(services))
    log.info(
        "ready in %.1f s: http://%s:%d (staff console: /staff)",
        time.perf_counter() - started,
        settings.host,
        settings.port,
    )
    serve(app, settings.host, settings.port)


if __name__ == "__main__":
    main()
