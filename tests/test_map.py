"""The map, in a real headless Chromium: it loads offline with no error and answers "whom do I ask,
for whom" — a ranked list beside the graph, in sync with it; friends who can introduce you drawn as
their own kind; every suggestion and friend named at the first view with no label over another and
no node inside another; the card inside the window; titles that follow the filters; a selection
kept in the URL; hostile names stay text, and --hide-names writes nothing that names anyone."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from netmap.api import demo, write_map
from netmap.companies import evidence
from netmap.store import Store
from tests.conftest import run

H7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
SIZES = [(1400, 900), (1024, 768)]
OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"}


def make_map(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "map.html"
    result = run("map", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out.resolve())
    return out


def open_map(browser, path: Path, size: tuple[int, int] = (1400, 900), fragment: str = ""):
    """A page on the map, with everything the page logs or requests collected."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    seen: dict[str, list[Any]] = {"console": [], "errors": [], "requests": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri() + fragment)
    until(page, "window.netmapFirstDraw !== undefined")
    page.wait_for_timeout(50)
    return page, seen


def until(page, expression: str, seconds: float = 15) -> None:
    """Wait for a page expression, asking from here: the map's Content-Security-Policy forbids the
    eval that Playwright's own ``wait_for_function`` runs inside the page."""
    end = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"still not true after {seconds} s: {expression}"
        time.sleep(0.01)


def written(path: Path) -> dict:
    """The page's data as the file has it (compact)."""
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="netmap-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))


def embedded(path: Path) -> dict:
    """The page's data as map.js reads it: each card with what it leaves out at the defaults, a node's
    label (its name) and tone (its industry's colour), edges as records with their ids."""
    data = written(path)
    tones = {i["slug"]: i["color"] for i in data["industries"]}
    for n in data["nodes"]:
        n["card"] = data["card_defaults"] | n["card"]
        n.setdefault("label", n["card"]["name"])
        n.setdefault("tone", tones.get(n["industry"]))
    data["edges"] = [{"id": i, "from": a, "to": b, "width": w, "kind": k, "hidden": k not in ("bridge", "best")}
                     for i, (a, b, w, k) in enumerate(data["edges"])]  # fmt: skip
    return data


def hover(page, node_id: int) -> str | None:
    point = page.evaluate(f"window.netmap.pointerOf({node_id})")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(30)
    return page.evaluate("window.netmap.card()")


def click_node(page, node_id: int) -> None:
    point = page.evaluate(f"window.netmap.pointerOf({node_id})")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(30)


def people(data: dict) -> dict[int, dict]:
    return {n["id"]: n for n in data["nodes"]}


def ranked(data: dict) -> list[dict]:
    return sorted((n for n in data["nodes"] if n["card"]["rank"]), key=lambda n: n["card"]["rank"])


def bridges(data: dict) -> list[dict]:
    return [n for n in data["nodes"] if n["card"]["kind"] == "bridge"]


def card_box(page) -> dict:
    return page.evaluate(
        """(() => { const c = document.getElementById('card'); const r = c.getBoundingClientRect();
        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, scroll: c.scrollHeight,
                client: c.clientHeight, width: innerWidth, height: innerHeight}; })()"""
    )


def assert_card_inside(page) -> None:
    box = card_box(page)
    assert box["left"] >= 0 and box["right"] <= box["width"], box
    assert box["top"] >= 0 and box["bottom"] <= box["height"], box
    assert box["scroll"] <= box["client"] + 1, box  # nothing cut off inside it either
    link = page.locator("#card a")
    if link.count():
        r = link.bounding_box()
        assert r["y"] + r["height"] <= box["height"] and r["x"] + r["width"] <= box["width"]


@pytest.fixture(scope="module")
def demo_maps(tmp_path_factory) -> dict[str, Path]:
    """The demo's store and maps: finance (`netmap demo`'s own), every industry, and shareable."""
    folder = tmp_path_factory.mktemp("demo")
    made = demo(folder)
    store = Store(made.store)
    try:
        maps = {"finance": made.map, "store": made.store}
        maps["all"] = write_map(store, folder / "all.html").path
        maps["hidden"] = write_map(store, folder / "hidden.html", hide_names=True).path
    finally:
        store.close()
    return maps


# --- loading, offline ---------------------------------------------------------------------------


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
    summary = page.inner_text("#summary")
    assert summary.startswith("Showing 12 of the 12 people in your network: 7 suggestions, 3 friends who can")
    assert page.inner_text("#title") == "Everyone — 7 suggestions through 3 friends" == page.title()
    page.close()


def test_the_file_is_compact_and_the_page_fills_it_in(demo_maps, browser) -> None:
    """A context dot is written with its place, size, industry and what its card says beyond the
    defaults, nothing that vis-network or the page would repeat for each of thousands (colour, label,
    tone, null fields, per-node options); an edge as [from, to, width, kind]. The page gives
    vis-network the edges drawn at first, and a person's others when they are chosen."""
    raw = written(demo_maps["finance"])
    context = [n for n in raw["nodes"] if n["card"].get("kind", "contact") in ("contact", "second")
               and not n["card"].get("rank") and not n["card"].get("stage")]  # fmt: skip
    assert len(context) == 1392
    assert all(set(n) == {"id", "x", "y", "size", "industry", "card"} for n in context)
    allowed = {"name", "role", "industry_name", "kind", "bridges", "url", "score", "why"}  # scored, not in the top
    assert all(set(n["card"]) <= allowed for n in context)
    assert all(len(e) == 4 and isinstance(e[3], str) for e in raw["edges"])
    html = demo_maps["finance"].read_text(encoding="utf-8")
    script = html[html.index('id="netmap-data"') :]
    assert '", "' not in script[: script.index("</script>")]  # no spaces between items
    data = embedded(demo_maps["finance"])
    page, seen = open_map(browser, demo_maps["finance"])
    assert seen["errors"] == []
    drawn = sorted(e["id"] for e in data["edges"] if e["kind"] in ("bridge", "best"))
    assert sorted(page.evaluate("window.netmap.network.body.data.edges.getIds()")) == drawn
    dot = next(n for n in context if n["card"].get("kind", "contact") == "contact")
    shown = page.evaluate(f"window.netmap.network.body.data.nodes.get({dot['id']})")
    assert shown["color"] == raw["context_colours"][dot["industry"]] and shown["label"] == ""  # named when zoomed in
    page.evaluate(f"window.netmap.select({dot['id']})")
    theirs = {e["id"] for e in data["edges"] if dot["id"] in (e["from"], e["to"])}
    assert theirs and theirs <= set(page.evaluate("window.netmap.network.body.data.edges.getIds()"))
    page.close()


def test_on_a_very_wide_map_the_first_view_shows_the_best_suggestion(demo_maps, browser) -> None:
    """When not even the best ten fit at a readable size, the first view shows as many of the best as
    fit, at least the best one and whom to ask."""
    data = embedded(demo_maps["finance"])
    best = ranked(data)[0]
    page, _ = open_map(browser, demo_maps["finance"], (560, 420))
    point = page.evaluate(f"window.netmap.pointerOf({best['id']})")
    stage = page.locator("#map").bounding_box()
    assert 0 <= point["x"] <= stage["width"] and 0 <= point["y"] <= stage["height"], (point, stage)
    assert page.evaluate("window.netmap.firstScale()") >= 9 / 13 - 1e-9  # names stay readable
    page.close()


def test_the_demo_map_is_interactive_offline(demo_maps, browser) -> None:
    page, seen = open_map(browser, demo_maps["finance"])
    assert seen["errors"] == [] and seen["requests"] == [demo_maps["finance"].as_uri()]
    assert [c for c in seen["console"] if c[0] in ("error", "warning")] == []
    page.close()


# --- the ranked list and the graph, in sync ------------------------------------------------------


def test_the_list_shows_the_suggestions_best_first_with_whom_to_ask(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    best = ranked(data)
    assert len(best) == 100 and [n["card"]["rank"] for n in best] == list(range(1, 101))
    assert [n["card"]["score"] for n in best] == sorted((n["card"]["score"] for n in best), reverse=True)
    page, _ = open_map(browser, demo_maps["finance"])
    assert page.evaluate("window.netmap.listIds()") == [n["id"] for n in best]
    first = page.locator("#list li").first
    text = first.inner_text()
    top = best[0]["card"]
    assert top["name"] in text and top["role"] in text and str(top["score"]) in text
    assert f"Ask {top['bridges'][0]['name']}" in text and f"(or {len(top['bridges']) - 1} more)" in text
    # past a screenful the list scrolls in its own panel; the page itself never scrolls
    sizes = page.evaluate(
        """(() => { const l = document.getElementById('list');
        return [l.scrollHeight, l.clientHeight, document.scrollingElement.scrollHeight, innerHeight]; })()"""
    )
    assert sizes[0] > sizes[1] and sizes[2] <= sizes[3]
    page.close()


def test_clicking_an_entry_focuses_the_path_and_opens_the_card(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    by_id = people(data)
    you = next(n["id"] for n in data["nodes"] if n["card"]["kind"] == "you")
    target = max(ranked(data)[:20], key=lambda n: len(n["card"]["bridges"]))  # several friends know them
    via = [b["id"] for b in target["card"]["bridges"]]
    assert len(via) >= 3
    page, _ = open_map(browser, demo_maps["finance"])
    before = page.evaluate("window.netmap.network.getScale()")
    page.click(f"#entry-{target['id']}")
    assert page.evaluate("window.netmap.network.getSelectedNodes()") == [target["id"]]
    assert page.get_attribute(f"#entry-{target['id']}", "aria-selected") == "true"
    card = page.evaluate("window.netmap.card()")
    assert target["card"]["name"] in card and "Whom to ask" in card and by_id[via[0]]["card"]["name"] in card
    # the path you → each friend → them is drawn (and only it), everyone else muted
    edges = {tuple(e) for e in page.evaluate("window.netmap.pathEdges()")}
    assert edges == {(you, b) for b in via} | {(b, target["id"]) for b in via}
    assert set(page.evaluate("window.netmap.brightIds()")) == {you, target["id"], *via}
    # the view zoomed to the path: everyone on it is on screen, beside the card, not under it
    assert page.evaluate("window.netmap.network.getScale()") > before
    stage = page.locator("#map").bounding_box()
    card_left = card_box(page)["left"] - stage["x"]
    for pid in [you, target["id"], *via]:
        point = page.evaluate(f"window.netmap.pointerOf({pid})")
        assert 0 <= point["x"] <= card_left and 0 <= point["y"] <= stage["height"], (pid, point)
    assert_card_inside(page)
    page.close()


def test_selecting_in_the_graph_selects_in_the_list(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    late = ranked(data)[60]  # below the first screenful of the list
    page, _ = open_map(browser, demo_maps["finance"])
    click_node(page, late["id"])
    assert page.evaluate("window.netmap.selected()") == late["id"]
    entry = page.locator(f"#entry-{late['id']}")
    assert entry.get_attribute("aria-selected") == "true"
    assert page.locator('#list li[aria-selected="true"]').count() == 1
    panel, box = page.locator("#list").bounding_box(), entry.bounding_box()
    assert panel["y"] <= box["y"] and box["y"] + box["height"] <= panel["y"] + panel["height"] + 1  # scrolled to
    # a click on the empty map lets go
    page.mouse.click(page.locator("#map").bounding_box()["x"] + 3, page.locator("#map").bounding_box()["y"] + 3)
    assert page.evaluate("window.netmap.selected()") is None and page.evaluate("window.netmap.card()") is None
    page.close()


def test_keyboard_up_and_down_move_through_the_list(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    order = [n["id"] for n in ranked(data)]
    page, _ = open_map(browser, demo_maps["finance"])
    page.focus("#list")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("window.netmap.selected()") == order[2]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("window.netmap.selected()") == order[1]
    assert order[1] == page.evaluate("window.netmap.network.getSelectedNodes()")[0]
    for _ in range(30):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("window.netmap.selected()") == order[31]
    assert page.evaluate("document.getElementById('list').scrollTop") > 0
    panel, box = page.locator("#list").bounding_box(), page.locator(f"#entry-{order[31]}").bounding_box()
    assert panel["y"] <= box["y"] and box["y"] + box["height"] <= panel["y"] + panel["height"] + 1
    assert order[31] == int(page.get_attribute('#list li[aria-selected="true"]', "data-id"))
    page.keyboard.press("Escape")
    assert page.evaluate("window.netmap.selected()") is None
    page.close()


# --- readable at first sight --------------------------------------------------------------------

GEOMETRY = """(() => {
  const net = window.netmap.network, scale = net.getScale();
  const out = [];
  for (const id of net.body.nodeIndices) {
    const n = net.body.nodes[id], data = net.body.data.nodes.get(id);
    const size = n.options.size, shape = n.options.shape;
    const reach = shape === 'square' ? size * Math.SQRT2 : shape === 'star' ? size * 1.2 : size;
    const label = n.labelModule.visible() ? n.labelModule.getSize() : null;
    out.push({id: id, x: n.x, y: n.y, r: reach, kind: data.card.kind, rank: data.card.rank,
              text: n.options.label, name: data.card.name, font: n.labelModule.fontOptions.size * scale,
              label: label, drawn: label !== null && n.labelModule.fontOptions.color !== 'rgba(0,0,0,0)'});
  }
  const view = {tl: net.DOMtoCanvas({x: 0, y: 0}),
                br: net.DOMtoCanvas({x: net.canvas.frame.clientWidth, y: net.canvas.frame.clientHeight})};
  return {nodes: out, scale: scale, view: view};
})()"""


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["left"] + b["width"]
        and b["left"] < a["left"] + a["width"]
        and (a["top"] < b["top"] + b["height"] and b["top"] < a["top"] + a["height"])
    )


@pytest.mark.parametrize(
    ("which", "size"),
    [("finance", SIZES[0]), ("finance", SIZES[1]), ("all", SIZES[0]), ("hidden", SIZES[1])],
    ids=["finance-1400x900", "finance-1024x768", "all-1400x900", "hidden-1024x768"],
)
def test_suggestions_and_friends_are_named_at_first_sight_without_overlap(demo_maps, browser, which, size) -> None:
    page, _ = open_map(browser, demo_maps[which], size)
    geo = page.evaluate(GEOMETRY)
    nodes = geo["nodes"]
    named = [n for n in nodes if n["kind"] in ("bridge", "you") or n["rank"]]
    assert len([n for n in named if n["kind"] == "bridge"]) == 8 and len([n for n in named if n["rank"]]) == 100
    for n in named:
        assert n["drawn"], n  # drawn at the default zoom…
        assert n["text"] == (n["name"] if n["kind"] != "you" else "You")  # …with the full name
        assert n["font"] >= 8.9, n  # and big enough to read
    labels = [n for n in nodes if n["drawn"]]
    assert {n["id"] for n in labels} == {n["id"] for n in named}  # context stays unnamed until zoomed in
    view = geo["view"]

    def in_view(n: dict) -> bool:
        return view["tl"]["x"] <= n["x"] <= view["br"]["x"] and view["tl"]["y"] <= n["y"] <= view["br"]["y"]

    # vis-network measures a label when it draws it: names outside the first view have no box yet
    labels = [n for n in labels if in_view(n)]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not overlaps(a["label"], b["label"]), (a["text"], b["text"])
    for a in labels:  # no name lies over anyone else's shape either
        box = a["label"]
        for b in nodes:
            if b["id"] != a["id"]:
                closest_x = min(max(b["x"], box["left"]), box["left"] + box["width"])
                closest_y = min(max(b["y"], box["top"]), box["top"] + box["height"])
                assert (closest_x - b["x"]) ** 2 + (closest_y - b["y"]) ** 2 >= b["r"] ** 2, (a["text"], b["id"])
    # every friend, and the ten best suggestions, are in the first view
    for n in named:
        if n["kind"] == "bridge" or (n["rank"] and n["rank"] <= 10):
            assert in_view(n), n
    page.close()


@pytest.mark.parametrize("which", ["finance", "all"])
def test_no_node_is_inside_another(demo_maps, browser, which) -> None:
    page, _ = open_map(browser, demo_maps[which])
    nodes = page.evaluate(GEOMETRY)["nodes"]
    assert len(nodes) == 1501
    cell = 40.0
    grid: dict[tuple[int, int], list[dict]] = {}
    for n in nodes:
        grid.setdefault((int(n["x"] // cell), int(n["y"] // cell)), []).append(n)
    for n in nodes:
        i, j = int(n["x"] // cell), int(n["y"] // cell)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for m in grid.get((i + di, j + dj), []):
                    if m["id"] < n["id"]:
                        gap = ((n["x"] - m["x"]) ** 2 + (n["y"] - m["y"]) ** 2) ** 0.5 - n["r"] - m["r"]
                        assert gap >= 0, (n, m)
    assert max(n["r"] for n in nodes) < cell  # the neighbouring cells hold everyone who could touch
    page.close()


def test_context_names_show_only_when_zoomed_in_and_never_over_each_other(demo_maps, browser) -> None:
    page, _ = open_map(browser, demo_maps["finance"])
    first = page.evaluate("window.netmap.firstScale()")
    you = next(n["id"] for n in embedded(demo_maps["finance"])["nodes"] if n["card"]["kind"] == "you")
    page.evaluate(f"window.netmap.network.moveTo({{position: window.netmap.network.getPositions([{you}])[{you}], "
                  f"scale: {first * 3}, animation: false}})")  # fmt: skip
    page.wait_for_timeout(400)  # names are fitted once the view stops changing
    geo = page.evaluate(GEOMETRY)
    view = geo["view"]
    drawn = [
        n for n in geo["nodes"]
        if n["drawn"] and view["tl"]["x"] <= n["x"] <= view["br"]["x"] and view["tl"]["y"] <= n["y"] <= view["br"]["y"]
    ]  # fmt: skip
    context = [n for n in drawn if n["kind"] in ("contact", "second") and not n["rank"]]
    assert len(context) >= 10  # zoomed in, your contacts' names appear…
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            assert not overlaps(a["label"], b["label"]), (a["text"], b["text"])  # …only where they fit
    page.close()


def test_only_the_edges_that_matter_are_drawn_until_asked(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    kinds = {e["id"]: e["kind"] for e in data["edges"]}
    page, _ = open_map(browser, demo_maps["finance"])
    shown = page.evaluate("window.netmap.network.body.data.edges.get().filter(e => !e.hidden).map(e => e.id)")
    assert {kinds[e] for e in shown} == {"bridge", "best"}
    assert len([e for e in shown if kinds[e] == "best"]) == 100 and len([e for e in shown if kinds[e] == "bridge"]) == 8
    page.check("#all-edges")
    assert len(page.evaluate("window.netmap.network.body.data.edges.get().filter(e => !e.hidden)")) == len(kinds)
    page.close()


# --- friends who can introduce you --------------------------------------------------------------


def test_friends_are_their_own_kind_sized_by_how_many_they_can_introduce(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    by_id = people(data)
    friends = bridges(data)
    assert {n["shape"] for n in friends} == {"hexagon"} and len(friends) == 8
    assert {n["shape"] for n in ranked(data)} == {"diamond"}
    order = sorted(friends, key=lambda n: len(n["card"]["introduces"]))
    assert [n["size"] for n in order] == sorted(n["size"] for n in order) and order[0]["size"] < order[-1]["size"]
    mateo = next(n for n in friends if n["card"]["name"] == "Mateo Dalwick")
    whom = mateo["card"]["introduces"]
    assert whom == sorted(whom, key=lambda p: by_id[p]["card"]["rank"]) and len(whom) > 5
    page, _ = open_map(browser, demo_maps["finance"])
    assert page.inner_text("#legend-bridges") == "8 friends who can introduce you (size: how many)"
    card = hover(page, mateo["id"])
    assert card and f"Can introduce you to {len(whom)} suggestions (best first)" in card
    items = page.locator("#card ol li").all_inner_texts()
    assert [t.split(",")[0] for t in items] == [by_id[p]["card"]["name"] for p in whom[:5]]
    assert f"and {len(whom) - 5} more" in card and "Click to see everyone Mateo can introduce" in card
    click_node(page, mateo["id"])
    assert page.evaluate("window.netmap.selected()") == mateo["id"]
    bright = set(page.evaluate("window.netmap.brightIds()"))
    reach = set(page.evaluate(f"window.netmap.network.getConnectedNodes({mateo['id']})"))
    assert bright == reach | {mateo["id"]} and set(whom) <= bright
    assert page.evaluate("window.netmap.listIds()") == whom  # the list: everyone he can introduce
    assert "Through Mateo Dalwick" in page.inner_text("#via")
    assert "Showing everyone Mateo can introduce" in page.evaluate("window.netmap.card()")
    assert_card_inside(page)
    page.click("#via-clear")
    assert len(page.evaluate("window.netmap.listIds()")) == 100
    page.close()


# --- colour -------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["finance", "all"])
def test_few_colour_blind_safe_colours_and_a_legend_of_what_is_there(demo_maps, browser, which) -> None:
    data = embedded(demo_maps[which])
    legend = {i["slug"]: i for i in data["industries"]}
    tones = {n["tone"] for n in data["nodes"] if n["card"]["kind"] != "you"}
    assert tones <= OKABE_ITO | {data["other"]} and len(tones) <= 8
    on_map: dict[str, int] = {}
    for n in data["nodes"]:
        if n["card"]["kind"] != "you":
            on_map[n["industry"]] = on_map.get(n["industry"], 0) + 1
    assert {slug: i["count"] for slug, i in legend.items()} == on_map  # only what is on the page, counted
    # the industries with the most suggestions get colours before the others
    counts = {slug: sum(1 for n in ranked(data) if n["industry"] == slug) for slug in legend}
    coloured = [counts[s] for s, i in legend.items() if i["color"] != data["other"] and s not in ("other", "unknown")]
    grey = [counts[s] for s, i in legend.items() if i["color"] == data["other"]]
    assert min(coloured) >= max(grey, default=0) and len(coloured) == min(7, len(legend))
    page, _ = open_map(browser, demo_maps[which])
    items = page.locator("#legend-industries li").all_inner_texts()
    grey = [i for i in data["industries"] if i["color"] == data["other"]]
    assert len(items) == len(data["industries"]) - len(grey) + (1 if grey else 0) <= 8
    if len(grey) > 1:
        assert items[-1] == f"{len(grey)} other industries {sum(i['count'] for i in grey):,}"
    page.close()


# --- the card -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["1400x900", "1024x768"])
def test_the_card_fits_inside_the_window(demo_maps, browser, size) -> None:
    data = embedded(demo_maps["all"])
    most = max(ranked(data), key=lambda n: (len(n["card"]["bridges"]), len(" ".join(n["card"]["why"]))))
    biggest = max(bridges(data), key=lambda n: len(n["card"]["introduces"]))
    assert len(most["card"]["bridges"]) == 5 and len(biggest["card"]["introduces"]) > 5
    page, _ = open_map(browser, demo_maps["all"], size)
    for pid in (most["id"], biggest["id"]):
        page.evaluate(f"window.netmap.select({pid})")
        assert_card_inside(page)
    assert f"and {len(biggest['card']['introduces']) - 5} more" in page.evaluate("window.netmap.card()")
    page.evaluate("window.netmap.select(null)")
    # a hover card near each corner of the map stays inside the window too
    geo = page.evaluate(GEOMETRY)
    view = geo["view"]
    inside = [n for n in geo["nodes"] if n["rank"] and view["tl"]["x"] < n["x"] < view["br"]["x"]
              and view["tl"]["y"] < n["y"] < view["br"]["y"]]  # fmt: skip
    for corner in (lambda n: n["x"] + n["y"], lambda n: n["x"] - n["y"], lambda n: -n["x"] + n["y"]):
        card = hover(page, max(inside, key=corner)["id"])
        assert card is not None
        assert_card_inside(page)
    page.close()


def test_the_card_says_why_with_the_suggestions_own_reasons(demo_maps, browser) -> None:
    data = embedded(demo_maps["finance"])
    top = ranked(data)[0]
    page, _ = open_map(browser, demo_maps["finance"])
    card = hover(page, top["id"])
    assert card and card.startswith(top["card"]["name"])
    reasons = page.locator("#card ul li").all_inner_texts()
    assert reasons == top["card"]["why"] and len(reasons) >= 3
    assert "#1 of 100 suggestions" in card and f"score {top['card']['score']} / 100" in card
    assert page.locator("#card a").get_attribute("href") == top["card"]["url"]
    page.close()


def test_stages_are_rings_and_the_card_carries_the_next_step_and_a_draft_to_copy(scenario, browser, tmp_path) -> None:
    """Your outreach on the map: each tracked person's stage is a ring round them (the fill stays their
    industry's) and a badge in the list; the card says the next step and holds the draft that fits,
    with a button that copies it; a shareable map has no draft."""
    for args in (
        ["Priya Shah", "introduced", "--via", "Ava Chen", "--on", "2026-11-25"],
        ["Marcus Webb", "scheduled", "--on", "2026-11-28", "--next", "2026-12-08"],
    ):
        assert run("track", *args).exit_code == 0
    path = make_map(tmp_path)
    data = embedded(path)
    by_name = {n["card"]["name"]: n for n in data["nodes"]}
    priya, marcus = by_name["Priya Shah"], by_name["Marcus Webb"]
    assert (priya["card"]["stage"], marcus["card"]["stage"]) == ("introduced", "interview scheduled")
    assert priya["card"]["next"] == 'Next: write to Priya (netmap draft "Priya Shah" --to-target) — by 2026-11-28'
    assert priya["card"]["draft"]["title"] == "Your message to Priya Shah, drafted (netmap never sends anything)"
    assert priya["card"]["draft"]["text"].startswith("Subject: Twenty minutes to learn about your path at Morgan")
    assert marcus["card"]["draft"] is None  # an interview is planned: prepare instead (netmap prep)
    assert [s["name"] for s in data["stages"]] == ["asked, introduced or contacted", "interview scheduled"]

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    until(page, "window.netmapFirstDraw !== undefined", 15)
    node = page.evaluate(f"window.netmap.network.body.data.nodes.get({priya['id']})")
    assert node["color"]["border"] == "#d55e00" and node["color"]["background"] == priya["tone"]
    assert page.locator(f"#entry-{priya['id']} .stage").inner_text() == "introduced"
    assert page.locator(f"#entry-{marcus['id']} .stage").inner_text() == "interview scheduled"
    assert page.locator("#legend-stages li").all_inner_texts() == [
        "asked, introduced or contacted",
        "interview scheduled",
    ]
    page.click(f"#entry-{priya['id']}")
    card = page.evaluate("window.netmap.card()")
    assert "introduced" in card and "Next: write to Priya" in card
    assert not page.locator("#card pre.draft").is_visible()  # folded, so the card stays short
    page.click("#card details.draft summary")
    assert page.locator("#card pre.draft").inner_text() == priya["card"]["draft"]["text"]
    page.click("#card button.copy")
    until(page, "document.querySelector('#card button.copy').textContent === 'Copied'", 5)
    assert page.evaluate("navigator.clipboard.readText()") == priya["card"]["draft"]["text"]
    assert errors == []
    context.close()

    hidden = embedded(make_map(tmp_path, "--hide-names"))
    assert all(n["card"]["draft"] is None and n["card"]["next"] is None for n in hidden["nodes"])
    assert all(n["card"]["stage"] is None for n in hidden["nodes"]) and hidden["stages"] == []  # your own


# --- filters, titles, reset, the URL --------------------------------------------------------------


def test_the_title_says_what_the_map_is_for(demo_maps, scenario, tmp_path: Path) -> None:
    finance = demo_maps["finance"].read_text(encoding="utf-8")
    assert "<title>Finance — 100 suggestions through 8 friends</title>" in finance
    assert '<h1 id="title">Finance — 100 suggestions through 8 friends</h1>' in finance
    everyone = demo_maps["all"].read_text(encoding="utf-8")
    friends = len({b["id"] for n in ranked(embedded(demo_maps["all"])) for b in n["card"]["bridges"]})
    assert f"<title>Everyone — 100 suggestions through {friends} friends</title>" in everyone
    path = make_map(tmp_path, "--industry", "technology", "--role", "pm")
    assert "<title>Technology, product management — 1 suggestion through 1 friend</title>" in path.read_text()


def test_the_filter_emphasises_an_industry_and_keeps_every_friend_visible(demo_maps, browser) -> None:
    data = embedded(demo_maps["all"])
    by_id = people(data)
    finance = [n for n in ranked(data) if n["industry"] == "finance"]
    others = [n for n in ranked(data) if n["industry"] != "finance"]
    friends = bridges(data)
    assert finance and others and {n["industry"] for n in friends} - {"finance"}  # friends from other industries
    page, _ = open_map(browser, demo_maps["all"])
    page.select_option("#industry", "finance")
    assert len(page.evaluate("window.netmap.visibleIds()")) == len(data["nodes"])  # muted, never hidden
    bright = set(page.evaluate("window.netmap.brightIds()"))
    assert {n["id"] for n in friends} <= bright and {n["id"] for n in finance} <= bright
    assert not {n["id"] for n in others} & bright
    drawn = page.evaluate(
        "window.netmap.network.body.data.nodes.get().filter(n => n.card.kind === 'bridge').map(n => n.color.background)"
    )
    assert drawn == [n["color"]["background"] for n in friends]  # in their own colour, not greyed
    shown = {
        (e["from"], e["to"]) for e in page.evaluate("window.netmap.network.body.data.edges.get()") if not e["hidden"]
    }
    you = next(n["id"] for n in data["nodes"] if n["card"]["kind"] == "you")
    for n in finance:  # the way to every finance suggestion is still drawn
        friend = n["card"]["bridges"][0]["id"]
        assert (friend, n["id"]) in shown and (you, friend) in shown
    assert page.evaluate("window.netmap.listIds()") == [n["id"] for n in finance]
    count = len({b["id"] for n in finance for b in n["card"]["bridges"]})
    assert page.inner_text("#title") == f"Finance — {len(finance)} suggestions through {count} friends" == page.title()
    assert f"{len(finance)} of the 100 suggestions, in Finance" in page.inner_text("#summary")
    # selecting a finance suggestion still shows its whole path
    page.click(f"#entry-{finance[0]['id']}")
    path = {tuple(e) for e in page.evaluate("window.netmap.pathEdges()")}
    assert {(b["id"], finance[0]["id"]) for b in finance[0]["card"]["bridges"] if b["id"] in by_id} <= path
    page.close()


def test_search_filters_the_list_and_show_everything_clears_it_all(demo_maps, browser) -> None:
    data = embedded(demo_maps["all"])
    first_title = re.search(r"<title>(.*?)</title>", demo_maps["all"].read_text(encoding="utf-8")).group(1)
    page, _ = open_map(browser, demo_maps["all"])
    first_scale = page.evaluate("window.netmap.network.getScale()")
    page.fill("#search-text", "ashbrook")
    listed = page.evaluate("window.netmap.listIds()")
    expected = [n["id"] for n in ranked(data) if "ashbrook" in (n["card"]["name"] + " " + n["card"]["role"]).lower()
                or any("ashbrook" in b["name"].lower() for b in n["card"]["bridges"])]  # fmt: skip
    assert listed == expected and 0 < len(listed) < 100
    page.press("#search-text", "Enter")
    assert page.evaluate("window.netmap.selected()") == listed[0]
    page.select_option("#industry", "finance")
    page.check("#all-edges")
    page.click("#reset")
    assert page.input_value("#search-text") == "" and page.input_value("#industry") == ""
    assert not page.is_checked("#all-edges")
    assert page.evaluate("window.netmap.selected()") is None and page.evaluate("window.netmap.card()") is None
    assert len(page.evaluate("window.netmap.listIds()")) == 100
    assert len(page.evaluate("window.netmap.brightIds()")) == len(data["nodes"])
    assert page.inner_text("#title") == first_title
    assert page.evaluate("window.netmap.network.getScale()") == pytest.approx(first_scale)
    assert page.evaluate("location.hash") == ""
    page.fill("#search-text", "nobody-by-this-name")
    page.press("#search-text", "Enter")
    assert page.inner_text("#status") == "Nobody on the map matches that name."
    page.close()


def test_the_url_fragment_brings_back_the_selection_after_a_reload(demo_maps, browser) -> None:
    data = embedded(demo_maps["all"])
    target = ranked(data)[4]
    page, _ = open_map(browser, demo_maps["all"])
    page.select_option("#industry", target["industry"])
    page.click(f"#entry-{target['id']}")
    assert page.evaluate("location.hash") == f"#person={target['id']}&industry={target['industry']}"
    page.reload()
    until(page, "window.netmapFirstDraw !== undefined")
    assert page.evaluate("window.netmap.selected()") == target["id"]
    assert page.evaluate("window.netmap.network.getSelectedNodes()") == [target["id"]]
    assert page.get_attribute(f"#entry-{target['id']}", "aria-selected") == "true"
    assert target["card"]["name"] in page.evaluate("window.netmap.card()")
    assert page.input_value("#industry") == target["industry"]
    point = page.evaluate(f"window.netmap.pointerOf({target['id']})")
    stage = page.locator("#map").bounding_box()
    assert 0 <= point["x"] <= stage["width"] and 0 <= point["y"] <= stage["height"]  # zoomed to them again
    page.close()


# --- the scenario: cards, search, hostile text, hidden names --------------------------------------


def test_hover_card_search_and_focus(scenario, tmp_path: Path, browser) -> None:
    path = make_map(tmp_path)
    page, seen = open_map(browser, path)
    ids = {n["card"]["name"] + "/" + n["card"]["role"]: n["id"] for n in embedded(path)["nodes"]}
    priya = ids["Priya Shah/M&A Analyst at Morgan Stanley"]
    card = hover(page, priya)
    assert card and "Priya Shah" in card and "M&A Analyst at Morgan Stanley" in card and "score 82.7 / 100" in card
    assert "Ava Chen — ask first" in card  # the friend to ask
    link = page.locator("#card a")
    assert link.count() == 1 and link.get_attribute("href") == "https://www.linkedin.com/in/priya-shah-9"
    # search jumps to anyone on the map and selects them
    page.fill("#search-text", "olivia")
    page.click("#search button")
    olivia = ids["Olivia Brown/Analyst at Wells Fargo"]
    assert page.evaluate("window.netmap.network.getSelectedNodes()") == [olivia]
    assert "Olivia Brown" in page.evaluate("window.netmap.card()")
    # clicking a friend lights up whom they know and dims everyone else
    page.click("#reset")
    ava = ids["Ava Chen/Investment Banking Analyst at Goldman Sachs"]
    click_node(page, ava)
    bright = set(page.evaluate("window.netmap.brightIds()"))
    assert bright == {ava, *page.evaluate(f"window.netmap.network.getConnectedNodes({ava})")}
    assert len(bright) == 6  # Ava, you, Priya, Jordan (BlackRock), Marcus, Lina
    page.click("#reset")
    assert len(page.evaluate("window.netmap.brightIds()")) == 13
    assert seen["errors"] == []
    page.close()


def test_without_friends_your_own_contacts_are_the_suggestions(sam_zip: Path, tmp_path: Path, browser) -> None:
    assert run("import", str(sam_zip)).exit_code == 0
    path = make_map(tmp_path)
    data = embedded(path)
    best = ranked(data)
    assert best and all(n["card"]["kind"] == "contact" and n["shape"] == "diamond" for n in best)
    assert page_title(path) == f"Everyone — {len(best)} suggestions among your own contacts"
    page, seen = open_map(browser, path)
    assert "Your own contact: ask them directly" in page.inner_text(f"#entry-{best[0]['id']}")
    geo = page.evaluate(GEOMETRY)
    assert all(n["drawn"] for n in geo["nodes"] if n["rank"])
    page.click(f"#entry-{best[0]['id']}")
    you = next(n["id"] for n in data["nodes"] if n["card"]["kind"] == "you")
    assert page.evaluate("window.netmap.pathEdges()") == [[you, best[0]["id"]]]
    assert "Your own contact: ask them directly." in page.evaluate("window.netmap.card()")
    assert seen["errors"] == []
    page.close()


def test_an_empty_map_says_what_to_do(tmp_path: Path, browser) -> None:
    path = make_map(tmp_path)
    assert page_title(path) == "Everyone — no suggestions"
    page, seen = open_map(browser, path)
    assert seen["errors"] == []
    assert page.inner_text("#list-empty").startswith("No suggestions yet: import your contacts")
    page.keyboard.press("ArrowDown")  # nothing to move through, and nothing breaks
    assert page.evaluate("window.netmap.selected()") is None and seen["errors"] == []
    page.close()


def page_title(path: Path) -> str:
    return re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1)


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
    path = make_map(tmp_path, "--include-first")  # ranked: in the list as well as the graph
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
    assert page.locator("#list img, #list script").count() == 0
    assert "<img src=x onerror=window.__pwned=1> Evil" in page.inner_text("#list")
    page.evaluate(f"window.netmap.select({embedded(path)['nodes'][1]['id']})")
    assert page.evaluate("window.__pwned") is None
    texts = " ".join(n["card"]["name"] for n in embedded(path)["nodes"])
    assert "<img src=x onerror=window.__pwned=1> Evil" in texts
    assert seen["errors"] == []
    page.close()


def store_strings(db: Path) -> set[str]:
    """Every name, title, employer, URL, email and identity slug in a store, and the employers its
    classification evidence quotes."""
    store = Store(db)
    try:
        q = store.db.execute
        found = {s for row in q("SELECT name, position, company, url, email FROM people WHERE NOT is_me") for s in row}
        found |= {s for row in q("SELECT name, position, company, url, email FROM observations") for s in row}
        found |= {k.split(":", 1)[1] for (k,) in q("SELECT key FROM person_keys")}
        for (pid,) in q("SELECT id FROM people WHERE NOT is_me").fetchall():
            for line in evidence(store, pid):
                found.add(line.split(": ", 1)[1])
                found |= set(re.findall(r"employer '([^']+)'", line))
    finally:
        store.close()
    return {s for s in found if s and len(s) > 2}


def assert_names_nothing(path: Path, strings: set[str], words: set[str]) -> None:
    data = embedded(path)
    text = json.dumps(data, ensure_ascii=False)
    html = path.read_text(encoding="utf-8")
    ours = re.sub(r"<script>.*?</script>", "", html, count=1, flags=re.S)  # minus vis-network's code…
    ours = re.sub(r"<style>.*?</style>", "", ours, count=1, flags=re.S)  # …and its style sheet
    leaks = sorted(s for s in strings if s in text or s in ours)
    assert leaks == []
    assert {w.lower() for w in words} & {w.lower() for w in re.findall(r"\w+", text)} == set()  # not even a part
    assert "linkedin" not in text.lower() and "@" not in text and "http" not in text
    for n in data["nodes"]:
        assert n["card"]["url"] is None


def name_words(db: Path) -> set[str]:
    """Every word of every name in a store (a first name alone, a surname alone)."""
    store = Store(db)
    try:
        names = [n for (n,) in store.db.execute("SELECT name FROM people WHERE NOT is_me")]
    finally:
        store.close()
    return {w for name in names for w in re.findall(r"\w+", name or "") if len(w) > 1}


def test_hide_names_writes_no_name_title_employer_url_or_slug(scenario, tmp_path: Path, browser, store) -> None:
    path = make_map(tmp_path, "--hide-names")
    words = name_words(store.path)
    strings = store_strings(store.path)
    assert words and {"Goldman Sachs", "M&A Analyst", "https://www.linkedin.com/in/priya-shah-9"} <= strings
    assert_names_nothing(path, strings, words)
    page, _ = open_map(browser, path)
    priya = next(n for n in embedded(path)["nodes"] if n["card"]["name"] == "P. S.")
    card = hover(page, priya["id"])
    assert (
        card
        and "A. C. — ask first" in card
        and "Finance, entry level" in card
        and "Finance · Investment banking" in card
    )
    assert page.locator("#card a").count() == 0
    assert "P. S." in page.inner_text("#list")
    page.fill("#search-text", "P. S.")
    page.click("#search button")
    assert "P. S." in page.evaluate("window.netmap.card()")
    page.close()


def test_hide_names_on_the_demo_network(demo_maps, browser) -> None:
    strings = store_strings(demo_maps["store"])
    assert len(strings) > 1500 and "from the employer Goldman Sachs" in strings
    assert_names_nothing(demo_maps["hidden"], strings, name_words(demo_maps["store"]))
    page, seen = open_map(browser, demo_maps["hidden"])
    assert seen["errors"] == []
    top = ranked(embedded(demo_maps["hidden"]))[0]
    card = hover(page, top["id"])
    assert card and re.match(r"([A-Z]\. ){1,3}", card) and "level" in card
    page.close()


# --- the command and the cut --------------------------------------------------------------------


def test_map_command(scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("map", "--industry", "finance", "--limit", "2")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(tmp_path / "netmap-map.html")
    data = embedded(tmp_path / "netmap-map.html")
    assert [n["card"]["rank"] for n in ranked(data)] == [1, 2]
    assert "<title>Finance — 2 suggestions through" in (tmp_path / "netmap-map.html").read_text()
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
    assert summary.startswith("Showing 10 of the 12 people in your network: 7 suggestions, 3 friends")


def test_the_vis_network_build_pyvis_ships_is_found() -> None:
    """The map inlines the vis-network that pinned pyvis ships, read through pyvis's own template loader."""
    from pyvis.network import Network

    from netmap.render import vis_network

    net = Network()
    script = vis_network(net, "vis-network.min.js")
    assert "@version 9.1.2" in script[:400] and len(script) > 400_000
    assert ".vis-network" in vis_network(net, "vis-network.css")


# --- the layout, in Python ----------------------------------------------------------------------


def test_the_packer_never_puts_one_box_on_another() -> None:
    """Whatever is asked of it — crowds at one point, predicates that cannot be met, shared keys —
    the packer's boxes never overlap."""
    import random

    from netmap.graph import Packer

    rng = random.Random(11)
    packer = Packer()
    placed = []
    for k in range(600):
        w, h = rng.uniform(3, 60), rng.uniform(3, 25)
        shape = (-w, -h, w, h * rng.uniform(1, 2))
        ideal = (rng.choice([0.0, 100.0]), rng.choice([0.0, 50.0]))
        allowed = (lambda x, y: x > 40) if k % 3 == 0 else None
        key = ("crowd", ideal, w, h) if k % 5 == 0 else None
        x, y = packer.place(shape, ideal, allowed, key, step=rng.choice([4.0, 8.0]), reach=rng.choice([None, 80.0]))
        placed.append((x + shape[0], y + shape[1], x + shape[2], y + shape[3]))
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_the_packer_searches_as_far_as_it_is_asked() -> None:
    """A search given a reach beyond the spiral's usual 120 steps (a 30,000-contact map's ring is that
    wide) finds the room there, rather than falling back to the nearest spot anywhere."""
    import math

    from netmap.graph import Packer

    packer = Packer()
    ring = lambda x, y: 121 <= math.hypot(x, y) <= 124  # noqa: E731 — beyond 120 steps of 1
    spots = [packer.place((-0.4, -0.4, 0.4, 0.4), (0.0, 0.0), ring, "ring", step=1.0, reach=130) for _ in range(1500)]
    assert all(ring(x, y) for x, y in spots)
    assert len(set(spots)) == 1500


def test_the_layout_is_the_same_every_time(demo_maps) -> None:
    from netmap.candidates import make_query
    from netmap.graph import map_graph

    store = Store(demo_maps["store"])
    try:
        first, second = (map_graph(store, make_query(industry="finance", limit=100)) for _ in range(2))
    finally:
        store.close()
    spots = [{n: (d["x"], d["y"]) for n, d in m.graph.nodes(data=True)} for m in (first, second)]
    assert spots[0] == spots[1] and len(spots[0]) == 1501
    # and the same as in the map the demo wrote
    drawn = {n["id"]: (n["x"], n["y"]) for n in embedded(demo_maps["finance"])["nodes"]}
    assert drawn == spots[0]
