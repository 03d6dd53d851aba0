"""Suggestions: the people a query asks for, their features gathered in SQL, ranked by
:func:`netmap.rank.score`, best first, each with bridges and a reason.

SQL does the counting: one pass over the edges of the people who fit the filters (by the
``(person, owner, tie)`` index) gives each candidate's bridges and an upper bound of their score.
Candidates are then scored in bound order, a few hundred at a time, and scoring stops once no
unscored candidate could still enter the list — so a million edges cost one SQL scan, not a
million Python objects.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from netmap.classify import classifier
from netmap.companies import evidence_of
from netmap.errors import UsageProblem
from netmap.models import Bridge, Suggestion
from netmap.network import SECOND_EDGES, Degrees, best_first, degrees, import_owners, industry_filter
from netmap.normalize import company_key
from netmap.outreach import asked_through, asking_order, done_ids, open_asks, stages_of, waiting_on
from netmap.rank import LEVEL_WEIGHTS, Features, Query, order, role_fit, score, why
from netmap.roles import Role, close_roles, resolve_role, role_match
from netmap.store import Store
from netmap.taxonomy import cue_text, levels, resolve_choice, resolve_industry, taxonomy

CHUNK = 256


@dataclass
class Suggestions:
    """``suggest``'s answer: the ranked people, whether friends' exports were there to use, and the
    owners of imports who bridge to no one because they are not your contacts."""

    items: list[Suggestion]
    has_friends: bool
    strangers: list[str]
    total: int = 0  # everyone who could have been suggested (who fits the filters and the role)
    no_role_match: str | None = None  # why nobody is suggested for this role, with close roles


def make_query(
    industry: str | None = None,
    role: str | None = None,
    company: str | None = None,
    seniority: str | None = None,
    limit: int = 20,
    max_per_bridge: int | None = None,
    include_first: bool = False,
    level_weights: str | None = None,
    include_done: bool = False,
    max_open_per_bridge: int = 2,
) -> Query:
    """A :class:`Query` from what a user types: an industry slug, synonym or sub-industry; a function
    or free words for the role; levels separated by commas; ``level_weights`` like
    ``"director=0.9,c_level=0.7"`` to change how approachable each level counts. Unknown values raise
    ``UsageProblem`` with close matches."""
    if not isinstance(limit, int) or limit < 1:
        raise UsageProblem(f"limit {limit!r} is not a number of people (1 or more)")
    weights = dict(LEVEL_WEIGHTS)
    for part in filter(None, (p.strip() for p in (level_weights or "").split(","))):
        level, _, value = part.partition("=")
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not 0 <= weight <= 1:
            raise UsageProblem(f"--level-weights: {part!r} is not LEVEL=WEIGHT with a weight from 0 to 1")
        weights[resolve_choice(level.strip(), [*levels(), "unknown"], "seniority")] = weight
    wanted = None
    if seniority:
        wanted = frozenset(resolve_choice(s.strip(), [*levels(), "unknown"], "seniority") for s in seniority.split(","))
    if role is not None and not cue_text(role):
        raise UsageProblem("say which role, e.g. --role analyst")
    if role is not None and resolve_role(role).free and _level(role):
        raise UsageProblem(f"{role!r} is a level, not a role: use --seniority {_level(role)}")
    return Query(
        industry=_industry(industry) if industry is not None else None,
        role=resolve_role(role) if role is not None else None,
        company=company_key(company) if company else None,
        seniority=wanted,
        limit=limit,
        max_per_bridge=max_per_bridge,
        include_first=include_first,
        level_weights=tuple(weights.items()),
        include_done=include_done,
        max_open_per_bridge=max_open_per_bridge,
    )


def _industry(value: str) -> str:
    """An ``--industry`` value; a role or a level typed there points to the option that takes it."""
    try:
        return resolve_industry(value)
    except UsageProblem:
        role = resolve_role(value)
        if not role.free:
            raise UsageProblem(f"{value!r} is a role, not an industry: use --role {role.text}") from None
        level = _level(value)
        if level:
            raise UsageProblem(f"{value!r} is a level, not an industry: use --seniority {level}") from None
        if classifier().employer(value):
            raise UsageProblem(f"{value!r} is an employer, not an industry: use --company {value!r}") from None
        raise


def _level(value: str) -> str | None:
    """The seniority a word names (``entry``, ``junior``), if it names one."""
    level = taxonomy().seniority["synonyms"].get(cue_text(value), cue_text(value).replace(" ", "_"))
    return level if level in levels() else None


def _fits(store: Store, query: Query) -> None:
    """``temp.fits``: everyone (but you) who passes the query's filters, with the best fit they can
    have (industry confidence × level weight; the role is scored later)."""
    condition, params = industry_filter(query.industry, "p")
    where, args = ["NOT p.is_me", condition], list(params)
    if query.seniority:
        where.append(f"p.seniority IN ({','.join('?' * len(query.seniority))})")
        args += sorted(query.seniority)
    if query.company:
        where.append("p.company_key LIKE ?")
        args.append(f"%{query.company}%")
    if not query.include_done:
        where.append(f"p.id NOT IN {store.temp_ids('done', done_ids(store))}")
    db = store.db
    db.execute("CREATE TEMP TABLE IF NOT EXISTS weights (level TEXT PRIMARY KEY, weight REAL)")
    db.execute("DELETE FROM temp.weights")
    db.executemany("INSERT INTO temp.weights VALUES (?, ?)", query.level_weights)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS fits (id INTEGER PRIMARY KEY, fit REAL)")
    db.execute("DELETE FROM temp.fits")
    industry = "(0.85 + 0.15 * COALESCE(p.confidence, 0))" if query.industry else "1.0"
    level = "1.0" if query.seniority else f"COALESCE(w.weight, {LEVEL_WEIGHTS['unknown']})"
    db.execute(
        f"""INSERT INTO temp.fits SELECT p.id, {industry} * {level} FROM people p
            LEFT JOIN temp.weights w ON w.level = COALESCE(p.seniority, 'unknown') WHERE {" AND ".join(where)}""",
        args,
    )


# (upper bound of the score, candidate) for everyone in the second degree who fits, highest first:
# 100 × best fit × √reachability, with reachability 1 − Π(1 − your tie × their tie) summed as
# logarithms. One pass over the candidates' second-degree edges, candidate first (by the
# (person, owner, tie) index; tests/test_suggest.py checks the plan).
BOUNDS = f"""SELECT 100 * e.fit * sqrt(MAX(0, 1 - exp(SUM(ln(MAX(1e-12, 1 - b.tie * e.tie)))))) + 1e-6 AS bound, e.id
    FROM (SELECT f.id, f.fit, s.bridge, MAX(s.tie) AS tie
          FROM temp.fits f CROSS JOIN {SECOND_EDGES} s ON s.id = f.id
          GROUP BY f.id, s.bridge) e
    CROSS JOIN temp.bridges b ON b.id = e.bridge
    GROUP BY e.id ORDER BY bound DESC, e.id"""


def _features(store: Store, ids: list[int], found: Degrees, query: Query) -> list[Features]:
    """Full features (classification, bridges best first) of some candidates."""
    bridges: dict[int, dict[int, float]] = defaultdict(dict)
    for owner, person, tie in store.select_in(
        f"SELECT bridge, id, MAX(tie) FROM {SECOND_EDGES} WHERE id IN ({{ids}}) GROUP BY bridge, id", ids
    ):
        bridges[person][owner] = tie
    words = query.role is not None and bool(query.role.phrases)
    features = []
    for pid, position, industry, sub_industry, function, seniority, confidence in store.select_in(
        "SELECT id, position, industry, sub_industry, function, seniority, confidence FROM people WHERE id IN ({ids})",
        ids,
    ):
        degree = 1 if pid in found.first else 2
        options = [] if degree == 1 else best_first([(b, found.my_tie(b), t) for b, t in bridges[pid].items()])
        features.append(
            Features(
                person_id=pid,
                title_words=frozenset(cue_text(position).split()) if words else frozenset(),
                industry=industry or "unknown",
                function=function or "unknown",
                seniority=seniority or "unknown",
                confidence=confidence or 0.0,
                degree=degree,
                bridges=options,
                my_tie=found.my_tie(pid),
                sub_industry=sub_industry,
            )
        )
    return features


def suggest(store: Store, query: Query, explain: bool = False) -> Suggestions:
    """Rank second-degree people (and first-degree ones with ``include_first``, or when no friend
    has shared an export) by fit × reachability; best first, each with bridges and a reason. With a
    role, only the people who are it are ranked; a role no one who could be suggested has gives no
    one, and says why."""
    found = degrees(store)
    _fits(store, query)
    matching = _role_matches(store, query.role) if query.role is not None else None
    own: list[tuple[float, int]] = []
    if query.include_first or not found.bridges:
        fits = store.db.execute("SELECT id, fit FROM temp.fits").fetchall()
        own = sorted(
            ((100 * fit * math.sqrt(found.first[p]) + 1e-6, p) for p, fit in fits if p in found.first), reverse=True
        )
    second = store.db.execute(BOUNDS) if found.bridges else iter(())
    bounds: Iterator[tuple[float, int]] = heapq.merge(own, second, key=lambda b: (-b[0], b[1]))
    if matching is not None:  # with a role, only the people who are it (in part, for free words)
        bounds = (b for b in bounds if b[1] in matching)
    scored: list[tuple[float, Features, str]] = []
    parts_of: dict[int, dict[str, float]] = {}
    chosen: list[tuple[float, Features]] = []
    seen: list[int] = []
    asks, through = open_asks(store), asked_through(store)
    while True:
        batch = list(islice(bounds, CHUNK))
        seen += [pid for _, pid in batch]
        if not batch or (len(chosen) >= query.limit and batch[0][0] < chosen[-1][0]):
            break  # nobody left could score above the last one chosen
        ids = [pid for _, pid in batch]
        keys = dict(store.select_in("SELECT id, name_key FROM people WHERE id IN ({ids})", ids))
        for features in _features(store, ids, found, query):
            ask = asking_order([b for b, _, _ in features.bridges], features.person_id, asks,
                               through.get(features.person_id), query.max_open_per_bridge)  # fmt: skip
            features.bridges.sort(key=lambda b: ask.index(b[0]))  # the friend to ask first, first
            value, parts = score(features, query)
            parts_of[features.person_id] = parts
            scored.append((value, features, keys.get(features.person_id, "")))
        chosen = order(scored, query)
    seen += [pid for _, pid in bounds]  # the rest, counted (SQLite has sorted them all already)
    strangers = (
        [] if found.bridges else sorted(store.names_of(import_owners(store) - set(found.first) - {found.me}).values())
    )
    if matching is not None and not seen:
        return Suggestions([], bool(found.bridges), strangers, 0, _no_match(query, matching, found))
    items = _explain(store, chosen, query, parts_of if explain else None)
    return Suggestions(items, bool(found.bridges), strangers, len(seen))


def _role_matches(store: Store, role: Role) -> set[int]:
    """Who, among the people who fit the other filters (``temp.fits``), is the role: each distinct
    (title, function, industry) is matched once."""
    found: dict[tuple[str, str, str, str], bool] = {}
    matching = set()
    for pid, *job in store.db.execute(
        """SELECT p.id, p.position, COALESCE(p.function, ''), COALESCE(p.industry, ''), COALESCE(p.sub_industry, '')
           FROM temp.fits f JOIN people p ON p.id = f.id"""
    ):
        key = (job[0], job[1], job[2], job[3])
        if key not in found:
            found[key] = bool(role_match(role, frozenset(cue_text(key[0]).split()), *key[1:]))
        if found[key]:
            matching.add(pid)
    return matching


def _no_match(query: Query, matching: set[int], found: Degrees) -> str:
    """Why a role gives no one: nobody who fits has it (and the closest roles), or only your own
    contacts do."""
    assert query.role is not None
    role = query.role
    where = f" in {taxonomy().name_of(query.industry).lower()}" if query.industry else ""
    what = f"no title{where} matches {role.text!r}" if role.free else f"no one{where} is in {role.name}"
    mine = len(matching & set(found.first))
    if mine:
        verb = ("matches" if mine == 1 else "match") if role.free else ("is" if mine == 1 else "are")
        return f"{what} among your friends' contacts, but {mine} of your own contacts {verb}: add --include-first"
    if matching:  # in the store, through an owner who is not your contact
        return f"{what} among the people your friends know ({len(matching)} in your store, out of reach)"
    return what + (close_roles(role.text) if role.free else "")


def _explain(
    store: Store, chosen: list[tuple[float, Features]], query: Query, parts_of: dict[int, dict[str, float]] | None
) -> list[Suggestion]:
    people = describe(store, [f.person_id for _, f in chosen])
    bridge_ids = {b for _, f in chosen for b, _, _ in f.bridges}
    names = store.names_of(bridge_ids)
    counts = my_message_counts(store, bridge_ids | {f.person_id for _, f in chosen if f.degree == 1})
    stages = stages_of(store, [f.person_id for _, f in chosen])
    asks = open_asks(store)
    items = []
    for value, features in chosen:
        person = people[features.person_id]
        found = person.pop("evidence")
        bridges = [Bridge(b, names[b], round(mine * theirs, 3)) for b, mine, theirs in features.bridges]
        waiting = {b.id: len(waiting_on(asks, b.id, features.person_id)) for b in bridges}
        busy = {b: n for b, n in waiting.items() if n >= query.max_open_per_bridge}
        _, role_words = role_fit(features, query)
        parts = why(person, features, query, role_words, found, bridges, counts, busy)
        stage, next_due = stages.get(features.person_id, (None, None))
        items.append(
            Suggestion(
                **person,
                degree=features.degree,
                via=[b.name for b in bridges],
                via_ids=[b.id for b in bridges],
                score=value,
                mutual_count=len(bridges),
                bridges=bridges,
                why="; ".join(parts),
                why_parts=parts,
                stage=stage,
                next_due=next_due,
                score_parts=parts_of[features.person_id] if parts_of is not None else None,
            )
        )
    return items


PERSON_FIELDS = "id name url email company position industry sub_industry function seniority".split()


def describe(store: Store, ids: list[int], with_evidence: bool = True) -> dict[int, dict[str, Any]]:
    """The person fields (DESIGN.md's person JSON) and, unless ``with_evidence`` is false, the
    classification evidence of some people."""
    query = f"SELECT {', '.join(PERSON_FIELDS)} FROM people WHERE id IN ({{ids}})"
    found = {row[0]: dict(zip(PERSON_FIELDS, row, strict=True)) for row in store.select_in(query, ids)}
    if with_evidence:
        evidence = evidence_of(store, list(found))
        for pid, person in found.items():
            person["evidence"] = evidence[pid]
    return found


def my_message_counts(store: Store, people: Iterable[int]) -> dict[int, int]:
    """How many messages you exchanged with each of these people (from your archive)."""
    ids = store.temp_ids("counted", people)
    query = (
        f"SELECT person_id, SUM(count) FROM interactions WHERE owner_id = ? AND person_id IN {ids} GROUP BY person_id"
    )
    return dict(store.db.execute(query, (store.me_id,)))
