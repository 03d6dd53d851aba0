"""``stats`` at scale: the degree counts are kept by every change (each compared here with a full
recount), and the other counts read only indexes (checked in the query plans, not by timing)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from netmap.network import degrees, second_degree_count, stats
from netmap.store import Store
from tests.conftest import SCENARIO, run


def recount(path: Path) -> dict[str, object]:
    """What ``stats`` says, counted again from every row (the degrees by their one definition)."""
    store = Store(path, create=False)
    try:
        rows = store.db.execute("SELECT company_key, company, industry FROM people NOT INDEXED WHERE NOT is_me")
        companies: dict[str, Counter[str]] = defaultdict(Counter)
        industries: Counter[str] = Counter()
        total = 0
        for key, company, industry in rows:
            total += 1
            if key:
                companies[key][company] += 1
            if industry is not None:
                industries[industry] += 1
        sizes = sorted(((-sum(c.values()), key) for key, c in companies.items()))[:10]
        return {
            "people": total,
            "first_degree": len(degrees(store).first),
            "second_degree": second_degree_count(store),
            "sources": store.db.execute("SELECT COUNT(*) FROM sources NOT INDEXED").fetchone()[0],
            "top_companies": [
                {"company": min(companies[key].items(), key=lambda kv: (-kv[1], kv[0]))[0], "count": -size}
                for size, key in sizes
            ],
            "industries": [
                {"industry": ind, "count": n} for ind, n in sorted(industries.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        }
    finally:
        store.close()


def ids(name: str) -> dict[str, int]:
    """company -> id of the people with this name."""
    return {p["company"]: p["id"] for p in json.loads(run("people", "-f", "json").stdout) if p["name"] == name}


def test_every_change_keeps_the_counts_that_stats_reads(isolated_store: Path, sam_zip: Path) -> None:
    seen = []

    def step(*args: str) -> None:
        result = run(*args)
        assert result.exit_code == 0, result.output
        shown = json.loads(run("stats", "-f", "json").stdout)
        assert shown == recount(isolated_store), args
        seen.append((shown["people"], shown["first_degree"], shown["second_degree"]))

    step("import", str(SCENARIO / "sam_archive" / "Connections.csv"))  # your contacts, your name not known yet
    step("import", str(SCENARIO / "ava_connections.csv"), "--owner", "Ava Chen")  # she lists you: Sam Rivera
    step("whoami", "--name", "Sam Rivera", "--url", "https://www.linkedin.com/in/sam-rivera-4b2a1")  # that is you
    step("import", str(SCENARIO / "ben_connections.csv"), "--owner", "https://www.linkedin.com/in/ben-okafor")
    step("import", str(SCENARIO / "chloe_connections.csv"), "--owner", "Chloé Dubois")
    step("import", str(sam_zip))  # your archive: your messages and profile on top of the same contacts
    jordans = ids("Jordan Lee")
    step("merge", str(jordans["BlackRock"]), str(jordans["Acme Corp"]))
    ben_source = next(s["id"] for s in json.loads(run("sources", "-f", "json").stdout) if s["owner"] == "Ben Okafor")
    step("unmerge", str(jordans["BlackRock"]), "--source", str(ben_source))
    step("tag", "Acme Corp", "--industry", "technology")
    step("tag", "--person", "Priya Shah", "--industry", "consulting")
    step("track", "Ava Chen", "--referred", "Noor Ashvale", "--company", "Evercore")  # reachable through Ava now
    step("forget", "--owner", "Ben Okafor", "--yes")
    # (people, first, second) by hand (tests/test_scenario.py): Ava lists you, Ben, Priya, Jordan (BlackRock),
    # Marcus and Lina; you are not a contact of yours once known; the Jordans merged and split; Noor referred;
    # Ben's Tom and Jordan (Acme) go with his export.
    assert seen == [
        (5, 5, 0),
        (10, 5, 5),
        (9, 5, 4),
        (11, 5, 6),
        (12, 5, 7),
        (12, 5, 7),
        (11, 5, 6),
        (12, 5, 7),
        (12, 5, 7),
        (12, 5, 7),
        (13, 5, 8),
        (11, 5, 6),
    ]


def test_stats_reads_only_indexes_and_the_kept_counts(scenario: Path, store: Store) -> None:
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    result = stats(store)
    store.db.set_trace_callback(None)
    assert (result["first_degree"], result["second_degree"]) == (5, 7)
    plans = {
        sql: [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    }
    assert not any("observations" in sql for sql in plans)  # the degrees are kept, not counted again
    steps = [step for found in plans.values() for step in found if not step.startswith("USE TEMP B-TREE")]
    people = [step for step in steps if step.startswith(("SCAN people", "SEARCH people"))]
    assert len(people) == 3 and all("USING COVERING INDEX" in step for step in people), plans  # no row of people
    used = {step.split("COVERING INDEX ")[1].split()[0] for step in people}
    assert {"people_company", "people_industry"} <= used, plans  # the count of people: any index holding is_me
    # Beyond these, only the kept counts (meta, by key) and the imports (one row each).
    assert all(step.startswith(("SCAN sources", "SEARCH meta")) for step in steps if step not in people), plans
