"""NetworkX graphs of what a command needs — never of the whole store.

``focus`` builds the directed graph around one person (you, the people who list them, the people
who list those, up to three hops); ``paths`` enumerates the ways to reach them on it.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx

from netmap.errors import NetmapError, NoPath
from netmap.models import Hop, Path
from netmap.network import first_degree, names_of, ties
from netmap.store import Store

MAX_HOPS = 3
MAX_PATHS = 10


def focus(store: Store, target: int, max_hops: int = MAX_HOPS) -> nx.DiGraph:
    """You, ``target``, and everyone within ``max_hops - 1`` steps upstream of the target, with
    edges owner → person weighted by tie strength."""
    me = store.me_id
    graph = nx.DiGraph()
    frontier = {target}
    seen = {target}
    for _ in range(max_hops - 1):
        owners: set[int] = set()
        for person in frontier:
            for (owner,) in store.db.execute(
                "SELECT DISTINCT owner_id FROM observations WHERE person_id = ?", (person,)
            ):
                owners.add(owner)
        strengths = ties(store, owners - {me}, frontier) if owners - {me} else {}
        for (owner, person), strength in strengths.items():
            graph.add_edge(owner, person, strength=strength)
        frontier = owners - seen - {me}
        seen |= owners
        if not frontier:
            break
    mine = first_degree(store)
    for (owner, person), strength in ties(store, [me], mine & (seen | set(graph.nodes))).items():
        graph.add_edge(owner, person, strength=strength)
    return graph


def paths(store: Store, target: int, max_hops: int = MAX_HOPS) -> list[Path]:
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
        product = 1.0
        for s in strengths:
            product *= s
        found.append((nodes[1:], strengths, product))
    if not found:
        raise NoPath(f"no path in your data to {store.name_of(target)} (id {target})")
    found.sort(key=lambda p: (-p[2], len(p[0]), p[0]))
    names = names_of(store, {n for nodes, _, _ in found for n in nodes})
    return [
        Path([Hop(n, names[n], round(s, 3)) for n, s in zip(nodes, strengths, strict=True)], round(product, 4))
        for nodes, strengths, product in found[:MAX_PATHS]
    ]
