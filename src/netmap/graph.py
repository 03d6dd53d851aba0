"""NetworkX graphs of what a command needs — never of the whole store.

``focus`` builds the directed graph around one person (you, the people who list them, the people
who list those, up to three hops); ``paths`` enumerates the ways to reach them on it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import networkx as nx

from netmap.candidates import describe, suggest
from netmap.errors import NetmapError, NoPath
from netmap.models import Hop, Route
from netmap.network import degrees, listed_by, second_degree_by_bridges, tie_strengths
from netmap.rank import Query
from netmap.store import Store

MAX_HOPS = 3
MAX_PATHS = 10


def focus(store: Store, target: int, max_hops: int = MAX_HOPS) -> nx.DiGraph:
    """You, ``target``, and everyone within ``max_hops - 1`` steps upstream of the target, with
    edges owner → person weighted by tie strength (one query per step)."""
    me = store.me_id
    graph = nx.DiGraph()
    frontier = {target}
    seen = {target}
    for _ in range(max_hops - 1):
        listing = {edge: tie for edge, tie in listed_by(store, frontier).items() if edge[0] != me}
        for (owner, person), strength in listing.items():
            graph.add_edge(owner, person, strength=strength)
        owners = {owner for owner, _ in listing}
        frontier = owners - seen
        seen |= owners
        if not frontier:
            break
    mine = degrees(store).first
    for (owner, person), strength in tie_strengths(store, [me], set(mine) & (seen | set(graph.nodes))).items():
        graph.add_edge(owner, person, strength=strength)
    return graph


def paths(store: Store, target: int, max_hops: int = MAX_HOPS) -> list[Route]:
    """The ways to reach ``target``, strongest first (a path's strength is the product of its hops')."""
    me = store.me_id
    if target == me:
        raise NetmapError("that is you")
    graph = focus(store, target, max_hops)
    if me not in graph or target not in graph:
        raise NoPath(f"no path in your data to {store.name_of(target)} (id {target})")
    found = []
    for nodes in nx.all_simple_paths(graph, me, target, cutoff=max_hops):
        strengths = [graph.edges[a, b]["strength"] for a, b in pairwise(nodes)]
        found.append((nodes[1:], strengths, math.prod(strengths)))
    if not found:
        raise NoPath(f"no path in your data to {store.name_of(target)} (id {target})")
    found.sort(key=lambda p: (-p[2], len(p[0]), p[0]))
    names = store.names_of({n for nodes, _, _ in found for n in nodes})
    return [
        Route([Hop(n, names[n], round(s, 3)) for n, s in zip(nodes, strengths, strict=True)], round(product, 4))
        for nodes, strengths, product in found[:MAX_PATHS]
    ]


# --- the map ------------------------------------------------------------------------------------

MAX_PEOPLE = 1500
SPACING = 34.0  # distance between neighbours on a ring, in layout units
RING_GAP = 70.0
OUTER_SPACING = 80.0  # second-degree people are drawn larger, with their names


@dataclass
class MapGraph:
    """The people on the map (a NetworkX graph with positions and everything the page shows) and
    how many of the network were left out."""

    graph: nx.Graph
    total: int  # people with a degree (1 or 2) in the store
    counts: dict[str, int]  # shown per kind: suggestion, bridge, contact, second


def map_graph(store: Store, query: Query, max_people: int = MAX_PEOPLE) -> MapGraph:
    """You at the centre, your first-degree contacts, the top suggestions for ``query`` and the
    bridges to them; a large network is cut to ``max_people`` people (never fewer when it has that
    many): suggestions and their bridges first, then your closest contacts, then more of the second
    degree (most bridges first). Positions are computed here (rings by degree, sectors by industry),
    so the page needs no physics."""
    found = degrees(store)
    first = found.first
    room = max(0, max_people - len(first))  # at most this many second-degree people beyond the top
    ranked = suggest(store, replace(query, limit=query.limit + room)).items
    top = ranked[: query.limit]
    picked: dict[int, str] = {}
    for item in top:
        if len(picked) < max_people:
            picked[item.id] = "suggestion" if item.degree == 2 else "contact"
    for item in top:
        for bridge in item.via_ids:
            if len(picked) < max_people:
                picked.setdefault(bridge, "bridge")
    for pid in sorted(first, key=lambda p: (-first[p], p)):
        if len(picked) < max_people:
            picked.setdefault(pid, "contact")
    second = second_degree_by_bridges(store)
    for pid in [p for p in second if p not in picked][: max(0, max_people - len(picked))]:
        picked[pid] = "second"
    scored = {s.id: s for s in ranked if s.id in picked}
    graph = _build(store, picked, scored, first)
    _layout(graph, found.me)
    counts = {
        kind: sum(1 for k in picked.values() if k == kind) for kind in ("suggestion", "bridge", "contact", "second")
    }
    return MapGraph(graph, len(first) + len(second), counts)


def _build(store: Store, picked: dict[int, str], suggestions: dict[int, Any], my_ties: dict[int, float]) -> nx.Graph:
    """Nodes with what the page shows, edges you–contact and bridge–second degree."""
    me = store.me_id
    graph = nx.Graph()
    you = store.me()
    graph.add_node(
        me,
        kind="you",
        name=you.name or "You",
        industry="you",
        score=None,
        why=[],
        bridges=[],
        position="",
        company="",
        url=you.url,
    )
    people = describe(store, list(picked))
    for pid, kind in picked.items():
        person = people[pid]
        suggestion = suggestions.get(pid)
        graph.add_node(
            pid,
            kind=kind,
            name=person["name"],
            position=person["position"],
            company=person["company"],
            industry=person["industry"] or "unknown",
            url=person["url"],
            score=suggestion.score if suggestion else None,
            why=suggestion.why_parts[1:] if suggestion else [],
            bridges=[(b.id, b.name) for b in suggestion.bridges] if suggestion else [],
            tie=my_ties.get(pid),
        )
    for pid in picked:
        if pid in my_ties:
            graph.add_edge(me, pid, strength=my_ties[pid])
    second = [p for p, kind in picked.items() if kind in ("suggestion", "second")]
    for (bridge, target), strength in tie_strengths(store, [p for p in picked if p in my_ties], second).items():
        graph.add_edge(bridge, target, strength=strength)
    return graph


def _layout(graph: nx.Graph, me: int) -> None:
    """Positions for an ego network, in linear time: you at the centre; your contacts on rings
    around you, strongest ties innermost, in sectors by industry; second-degree people outside,
    next to their best bridge."""
    graph.nodes[me]["x"], graph.nodes[me]["y"] = 0.0, 0.0
    industries = Counter(data["industry"] for n, data in graph.nodes(data=True) if n != me)
    order_ = [slug for slug, _ in sorted(industries.items(), key=lambda kv: (-kv[1], kv[0]))]
    total = sum(industries.values()) or 1
    sectors, start = {}, 0.0
    for slug in order_:
        width = 2 * math.pi * industries[slug] / total
        sectors[slug] = (start, width)
        start += width
    contacts = [n for n in graph.neighbors(me)] if me in graph else []
    contacts.sort(key=lambda n: (-(graph.nodes[n].get("tie") or 0.5), n))
    filled: dict[str, list[float]] = {slug: [250.0, 0.0] for slug in sectors}  # radius, angle used
    angle_of: dict[int, float] = {}
    outer = 250.0
    for node in contacts:
        slug = graph.nodes[node]["industry"]
        begin, width = sectors[slug]
        radius, used = filled[slug]
        step = SPACING / radius
        if used + step > max(width, step):
            radius, used = radius + RING_GAP, 0.0
        angle = begin + used + step / 2
        filled[slug] = [radius, used + step]
        _place(graph, node, radius, angle)
        angle_of[node] = angle
        outer = max(outer, radius)
    outer += 3 * RING_GAP
    taken: Counter[int] = Counter()  # second-degree people already in each angular slot
    children: Counter[int] = Counter()  # second-degree people already placed next to each bridge
    for node, data in graph.nodes(data=True):
        if node == me or node in angle_of:
            continue
        bridges = [b for b in graph.neighbors(node) if b in angle_of]
        if bridges:  # next to the bridge with the strongest path to them
            best = max(
                bridges, key=lambda b: ((graph.nodes[b].get("tie") or 0.5) * graph.edges[b, node]["strength"], -b)
            )
            k = children[best]
            children[best] += 1
            angle = angle_of[best] + (1 if k % 2 else -1) * ((k + 1) // 2) * OUTER_SPACING / outer
        else:
            begin, width = sectors[data["industry"]]
            angle = begin + width * ((node * 0.618) % 1.0)
        slot = round(angle * outer / OUTER_SPACING)
        radius = outer + 1.5 * RING_GAP * taken[slot]
        taken[slot] += 1
        _place(graph, node, radius, slot * OUTER_SPACING / outer)


def _place(graph: nx.Graph, node: int, radius: float, angle: float) -> None:
    graph.nodes[node]["x"] = round(radius * math.cos(angle), 1)
    graph.nodes[node]["y"] = round(radius * math.sin(angle), 1)
