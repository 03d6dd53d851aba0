"""The interactive map: one self-contained HTML file that works offline.

The only module that imports pyvis: its template folder holds the vis-network build it ships (the
version is pinned with pyvis). The page's nodes and edges are built here as compact JSON (pyvis's
own model checks each node and edge against all the others: quadratic on a map of 30,000 people),
which map.js fills in. The page itself is our own Jinja template (autoescaped), because
pyvis's loads Bootstrap and vis-network from CDNs and inserts node titles as HTML: here
vis-network is inlined from pyvis's folder, a Content-Security-Policy forbids every outside request
and every script but the two inlined ones, and all data travels as JSON escaped for a script
element, so a name like ``<script>`` is only ever text.

What the page shows (DESIGN.md, "The map"): the ranked suggestions as a list beside the graph, each
with the friend to ask; in the graph you, those friends (their own shape, always labelled, sized by
how many suggestions they can introduce) and the suggestions (labelled), the rest as muted context.
With ``hide_names`` nothing of the store's names, titles, employers, URLs or evidence is written:
initials, and the function, seniority and industry instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pyvis.network import Network

from netmap.drafts import Draft
from netmap.graph import FONT_SIZE, MapGraph
from netmap.normalize import counted
from netmap.rank import Query, ask_reason
from netmap.taxonomy import function_name, level_name, level_phrase, taxonomy

# Okabe & Ito's colour-blind-safe palette (without its black): the industries of the suggestions
# first, then the largest others; every other industry is grey.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"]
OTHER = "#A3A8B0"
YOU = "#1d2433"
HIDDEN = "rgba(0,0,0,0)"  # the colour of a name not drawn
HALO = "rgba(255,255,255,0.92)"  # the outline that keeps names legible over lines
FACE = "Arial, Liberation Sans, Helvetica, sans-serif"  # graph.text_width knows these metrics
SHAPES = {"you": "star", "bridge": "hexagon", "suggestion": "diamond", "contact": "dot", "second": "dot"}
# Outreach stages in words, and the ring each draws around a person: under way in orange, an
# interview planned in blue, done in green, closed in grey (the legend says which is which).
STAGE_WORDS = {"picked": "picked", "asked-bridge": "asked the friend", "introduced": "introduced",
               "contacted": "contacted", "scheduled": "interview scheduled", "met": "met", "thanked": "thanked",
               "declined": "declined", "no-reply": "no reply", "paused": "paused"}  # fmt: skip
STAGE_RING = {"picked": "#7a7f8a", "asked-bridge": "#d55e00", "introduced": "#d55e00", "contacted": "#d55e00",
              "scheduled": "#0047ab", "met": "#007a4d", "thanked": "#007a4d", "declined": "#b9bec7",
              "no-reply": "#b9bec7", "paused": "#b9bec7"}  # fmt: skip
OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {
        "hover": True,
        "dragNodes": False,
        "hideEdgesOnDrag": True,
        "tooltipDelay": 3_600_000,
        "keyboard": False,
    },
    # What most nodes (the context) share; you, the friends and the suggestions say more.
    "nodes": {
        "font": {"face": FACE, "size": FONT_SIZE["context"], "color": HIDDEN, "strokeWidth": 0, "strokeColor": HALO},
        "shape": "dot",
        "borderWidth": 0,
        "labelHighlightBold": False,
        "scaling": {"label": {"enabled": False, "drawThreshold": 1000}},  # context names: see map.js
        "color": {
            "highlight": {"background": YOU, "border": "#000000"},
            "hover": {"background": YOU, "border": "#000000"},
        },
    },
    "edges": {"smooth": False, "color": {"color": "#9aa3b5", "opacity": 0.7}, "selectionWidth": 0},
}
VIS_NETWORK = "lib/vis-9.1.2"  # the vis-network build inside pyvis's template folder (pyvis 0.3.2)


def vis_network(net: Network, name: str) -> str:
    """A file of the vis-network build pyvis ships (``vis-network.min.js``, ``vis-network.css``), read
    through the network's own template loader, as pyvis's in-line template includes it."""
    source, _, _ = net.templateEnv.loader.get_source(net.templateEnv, f"{VIS_NETWORK}/{name}")
    return source


@dataclass
class Page:
    html: str
    people: int  # nodes on the map, you included


def initials(name: str) -> str:
    """``"Ava Chen"`` → ``"A. C."``: what a shareable map shows instead of names.

    >>> initials("Chloé  Dubois-Martin"), initials("")
    ('C. D.', '?')
    """
    letters = [w[0].upper() + "." for w in re.findall(r"[^\W\d_][\w'-]*", name)]
    return " ".join(letters[:3]) or "?"


def scope_of(query: Query, hide_names: bool = False) -> dict[str, Any]:
    """What the map was made for, as the title says it: the industry (or ``None`` for all), and the
    other filters (the employer only when names are shown: it could be anyone's)."""
    rest = []
    if query.role is not None:
        rest.append(query.role.name)
    if query.seniority:
        rest.append(", ".join(level_name(s) or "unknown" for s in sorted(query.seniority)) + " level")
    if query.company:
        rest.append("one employer" if hide_names else f"at {query.company}")
    return {"industry": taxonomy().name_of(query.industry) if query.industry else None, "rest": rest}


def headline(scope: dict[str, Any], count: int, friends: int) -> str:
    """The page's title: ``"Finance — 100 suggestions through 8 friends"`` (map.js says it the same
    way when the filters change).

    >>> headline({"industry": "Finance", "rest": ["analyst"]}, 1, 1)
    'Finance, analyst — 1 suggestion through 1 friend'
    >>> headline({"industry": None, "rest": []}, 0, 0)
    'Everyone — no suggestions'
    """
    what = ", ".join(([scope["industry"]] if scope["industry"] else []) + scope["rest"]) or "Everyone"
    what = what[0].upper() + what[1:]
    if not count:
        return f"{what} — no suggestions"
    if not friends:
        return f"{what} — {counted(count, 'suggestion')} among your own contacts"
    return f"{what} — {counted(count, 'suggestion')} through {counted(friends, 'friend')}"


def _colours(mapped: MapGraph) -> tuple[dict[str, str], Counter[str]]:
    """Each industry on the map → its colour: the suggestions' industries first, then the largest."""
    graph = mapped.graph
    on_map = Counter(d["industry"] for _, d in graph.nodes(data=True) if d["kind"] != "you")
    ranked = Counter(graph.nodes[n]["industry"] for n in mapped.ranked)
    order = sorted(on_map, key=lambda s: (-ranked[s], -on_map[s], s))
    order = [s for s in order if s not in ("unknown", "other")] + [s for s in order if s in ("unknown", "other")]
    return {slug: PALETTE[i] if i < len(PALETTE) and slug not in ("unknown", "other") else OTHER
            for i, slug in enumerate(order)}, on_map  # fmt: skip


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


class _Cards:
    """What the page says about each person; with ``hide_names``, nothing that could identify them."""

    def __init__(self, mapped: MapGraph, hide_names: bool, drafts: dict[int, Draft] | None = None):
        self.graph, self.hide = mapped.graph, hide_names
        self.drafts = {} if hide_names else drafts or {}
        self.tax = taxonomy()

    def name(self, node: int) -> str:
        d = self.graph.nodes[node]
        if d["kind"] == "you":
            return "You" if self.hide else d["name"]
        return initials(d["name"]) if self.hide else d["name"]

    def other(self, name: str) -> str:
        return initials(name) if self.hide else name

    def industry(self, d: dict[str, Any]) -> str:
        name = self.tax.name_of(d["industry"])
        sub = d.get("sub_industry")
        return f"{name} · {self.tax.name_of(sub)}" if sub else name

    def role(self, d: dict[str, Any]) -> str:
        if not self.hide:
            return " at ".join(x for x in (d["position"], d["company"]) if x)
        level = level_phrase(d["seniority"]) if level_name(d["seniority"]) else ""
        return ", ".join(x for x in (function_name(d["function"]), level) if x)

    def why(self, d: dict[str, Any], bridges: list[str]) -> list[str]:
        if not self.hide:
            return list(d["why"])
        if d["score"] is None:
            return []
        parts = [self.industry(d)]
        if level_name(d["seniority"]):
            parts.append(level_phrase(d["seniority"]))
        if bridges:
            parts.append(ask_reason(len(bridges), bridges[0]))
        elif d.get("tie") is not None:
            parts.append("your own contact")
        return parts

    def card(self, node: int) -> dict[str, Any]:
        g, d = self.graph, self.graph.nodes[node]
        if d["bridges"]:
            bridges = [{"id": b, "name": self.other(name)} for b, name in d["bridges"]]
        else:  # context: the friends on the map who know them, strongest first
            known = sorted(
                (b for b in g.neighbors(node) if g.nodes[b]["kind"] == "bridge"),
                key=lambda b: (-g.edges[b, node]["strength"] * (g.nodes[b]["tie"] or 0.5), b),
            )
            bridges = [{"id": b, "name": self.name(b)} for b in known] if d["kind"] == "second" else []
        return {
            "name": self.name(node),
            "role": "" if d["kind"] == "you" else self.role(d),
            "industry_name": "" if d["kind"] == "you" else self.industry(d),
            "kind": d["kind"],
            "rank": d.get("rank"),
            "score": d["score"],
            "why": self.why(d, [b["name"] for b in bridges]),
            "bridges": bridges,
            "introduces": d.get("introduces", []),
            "reaches": d.get("reaches", 0),
            "url": None if self.hide else d.get("url"),
            "stage": STAGE_WORDS.get(d["stage"]) if d["stage"] and not self.hide else None,  # yours alone
            "next": None if self.hide or not d["next_action"] else self.next_step(d),
            "draft": self.draft(node),
        }

    def next_step(self, d: dict[str, Any]) -> str:
        when = f" — by {d['next_due']}" if d["next_due"] else ""
        return f"Next: {d['next_action']}{when}"

    def draft(self, node: int) -> dict[str, str] | None:
        """The draft that fits the stage, to copy: what it is, for whom, and its text."""
        found = self.drafts.get(node)
        if found is None:
            return None
        what = {"intro": f"Your ask to {found.to}", "to-target": f"Your message to {found.to}",
                "follow-up": f"Your follow-up to {found.to}", "thanks": f"Your thank-you to {found.to}",
                "update": f"Your update to {found.to}"}[found.kind]  # fmt: skip
        return {"title": f"{what}, drafted (netmap never sends anything)", "text": found.text}


STAGE_GROUPS = [
    ("asked, introduced or contacted", ("asked-bridge", "introduced", "contacted")),
    ("interview scheduled", ("scheduled",)),
    ("met or thanked", ("met", "thanked")),
    ("picked", ("picked",)),
    ("declined, no reply or paused", ("declined", "no-reply", "paused")),
]


def stage_legend(mapped: MapGraph) -> list[dict[str, str]]:
    """The rings on this map, in words (only the stages someone on it is at)."""
    present = {d["stage"] for _, d in mapped.graph.nodes(data=True) if d["stage"]}
    return [{"name": name, "color": STAGE_RING[stages[0]]} for name, stages in STAGE_GROUPS if present & set(stages)]


# What a card says when it says nothing: the page (map.js) fills these in, so the file does not
# repeat them for each of 30,000 people.
CARD_DEFAULTS: dict[str, Any] = {"kind": "contact", "rank": None, "score": None, "why": [], "bridges": [],
                                 "introduces": [], "reaches": 0, "url": None, "stage": None, "next": None,
                                 "draft": None}  # fmt: skip


def build_network(
    mapped: MapGraph, hide_names: bool = False, drafts: dict[int, Draft] | None = None
) -> tuple[list[dict[str, Any]], list[list[Any]], list[dict[str, Any]]]:
    """The map's nodes and edges as the page reads them, and the legend's industries (with their
    counts on the map). Compact, for a map of 30,000 people: what every node shares is in
    :data:`OPTIONS`; a plain context dot leaves its colour to the page (its industry's, muted:
    :func:`context_colours`), a card what is as in :data:`CARD_DEFAULTS`, a node its label when it is
    the card's name and its tone (its industry's colour in the legend); an edge is ``[from, to,
    width, kind]``, its id its place in the list (only ``bridge`` and ``best`` edges are drawn at first)."""
    graph = mapped.graph
    colour, counts = _colours(mapped)
    cards = _Cards(mapped, hide_names, drafts)
    nodes = []
    for node, d in graph.nodes(data=True):
        kind, ranked = d["kind"], bool(d.get("rank"))
        card = cards.card(node)
        fill = YOU if kind == "you" else colour[d["industry"]]
        context = not ranked and kind in ("contact", "second")
        extra: dict[str, Any] = {}
        if context:  # small, muted, their names drawn only when zoomed in (map.js)
            if card["stage"]:
                extra = {"color": {"background": _rgba(fill, 0.55), "border": STAGE_RING[d["stage"]]}, "borderWidth": 3}
        else:
            look = {"background": fill, "border": YOU}
            extra = {
                "color": look | {"highlight": look | {"border": "#000000"}, "hover": look | {"border": "#000000"}},
                "borderWidth": {"bridge": 3, "suggestion": 2}.get(kind, 2 if ranked else 0),
                "font": {"size": d["font_size"], "color": YOU, "strokeWidth": 4},
                "scaling": {"label": {"drawThreshold": 3}},
            }
            if card["stage"]:  # the outreach stage is a ring; the fill stays the industry's
                ring = STAGE_RING[d["stage"]]
                extra["color"] = {"background": fill, "border": ring, "highlight": {"background": fill, "border": ring},
                                  "hover": {"background": fill, "border": ring}}  # fmt: skip
                extra["borderWidth"] = 3
        label = "You" if kind == "you" else card["name"]
        shape = SHAPES["suggestion" if ranked and kind == "contact" else kind]
        entry = {"id": int(node), "x": d["x"], "y": d["y"], "size": d["size"], "industry": d["industry"]}
        if label != card["name"]:
            entry["label"] = label
        if shape != "dot":
            entry["shape"] = shape
        if kind == "you":
            entry["tone"] = fill
        entry["card"] = {k: v for k, v in card.items() if k not in CARD_DEFAULTS or v != CARD_DEFAULTS[k]}
        nodes.append(entry | extra)
    edges = []
    for a, b, d in graph.edges(data=True):
        if graph.nodes[b]["kind"] in ("you", "bridge") and graph.nodes[a]["kind"] not in ("you",):
            a, b = b, a  # from you, or from the friend
        width = round(1 + 2 * d["strength"], 2) if d["kind"] == "bridge" else round(0.6 + 1.4 * d["strength"], 2)
        edges.append([int(a), int(b), width, d["kind"]])
    legend = [
        {"slug": slug, "name": taxonomy().name_of(slug), "color": colour[slug], "count": count}
        for slug, count in sorted(counts.items(), key=lambda kv: (colour[kv[0]] == OTHER, -kv[1], kv[0]))
    ]
    return nodes, edges, legend


def context_colours(legend: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The muted colour of each industry's context dots, which the page gives each of them."""
    return {i["slug"]: {"background": _rgba(i["color"], 0.55), "border": _rgba(i["color"], 0.0)} for i in legend}


def render(mapped: MapGraph, hide_names: bool = False, drafts: dict[int, Draft] | None = None) -> Page:
    """The whole page as one HTML string; ``drafts`` (person id → the draft that fits their stage)
    go on the cards, never on a map with hidden names."""
    nodes, edges, legend = build_network(mapped, hide_names, drafts)
    ranked = mapped.ranked
    friends = len({b for n in ranked for b, _ in mapped.graph.nodes[n]["bridges"]})
    scope = scope_of(mapped.query, hide_names)
    title = headline(scope, len(ranked), friends)
    kinds = Counter(d["kind"] for _, d in mapped.graph.nodes(data=True) if not d.get("rank"))
    context = [counted(kinds["contact"], "of your contacts", "of your contacts")]
    if kinds["second"]:
        context.append(counted(kinds["second"], "more second-degree person", "more second-degree people"))
    summary = (
        f"Showing {len(nodes) - 1:,} of the {mapped.total:,} people in your network: "
        f"{counted(len(ranked), 'suggestion')}, {counted(kinds['bridge'], 'friend')} who can introduce you and, "
        "as context, " + " and ".join(context) + "."
        + (" Names are replaced by initials, titles and employers by function and level." if hide_names else "")
    )  # fmt: skip
    counts = {"ranked": len(ranked), "bridge": kinds["bridge"], "context": kinds["contact"] + kinds["second"]}
    data = {
        "nodes": nodes,
        "edges": edges,
        "card_defaults": CARD_DEFAULTS,
        "context_colours": context_colours(legend),
        "options": OPTIONS,
        "industries": legend,
        "scope": scope,
        "total": mapped.total,
        "counts": counts,
        "hidden_names": hide_names,
        "other": OTHER,
        "fonts": FONT_SIZE,
        "stages": [] if hide_names else stage_legend(mapped),
    }
    assets = files("netmap") / "templates"
    net = Network()  # for its template loader, which finds the vis-network build
    vis_js = vis_network(net, "vis-network.min.js")
    app_js = (assets / "map.js").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string((assets / "map.html.j2").read_text(encoding="utf-8"))
    html = template.render(
        title=title,
        summary=summary,
        script_hashes=Markup(" ".join(_csp_hash(s) for s in (vis_js, app_js))),
        vis_css=Markup(vis_network(net, "vis-network.css")),
        app_css=Markup((assets / "map.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        data=htmlsafe_json_dumps(data, dumps=_compact),
    )
    return Page(html, len(nodes))


def _compact(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, **kwargs)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
