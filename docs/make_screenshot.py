"""Regenerate the README's pictures of the map: `netmap demo`'s map in headless Chromium, as a
first-time user sees it, in three views — the first view, the best suggestion selected (the path
to them and their card), and a friend's view (everyone they can introduce) — at 1400×900, and the
same views at 1024×768 (docs/small/); and the map after a week of outreach (docs/map-outreach.png:
stage rings, the card's next step and draft). Needs Chromium (Debian's /usr/bin/chromium) and playwright.

    python docs/make_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from netmap.api import demo, suggest, track, write_map
from netmap.store import Store

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


def stages(store_path: Path, out: Path) -> Path:
    """The demo's map after a week of outreach, as the README's walkthrough goes: one ask sent, one
    interview scheduled, one picked."""
    store = Store(store_path)
    try:
        top = [s.name for s in suggest(store, industry="finance", limit=3)]
        track(store, top[0], "asked-bridge", on=date(2026, 11, 25))
        track(store, top[1], "scheduled", on=date(2026, 11, 27), next_on=date(2026, 12, 9))
        track(store, top[2], "picked")
        write_map(store, out, industry="finance")
    finally:
        store.close()
    return out


def outreach_view(page) -> Path:
    """The first suggestion's card: its stage, the next step and the folded draft, opened."""
    best = page.evaluate("window.netmap.listIds()[0]")
    page.click(f"#entry-{best}")
    page.click("#card details.draft summary")
    page.wait_for_timeout(300)
    path = DOCS / "map-outreach.png"
    page.screenshot(path=str(path))
    return path


with tempfile.TemporaryDirectory() as folder:
    result = demo(folder)
    staged = stages(result.store, Path(folder) / "outreach.html")
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
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(staged.as_uri())
        until(page, "window.netmapFirstDraw !== undefined")
        print(f"wrote {outreach_view(page).relative_to(DOCS.parent)}")
        browser.close()
