"""Your archive plus three friends' exports in three different variants, each listing you.

Hand-computed expectations (see tests/data/scenario):
  your contacts: Ava Chen, Ben Okafor, Chloé Dubois, Dan Kim, Jordan Lee (Deloitte)          -> 5 first degree
  Ava (current format, BOM+CRLF, URL variants): you, Ben (URL /in/Ben-Okafor/), Priya Shah (ca. subdomain,
      ?trk), Jordan Lee (BlackRock, another URL), Marcus Webb, Lina Park
  Ben (2021, no URLs): you (by name), Ava (name+company), Priya (name+company), Tom Baker,
      Jordan Lee (Acme Corp: a namesake with a third company, a near-miss), Dan Kim ("Pfizer Inc.")
  Chloé (2018, no preamble): you (by name), Marcus ("Evercore Inc."), Priya, Olivia Brown,
      Ben ("Stripe" = "Stripe, Inc."), Jordan Lee (BlackRock: exactly one by name+company)
  second degree: Priya, Jordan (BlackRock), Marcus, Lina, Tom, Jordan (Acme), Olivia                -> 7
"""

from __future__ import annotations

import json

from tests.conftest import run


def people() -> list[dict]:
    return json.loads(run("people", "-f", "json").stdout)


def by_name(name: str, company: str | None = None) -> dict:
    (found,) = [p for p in people() if p["name"] == name and (company is None or p["company"] == company)]
    return found


def test_counts(scenario) -> None:
    stats = json.loads(run("stats", "-f", "json").stdout)
    assert (stats["people"], stats["first_degree"], stats["second_degree"], stats["sources"]) == (12, 5, 7, 5)


def test_you_are_known_from_your_archive_and_never_a_contact(scenario) -> None:
    assert {k: v for k, v in json.loads(run("whoami", "-f", "json").stdout).items() if k in ("name", "url")} == {
        "name": "Sam Rivera",
        "url": "https://www.linkedin.com/in/sam-rivera-4b2a1",
    }
    everyone = people()
    assert all(p["name"] != "Sam Rivera" for p in everyone)
    assert all(p["url"] != "https://www.linkedin.com/in/sam-rivera-4b2a1" for p in everyone)


def test_merges_across_url_variants_and_url_less_exports(scenario, store) -> None:
    def observations(pid: int) -> list[tuple[str, str]]:
        rows = store.db.execute(
            "SELECT s.path, o.company FROM observations o JOIN sources s ON s.id = o.source_id "
            "WHERE o.person_id = ? ORDER BY s.id",
            (pid,),
        )
        return [(path.replace(" › ", "/").rsplit("/", 1)[-1], company) for path, company in rows]

    ben = by_name("Ben Okafor")
    assert observations(ben["id"]) == [
        ("Connections.csv", "Stripe, Inc."),
        ("ava_connections.csv", "Stripe"),
        ("chloe_connections.csv", "Stripe"),
    ]
    assert ben["email"] == "ben@example.com" and ben["degree"] == 1
    priya = by_name("Priya Shah")
    assert len(observations(priya["id"])) == 3
    assert priya["url"] == "https://www.linkedin.com/in/priya-shah-9"
    assert priya["via"] == ["Ava Chen", "Ben Okafor", "Chloé Dubois"]  # Ava first: 12 messages with you
    assert [c for _, c in observations(by_name("Ava Chen")["id"])] == ["Goldman Sachs", "Goldman Sachs"]
    assert [c for _, c in observations(by_name("Dan Kim")["id"])] == ["Pfizer", "Pfizer Inc."]
    marcus = by_name("Marcus Webb")
    assert marcus["via"] == ["Ava Chen", "Chloé Dubois"] and marcus["email"] == "marcus.webb@example.com"
    assert marcus["position"] == "Associate"  # from the newest export (Ava's, 2026), not Chloé's of 2018


def test_namesakes_stay_apart(scenario) -> None:
    jordans = {p["company"]: p for p in people() if p["name"] == "Jordan Lee"}
    assert set(jordans) == {"Deloitte", "BlackRock", "Acme Corp"}
    assert jordans["Deloitte"]["degree"] == 1
    assert jordans["BlackRock"]["via"] == ["Ava Chen", "Chloé Dubois"]
    assert jordans["Acme Corp"]["via"] == ["Ben Okafor"]


def test_forget_one_friend_removes_exactly_their_contribution(scenario, store) -> None:
    before = {p["id"]: p for p in people()}
    result = run("forget", "--owner", "Ben Okafor", "--yes")
    assert result.exit_code == 0, result.output
    assert "2 people only they listed went with it" in result.stderr
    after = {p["id"]: p for p in people()}
    gone = {before[i]["name"] + "/" + before[i]["company"] for i in set(before) - set(after)}
    assert gone == {"Tom Baker/Google", "Jordan Lee/Acme Corp"}
    assert after[by_name("Priya Shah")["id"]]["via"] == ["Ava Chen", "Chloé Dubois"]
    stats = json.loads(run("stats", "-f", "json").stdout)
    assert (stats["people"], stats["first_degree"], stats["second_degree"], stats["sources"]) == (10, 5, 5, 4)
    assert (
        store.db.execute(
            "SELECT COUNT(*) FROM observations WHERE owner_id = ?", (by_name("Ben Okafor")["id"],)
        ).fetchone()[0]
        == 0
    )
    # Ben is still your contact; only his export is gone.
    assert after[by_name("Ben Okafor")["id"]]["degree"] == 1


def test_reimporting_identical_content_changes_nothing(scenario, store) -> None:
    before = list(store.db.iterdump())
    result = run("import", str(scenario / "ava_connections.csv"), "--owner", "Ava Chen")
    assert result.exit_code == 0
    assert "already imported as source 3, nothing changed" in result.stderr
    assert list(store.db.iterdump()) == before


def test_import_summaries_report_merges_and_near_misses(sam_zip) -> None:
    from tests.conftest import SCENARIO

    first = run("import", str(sam_zip))
    assert (
        ": source 1\n  read 5 rows, added 5 people, merged 0 with people already known, skipped 2 empty rows\n"
        in first.stdout
    )
    ava = run("import", str(SCENARIO / "ava_connections.csv"), "--owner", "Ava Chen")
    assert (
        "read 6 rows, added 4 people, merged 1 with people already known, skipped 1 empty row, 1 row was you"
        in ava.stdout
    )
    ben = run("import", str(SCENARIO / "ben_connections.csv"), "--owner", "Ben Okafor")
    assert "added 2 people, merged 3 with people already known" in ben.stdout
    assert "1 near-miss not merged" in ben.stdout
    near = [line for line in ben.stdout.splitlines() if "Acme Corp" in line]
    assert near == [
        "    line 9: Jordan Lee (Acme Corp), now id 12 — same name, different company: "
        "6 Jordan Lee (Deloitte); 8 Jordan Lee (BlackRock)"
    ]
