"""Regenerate docs/map.png, the README's picture: `netmap demo`'s map in headless Chromium, with one
suggestion's card open. Needs Chromium (Debian's /usr/bin/chromium) and playwright.

    python docs/make_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from netmap.api import demo

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from conftest import CHROMIUM_ARGS, chromium_path

with tempfile.TemporaryDirectory() as folder:
    result = demo(folder)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(result.map.as_uri())
        page.wait_for_function("window.netmapFirstDraw !== undefined")
        target = result.suggestions[0].id
        page.evaluate(f"window.netmap.network.focus({target}, {{scale: 0.35, animation: false}})")
        point = page.evaluate(f"window.netmap.pointerOf({target})")
        box = page.locator("#map").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(__file__).parent / "map.png"))
        browser.close()
print("wrote docs/map.png")
