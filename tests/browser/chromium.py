"""Headless Debian Chromium through Playwright, and the screenshots of a test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from assistant.settings import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package (tests/browser/install_chromium.sh)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETTLED = "() => !document.querySelector('.pending, .generating, .translucent:not(.hide)')"
# Copies for people to look at after a run; git-ignored.
SHARED_SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run tests/browser/install_chromium.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Screenshots:
    """Numbered full-page screenshots in `folder`, each also copied to test-output/ (whose
    earlier copies are removed first, so it shows one run)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(SHARED_SCREENSHOTS, ignore_errors=True)
        SHARED_SCREENSHOTS.mkdir(parents=True)

    def take(self, page: Page, name: str) -> Path:
        """Once gradio has finished every pending update (they render faded until then)."""
        page.wait_for_function(SETTLED, timeout=30_000)
        page.wait_for_timeout(300)  # the fade-in of the last update
        path = self.folder / f"{len(self.taken) + 1:02d}_{name}.png"
        page.screenshot(path=str(path), full_page=True)
        shutil.copy(path, SHARED_SCREENSHOTS / path.name)
        self.taken.append(path)
        return path
