"""Regenerate the README's pictures of the map: `netmap demo`'s map in headless Chromium, as a
first-time user sees it, in three views — the first view, the best suggestion selected (the path
to them and their card), and a friend's view (everyone they can introduce) — at 1400×900, and the
same views at 1024×768 (docs/small/). Needs Chromium (Debian's /usr/bin/chromium) and playwright.

    python docs/make_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from netmap.api import demo

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from conftest import CHROMIUM_ARGS, chromium_path

DOCS = Path(__file__).parent
SIZES = {"": (1400, 900), "small": (1024, 768)}


def until(page, expression: str, seconds: float = 15) -> None:
    """Wait for a page expression from here: the map's CSP forbids Playwright's in-page eval."""
    end = time.perf_counter() + seconds
    while not page.evaluate(expression):
        if time.perf_counter() > end:
            raise TimeoutError(expression)
        time.sleep(0.02)


def views(page, folder: Path) -> list[Path]:
    written = []
    page.wait_for_timeout(300)
    written.append(folder / "map.png")
    page.screenshot(path=str(written[-1]))
    best = page.evaluate("window.netmap.listIds()[0]")
    page.click(f"#entry-{best}")  # as a user would: the first of the list
    page.wait_for_timeout(300)
    written.append(folder / "map-path.png")
    page.screenshot(path=str(written[-1]))
    friend = page.evaluate(
        f"window.netmap.network.body.data.nodes.get({best}).card.bridges[0].id"
    )  # the friend to ask for the best suggestion
    page.keyboard.press("Escape")
    point = page.evaluate(f"window.netmap.pointerOf({friend})")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(300)
    written.append(folder / "map-friend.png")
    page.screenshot(path=str(written[-1]))
    return written


with tempfile.TemporaryDirectory() as folder:
    result = demo(folder)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for sub, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(result.map.as_uri())
            until(page, "window.netmapFirstDraw !== undefined")
            target = DOCS / sub
            target.mkdir(exist_ok=True)
            for path in views(page, target):
                print(f"wrote {path.relative_to(DOCS.parent)}")
            page.close()
        browser.close()
