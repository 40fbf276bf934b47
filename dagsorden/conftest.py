"""Fixtures shared by every app's tests: a media folder per test, and a real browser.

The browser is Debian's Chromium (/usr/bin/chromium), driven by Playwright; a browser
download is neither wanted nor possible. Without Chromium the browser tests are
skipped, unless REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium off the network and quiet on a machine with no display.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=da",  # the browser's own messages ("Udfyld dette felt") in Danish too
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test stores uploaded and imported files in its own folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(
                f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}: apt-get install chromium"
            )
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls
    # from a thread with a running loop unless told the calls are really synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
