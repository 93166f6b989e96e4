"""A headless Chromium driven by Selenium, reading what xterm.js holds.

textual-serve's page draws the app with xterm.js on a canvas, so the rows are
not in the DOM.  A script run before the page's own catches the page's
``Terminal`` object (its page class keeps it as ``this.terminal``) when it is
made; its active buffer gives each row's text as xterm.js draws it, cell by
cell, left to right: xterm.js does no bidi reordering.

Debian's ``chromium`` and ``chromium-driver`` are used as installed (no
download); where they or Selenium are missing the tests that need them are
skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")


def _missing() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (it is in the test extra)"
    if not (CHROMIUM and CHROMEDRIVER):
        return "chromium and chromium-driver are not installed (.ci/run installs them)"
    return None


MISSING = _missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

# Catches the first object given a `terminal` property that has a `buffer`:
# textual.js's `this.terminal = new Terminal(...)`.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    if (value && value.buffer && !window.hamishTerminal) window.hamishTerminal = value;
    Object.defineProperty(this, 'terminal',
      {value: value, writable: true, configurable: true, enumerable: true});
  },
});
"""

READ_ROWS = """
const term = window.hamishTerminal;
if (!term) return null;
const buffer = term.buffer.active;
const rows = [];
for (let y = 0; y < term.rows; y++) {
  rows.push(buffer.getLine(buffer.viewportY + y).translateToString(true));
}
return {cols: term.cols, rows: rows};
"""


class Browser:
    """One headless Chromium window of ``width`` x ``height`` pixels."""

    def __init__(self, width: int = 1200, height: int = 900) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM or ""
        for argument in (
            "--headless=new",
            "--no-sandbox",  # run as root in CI
            "--disable-dev-shm-usage",
            f"--window-size={width},{height}",
        ):
            options.add_argument(argument)
        self.driver: Any = webdriver.Chrome(
            options=options, service=Service(executable_path=CHROMEDRIVER)
        )
        self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL}
        )

    def open(self, url: str) -> None:
        self.driver.get(url)

    def page_text(self) -> str:
        """The page's text (what a plain page, such as an error, says)."""
        return str(self.driver.execute_script("return document.body.innerText"))

    def terminal(self) -> tuple[int, list[str]] | None:
        """The terminal's width in cells and its rows, right-trimmed; None before it exists."""
        found = self.driver.execute_script(READ_ROWS)
        return None if found is None else (int(found["cols"]), [str(r) for r in found["rows"]])

    def wait_for_rows(self, found: Callable[[list[str]], bool], timeout: float = 60) -> list[str]:
        """The terminal's rows, once ``found(rows)`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.terminal()
            if shown is not None and found(shown[1]):
                return shown[1]
            if time.monotonic() > deadline:
                rows = "\n".join(shown[1]) if shown else "(no terminal)"
                raise AssertionError(f"the browser never showed it:\n{rows}")
            time.sleep(0.1)  # polling the page for a state, bounded above

    def draws_cells_on_canvas(self) -> bool:
        """Whether xterm.js paints the rows cell by cell on a canvas (its WebGL or
        canvas renderer), rather than as DOM text, which the browser's own bidi
        would reorder: then each buffer row is what the screen shows."""
        script = (
            "return document.querySelector('.xterm-screen canvas') !== null"
            " && document.querySelector('.xterm-rows') === null"
        )
        return bool(self.driver.execute_script(script))

    def focus(self) -> None:
        """Put the keyboard focus in the terminal, as a user does on coming to the
        page (without a click, which would also reach the app as a mouse event).

        Textual's web driver starts the app blurred (its footer shows no keys)
        until the page says the terminal has the focus.
        """
        self.driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")

    def keys(self, text: str) -> None:
        """Type into the terminal, as a user at the keyboard."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(text)

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def quit(self) -> None:
        self.driver.quit()
