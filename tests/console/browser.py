"""Debian's chromium driven by Selenium for the console tests: the system browser and driver,
paths given explicitly so selenium-manager never downloads anything; a fresh profile per run;
screenshots at 1366×768 saved to $RESPONDER_CONSOLE_SHOTS (default a temp folder)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1366,768",
)


def shots_dir() -> Path:
    folder = Path(
        os.environ.get("RESPONDER_CONSOLE_SHOTS")
        or Path(tempfile.gettempdir()) / "responder-console-shots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def chromium(profile: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_window_size(1366, 768)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: object, name: str, width: int = 1366) -> Path:
    """A screenshot of the page at ``width`` (height 768), saved as NAME.png."""
    driver.set_window_size(width, 768)  # type: ignore[attr-defined]
    target = shots_dir() / f"{name}.png"
    driver.save_screenshot(str(target))  # type: ignore[attr-defined]
    return target
