"""The library, in a few calls — the one pipeline the command line, ``netmap demo`` and the notebook use::

import netmap
store = netmap.Store("my-network.db")
netmap.import_paths(store, ["Complete_LinkedInDataExport_02-07-2026.zip"])
netmap.import_paths(store, ["ava_connections.csv"], owner="Ava Chen")
for s in netmap.suggest(store, industry="finance", role="analyst", limit=5):
    print(s.score, s.name, s.via[0], s.why)
netmap.write_map(store, "map.html", industry="finance")

Every call that changes the store runs in one transaction and classifies the people it touched
before it ends. NetworkX and pyvis load only in the calls that draw (``path``, ``write_map``), so the
commands that do not draw start fast.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from netmap import briefs, companies, drafts, identity, importer, outreach
from netmap.briefs import Brief
from netmap.candidates import Suggestions, make_query
from netmap.candidates import suggest as _rank
from netmap.classify import Classification, classifier
from netmap.companies import classify_pending, needs_reclassifying, reclassify_all, unclassified_count
from netmap.drafts import Draft
from netmap.errors import NetmapError
from netmap.importer import Progress, read_exports, refuse_clashes
from netmap.models import Company, Export, ImportSummary, Person, Route, Suggestion
from netmap.network import count_people as _count_people
from netmap.network import industry_counts
from netmap.network import iter_people as _iter_people
from netmap.network import stats as _stats
from netmap.outreach import Due, Pace, Record
from netmap.sample import write_sample
from netmap.store import Store
from netmap.taxonomy import resolve_industry

__all__ = [
    "Brief",
    "Classification",
    "Company",
    "Demo",
    "Draft",
    "Due",
    "MapFile",
    "Pace",
    "Person",
    "Record",
    "Route",
    "Store",
    "Suggestion",
    "Suggestions",
    "classify_title",
    "classify_titles",
    "count_people",
    "demo",
    "draft",
    "forget",
    "forget_owner",
    "import_exports",
    "import_manifest",
    "import_paths",
    "industries",
    "iter_people",
    "list_companies",
    "list_people",
    "merge",
    "needs_reclassifying",
    "outreach_board",
    "owner_sources",
    "pace",
    "path",
    "prep",
    "read_exports",
    "reclassify",
    "refer",
    "refuse_clashes",
    "set_goal",
    "set_me",
    "stats",
    "suggest",
    "suggestions",
    "tag_company",
    "tag_person",
    "track",
    "unclassified_count",
    "unmerge",
    "untrack",
    "write_calendar",
    "write_map",
    "write_sample",
    "write_text",
]


def suggest(store: Store, explain: bool = False, **filters: Any) -> list[Suggestion]:
    """Ranked suggestions; ``filters`` are ``suggest``'s options: industry, role, company, seniority
    (comma-separated), limit, max_per_bridge, include_first, level_weights."""
    return suggestions(store, explain, **filters).items


def suggestions(store: Store, explain: bool = False, **filters: Any) -> Suggestions:
    """:func:`suggest`, with what the command line says around the list: whether friends' exports
    were there to use, and owners of imports who reach no one."""
    return _rank(store, make_query(**filters), explain)


def list_people(store: Store, search: str | None = None, degree: int | None = None, industry: str | None = None,
           limit: int | None = None) -> list[Person]:  # fmt: skip
    """People in the store (never you), filtered by text, degree (1 or 2) and industry, each with
    your outreach stage when you track them; sorted by degree, then name, then id."""
    return list(iter_people(store, search, degree, industry, limit))


def iter_people(store: Store, search: str | None = None, degree: int | None = None, industry: str | None = None,
                limit: int | None = None) -> Iterator[Person]:  # fmt: skip
    """:func:`list_people` one person at a time, read from the store as they are used: for listing
    everyone in a large store without holding them all."""
    slug = resolve_industry(industry) if industry else None  # a mistyped industry is refused before any row
    stages = outreach.stages_of(store)

    def staged() -> Iterator[Person]:
        for person in _iter_people(store, search, degree, slug, limit):
            person.stage, person.next_due = stages.get(person.id, (None, None))
            yield person

    return staged()


def count_people(store: Store, search: str | None = None, degree: int | None = None,
                 industry: str | None = None) -> int:  # fmt: skip
    """How many people :func:`list_people` lists without a limit."""
    return _count_people(store, search, degree, resolve_industry(industry) if industry else None)


def stats(store: Store) -> dict[str, object]:
    """Counts by degree, the top companies and industries."""
    return _stats(store)


def industries(store: Store) -> list[dict[str, Any]]:
    """Every industry of the taxonomy, with how many of your people are in it."""
    return industry_counts(store)


def list_companies(
    store: Store, unknown: bool = False, search: str | None = None, limit: int | None = None
) -> list[Company]:
    """The employers of your network with how many people, industry, confidence and evidence, biggest
    first; ``unknown``: only those nothing places yet (where a ``tag`` helps most)."""
    return companies.list_companies(store, unknown, search, limit)


def reclassify(store: Store, progress: Any = None) -> int:
    """Classify everyone again — after netmap's taxonomy changed, or its data files were edited;
    returns how many people. (Imports and tags classify what they touch by themselves.) The file is
    rewritten afterwards, without its free pages."""
    count = reclassify_all(store, progress)
    store.compact()
    return count


def path(store: Store, person: str | int) -> list[Route]:
    """The ways to reach a person (an id, a LinkedIn URL or a name), strongest first."""
    from netmap.graph import paths  # NetworkX, loaded only by the commands that draw graphs

    return paths(store, identity.resolve_person(store, str(person)))


def classify_title(title: str, company: str = "") -> Classification:
    """Industry, function, seniority, founder flag, confidence and evidence of one title."""
    return classifier().classify(title, company)


def classify_titles(pairs: list[tuple[str, str]]) -> list[Classification]:
    """:func:`classify_title` for many (title, company) pairs, each company worked out once."""
    results = classifier().classify_many(pairs)
    return [results[pair] for pair in pairs]


# --- changing the store -------------------------------------------------------------------------


def import_exports(store: Store, exports: list[Export], owner: str | None = None, owner_new: bool = False,
                   progress: Progress | None = None, replace: bool = False) -> list[ImportSummary]:  # fmt: skip
    """Add parsed exports (:func:`read_exports`) for one owner (you by default), in one transaction;
    ``replace``: a newer export replaces the older one of its kind even when it looks like
    someone else's."""
    with store.transaction():
        summaries = importer.import_exports(store, exports, owner, owner_new, progress, replace)
        _keep_your_records(store)
    return summaries


def import_paths(store: Store, paths: list[str | Path], owner: str | None = None, owner_new: bool = False,
                 input_format: str = "auto", progress: Progress | None = None,
                 mapping: dict[str, str] | None = None, replace: bool = False) -> list[ImportSummary]:  # fmt: skip
    """Read and import files, zips or archive folders for one owner (you by default)."""
    if isinstance(paths, (str, Path)):
        raise NetmapError(f"import_paths takes a list of paths: import_paths(store, [{str(paths)!r}])")
    return import_exports(store, read_exports(paths, input_format, mapping), owner, owner_new, progress, replace)


def import_manifest(store: Store, manifest: str | Path, owner_new: bool = False, input_format: str = "auto",
                    progress: Progress | None = None) -> list[ImportSummary]:  # fmt: skip
    """Import every file a manifest (``path,owner[,owner_url]``) lists, each for its owner."""
    with store.transaction():
        summaries = importer.import_manifest(store, manifest, owner_new, input_format, progress)
        _keep_your_records(store)
    return summaries


def forget(store: Store, source_ids: list[int]) -> int:
    """Remove imports; people only they contributed go, your outreach records stay. Returns how many
    people went."""
    with store.transaction():
        gone = importer.forget(store, source_ids)
        _keep_your_records(store)
    store.compact()
    return gone


def _keep_your_records(store: Store) -> None:
    """Your outreach records outlive the people a change removed, and find them again when they return."""
    outreach.withdraw_missing(store)
    outreach.relink(store)


def set_me(store: Store, name: str | None = None, url: str | None = None) -> list[str]:
    """Say who you are; returns the names of people already imported who turned out to be you."""
    with store.transaction():
        merged = identity.set_me(store, name, url)
        classify_pending(store)
    return merged


def merge(store: Store, first: str, second: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """Make two people one (the first keeps its id, you always stay you): ((kept id, name), (gone id, name))."""
    with store.transaction():
        a, b = identity.resolve_person(store, first), identity.resolve_person(store, second)
        names = {a: store.name_of(a), b: store.name_of(b)}
        kept = identity.merge(store, a, b)
        outreach.follow_person(store, kept, b if kept == a else a)
        classify_pending(store)
    gone = b if kept == a else a
    return (kept, names[kept]), (gone, names[gone])


def unmerge(store: Store, person: str, source_id: int) -> tuple[int, int]:
    """Split one import's rows of a person into a new person: (the person's id, the new id)."""
    with store.transaction():
        pid = identity.resolve_person(store, person)
        new = identity.unmerge(store, pid, source_id)
        classify_pending(store)
    return pid, new


def owner_sources(store: Store, owner: str) -> list[int]:
    """The imports of one friend (a name, URL or id), as ``forget_owner`` would forget them."""
    pid = store.me_id if owner.strip().casefold() in ("me", "you") else identity.resolve_person(store, owner)
    if pid == store.me_id:
        raise NetmapError("those are your own imports: forget them one at a time, netmap forget SOURCE_ID")
    ids = store.source_ids_of(pid)
    if not ids:
        raise NetmapError(f"{store.name_of(pid)} (id {pid}) owns no import — see `netmap sources`")
    return ids


def forget_owner(store: Store, owner: str) -> tuple[list[int], int]:
    """Forget every import of one friend (consent withdrawn): (the imports forgotten, people gone)."""
    with store.transaction():
        ids = owner_sources(store, owner)
        gone = importer.forget(store, ids)
        _keep_your_records(store)
    store.compact()
    return ids, gone


def tag_company(store: Store, company: str, industry: str) -> tuple[str, int]:
    """Your industry (a slug, synonym or sub-industry) for everyone at a company, now and after
    re-imports: (the industry's slug, how many people are there now)."""
    slug = resolve_industry(industry)
    return slug, companies.tag_company(store, company, slug)


def tag_person(store: Store, person: str, industry: str | None = None, function: str | None = None,
               seniority: str | None = None) -> int:  # fmt: skip
    """Your industry, function and/or seniority for one person; returns their id."""
    slug = resolve_industry(industry) if industry else None
    with store.transaction():
        pid = identity.resolve_person(store, person)
        companies.tag_person(store, pid, slug, function, seniority)
    return pid


# --- outreach -----------------------------------------------------------------------------------------


def track(
    store: Store,
    person: str,
    stage: str,
    via: str | None = None,
    on: date | None = None,
    note: str = "",
    next_on: date | None = None,
    max_open: int = outreach.MAX_OPEN_PER_BRIDGE,
) -> tuple[Record, list[str]]:
    """Record a step of your outreach to a person: (their record, notes). Asking a bridge without
    naming one asks the strongest who is not already waiting on ``max_open`` of your asks."""
    stage = outreach.check_stage(stage)
    with store.transaction():
        pid = identity.resolve_person(store, person)
        notes: list[str] = []
        via_id = identity.resolve_person(store, via) if via else None
        if via_id is None and stage in ("asked-bridge", "introduced"):
            via_id, notes = outreach.choose_bridge(store, pid, max_open)
        elif (
            via_id is not None
            and stage == "asked-bridge"
            and (busy := outreach.busy_note(store, via_id, pid, max_open))
        ):
            notes.append(busy)
        notes += outreach.step_notes(store, pid, stage, via_id)
        record = outreach.track(store, pid, stage, via_id, on, note, next_on)
    return record, notes


def refer(store: Store, person: str, name: str, company: str = "", position: str = "",
          url: str | None = None) -> tuple[int, bool]:  # fmt: skip
    """``person`` suggested you talk to ``name``: they are now reachable through ``person`` (a source
    of yours). Returns (their id, whether netmap made them new)."""
    with store.transaction():
        referrer = identity.resolve_person(store, person)
        if referrer == store.me_id:
            raise NetmapError("a referral comes from someone you talked to, not from you")
        found = outreach.add_referral(store, referrer, name, company, position, url)
        classify_pending(store)
    return found


def untrack(store: Store, person: str, last: bool = False) -> Record | None:
    """Remove your record of a person, or only its latest step (``last``); returns what is left."""
    with store.transaction():
        return outreach.untrack(store, identity.resolve_person(store, person), last)


def outreach_board(store: Store, stage: str | None = None, due: bool = False) -> list[Due]:
    """Everyone you track with their stage, last step, bridge, next action and when it is due."""
    return outreach.board(store, stage, due)


def set_goal(store: Store, per_week: int, held: bool = False) -> None:
    """Your weekly goal: asks sent (or interviews held, with ``held``)."""
    outreach.set_goal(store, per_week, held)


def pace(store: Store) -> Pace:
    return outreach.pace(store)


def write_calendar(store: Store, out: str | Path) -> Path:
    """Scheduled interviews and due follow-ups as an iCalendar file for your calendar."""
    return _write(out, outreach.calendar(store), "the calendar")


def draft(store: Store, person: str | None = None, kind: str | None = None, short: bool = False,
          **filters: Any) -> Draft:  # fmt: skip
    """Write an ask (or a thank-you, a follow-up, an update) for a person: by default the one that fits
    where you are with them (for your top untracked suggestion, ``filters`` as for :func:`suggest`:
    the intro request to the best bridge). Never sends anything."""
    return drafts.write(store, identity.resolve_person(store, person) if person else None, kind, short, **filters)


def prep(store: Store, person: str) -> Brief:
    """A one-page brief on a person you are about to meet."""
    return briefs.brief(store, identity.resolve_person(store, person))


def write_text(out: str | Path, text: str, what: str = "the file") -> Path:
    """Write a text file whole or not at all (see :func:`_write`)."""
    return _write(out, text.encode("utf-8"), what)


def _write(out: str | Path, data: bytes, what: str) -> Path:
    """Write a whole file or nothing: into a temporary file beside it, then renamed into place (a full
    disk leaves the old file, or none, never half of one)."""
    target = Path(out).resolve()
    temporary = target.with_name(f".{target.name}.netmap-partial")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise NetmapError(f"{out}: cannot write {what} ({exc.strerror or exc}) — choose another path") from None
    return target


# --- the map ------------------------------------------------------------------------------------


@dataclass
class MapFile:
    path: Path
    people: int  # on the map, you excluded
    suggestions: int  # in the ranked list
    why_none: str | None = None  # why there are none, when a role matches no one


def write_map(store: Store, out: str | Path, hide_names: bool = False, max_people: int = 1500,
              **filters: Any) -> MapFile:  # fmt: skip
    """Write the interactive map to ``out``; ``filters`` as for :func:`suggest` (limit default 100)."""
    from netmap.graph import map_graph
    from netmap.render import render

    filters.setdefault("limit", 100)
    mapped = map_graph(store, make_query(**filters), max_people)
    page = render(mapped, hide_names=hide_names, drafts={} if hide_names else _drafts_for(store, mapped))
    path = _write(out, page.html.encode("utf-8"), "the map")
    return MapFile(path, page.people - 1, len(mapped.ranked), mapped.why_none)


def _drafts_for(store: Store, mapped: Any) -> dict[int, Draft]:
    """The draft that fits each suggestion's stage (the intro request to the friend to ask, first),
    for the map's cards."""
    from netmap.drafts import KIND_AT
    from netmap.drafts import write as write_draft

    found: dict[int, Draft] = {}
    if not store.me().name:  # a draft signs with your name: without it, the cards go without drafts
        return found
    for pid, node in mapped.graph.nodes(data=True):
        if node.get("rank") or node["stage"]:  # the suggestions, and everyone you track
            kind = KIND_AT.get(node["stage"])
            if kind is not None and node["kind"] != "you":
                found[pid] = write_draft(store, pid, kind)
    return found


# --- the demo -----------------------------------------------------------------------------------


@dataclass
class Demo:
    """What ``netmap demo`` did: where its store and map are, and the top finance suggestions."""

    store: Path
    map: Path
    people: int
    suggestions: list[Suggestion]
    draft: Draft  # the intro request for the top suggestion


def demo(out: str | Path = ".") -> Demo:
    """The whole flow on the sample: write it to a temporary folder, import it into a store of its own
    (``netmap-demo.db`` in ``out``, made afresh; never your own store), rank finance suggestions and
    write the map (``netmap-demo.html`` in ``out``)."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "netmap-demo.db"
    db.unlink(missing_ok=True)
    store = Store(db)
    try:
        with tempfile.TemporaryDirectory(prefix="netmap-sample-") as tmp:
            paths = write_sample(tmp)
            import_paths(store, [paths["you"]])
            import_manifest(store, Path(tmp) / "friends.csv")
        top = suggest(store, industry="finance", limit=10)
        written = write_map(store, folder / "netmap-demo.html", industry="finance")
        ask = drafts.write(store, top[0].id)
        count = store.count_people()
    finally:
        store.close()
    return Demo(db.resolve(), written.path, count, top, ask)
