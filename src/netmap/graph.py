"""NetworkX graphs of what a command needs — never of the whole store.

``focus`` builds the directed graph around one person (you, the people who list them, the people
who list those, up to three hops); ``paths`` enumerates the ways to reach them on it. ``map_graph``
chooses the people of the map and :func:`layout` places them.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import pairwise
from typing import Any

import networkx as nx

from netmap.candidates import describe, suggest
from netmap.errors import NetmapError, NoPath
from netmap.models import Hop, Route, Suggestion
from netmap.network import Degrees, degrees, listed_by, second_degree_by_bridges, tie_strengths
from netmap.outreach import due_items
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


@dataclass
class MapGraph:
    """The people on the map — a NetworkX graph whose nodes carry what the page shows, their
    positions and sizes — the query that chose them, and how many of the network were left out."""

    graph: nx.Graph
    total: int  # people with a degree (1 or 2) in the store
    counts: dict[str, int]  # shown per kind: suggestion, bridge, contact, second
    query: Query = field(default_factory=Query)
    why_none: str | None = None  # why nobody is suggested, when a role matches no one

    @property
    def ranked(self) -> list[int]:
        """The people of the ranked list (the top suggestions), best first."""
        ranks = {n: d["rank"] for n, d in self.graph.nodes(data=True) if d.get("rank")}
        return sorted(ranks, key=ranks.__getitem__)


def map_graph(store: Store, query: Query, max_people: int = MAX_PEOPLE) -> MapGraph:
    """You, the top suggestions for ``query`` and the friends who can introduce you (the bridges),
    your first-degree contacts and more of the second degree as context; a large network is cut to
    ``max_people`` people (never fewer when it has that many): suggestions and their bridges first,
    then the other friends whose contacts you have, your closest contacts, then more of the second
    degree (most bridges first). Positions and sizes are computed here (:func:`layout`), so the page
    needs no physics."""
    found = degrees(store)
    first = found.first
    room = max(0, max_people - len(first))  # at most this many second-degree people beyond the top
    result = suggest(store, replace(query, limit=query.limit + room))
    ranked = result.items
    top = ranked[: query.limit]
    picked: dict[int, str] = {}

    def pick(pid: int, kind: str) -> None:
        if len(picked) < max_people:
            picked.setdefault(pid, kind)

    for item in top:
        pick(item.id, "bridge" if item.id in found.bridges else "suggestion" if item.degree == 2 else "contact")
    for item in top:
        for bridge in item.via_ids:
            pick(bridge, "bridge")
    for pid in sorted(found.bridges, key=lambda p: (-found.my_tie(p), p)):  # a referrer may not be a contact
        pick(pid, "bridge")
    for pid in sorted(first, key=lambda p: (-first[p], p)):
        pick(pid, "contact")
    second = second_degree_by_bridges(store)
    for pid in second:
        if len(picked) >= max_people:
            break
        pick(pid, "second")
    scored = {s.id: s for s in ranked if s.id in picked}
    graph = _build(store, picked, scored, [item.id for item in top if item.id in picked], found)
    layout(graph, found.me)
    counts = Counter(picked.values())
    return MapGraph(graph, len(first) + len(second), {k: counts[k] for k in KINDS}, query, result.no_role_match)


KINDS = ("suggestion", "bridge", "contact", "second")


def _build(store: Store, picked: dict[int, str], scored: dict[int, Suggestion], top: list[int],
           found: Degrees) -> nx.Graph:  # fmt: skip
    """Nodes with what the page shows; edges you–contact and bridge–second degree, each of a kind:
    ``bridge`` (you to a friend who can introduce you), ``best`` (the friend to ask → a suggestion,
    or you → a suggestion among your own contacts), ``also`` (another friend who knows a suggestion),
    ``contact`` and ``second`` (the rest, drawn on demand)."""
    me, first = found.me, found.first
    graph = nx.Graph()
    you = store.me()
    empty = {"position": "", "company": "", "sub_industry": None, "function": None, "seniority": None}
    graph.add_node(me, kind="you", rank=None, name=you.name or "You", industry="you", url=you.url, score=None,
                   why=[], bridges=[], tie=None, stage=None, next_action=None, next_due=None, **empty)  # fmt: skip
    people = describe(store, list(picked), with_evidence=False)  # the suggestions' reasons have it already
    rank = {pid: n for n, pid in enumerate(top, 1)}
    tracked = {d.id: d for d in due_items(store) if d.id is not None}
    for pid, kind in picked.items():
        person, suggestion, due = people[pid], scored.get(pid), tracked.get(pid)
        graph.add_node(
            pid,
            kind=kind,
            rank=rank.get(pid),
            name=person["name"],
            position=person["position"],
            company=person["company"],
            industry=person["industry"] or "unknown",
            sub_industry=person["sub_industry"],
            function=person["function"],
            seniority=person["seniority"],
            url=person["url"],
            score=suggestion.score if suggestion else None,
            why=suggestion.why_parts[1:] if suggestion else [],
            bridges=[(b.id, b.name) for b in suggestion.bridges] if suggestion else [],
            tie=first.get(pid),
            stage=due.stage if due else None,
            next_action=due.next_action if due else None,
            next_due=due.next_due if due else None,
        )
    for pid, kind in picked.items():
        if pid in first:
            edge = "bridge" if kind == "bridge" else "best" if pid in rank else "contact"
            graph.add_edge(me, pid, strength=first[pid], kind=edge)
    bridges = [p for p, kind in picked.items() if kind == "bridge"]
    second = [p for p, kind in picked.items() if kind in ("suggestion", "second")]
    for (bridge, target), strength in tie_strengths(store, bridges, second).items():
        via = [b for b, _ in graph.nodes[target]["bridges"]] if target in rank else []
        edge = "best" if via[:1] == [bridge] else "also" if bridge in via else "second"
        graph.add_edge(bridge, target, strength=strength, kind=edge)
    for bridge in bridges:
        node = graph.nodes[bridge]
        node["introduces"] = [p for p in top if any(b == bridge for b, _ in graph.nodes[p]["bridges"])]
        node["reaches"] = sum(1 for p in graph.neighbors(bridge) if p != me)
    return graph


# --- the layout ---------------------------------------------------------------------------------
# Everything the page shows at first sight — you, the friends who can introduce you and the
# suggestions, with their names — is placed so that no shape or label touches another; the context
# (your other contacts, more of the second degree: small dots whose names show only when zoomed in)
# fills the room left, never on top of anything. You are at the centre; the friends on a ring
# around you, each in a sector as wide as the number of suggestions they are the one to ask for;
# each suggestion as close as there is room to that friend, outside the ring; your other contacts
# inside the ring by industry; the rest of the second degree beyond their friend's suggestions.
# Positions are in layout units, which are the page's pixels at zoom 1; the page fits the view to
# what matters.

ASPECT = 1.25  # the ring is an ellipse this much wider than tall, like a screen
FONT_SIZE = {"you": 18.0, "bridge": 17.0, "top": 15.5, "ranked": 13.0, "context": 10.0}
TOP = 10  # the best suggestions, whose names are drawn larger
DOT_SIZE = {"contact": 4.5, "second": 3.5}
GAP = 4.0  # the least room between two things on the map
HALO = 2.0  # labels are drawn with a white outline this wide on each side
CORRIDOR = 3.0  # half-width of the lane kept free along the edges drawn at first sight

# Advance widths of the printable ASCII characters in Arial, Liberation Sans and Helvetica (one set
# of metrics; the page draws labels in those faces), in thousandths of the font size.
_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip


def text_width(text: str, size: float) -> float:
    """How wide ``text`` is drawn at font ``size`` in the map's face, rounded up: accented letters as
    their base letter, wide (East Asian) characters as a square, anything else as a wide letter.

    >>> text_width("Ava Chen", 10), text_width("Chloé", 10) == text_width("Chloe", 10)
    (45.3, True)
    """
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        if " " <= base <= "~":
            total += _WIDTHS[ord(base) - 32]
        elif unicodedata.east_asian_width(char) in "WF":
            total += 1000
        else:
            total += 780
    return math.ceil(total * size / 100 * 1.03) / 10


def node_size(data: dict[str, Any]) -> float:
    """Radius of a person's shape: you largest; a friend by how many suggestions they can introduce;
    a suggestion by its score; context as small dots."""
    if data["kind"] == "you":
        return 24.0
    if data["kind"] == "bridge":
        return round(min(30.0, 10 + 2.6 * math.sqrt(len(data.get("introduces", [])))), 1)
    if data.get("rank"):
        return round(6 + (data["score"] or 0) / 14, 1)
    return DOT_SIZE[data["kind"]]


Box = tuple[float, float, float, float]  # left, top, right, bottom


def footprint(data: dict[str, Any], label: str | None) -> Box:
    """The box a person takes around their position: the shape, and the label vis-network draws
    below it (its top at size + font/2 + 4, one line of the font's height, with the halo)."""
    size = data["size"] * (1.2 if data["kind"] == "you" else 1.0)  # a star's points reach past its size
    if label is None:
        return (-size - GAP / 2, -size - GAP / 2, size + GAP / 2, size + GAP / 2)
    font = data["font_size"]
    half = max(size, text_width(label, font) / 2 + HALO) + GAP / 2
    return (-half, -size - GAP / 2, half, size + 1.5 * font + 4 + HALO + 1 + GAP / 2)


class Packer:
    """Boxes already on the map, in buckets, and a search outwards from an ideal point for the
    nearest spot where a new box touches none of them."""

    CELL = 48.0

    def __init__(self) -> None:
        self.cells: defaultdict[tuple[int, int], list[Box]] = defaultdict(list)
        self.resume: dict[Any, int] = {}  # search key -> offsets before it are taken for good

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.CELL
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield i, j

    def free(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        c, cells = self.CELL, self.cells
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                for o in cells.get((i, j), ()):
                    if x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:
                        return False
        return True

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells[cell].append(box)

    def place(self, shape: Box, ideal: tuple[float, float], allowed: Callable[[float, float], bool] | None = None,
              key: Any = None, step: float = 8.0, reach: float | None = None,
              same_shape: bool = True) -> tuple[float, float]:  # fmt: skip
        """Put ``shape`` (a box around its centre) at the free spot nearest ``ideal``, within ``reach``,
        where ``allowed`` holds, and return that spot; when there is none, at the nearest free spot
        anywhere. Boxes are never taken away, so a spot that failed once fails for good: searches that
        share a ``key`` (the same ideal point, predicate and step, and ``same_shape``) go on from where
        the last one succeeded, and filling an area with many people stays linear; searches for
        different shapes share only the spots that are taken at their very centre."""
        # The spiral reaches SPIRAL steps, or as far as ``reach`` asks (a big map's ring is wide).
        offsets, distances = _spiral(SPIRAL if reach is None else max(SPIRAL, 40 * math.ceil(reach / step / 40)))
        limit = len(offsets) if reach is None else bisect.bisect_right(distances, (reach / step) ** 2)
        first = self.resume.get(key, 0) if key is not None else 0
        settled = key is not None  # every spot so far has failed for good
        resume = first  # where the next search with this key begins
        (ix, iy), (left, top, right, bottom), free = ideal, shape, self.free
        for i in range(first, limit):
            dx, dy = offsets[i]
            x, y = ix + dx * step, iy + dy * step
            if allowed is None or allowed(x, y):
                box = (x + left, y + top, x + right, y + bottom)
                if free(box):
                    self.add(box)
                    if settled:
                        self.resume[key] = i + 1 if same_shape else i
                    elif key is not None:
                        self.resume[key] = resume
                    return x, y
                settled = settled and (same_shape or not free((x, y, x, y)))
            if settled:
                resume = i + 1
        if key is not None:
            self.resume[key] = max(first, limit) if settled else resume
        if allowed is not None or reach is not None:
            return self.place(shape, ideal, None, None if key is None else (key, "anywhere"), step)
        # Nothing free within the spiral: go straight out from the centre until there is room (searches
        # that share a key go on from where the last one found it).
        x, y = ideal
        angle = math.atan2(y, x) if (x, y) != (0.0, 0.0) else 0.0
        k = self.resume.get((key, "out"), 1) if key is not None else 1
        while True:
            spot = x + k * step * 4 * math.cos(angle), y + k * step * 4 * math.sin(angle)
            box = (spot[0] + shape[0], spot[1] + shape[1], spot[0] + shape[2], spot[1] + shape[3])
            if self.free(box):
                self.add(box)
                if key is not None:
                    self.resume[key, "out"] = k + 1 if same_shape else k
                return spot
            k += 1

    def lane(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        """Keep the straight line from ``a`` to ``b`` free (an edge drawn there stays clear of dots)."""
        length = math.dist(a, b)
        for k in range(int(length // (2 * CORRIDOR)) + 1):
            t = k * 2 * CORRIDOR / length if length else 0.0
            x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
            self.add((x - CORRIDOR, y - CORRIDOR, x + CORRIDOR, y + CORRIDOR))


SPIRAL = 120  # steps: how far a search goes from its ideal point, unless it is given a reach beyond


@lru_cache(maxsize=4)
def _spiral(reach: int = SPIRAL) -> tuple[list[tuple[int, int]], list[int]]:
    """The points of the integer lattice nearest first, out to ``reach``, and their squared lengths."""
    points = [(i, j) for i in range(-reach, reach + 1) for j in range(-reach, reach + 1) if i * i + j * j <= reach**2]
    points.sort(key=lambda p: p[0] * p[0] + p[1] * p[1])  # stable: the same order every time
    return points, [i * i + j * j for i, j in points]


def ellipse_radius(x: float, y: float) -> float:
    return math.hypot(x / ASPECT, y)


def layout(graph: nx.Graph, me: int) -> None:
    """Sizes (``size``, ``font_size``) and positions (``x``, ``y``) for every node of a map graph."""
    nodes = graph.nodes
    for _, data in graph.nodes(data=True):
        data["size"] = node_size(data)
        rank = data.get("rank")
        kind = data["kind"] if data["kind"] in ("you", "bridge") else "context" if not rank else None
        data["font_size"] = FONT_SIZE[kind or ("top" if rank <= TOP else "ranked")]
    packer = Packer()
    _put(graph, me, packer.place(footprint(nodes[me], "You"), (0.0, 0.0)))
    ranked = sorted((n for n in graph if nodes[n].get("rank")), key=lambda n: nodes[n]["rank"])
    best = {n: nodes[n]["bridges"][0][0] for n in ranked if nodes[n]["kind"] == "suggestion" and nodes[n]["bridges"]}
    asked = Counter(best.values())
    # On the ring: the friends to ask for a suggestion, in sectors as wide as how many; the
    # suggestions among your own contacts. The other friends find room near the ring afterwards.
    ring = [n for n in graph if nodes[n]["kind"] == "bridge" and asked[n]]
    ring += [n for n in ranked if nodes[n]["kind"] == "contact" or (nodes[n]["kind"] == "bridge" and not asked[n])]
    ring.sort(key=lambda n: (-asked[n], nodes[n].get("rank") or 10**9, n))
    others = [n for n in graph if nodes[n]["kind"] == "bridge" and n not in set(ring)]
    contacts = [n for n in graph if nodes[n]["kind"] == "contact" and not nodes[n].get("rank")]
    radius = _ring_radius(graph, ring, len(contacts))
    weights = [1 + asked[n] for n in ring]
    start = -math.pi / 2
    for n, weight in zip(ring, weights, strict=True):
        angle = start + math.pi * weight / sum(weights)
        start += 2 * math.pi * weight / sum(weights)
        _put(graph, n, packer.place(footprint(nodes[n], nodes[n]["name"]), _polar(radius, angle), step=12.0))
        packer.lane(_pos(graph, me), _pos(graph, n))
    # The suggestions, best first, each near the friend to ask, outside the ring.
    outside = partial(_beyond, radius + 30)
    for n in ranked:
        if nodes[n]["kind"] != "suggestion":
            continue
        anchor = best.get(n)
        if anchor is not None and anchor in graph:
            ideal = _outward(_pos(graph, anchor), nodes[anchor]["size"] + 40)
        else:
            ideal = _free_angle(n, radius)
        spot = packer.place(footprint(nodes[n], nodes[n]["name"]), ideal, outside, ("near", anchor), same_shape=False)
        _put(graph, n, spot)
    for n in ranked:
        if n in best and best[n] in graph:
            packer.lane(_pos(graph, best[n]), _pos(graph, n))
    for n in others:
        _put(graph, n, packer.place(footprint(nodes[n], nodes[n]["name"]), _free_angle(n, radius), step=12.0))
        packer.lane(_pos(graph, me), _pos(graph, n))
    ring += others
    # Your other contacts inside the ring, by industry (strongest ties first); the second degree
    # beyond the suggestions of the friend who knows them best.
    inside = partial(_within, radius - nodes[me]["size"] - 6)
    by_industry: defaultdict[str, list[int]] = defaultdict(list)
    for n in sorted(contacts, key=lambda n: (-(nodes[n]["tie"] or 0), n)):
        by_industry[nodes[n]["industry"]].append(n)
    sectors = _sectors({slug: len(people) for slug, people in by_industry.items()})
    for slug, n in _round_robin(by_industry):
        ideal = _polar(nodes[me]["size"] * 2.2, sectors[slug])
        spot = packer.place(footprint(nodes[n], None), ideal, inside, ("contact", slug), 2 * DOT_SIZE["contact"] + GAP,
                            reach=radius * ASPECT + math.hypot(*ideal))  # fmt: skip
        _put(graph, n, spot)
    reach = {b: max([math.dist(_pos(graph, b), _pos(graph, s)) for s, a in best.items() if a == b], default=0.0)
             for b in ring}  # fmt: skip
    by_bridge: defaultdict[int | None, list[int]] = defaultdict(list)
    for n in graph:
        if nodes[n]["kind"] == "second":
            by_bridge[_strongest(graph, n)].append(n)
    for anchor, n in _round_robin(by_bridge):
        if anchor in reach:
            ideal, key = _outward(_pos(graph, anchor), reach[anchor] + 50), ("second", anchor)
        else:
            ideal, key = _free_angle(n, radius * 1.5), None
        _put(graph, n, packer.place(footprint(nodes[n], None), ideal, outside, key, 2 * DOT_SIZE["second"] + GAP))


def _ring_radius(graph: nx.Graph, ring: list[int], contacts: int) -> float:
    """How far the friends' ring is from you: room inside for your other contacts, and round it for
    the friends themselves with their names."""
    nodes = graph.nodes
    dot = 2 * DOT_SIZE["contact"] + GAP
    inner = nodes[next(n for n in graph if nodes[n]["kind"] == "you")]["size"] * 2.2
    # π·A·r² − π·A·inner² = the contacts' room (with some slack) + the lanes to the friends (r long each)
    lanes = sum(1 for n in graph if nodes[n]["kind"] == "bridge") * (2 * CORRIDOR + dot)
    area = math.pi * ASPECT
    need = 1.5 * contacts * dot * dot + area * inner * inner
    room = (lanes + math.sqrt(lanes * lanes + 4 * area * need)) / (2 * area) + 45
    widths = sum(footprint(nodes[n], nodes[n]["name"])[2] * 2 for n in ring)
    around = widths / (math.pi * (1 + ASPECT))  # in one file round the ring; when more, they crowd into a band
    return max(150.0, room, min(around, 1.4 * room))


def _put(graph: nx.Graph, node: int, spot: tuple[float, float]) -> None:
    graph.nodes[node]["x"], graph.nodes[node]["y"] = round(spot[0], 1), round(spot[1], 1)


def _pos(graph: nx.Graph, node: int) -> tuple[float, float]:
    return graph.nodes[node]["x"], graph.nodes[node]["y"]


def _beyond(radius: float, x: float, y: float) -> bool:
    return ellipse_radius(x, y) >= radius


def _within(radius: float, x: float, y: float) -> bool:
    return ellipse_radius(x, y) <= radius


def _outward(point: tuple[float, float], distance: float) -> tuple[float, float]:
    """The point ``distance`` further from the centre than ``point``, on the same line."""
    length = math.hypot(*point) or 1.0
    return point[0] + distance * point[0] / length, point[1] + distance * point[1] / length


def _polar(radius: float, angle: float) -> tuple[float, float]:
    return radius * ASPECT * math.cos(angle), radius * math.sin(angle)


def _free_angle(node: int, radius: float) -> tuple[float, float]:
    """A spot on the ellipse of ``radius`` for someone with no friend on the map, spread by id."""
    return _polar(radius, 2 * math.pi * ((node * 0.618034) % 1.0))


def _sectors(sizes: dict[str, int]) -> dict[str, float]:
    """The middle angle of a sector for each group, as wide as its size, largest first from the top."""
    total = sum(sizes.values()) or 1
    middle, start = {}, -math.pi / 2
    for key, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        middle[key] = start + math.pi * size / total
        start += 2 * math.pi * size / total
    return middle


def _round_robin(groups: dict[Any, list[int]]) -> Iterator[tuple[Any, int]]:
    """(group, member): the first of each group, then the second of each…, so groups grow evenly."""
    lists = sorted(groups.items(), key=lambda kv: str(kv[0]))
    for k in range(max((len(v) for _, v in lists), default=0)):
        for key, members in lists:
            if k < len(members):
                yield key, members[k]


def _strongest(graph: nx.Graph, node: int) -> int | None:
    """The friend on the map with the strongest path to a second-degree person."""
    options = [
        ((graph.nodes[b]["tie"] or 0.5) * graph.edges[b, node]["strength"], -b, b)
        for b in graph.neighbors(node)
        if graph.nodes[b]["kind"] == "bridge"
    ]
    return max(options)[2] if options else None
