"""The map, in a real headless Chromium: it loads offline with no error, shows what the data says,
search, filter and focus work, hostile names stay text, and --hide-names hides every name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run

H7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def make_map(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "map.html"
    result = run("map", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out.resolve())
    return out


def open_map(browser, path: Path):
    """A page on the map, with everything the page logs or requests collected."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = {"console": [], "errors": [], "requests": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("window.netmapFirstDraw !== undefined", timeout=15_000)
    return page, seen


def embedded(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="netmap-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def hover(page, node_id: int) -> str | None:
    point = page.evaluate(f"window.netmap.pointerOf({node_id})")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(30)
    return page.evaluate("window.netmap.card()")


def test_the_map_loads_offline_without_errors(scenario, tmp_path: Path, browser) -> None:
    path = make_map(tmp_path)
    page, seen = open_map(browser, path)
    assert seen["errors"] == []
    assert [c for c in seen["console"] if c[0] in ("error", "warning")] == []
    assert seen["requests"] == [path.as_uri()]  # the page itself, and nothing else
    html = path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing loaded from anywhere
    data = embedded(path)
    # you, your 5 contacts and the 7 second-degree people: the whole scenario fits under the cut
    assert len(data["nodes"]) == 13
    assert sorted(page.evaluate("window.netmap.visibleIds()")) == sorted(n["id"] for n in data["nodes"])
    assert page.evaluate("window.netmap.network.body.data.nodes.length") == 13
    assert "Showing 12 of the 12 people in your network: 7 suggestions" in page.inner_text("#summary")
    page.close()


def test_hover_card_search_filter_and_focus(scenario, tmp_path: Path, browser) -> None:
    path = make_map(tmp_path)
    page, seen = open_map(browser, path)
    ids = {n["card"]["name"] + "/" + n["card"]["company"]: n["id"] for n in embedded(path)["nodes"]}
    priya = ids["Priya Shah/Morgan Stanley"]
    card = hover(page, priya)
    assert card and "Priya Shah" in card and "M&A Analyst at Morgan Stanley" in card and "Score 74.5 / 100" in card
    assert "Ava Chen" in card  # a bridge
    link = page.locator("#card a")
    assert link.count() == 1 and link.get_attribute("href") == "https://www.linkedin.com/in/priya-shah-9"
    # search jumps to a person and selects them
    page.fill("#search-text", "olivia")
    page.click("#search button")
    assert page.evaluate("window.netmap.network.getSelectedNodes()") == [ids["Olivia Brown/Wells Fargo"]]
    assert "Olivia Brown" in page.evaluate("window.netmap.card()")
    # the industry filter hides everyone else (you stay)
    page.select_option("#industry", "technology")
    visible = page.evaluate("window.netmap.visibleIds()")
    assert sorted(visible) == sorted([ids["Sam Rivera/"], ids["Ben Okafor/Stripe, Inc."], ids["Tom Baker/Google"]])
    # clicking a person dims everyone but their neighbourhood; "Show everything" undoes it
    page.click("#reset")
    point = page.evaluate(f"window.netmap.pointerOf({ids['Ava Chen/Goldman Sachs']})")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    dimmed = page.evaluate(
        "window.netmap.network.body.data.nodes.get().filter(n => n.color.background === '#e6e8ec').length"
    )
    assert dimmed == 13 - 1 - 5  # all but Ava and her neighbours: you, Priya, Jordan (BlackRock), Marcus, Lina
    page.click("#reset")
    assert (
        page.evaluate(
            "window.netmap.network.body.data.nodes.get().filter(n => n.color.background === '#e6e8ec').length"
        )
        == 0
    )
    assert len(page.evaluate("window.netmap.visibleIds()")) == 13
    assert seen["errors"] == []
    page.close()


HOSTILE = [
    ("<img src=x onerror=window.__pwned=1>", "Evil", "https://www.linkedin.com/in/img-evil"),
    ("<script>window.__pwned=2</script>", "Script", "https://www.linkedin.com/in/script-evil"),
    ("Harry", "Href", "https://www.linkedin.com/in/harry-href"),
]


def test_hostile_names_are_text(tmp_path: Path, browser) -> None:
    mine = tmp_path / "Connections.csv"
    rows = [
        f'"{first}",{last},{url},,"Acme ""Corp""",<b>Analyst</b> href javascript:alert(1),07 Feb 2026'
        for first, last, url in HOSTILE
    ]
    mine.write_text(H7 + "\n".join(rows) + "\n")
    run("whoami", "--name", "Sam Rivera")
    run("import", str(mine))
    path = make_map(tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>window.__pwned" not in html
    page, seen = open_map(browser, path)
    for node in embedded(path)["nodes"]:
        card = hover(page, node["id"])
        assert card is not None
        assert page.locator("#card img, #card script, #card b").count() == 0  # the card shows text only
        if node["card"]["name"].startswith("<img"):
            assert "<img src=x onerror=window.__pwned=1> Evil" in card
        page.mouse.click(5, 5)
    assert page.evaluate("window.__pwned") is None
    texts = " ".join(n["card"]["name"] for n in embedded(path)["nodes"])
    assert "<img src=x onerror=window.__pwned=1> Evil" in texts
    assert seen["errors"] == []
    page.close()


def test_hide_names_leaves_no_name_url_or_slug(scenario, tmp_path: Path, browser, store) -> None:
    path = make_map(tmp_path, "--hide-names")
    data = json.dumps(embedded(path), ensure_ascii=False)
    people = store.db.execute("SELECT name FROM people").fetchall()
    urls = [u for (u,) in store.db.execute("SELECT url FROM people WHERE url IS NOT NULL")]
    keys = [k[3:] for (k,) in store.db.execute("SELECT key FROM person_keys WHERE key LIKE 'li:%'")]
    words = {w for (name,) in people for w in re.findall(r"\w+", name or "") if len(w) > 1}
    assert words and urls and keys
    for word in words:
        assert not re.search(rf"\b{re.escape(word)}\b", data, re.IGNORECASE), word
    for text in urls + keys:
        assert text not in data
    assert "linkedin" not in data.lower() and "@" not in data
    page, _ = open_map(browser, path)
    card = hover(page, next(n["id"] for n in embedded(path)["nodes"] if n["card"]["kind"] == "suggestion"))
    assert card and "ask A. C." in card
    assert page.locator("#card a").count() == 0
    page.fill("#search-text", "P. S.")
    page.click("#search button")
    assert "P. S." in page.evaluate("window.netmap.card()")
    page.close()


def test_map_command(scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("map", "--industry", "finance", "--limit", "2")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(tmp_path / "netmap-map.html")
    kinds = [n["card"]["kind"] for n in embedded(tmp_path / "netmap-map.html")["nodes"]]
    assert kinds.count("suggestion") == 2
    assert run("map", "--industry", "finanse").exit_code == 2
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert run("map", "--open").exit_code == 0
    assert opened == [(tmp_path / "netmap-map.html").as_uri()]
    blocked = tmp_path / "no" / "such" / "folder" / "map.html"
    result = run("map", "--out", str(blocked))
    assert result.exit_code == 1 and "cannot write the map" in result.stderr


def test_a_large_network_is_cut_and_says_so(scenario, tmp_path: Path) -> None:
    path = make_map(tmp_path, "--max-people", "10")
    kinds = [n["card"]["kind"] for n in embedded(path)["nodes"]]
    assert len(kinds) == 11  # ten people and you
    assert (kinds.count("suggestion"), kinds.count("bridge"), kinds.count("contact")) == (7, 3, 0)  # best first
    summary = re.search(r'<p id="summary">(.*?)</p>', path.read_text(encoding="utf-8")).group(1)
    assert summary.startswith("Showing 10 of the 12 people in your network: 7 suggestions, 3 of their bridges")


def test_the_vis_network_build_pyvis_ships_is_found() -> None:
    """The map inlines the vis-network that pinned pyvis ships, read through pyvis's own template loader."""
    from pyvis.network import Network

    from netmap.render import vis_network

    net = Network()
    script = vis_network(net, "vis-network.min.js")
    assert "@version 9.1.2" in script[:400] and len(script) > 400_000
    assert ".vis-network" in vis_network(net, "vis-network.css")
