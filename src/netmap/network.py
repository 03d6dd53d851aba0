"""Who is how far from you, and through whom: degrees, ties and their strength, in SQL.

Degree (DESIGN.md): 1 = a person in one of your own imports; 2 = not degree 1 and in the import
of a degree-1 owner; everyone else has no degree. You are degree 0 and never listed.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netmap.models import Person
from netmap.store import Store

NEUTRAL = 0.5  # strength of a tie with no evidence


def tie_strength(
    messages: int = 0,
    last_message: str | None = None,
    connected_on: str | None = None,
    as_of: str | None = None,
    weight: float | None = None,
) -> float:
    """Strength in (0, 1] of one tie, from the evidence an export carries.

    A given ``weight`` (edge lists) is the strength. Otherwise: neutral 0.5, raised by up to 0.35
    for messages exchanged (saturating; halved when the last message is over two years old) and
    by up to 0.15 for time connected (full at six years).

    >>> tie_strength()
    0.5
    >>> round(tie_strength(messages=8, last_message="2025-12-01", as_of="2026-01-01"), 3)
    0.721
    >>> tie_strength(connected_on="2010-01-01", as_of="2026-01-01")
    0.65
    """
    if weight is not None:
        return min(max(weight, 1e-6), 1.0)
    strength = NEUTRAL
    reference = _day(as_of) or date.today()
    if messages > 0:
        part = 1 - math.exp(-messages / 8)
        last = _day(last_message)
        if last is not None and (reference - last).days > 730:
            part /= 2
        strength += 0.35 * part
    since = _day(connected_on)
    if since is not None:
        years = max((reference - since).days, 0) / 365.25
        strength += 0.15 * min(years / 6, 1.0)
    return round(min(strength, 1.0), 6)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def first_degree(store: Store) -> set[int]:
    """Ids of your first-degree people."""
    rows = store.db.execute(
        "SELECT DISTINCT person_id FROM observations WHERE owner_id = ? AND person_id != ?",
        (store.me_id, store.me_id),
    )
    return {r[0] for r in rows}


def ties(store: Store, owners: Iterable[int], people: Iterable[int] | None = None) -> dict[tuple[int, int], float]:
    """Strength of each tie (owner, person) the given owners' imports hold (optionally only to
    ``people``), from connection dates, message counts and edge weights."""
    db = store.db
    db.execute("CREATE TEMP TABLE IF NOT EXISTS tie_owners (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.tie_owners")
    db.executemany("INSERT OR IGNORE INTO temp.tie_owners VALUES (?)", ((o,) for o in owners))
    where = ""
    if people is not None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS tie_people (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.tie_people")
        db.executemany("INSERT OR IGNORE INTO temp.tie_people VALUES (?)", ((p,) for p in people))
        where = "AND o.person_id IN (SELECT id FROM temp.tie_people)"
    messages = {
        (owner, person): (count, last)
        for owner, person, count, last in db.execute(
            f"""SELECT i.owner_id, i.person_id, SUM(i.count), MAX(i.last_date) FROM interactions i
                WHERE i.owner_id IN (SELECT id FROM temp.tie_owners)
                {where.replace("o.person_id", "i.person_id")} GROUP BY i.owner_id, i.person_id"""
        )
    }
    strengths = {}
    for owner, person, connected_on, as_of, weight in db.execute(
        f"""SELECT o.owner_id, o.person_id, MIN(NULLIF(o.connected_on, '')), MAX(s.export_date), MAX(o.strength)
            FROM observations o JOIN sources s ON s.id = o.source_id
            WHERE o.owner_id IN (SELECT id FROM temp.tie_owners) {where}
            GROUP BY o.owner_id, o.person_id"""
    ):
        count, last = messages.get((owner, person), (0, None))
        strengths[(owner, person)] = tie_strength(count, last, connected_on, as_of, weight)
    return strengths


@dataclass
class Reach:
    """How you reach people: your first degree, your tie to each, and the bridges to the rest."""

    me: int
    first: set[int]
    my_ties: dict[int, float]  # first-degree person -> your tie strength
    bridges: dict[int, list[tuple[int, float, float]]]  # 2nd-degree person -> (bridge, your tie, their tie), best first

    def degree(self, person_id: int) -> int | None:
        if person_id in self.first:
            return 1
        return 2 if person_id in self.bridges else None


def reach(store: Store, people: Iterable[int] | None = None) -> Reach:
    """Degrees and bridges, for all people or only ``people``."""
    me = store.me_id
    first = first_degree(store)
    my_ties = {p: s for (_, p), s in ties(store, [me], first).items()}
    bridges: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    wanted = None if people is None else set(people) - first - {me}
    for (bridge, person), strength in ties(store, first, wanted).items():
        if person != me and person not in first:
            bridges[person].append((bridge, my_ties.get(bridge, 0.5), strength))
    for options in bridges.values():
        options.sort(key=lambda b: (-(b[1] * b[2]), b[0]))
    return Reach(me, first, my_ties, dict(bridges))


def list_people(
    store: Store,
    search: str | None = None,
    degree: int | None = None,
    industry: set[str] | None = None,
    limit: int | None = None,
) -> list[Person]:
    """People in the store (never you), filtered; sorted by degree, then name."""
    where, params = ["NOT is_me"], []
    if search:
        where.append("(name LIKE ? OR company LIKE ? OR position LIKE ? OR url LIKE ? OR email LIKE ?)")
        params += [f"%{search}%"] * 5
    if industry is not None:
        where.append(f"industry IN ({','.join('?' * len(industry))})")
        params += sorted(industry)
    rows = store.db.execute(
        f"""SELECT id, name, url, email, company, position, {store.classification_columns}
            FROM people WHERE {" AND ".join(where)}""",
        params,
    ).fetchall()
    ids = [r[0] for r in rows]
    how = reach(store, ids if (search or industry) else None)
    names = _names(store, {b for options in how.bridges.values() for b, _, _ in options})
    people = []
    for pid, name, url, email, company, position, ind, func, level in rows:
        d = how.degree(pid)
        if degree is not None and d != degree:
            continue
        via = [b for b, _, _ in how.bridges.get(pid, [])] if d == 2 else []
        people.append(
            Person(pid, name, url, email, company, position, ind, func, level, d, [names[b] for b in via], via)
        )
    people.sort(key=lambda p: (p.degree or 9, p.name.casefold(), p.id))
    return people[:limit] if limit else people


def _names(store: Store, ids: Iterable[int]) -> dict[int, str]:
    found = {}
    for pid in ids:
        found[pid] = store.name_of(pid)
    return found


def stats(store: Store) -> dict[str, object]:
    """Counts and the top companies and industries."""
    db = store.db
    me = store.me_id
    first = first_degree(store)
    total = db.execute("SELECT COUNT(*) FROM people WHERE NOT is_me").fetchone()[0]
    companies: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for key, company, count in db.execute(
        """SELECT company_key, company, COUNT(*) FROM people
           WHERE NOT is_me AND company_key != '' GROUP BY company_key, company"""
    ):
        companies[key] += count
        shown[key][company] += count
    industries = db.execute(
        """SELECT industry, COUNT(*) FROM people WHERE NOT is_me AND industry IS NOT NULL
           GROUP BY industry ORDER BY COUNT(*) DESC, industry"""
    ).fetchall()
    return {
        "people": total,
        "first_degree": len(first),
        "second_degree": db.execute(
            """SELECT COUNT(DISTINCT o.person_id) FROM observations o
               WHERE o.owner_id IN (SELECT person_id FROM observations WHERE owner_id = ?)
                 AND o.person_id != ? AND o.owner_id != ?
                 AND o.person_id NOT IN (SELECT person_id FROM observations WHERE owner_id = ?)""",
            (me, me, me, me),
        ).fetchone()[0],
        "sources": db.execute("SELECT COUNT(*) FROM sources").fetchone()[0],
        "top_companies": [
            {"company": shown[key].most_common(1)[0][0], "count": count}
            for key, count in sorted(companies.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        ],
        "industries": [{"industry": ind, "count": count} for ind, count in industries],
    }
