"""The interactive map: one self-contained HTML file that works offline.

The only module that imports pyvis: its :class:`~pyvis.network.Network` is the model of the page's
nodes, edges and options, and its template folder holds the vis-network build it ships (the
version is pinned with pyvis). The page itself is our own Jinja template (autoescaped), because
pyvis's loads Bootstrap and vis-network from CDNs and inserts node titles as HTML: here
vis-network is inlined from pyvis's folder, a Content-Security-Policy forbids every outside request
and every script but the two inlined ones, and all data travels as JSON escaped for a script
element, so a name like ``<script>`` is only ever text.
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

from netmap.graph import MapGraph
from netmap.taxonomy import taxonomy

# One colour per industry slug, in the taxonomy's order (finance first); chosen to stay apart.
PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#003f5c", "#f2c14e", "#5f0f40", "#0b6e4f", "#ff6f91", "#6a994e", "#7d5ba6", "#c97c5d", "#00a6a6",
    "#9c9ede", "#4d4d4d", "#a0a0a0",
]  # fmt: skip
KIND_LABEL = {"suggestion": "suggested", "bridge": "your contact, a bridge", "contact": "your contact", "second": ""}
OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "hideEdgesOnDrag": True, "tooltipDelay": 3_600_000, "keyboard": False},
    "nodes": {"font": {"size": 16, "face": "system-ui, sans-serif"}, "borderWidth": 1},
    "edges": {"smooth": False, "color": {"color": "#b8bfcc", "opacity": 0.5}},
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


def build_network(mapped: MapGraph, hide_names: bool = False) -> tuple[Network, list[dict[str, Any]]]:
    """The pyvis model of the map, and the legend's industries."""
    tax = taxonomy()
    graph = mapped.graph
    counts = Counter(d["industry"] for _, d in graph.nodes(data=True) if d["kind"] != "you")
    colour = {
        slug: PALETTE[tax.slugs.index(slug) % len(PALETTE)] if slug in tax.slugs else PALETTE[-1] for slug in counts
    }
    # Directed (bridge → the person they can introduce): pyvis then skips its quadratic duplicate check.
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node, d in graph.nodes(data=True):
        you = d["kind"] == "you"
        name = "You" if you and hide_names else (initials(d["name"]) if hide_names else d["name"])
        why = list(d["why"])
        bridges = [n for _, n in d["bridges"]]
        if hide_names:
            for full in bridges:
                why = [part.replace(full, initials(full)) for part in why]
            bridges = [initials(n) for n in bridges]
        labelled = d["kind"] in ("you", "suggestion", "bridge")
        size = {"you": 40.0, "bridge": 12.0, "second": 6.0}.get(d["kind"], 7 + 5 * (d.get("tie") or 0.5))
        if d["kind"] == "suggestion":
            size = 10 + (d["score"] or 0) / 4
        fill = "#1d2433" if you else colour[d["industry"]]
        border = "#1d2433" if you or d["kind"] == "suggestion" else fill
        net.add_node(
            int(node),
            label=name if labelled else " ",
            shape="star" if you else ("diamond" if d["kind"] == "suggestion" else "dot"),
            color={
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            },
            borderWidth=3 if d["kind"] == "suggestion" else 1,
            size=round(size, 1),
            x=d["x"],
            y=d["y"],
            industry=d["industry"],
            card={
                "name": name,
                "position": d["position"],
                "company": d["company"],
                "industry_name": "you" if you else tax.name_of(d["industry"]),
                "kind": d["kind"],
                "kind_label": KIND_LABEL.get(d["kind"], ""),
                "score": d["score"],
                "why": why,
                "bridges": bridges,
                "url": None if hide_names else d.get("url"),
            },
        )
    for n, (a, b, d) in enumerate(graph.edges(data=True)):
        net.add_edge(int(a), int(b), id=n, width=round(0.5 + 2 * d["strength"], 2), arrows="")
    net.set_options(json.dumps(OPTIONS))
    legend = [
        {"slug": slug, "name": tax.name_of(slug), "color": colour[slug], "count": count}
        for slug, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return net, legend


def render(mapped: MapGraph, title: str = "Your network — netmap", hide_names: bool = False) -> Page:
    """The whole page as one HTML string."""
    net, legend = build_network(mapped, hide_names)
    nodes, edges, _, _, _, options = net.get_network_data()
    shown = len(nodes) - 1
    parts = [f"{mapped.counts['suggestion']} suggestions", f"{mapped.counts['bridge']} of their bridges",
             f"{mapped.counts['contact']} of your contacts (closest first)"]  # fmt: skip
    if mapped.counts["second"]:
        parts.append(f"{mapped.counts['second']} more second-degree people")
    summary = (
        f"Showing {shown:,} of the {mapped.total:,} people in your network: " + ", ".join(parts) + "."
        + (" Names are replaced by initials." if hide_names else "")
    )  # fmt: skip
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options), "industries": legend}
    assets = files("netmap") / "templates"
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
        data=htmlsafe_json_dumps(data),
    )
    return Page(html, len(nodes))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
