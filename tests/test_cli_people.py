"""`people` on a big store: filters, order and --limit in SQL, CSV and JSON written as they are read, a
table of the first 100 (tests/data/scenario, as in test_scenario.py: 5 first degree, 7 second)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

import netmap
from netmap.cli.people import PERSON_COLUMNS, TABLE_ROWS
from netmap.models import Person
from netmap.network import degrees, reach
from netmap.report import _flat, safe_cell
from netmap.store import Store
from tests.conftest import run


def listed_as_before(store: Store) -> list[dict]:
    """What `people -f json` printed before it was read in SQL: everyone's degree and bridges from
    reach(), sorted in Python (by degree, then the folded name, then id)."""
    how = reach(store)
    names = store.names_of({b for options in how.bridges.values() for b, _, _ in options})
    rows = store.db.execute(
        """SELECT id, name, name_key, url, email, company, position, industry, function, seniority, sub_industry
           FROM people WHERE NOT is_me"""
    )
    found = []
    for pid, name, key, url, email, company, position, ind, func, level, sub in rows:
        d = how.degree(pid)
        via = [b for b, _, _ in how.bridges.get(pid, [])] if d == 2 else []
        person = Person(
            pid, name, url, email, company, position, ind, func, level, d, [names[b] for b in via], via, sub
        )
        found.append(((d or 9, key, pid), asdict(person)))
    return [row for _, row in sorted(found, key=lambda f: f[0])]


def csv_as_before(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PERSON_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(_flat(row.get(c))) for c in PERSON_COLUMNS])
    return out.getvalue()


def test_json_and_csv_are_what_they_were(scenario, store: Store) -> None:
    before = listed_as_before(store)
    assert [p["name"] for p in before] == [
        "Ava Chen", "Ben Okafor", "Chloé Dubois", "Dan Kim", "Jordan Lee",  # first degree, by name
        "Jordan Lee", "Jordan Lee", "Lina Park", "Marcus Webb", "Olivia Brown", "Priya Shah", "Tom Baker",
    ]  # fmt: skip
    out = run("people", "-f", "json").stdout
    assert out == json.dumps(before, ensure_ascii=False, indent=2) + "\n"  # the same text, key for key
    assert list(json.loads(out)[0]) == list(asdict(Person(0, "", None, None, "", "")))
    assert run("people", "-f", "csv").stdout == csv_as_before(before)
    second = [p for p in before if p["degree"] == 2]
    assert run("people", "--degree", "2", "-f", "csv").stdout == csv_as_before(second)
    priya = next(p for p in second if p["name"] == "Priya Shah")
    assert priya["via"] == ["Ava Chen", "Ben Okafor", "Chloé Dubois"]  # best first (Ava: your strongest tie)


@pytest.mark.parametrize(
    "args",
    [[], ["--degree", "1"], ["--degree", "2"], ["--search", "a"], ["--industry", "finance"],
     ["--degree", "2", "--search", "e"]],
)  # fmt: skip
def test_a_limit_gives_the_first_rows_of_the_whole_list(scenario, args: list[str]) -> None:
    everyone = json.loads(run("people", *args, "-f", "json").stdout)
    assert everyone
    for limit in range(1, len(everyone) + 2):
        assert json.loads(run("people", *args, "--limit", str(limit), "-f", "json").stdout) == everyone[:limit]


def test_the_library_lists_counts_and_streams(scenario, store: Store) -> None:
    listed = netmap.list_people(store, degree=2)
    assert all(isinstance(p, Person) for p in listed) and len(listed) == 7
    streamed = netmap.iter_people(store, degree=2, limit=3)
    assert not isinstance(streamed, list)
    assert [p.id for p in streamed] == [p.id for p in listed[:3]]
    assert [netmap.count_people(store, degree=d) for d in (None, 1, 2)] == [12, 5, 7]
    assert netmap.count_people(store, search="morgan") == 1
    with pytest.raises(netmap.errors.UsageProblem):
        netmap.iter_people(store, industry="cooking")  # refused when asked, before any row is read


def test_accented_names_sort_with_their_letters(tmp_path: Path) -> None:
    contacts = tmp_path / "Connections.csv"
    contacts.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zoe,Adams,https://www.linkedin.com/in/zoe-adams,,Acme,Analyst,07 Feb 2026\n"
        "Émile,Zola,https://www.linkedin.com/in/emile-zola,,Acme,Analyst,07 Feb 2026\n"
        "eve,Brown,https://www.linkedin.com/in/eve-brown,,Acme,Analyst,07 Feb 2026\n"
        "Ebba,Öberg,https://www.linkedin.com/in/ebba-oberg,,Acme,Analyst,07 Feb 2026\n"
    )
    assert run("import", str(contacts)).exit_code == 0
    names = [p["name"] for p in json.loads(run("people", "-f", "json").stdout)]
    assert names == ["Ebba Öberg", "Émile Zola", "eve Brown", "Zoe Adams"]  # É with E, lower case with upper


@pytest.fixture
def crowd(tmp_path: Path) -> int:
    """Your export of 130 contacts: more than a table shows."""
    contacts = tmp_path / "Connections.csv"
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Kim,Lee {i:03d},https://www.linkedin.com/in/kim-lee-{i},,Acme,Analyst,07 Feb 2026" for i in range(130)]
    contacts.write_text("\n".join(lines) + "\n")
    assert run("import", str(contacts)).exit_code == 0
    return 130


def test_a_table_shows_the_first_hundred_and_says_how_to_see_more(crowd: int) -> None:
    result = run("people")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + TABLE_ROWS and "Kim Lee 000" in lines[2] and "Kim Lee 099" in lines[-1]
    assert result.stderr == f"{TABLE_ROWS} of {crowd} shown — use --limit N, --search, or -f csv for all\n"
    assert all(len(line) <= 80 for line in result.stderr.splitlines())
    more = run("people", "--limit", "120")  # asked for: that many, and nothing to add
    assert len(more.stdout.splitlines()) == 2 + 120 and more.stderr == ""
    assert len(run("people", "--limit", "5").stdout.splitlines()) == 2 + 5
    assert len(run("people", "--search", "Lee 12").stdout.splitlines()) == 2 + 10  # 120-129
    assert len(json.loads(run("people", "-f", "json").stdout)) == crowd  # CSV and JSON: everyone
    assert len(run("people", "-f", "csv").stdout.splitlines()) == 1 + crowd
    assert "--limit" in run("people", "--help").stdout and f"first {TABLE_ROWS}" in run("people", "-h").stdout


def test_nothing_found_is_still_a_document(scenario) -> None:
    for fmt, out in (("json", "[]\n"), ("csv", ",".join(PERSON_COLUMNS) + "\n")):
        result = run("people", "--search", "zzzz", "-f", fmt)
        assert result.exit_code == 0 and result.stdout == out and result.stderr == "nothing found\n"


def test_people_is_read_through_the_indexes(scenario, store: Store) -> None:
    """Every query a listing runs looks people's edges up by person (the (person, owner, tie) index)
    and walks people in name order by the name index (your own contacts: looked up, then sorted): no
    scan of the observations, no sort of everyone, so --limit 50 reads about 50 people of 340,000."""
    degrees(store)  # the tables of the one definition, filled once per command
    ran: list[str] = []
    store.db.set_trace_callback(ran.append)
    for args in ({"degree": 2}, {"degree": 2, "limit": 3}, {"degree": 1}, {}, {"search": "e"}):
        list(netmap.iter_people(store, **args))
    netmap.count_people(store, degree=2)
    store.db.set_trace_callback(None)
    plans = {sql: [r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql)] for sql in ran if "SELECT" in sql}
    scans = [(sql, step) for sql, plan in plans.items() for step in plan if re.match(r"SCAN (o|observations)\b", step)]
    assert not scans
    listing = {sql: plan for sql, plan in plans.items() if "ORDER BY people.name_key" in sql}
    walks = ("EXISTS", "group_concat")  # the second degree (with each person's bridges), or no degree
    second = [plan for sql, plan in listing.items() if any(w in sql for w in walks)]
    assert second and all("SCAN people USING INDEX people_name" in plan for plan in second)
    assert not [plan for plan in second if "USE TEMP B-TREE FOR ORDER BY" in plan]  # never everyone sorted
    with_bridges = [plan for sql, plan in listing.items() if "group_concat" in sql]
    assert with_bridges and all(sum("SUBQUERY" in step for step in plan) == 1 for plan in with_bridges)  # once each
    first = [plan for sql, plan in listing.items() if not any(w in sql for w in walks)]  # your contacts, then sorted
    assert first and all("SEARCH people USING INTEGER PRIMARY KEY (rowid=?)" in plan for plan in first)
    edges = [plan for sql, plan in plans.items() if "second_edges" in sql]
    by_person = "SEARCH o USING COVERING INDEX observations_person (person_id=?)"
    assert edges and all(by_person in plan for plan in edges)
