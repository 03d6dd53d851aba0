"""The library, in a few calls — what the command line and the notebook use::

import netmap
store = netmap.Store("my-network.db")
netmap.import_paths(store, ["Complete_LinkedInDataExport_02-07-2026.zip"])
netmap.import_paths(store, ["ava_connections.csv"], owner="Ava Chen")
for s in netmap.suggest(store, industry="finance", role="analyst", limit=5):
    print(s.score, s.name, s.via[0], s.why)
netmap.write_map(store, "map.html", industry="finance")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netmap.candidates import make_query
from netmap.candidates import suggest as _rank
from netmap.classify import Classification, classifier
from netmap.graph import map_graph
from netmap.graph import paths as _paths
from netmap.importer import import_manifest, import_paths
from netmap.models import Path as Route
from netmap.models import Person, Suggestion
from netmap.network import list_people, stats
from netmap.render import render
from netmap.sample import demo, write_sample
from netmap.store import Store

__all__ = [
    "Classification",
    "Person",
    "Route",
    "Store",
    "Suggestion",
    "classify_title",
    "demo",
    "import_manifest",
    "import_paths",
    "list_people",
    "path",
    "stats",
    "suggest",
    "write_map",
    "write_sample",
]


def suggest(store: Store, explain: bool = False, **filters: Any) -> list[Suggestion]:
    """Ranked suggestions; ``filters`` are ``suggest``'s options: industry, role, company, seniority
    (comma-separated), limit, max_per_bridge, include_first."""
    return _rank(store, make_query(**filters), explain).items


def path(store: Store, person: str | int) -> list[Route]:
    """The ways to reach a person (an id, a LinkedIn URL or a name), strongest first."""
    return _paths(store, store.resolve_person(str(person)))


def classify_title(title: str, company: str = "") -> Classification:
    """Industry, function, seniority, founder flag, confidence and evidence of one title."""
    return classifier().classify(title, company)


def write_map(store: Store, out: str | Path, hide_names: bool = False, max_people: int = 1500, **filters: Any) -> Path:
    """Write the interactive map to ``out``; ``filters`` as for :func:`suggest` (limit default 100)."""
    filters.setdefault("limit", 100)
    page = render(map_graph(store, make_query(**filters), max_people), hide_names=hide_names)
    target = Path(out)
    target.write_text(page.html, encoding="utf-8")
    return target
