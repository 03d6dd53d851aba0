"""Who is how far from you, and through whom — gathered in SQL.

Degree (DESIGN.md): 1 = a person in one of your own imports; 2 = not degree 1 and a contact of a
degree-1 person (in their export, or at the other end of an edge list's "knows"); everyone else has
no degree. You are degree 0 and never listed. The heavy counting happens in SQLite over the
(owner, person, tie) index; Python only scores what it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netmap.models import Person
from netmap.store import Store


def first_degree(store: Store) -> set[int]:
    """Ids of your first-degree people."""
    rows = store.db.execute(
        "SELECT DISTINCT person_id FROM observations WHERE owner_id = ? AND person_id != ?",
        (store.me_id, store.me_id),
    )
    return {r[0] for r in rows}


def import_owners(store: Store) -> set[int]:
    """Everyone who owns an import: you, and the friends whose exports you imported."""
    return {r[0] for r in store.db.execute("SELECT DISTINCT owner_id FROM sources")}


def my_network(store: Store) -> tuple[set[int], dict[int, float], set[int]]:
    """Your first degree, your tie to each, and the bridges: the first-degree people whose own
    contacts netmap knows (from their export, or as an end of an edge list's relation)."""
    me = store.me_id
    first = first_degree(store)
    my_ties = {p: s for (_, p), s in ties(store, [me], first).items()}
    _temp_ids(store, "first_ids", first)
    query = """SELECT f.id FROM temp.first_ids f
               WHERE EXISTS (SELECT 1 FROM observations o WHERE o.owner_id = f.id AND o.person_id != ?)"""
    return first, my_ties, {r[0] for r in store.db.execute(query, (me,))}


def best_first(options: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """Bridges (bridge, your tie, their tie) strongest path first; ties broken by id."""
    return sorted(options, key=lambda b: (-(b[1] * b[2]), b[0]))


def _temp_ids(store: Store, name: str, ids: Iterable[int]) -> str:
    """A temporary table of ids, for ``IN (SELECT id FROM temp.name)``."""
    store.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
    store.db.execute(f"DELETE FROM temp.{name}")
    store.db.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", ((i,) for i in ids))
    return f"(SELECT id FROM temp.{name})"


def ties(store: Store, owners: Iterable[int], people: Iterable[int] | None = None) -> dict[tuple[int, int], float]:
    """Strength of each tie (owner, person) in the given owners' imports (optionally only to
    ``people``), as stored with the rows (connection date, edge weight and messages)."""
    owner_ids = _temp_ids(store, "tie_owners", owners)
    where = f"AND o.person_id IN {_temp_ids(store, 'tie_people', people)}" if people is not None else ""
    query = f"""SELECT o.owner_id, o.person_id, MAX(o.tie) FROM observations o
                WHERE o.owner_id IN {owner_ids} {where} GROUP BY o.owner_id, o.person_id"""
    return {(owner, person): tie for owner, person, tie in store.db.execute(query)}


@dataclass
class Reach:
    """How you reach people: your first degree, your tie to each, and the bridges to the rest."""

    me: int
    first: set[int]
    my_ties: dict[int, float]  # first-degree person -> your tie strength
    bridges: dict[int, list[tuple[int, float, float]]]  # 2nd degree -> (bridge, your tie, their tie), best first

    def degree(self, person_id: int) -> int | None:
        if person_id in self.first:
            return 1
        return 2 if person_id in self.bridges else None


def reach(store: Store, people: Iterable[int] | None = None) -> Reach:
    """Degrees and bridges, for all people or only ``people``."""
    me = store.me_id
    first, my_ties, bridge_ids = my_network(store)
    bridges: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    wanted = None if people is None else set(people) - first - {me}
    for (bridge, person), strength in ties(store, bridge_ids, wanted).items():
        if person != me and person not in first:
            bridges[person].append((bridge, my_ties.get(bridge, 0.5), strength))
    return Reach(me, first, my_ties, {person: best_first(options) for person, options in bridges.items()})


def industry_filter(industry: str | None, table: str = "people") -> tuple[str, list[str]]:
    """SQL condition on ``people`` (or its alias ``table``) for an industry slug or ``slug.sub``."""
    if industry is None:
        return "1", []
    column = "sub_industry" if "." in industry else "industry"
    return f"{table}.{column} = ?", [industry]


def list_people(
    store: Store,
    search: str | None = None,
    degree: int | None = None,
    industry: str | None = None,
    limit: int | None = None,
) -> list[Person]:
    """People in the store (never you), filtered; sorted by degree, then name."""
    store.classify_pending()
    condition, params = industry_filter(industry)
    where, args = ["NOT is_me", condition], list(params)
    if search:
        where.append("(name LIKE ? OR company LIKE ? OR position LIKE ? OR url LIKE ? OR email LIKE ?)")
        args += [f"%{search}%"] * 5
    rows = store.db.execute(
        f"""SELECT id, name, url, email, company, position, {store.classification_columns}
            FROM people WHERE {" AND ".join(where)}""",
        args,
    ).fetchall()
    ids = [r[0] for r in rows]
    how = reach(store, ids if (search or industry) else None)
    names = names_of(store, {b for options in how.bridges.values() for b, _, _ in options})
    people = []
    for pid, name, url, email, company, position, ind, func, level, sub in rows:
        d = how.degree(pid)
        if degree is not None and d != degree:
            continue
        via = [b for b, _, _ in how.bridges.get(pid, [])] if d == 2 else []
        via_names = [names[b] for b in via]
        people.append(Person(pid, name, url, email, company, position, ind, func, level, d, via_names, via, sub))
    people.sort(key=lambda p: (p.degree or 9, p.name.casefold(), p.id))
    return people[:limit] if limit else people


def names_of(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """Display names of some people ("you" for you)."""
    ids = list(ids)
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = f"SELECT id, name FROM people WHERE id IN ({','.join('?' * len(chunk))})"
        found.update({pid: name or f"#{pid}" for pid, name in store.db.execute(query, chunk)})
    if store.me_id in found:
        found[store.me_id] = "you"
    return found


# --- stats --------------------------------------------------------------------------------------


def stats(store: Store) -> dict[str, object]:
    """Counts and the top companies and industries."""
    store.classify_pending()
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


def industry_counts(store: Store) -> list[dict[str, Any]]:
    """Every industry of the taxonomy with how many of your people are in it."""
    from netmap.taxonomy import taxonomy

    store.classify_pending()
    counts = dict(store.db.execute("SELECT industry, COUNT(*) FROM people WHERE NOT is_me GROUP BY industry"))
    tax = taxonomy()
    return [{"industry": slug, "name": tax.name_of(slug), "count": counts.get(slug, 0)} for slug in tax.slugs]
