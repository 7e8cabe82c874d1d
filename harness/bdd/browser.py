"""A shopper in real headless Chromium (the Debian package), driven through Playwright."""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Playwright, Response

LAUNCH_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


def chromium_path() -> str:
    """$ASTROSHOP_CHROMIUM, else the system's chromium; never a downloaded browser."""
    path = os.environ.get("ASTROSHOP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise FileNotFoundError(f"no Chromium at {path}: install the Debian package `chromium` "
                                "(scripts/bootstrap.sh does) or set ASTROSHOP_CHROMIUM")
    return path


def launch(playwright: Playwright, home: Path | None = None) -> Browser:
    """Chromium from the system package, headless, with nothing phoning home; with `home` as
    its HOME (where its NSS database, hence the CAs it trusts beyond the system's, lives)."""
    env = {**os.environ, "HOME": str(home)} if home else None
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=LAUNCH_FLAGS, env=env)


def minor_units(shown: str) -> int:
    """A price as the page shows it ("$1,299.00", "¥19,677") in minor units."""
    digits = re.sub(r"\D", "", shown)
    if not digits:
        raise AssertionError(f"{shown!r} is not a price")
    return int(digits)


@dataclass
class BrowserShopper:
    """One shopper's tab: their own cookies (so their own cart) and the console's errors."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        self.page.on("response", self._response)

    def _response(self, response: Response) -> None:
        """Remember every page (document) the tab loaded: steps judge a page's own status."""
        if response.request.resource_type == "document":
            self.documents.add(response.url)

    def _console(self, message: ConsoleMessage) -> None:
        """Keep console errors, except the status line of a page the steps judge themselves."""
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if FAILED_LOAD.match(message.text) and url in self.documents:
            return
        self.errors.append(f"{message.text} ({url})" if url else message.text)

    def judge(self, response: Response | None, ok: tuple[int, ...], what: str) -> None:
        """Fail with what the shopper saw unless the page answered one of `ok`."""
        status = response.status if response is not None else 0
        if status not in ok:
            raise AssertionError(f"the shopper expected {what}, but got HTTP {status} at "
                                 f"{self.seen()}")

    def open(self, path: str, ok: tuple[int, ...] = (200,)) -> None:
        """Go to a page of the store and wait until it has loaded."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.judge(response, ok, f"the page {path}")

    def go(self, target: str | Locator, ok: tuple[int, ...] = (200,)) -> None:
        """Click a link or a submit button, and wait for the page it leads to."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        label = " ".join(locator.inner_text().split()) or str(target)
        with self.page.expect_navigation(wait_until="load") as navigation:
            locator.click()
        self.judge(navigation.value, ok, f"the next page after pressing “{label}”")

    def texts(self, selector: str) -> list[str]:
        """The visible texts of every element matching `selector`."""
        return [" ".join(t.split()) for t in self.page.locator(selector).all_inner_texts()]

    def seen(self) -> str:
        """What the shopper sees now: the URL, then the main area's text."""
        main = self.page.locator("main")
        text = main.inner_text(timeout=2000) if main.count() else self.page.content()[:300]
        return f"{self.page.url}: " + " ".join(text.split())[:300]

    def console_problems(self) -> str | None:
        """The console errors collected since the last call, as one message, or None."""
        if not self.errors:
            return None
        found, self.errors = self.errors, []
        return "the browser console reported errors: " + " | ".join(found)

    def screenshot(self, path: Path) -> Path:
        """Save the whole page as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
        return path
