"""Who is how far from you, and through whom — gathered in SQL.

Degree (DESIGN.md): 1 = a person in one of your own imports; 2 = not degree 1, and listed by a
degree-1 person (in their export, or at the other end of an edge list's "knows"); everyone else has
no degree. You are degree 0 and never listed. :func:`degrees` is the one definition: people, stats,
suggest, paths and the map all read it. The heavy counting happens in SQLite over the
(owner, person, tie) indexes; Python only scores what it returns.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from netmap.models import Person
from netmap.store import KEPT, Store
from netmap.taxonomy import taxonomy
from netmap.ties import NEUTRAL

# Every edge that puts someone in your second degree, as (bridge, id, tie): an edge from a bridge
# (a first-degree person whose own contacts netmap knows) to someone who is neither you nor in your
# first degree. A temporary view over the tables :func:`degrees` fills.
SECOND_EDGES = "temp.second_edges"


@dataclass
class Degrees:
    """You, your first degree (with your tie to each) and the bridges to the second degree."""

    me: int
    first: dict[int, float]  # first-degree person -> your tie to them
    bridges: set[int]  # first-degree people whose own contacts netmap knows, and your referrers

    def my_tie(self, person_id: int) -> float:
        return self.first.get(person_id, NEUTRAL)


def degrees(store: Store) -> Degrees:
    """The one definition of degree, computed once per command (again after the store changes):
    fills ``temp.first_degree (id, tie)``, ``temp.bridges (id, tie)`` and ``temp.near`` (you and your
    first degree), over which :data:`SECOND_EDGES` is defined."""
    return store.memo("degrees", lambda: _degrees(store))


def _degrees(store: Store) -> Degrees:
    db, me = store.db, store.me_id
    for table in ("first_degree", "bridges"):
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, tie REAL)")
        db.execute(f"DELETE FROM temp.{table}")
    db.execute(
        """INSERT INTO temp.first_degree SELECT person_id, MAX(tie) FROM observations
           WHERE owner_id = ? AND person_id != ? GROUP BY person_id""",
        (me, me),
    )
    owners = store.temp_ids(
        "bridge_owners",
        [
            r[0]
            for r in db.execute(
                """SELECT f.id FROM temp.first_degree f
                   WHERE EXISTS (SELECT 1 FROM observations o WHERE o.owner_id = f.id AND o.person_id != ?)""",
                (me,),
            )
        ],
    )
    referrals = store.temp_ids(
        "referral_sources", [r[0] for r in db.execute("SELECT id FROM sources WHERE kind = 'referral'")]
    )
    # The bridges: your contacts whose own contacts netmap knows, and whoever referred you to someone,
    # whatever their own degree (your tie to a referrer you met through a friend is the neutral one).
    db.execute(
        f"""INSERT INTO temp.bridges SELECT f.id, f.tie FROM temp.first_degree f WHERE f.id IN {owners}
            UNION SELECT DISTINCT o.owner_id, COALESCE(f.tie, {NEUTRAL}) FROM observations o
            LEFT JOIN temp.first_degree f ON f.id = o.owner_id
            WHERE o.source_id IN {referrals} AND o.owner_id NOT IN {owners}"""
    )
    store.temp_ids("near", [me, *(r[0] for r in db.execute("SELECT id FROM temp.first_degree"))])
    # "+owner_id": the bridges are a set to test against, never a list to look up one by one (probing
    # the (person, owner) index once per bridge for every candidate took 9 s on a million edges).
    db.execute(
        f"""CREATE TEMP VIEW IF NOT EXISTS {SECOND_EDGES.split(".")[1]} AS
            SELECT o.owner_id AS bridge, o.person_id AS id, o.tie AS tie FROM observations o
            WHERE +o.owner_id IN (SELECT id FROM temp.bridges) AND o.person_id NOT IN (SELECT id FROM temp.near)"""
    )
    first = dict(db.execute("SELECT id, tie FROM temp.first_degree"))
    bridges = {r[0] for r in db.execute("SELECT id FROM temp.bridges")}
    return Degrees(me, first, bridges)


def best_first(options: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """Bridges (bridge, your tie, their tie) strongest path first; ties broken by id."""
    if len(options) < 2:  # most people: one bridge, nothing to sort
        return list(options)
    return sorted(options, key=lambda b: (-(b[1] * b[2]), b[0]))


def second_degree_ties(store: Store, people: Iterable[int] | None = None) -> dict[tuple[int, int], float]:
    """(bridge, person) -> tie for every second-degree edge (optionally only to ``people``)."""
    return {(bridge, person): tie for bridge, person, tie in _second_ties(store, people)}


def _second_ties(store: Store, people: Iterable[int] | None) -> Iterator[tuple[int, int, float]]:
    """(bridge, person, tie) for each second-degree edge (optionally only to ``people``)."""
    degrees(store)
    where = "" if people is None else "WHERE id IN ({ids})"  # a list, not a temporary table: see iter_people
    query = f"SELECT bridge, id, MAX(tie) FROM {SECOND_EDGES} {where} GROUP BY bridge, id"
    return store.db.execute(query) if people is None else store.select_in(query, people)


def second_degree_count(store: Store) -> int:
    degrees(store)
    return int(store.db.execute(f"SELECT COUNT(DISTINCT id) FROM {SECOND_EDGES}").fetchone()[0])


def second_degree_by_bridges(store: Store) -> list[int]:
    """Everyone in the second degree, most bridges first (ties by id)."""
    degrees(store)
    rows = store.db.execute(
        f"SELECT id, COUNT(DISTINCT bridge) AS n FROM {SECOND_EDGES} GROUP BY id ORDER BY n DESC, id"
    )
    return [pid for pid, _ in rows]


def tie_strengths(store: Store, owners: Iterable[int], people: Iterable[int]) -> dict[tuple[int, int], float]:
    """Strength of each tie (owner, person) between these owners and these people, as stored with
    the rows (connection date, edge weight and messages)."""
    query = f"""SELECT owner_id, person_id, MAX(tie) FROM observations
                WHERE owner_id IN {store.temp_ids("tie_owners", owners)}
                  AND person_id IN {store.temp_ids("tie_people", people)}
                GROUP BY owner_id, person_id"""
    return {(owner, person): tie for owner, person, tie in store.db.execute(query)}


def listed_by(store: Store, people: Iterable[int]) -> dict[tuple[int, int], float]:
    """(owner, person) -> tie for everyone whose imports list one of these people."""
    query = f"""SELECT owner_id, person_id, MAX(tie) FROM observations
                WHERE person_id IN {store.temp_ids("listed", people)} GROUP BY owner_id, person_id"""
    return {(owner, person): tie for owner, person, tie in store.db.execute(query)}


def import_owners(store: Store) -> set[int]:
    """Everyone who owns an import: you, and the friends whose exports you imported."""
    return {r[0] for r in store.db.execute("SELECT DISTINCT owner_id FROM sources")}


@dataclass
class Reach:
    """How you reach people: your first degree, your tie to each, and the bridges to the rest."""

    degrees: Degrees
    bridges: dict[int, list[tuple[int, float, float]]]  # 2nd degree -> (bridge, your tie, their tie), best first

    def degree(self, person_id: int) -> int | None:
        if person_id in self.degrees.first:
            return 1
        return 2 if person_id in self.bridges else None


def reach(store: Store, people: Iterable[int] | None = None) -> Reach:
    """Degrees and bridges, for all people or only ``people``."""
    found = degrees(store)
    mine = found.first  # found.my_tie, inlined: this runs a million times for everyone's bridges
    bridges: dict[int, list[tuple[int, float, float]]] = {}
    for bridge, person, strength in _second_ties(store, people):
        options = bridges.get(person)
        if options is None:
            options = bridges[person] = []
        options.append((bridge, mine.get(bridge, NEUTRAL), strength))
    return Reach(found, {person: best_first(options) for person, options in bridges.items()})


def industry_filter(industry: str | None, table: str = "people") -> tuple[str, list[str]]:
    """SQL condition on ``people`` (or its alias ``table``) for an industry slug or ``slug.sub``."""
    if industry is None:
        return "1", []
    if "." not in industry:
        return f"{table}.industry = ?", [industry]
    same = taxonomy().same_sub_industries(industry)  # fintech: in finance and in technology
    return f"{table}.sub_industry IN ({','.join('?' * len(same))})", same


CLASSIFICATION_COLUMNS = "industry, function, seniority, sub_industry"

# Who has which degree, as conditions on ``people`` over the tables :func:`degrees` fills (None: no
# degree). Degree 2 is a lookup of one person's edges in the (person, owner) index, so a listing in
# name order stops after the rows it needs instead of working out everyone's degree first.
_HAS_DEGREE: dict[int | None, str] = {
    1: "people.id IN (SELECT id FROM temp.first_degree)",
    2: f"EXISTS (SELECT 1 FROM {SECOND_EDGES} e WHERE e.id = people.id)",
}
_HAS_DEGREE[None] = f"NOT {_HAS_DEGREE[1]} AND NOT {_HAS_DEGREE[2]}"
PEOPLE_ORDER = "people.name_key, people.id"  # the name with case, accents and credentials folded (as matched)
PEOPLE_CHUNK = 500  # rows read from the cursor at a time, and whose bridges are looked up together


def _people_filters(search: str | None, industry: str | None) -> tuple[list[str], list[Any]]:
    condition, params = industry_filter(industry)
    where, args = ["NOT people.is_me", condition], list(params)
    if search:
        where.append(
            "(people.name LIKE ? OR people.company LIKE ? OR people.position LIKE ? OR people.url LIKE ? "
            "OR people.email LIKE ?)"
        )
        args += [f"%{search}%"] * 5
    return where, args


# A person's second-degree edges, one per bridge, as "bridge tie,bridge tie" (None: not in the second
# degree). In people_query's inner query with "LIMIT -1", so SQLite works it out once per person.
_BRIDGE_TIES = f"""(SELECT group_concat(printf('%d %!.17g', bridge, tie)) FROM
    (SELECT bridge, MAX(tie) AS tie FROM {SECOND_EDGES} e WHERE e.id = people.id GROUP BY bridge))"""


def _bridges_of(ties: str, mine: dict[int, float]) -> list[tuple[int, float, float]]:
    """:data:`_BRIDGE_TIES`' text as (bridge, your tie, their tie), best first."""
    options = []
    for pair in ties.split(","):
        bridge, tie = pair.split(" ")
        options.append((int(bridge), mine.get(int(bridge), NEUTRAL), float(tie)))
    return best_first(options)


def people_query(
    store: Store,
    degree: int | None,
    search: str | None = None,
    industry: str | None = None,
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """The query :func:`iter_people` reads for the people of one degree (None: no degree) who pass
    the filters, in name order, at most ``limit`` of them: (SQL, parameters)."""
    degrees(store)
    where, args = _people_filters(search, industry)
    columns = f"id, name, url, email, company, position, {CLASSIFICATION_COLUMNS}"
    if degree == 2:  # the bridges come with each person, from the same look-up that finds the degree
        query = f"""SELECT * FROM (SELECT {columns}, {_BRIDGE_TIES} AS ties FROM people
                    WHERE {" AND ".join(where)} ORDER BY {PEOPLE_ORDER} LIMIT -1) WHERE ties IS NOT NULL"""
    else:
        query = f"""SELECT {columns}, NULL FROM people
                    WHERE {" AND ".join([*where, _HAS_DEGREE[degree]])} ORDER BY {PEOPLE_ORDER}"""
    return (query + " LIMIT ?", [*args, limit]) if limit else (query, args)


def iter_people(
    store: Store,
    search: str | None = None,
    degree: int | None = None,
    industry: str | None = None,
    limit: int | None = None,
) -> Iterator[Person]:
    """People in the store (never you), filtered; sorted by degree (first, second, none), then name
    (case and accents folded), then id. One at a time from SQLite, so a listing of everyone holds a
    few hundred in memory; the bridges (``via``) are looked up only for the people read. Read them
    to the end (or drop them) before changing the store: a table made while SQLite reads them ends
    the reading ("abort due to ROLLBACK")."""
    found = degrees(store)
    names = store.names_of(found.bridges)
    left = limit or None
    for d in (degree,) if degree else (1, 2, None):
        cursor = store.db.execute(*people_query(store, d, search, industry, left))
        while rows := cursor.fetchmany(PEOPLE_CHUNK):
            for pid, name, url, email, company, position, ind, func, level, sub, ties in rows:
                via = [b for b, _, _ in _bridges_of(ties, found.first)] if ties else []
                yield Person(pid, name, url, email, company, position, ind, func, level, d,
                             [names[b] for b in via], via, sub)  # fmt: skip
            if left is not None:
                left -= len(rows)
        if left == 0:
            return


def count_people(
    store: Store, search: str | None = None, degree: int | None = None, industry: str | None = None
) -> int:
    """How many people :func:`iter_people` lists without a limit."""
    degrees(store)
    where, args = _people_filters(search, industry)
    if degree:
        where.append(_HAS_DEGREE[degree])
    return int(store.db.execute(f"SELECT COUNT(*) FROM people WHERE {' AND '.join(where)}", args).fetchone()[0])


# --- counts -------------------------------------------------------------------------------------


def _count_degrees(store: Store) -> str:
    """ "first second": how many people are in your first and in your second degree."""
    return f"{len(degrees(store).first)} {second_degree_count(store)}"


KEPT["degrees"] = _count_degrees  # the store counts them again whenever it changes


def degree_counts(store: Store) -> tuple[int, int]:
    """(first degree, second degree), as the store keeps them (see :data:`netmap.store.KEPT`)."""
    first, second = store.kept("degrees").split()
    return int(first), int(second)


def stats(store: Store) -> dict[str, object]:
    """Counts and the top companies and industries: the degree counts as the store keeps them, the
    others each one query that reads only an index (migration m005)."""
    db = store.db
    total = db.execute("SELECT COUNT(*) FROM people WHERE NOT is_me").fetchone()[0]
    first, second = degree_counts(store)
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
        "first_degree": first,
        "second_degree": second,
        "sources": db.execute("SELECT COUNT(*) FROM sources").fetchone()[0],
        "top_companies": [
            {"company": shown[key].most_common(1)[0][0], "count": count}
            for key, count in sorted(companies.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        ],
        "industries": [{"industry": ind, "count": count} for ind, count in industries],
    }


def industry_counts(store: Store) -> list[dict[str, Any]]:
    """Every industry of the taxonomy with how many of your people are in it, each followed by its
    sub-industries (``finance.ib``: what ``--industry`` takes, as do their names)."""
    counts = dict(store.db.execute("SELECT industry, COUNT(*) FROM people WHERE NOT is_me GROUP BY industry"))
    subs = "SELECT sub_industry, COUNT(*) FROM people WHERE NOT is_me AND sub_industry IS NOT NULL GROUP BY 1"
    counts |= dict(store.db.execute(subs))
    tax, rows = taxonomy(), []
    for slug in tax.slugs:
        rows.append({"industry": slug, "name": tax.name_of(slug), "count": counts.get(slug, 0)})
        for sub in tax.industries[slug].get("sub", {}):
            full = f"{slug}.{sub}"
            rows.append({"industry": full, "name": tax.name_of(full), "count": counts.get(full, 0)})
    return rows
