"""The store's rules: identity, owners, replacing, forgetting, manual merges, one transaction per command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netmap.errors import AmbiguousPerson, NetmapError, PersonNotFound
from netmap.identity import Index, Row, resolve_person
from netmap.importer import import_paths
from netmap.store import Store
from tests.conftest import SCENARIO, run

PRE = (Path(__file__).parent / "data" / "variants" / "current.csv").read_bytes()[:375].decode()
H7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
H6 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"


def export(tmp_path: Path, name: str, rows: list[str], header: str = H7) -> Path:
    path = tmp_path / name
    path.write_text(PRE + header + "\n".join(rows), encoding="utf-8")
    return path


def names(store: Store) -> list[tuple[str, str]]:
    return sorted(store.db.execute("SELECT name, company FROM people WHERE NOT is_me").fetchall())


# --- identity rules on the in-memory index --------------------------------------------------


def test_rules_in_order() -> None:
    index = Index()
    index.add_row(1, Row("ava chen", "goldmansachs", "ava-chen", ""))
    index.add_row(2, Row("dan kim", "pfizer", "", "dan@example.com"))
    index.add_row(3, Row("jordan lee", "deloitte", "jordan-lee-1", ""))
    index.add_row(4, Row("jordan lee", "blackrock", "", ""))
    assert index.resolve(Row("ava chen", "", "ava-chen", ""), 9, set()).rule == "url"
    assert index.resolve(Row("daniel kim", "", "", "dan@example.com"), 9, set()).person_id == 2
    assert index.resolve(Row("ava chen", "goldmansachs", "", ""), 9, set()).person_id == 1
    # a differing URL contradicts a name + company match: two people
    assert index.resolve(Row("ava chen", "goldmansachs", "ava-chen-2", ""), 9, set()).person_id is None
    # a name alone never merges, and is reported
    miss = index.resolve(Row("ava chen", "", "", ""), 9, set())
    assert (miss.person_id, miss.near_miss, miss.candidates) == (None, "same name, no company", [1])
    miss = index.resolve(Row("jordan lee", "acme", "", ""), 9, set())
    assert (miss.person_id, miss.candidates) == (None, [3, 4])
    # two rows of one file are two people unless a URL or email says otherwise
    taken = {4}
    assert index.resolve(Row("jordan lee", "blackrock", "", ""), 9, taken).person_id is None


def test_several_people_with_one_name_and_company_are_not_merged() -> None:
    index = Index()
    index.add_row(1, Row("sam lee", "google", "sam-lee-1", ""))
    index.add_row(2, Row("sam lee", "google", "sam-lee-2", ""))
    match = index.resolve(Row("sam lee", "google", "", ""), 9, set())
    assert (match.person_id, match.near_miss) == (None, "same name and company as several people")


def test_emails_that_are_empty_never_merge(store: Store, tmp_path: Path) -> None:
    path = export(
        tmp_path,
        "c.csv",
        [
            "Ann,One,https://www.linkedin.com/in/ann-one,,Acme,Analyst,07 Feb 2026",
            "Bob,Two,https://www.linkedin.com/in/bob-two,,Acme,Analyst,07 Feb 2026",
            "Cy,Three,,,Acme,Analyst,07 Feb 2026",
        ],
    )
    import_paths(store, [path])
    assert len(names(store)) == 3


def test_duplicate_rows_in_one_file(store: Store, tmp_path: Path) -> None:
    path = export(
        tmp_path,
        "c.csv",
        [
            "Ann,One,https://www.linkedin.com/in/ann-one,,Acme,Analyst,07 Feb 2026",
            "Ann,One,https://www.linkedin.com/in/ann-one/,,Acme,Analyst,07 Feb 2026",  # same URL: one person
            "Bo,Lin,,,Acme,Analyst,07 Feb 2026",
            "Bo,Lin,,,Acme,Analyst,07 Feb 2026",  # no URL: two people (namesakes at one firm)
        ],
    )
    (summary,) = import_paths(store, [path])
    assert names(store) == [("Ann One", "Acme"), ("Bo Lin", "Acme"), ("Bo Lin", "Acme")]
    assert [m.reason for m in summary.near_misses] == ["same name and company as another row of this file"]


# --- owners -------------------------------------------------------------------------------


def test_owner_must_be_known_and_unambiguous(scenario, store: Store) -> None:
    path = SCENARIO / "ava_connections.csv"
    with pytest.raises(PersonNotFound, match="--owner-new"):
        import_paths(store, [path], owner="Zed Nobody")
    with pytest.raises(PersonNotFound, match=r"no person named 'Ava' — did you mean \d+ Ava Chen \("):
        import_paths(store, [path], owner="Ava")  # exact names only; the message offers the close ones
    # Three Jordan Lees, one of them your contact: the owner is yours, and the import says so (the refusals
    # when none or several of them are yours: below).
    (summary,) = import_paths(store, [path], owner="Jordan Lee")
    assert summary.notes[0].startswith(
        "owner 'Jordan Lee' is your contact Jordan Lee (Deloitte), id 6 — 3 people have that name (also 8 Jordan Lee"
    )
    with pytest.raises(AmbiguousPerson, match="'Jordan Lee' matches 3 people — use an id: 6 Jordan Lee"):
        resolve_person(store, "Jordan Lee")  # anywhere else a name is as ambiguous as ever


# Jordan Lee (Deloitte) is your contact; Ava's export brings in another Jordan Lee (BlackRock).
JORDANS_EXPORT = [
    "Ava,Chen,https://www.linkedin.com/in/ava-chen-7f3a,,Goldman Sachs,Investment Banking Analyst,02 Feb 2026",
    "Noor,Ashvale,https://www.linkedin.com/in/noor-ashvale,,Evercore,Analyst,01 Feb 2026",
    "Theo,Marsh,https://www.linkedin.com/in/theo-marsh,,Deloitte,Senior Consultant,15 Jan 2026",
]


@pytest.mark.parametrize("how", ["manifest", "--owner"])
def test_an_owner_with_a_namesake_is_your_contact_and_said_so(how: str, tmp_path: Path, store: Store) -> None:
    run("import", str(SCENARIO / "sam_archive" / "Connections.csv"))
    jordan = export(tmp_path, "jordan_connections.csv", JORDANS_EXPORT)
    ava = SCENARIO / "ava_connections.csv"
    if how == "manifest":
        manifest = tmp_path / "friends.csv"
        manifest.write_text(f"path,owner\n{ava},Ava Chen\n{jordan},Jordan Lee\n")
        result = run("import", "--manifest", str(manifest))
        where = "friends.csv line 3: "
    else:
        assert run("import", str(ava), "--owner", "Ava Chen").exit_code == 0
        result = run("import", str(jordan), "--owner", "Jordan Lee")
        where = ""
    assert result.exit_code == 0, result.output
    yours, namesake = _id(store, "Jordan Lee", "Deloitte"), _id(store, "Jordan Lee", "BlackRock")
    notes = [line.strip() for line in result.stderr.splitlines() if "owner 'Jordan Lee'" in line]
    assert notes == [
        f"note: {where}owner 'Jordan Lee' is your contact Jordan Lee (Deloitte), id {yours} — 2 people have that "
        f"name (also {namesake} Jordan Lee (BlackRock)); give an id or URL as the owner for another"
    ]
    owner = store.db.execute("SELECT owner_id FROM sources WHERE path LIKE '%jordan_connections.csv'").fetchone()[0]
    assert owner == yours
    (noor,) = [p for p in _people() if p["name"] == "Noor Ashvale"]
    assert (noor["degree"], noor["via_ids"]) == (2, [yours])  # your second degree, through your Jordan


def test_an_owner_none_or_several_of_whose_namesakes_are_your_contacts_is_refused(store: Store, tmp_path: Path) -> None:
    mine = export(
        tmp_path,
        "Connections.csv",
        [
            "Ava,Chen,https://www.linkedin.com/in/ava-chen-7f3a,,Goldman Sachs,Analyst,07 Feb 2026",
            "Ben,Okafor,https://www.linkedin.com/in/ben-okafor,,Stripe,Software Engineer,05 Jan 2026",
            "Alex,Kim,https://www.linkedin.com/in/alex-kim-1,,Google,Product Manager,03 Jan 2026",
            "Alex,Kim,https://www.linkedin.com/in/alex-kim-2,,Meta,Data Scientist,02 Jan 2026",
        ],
    )
    lina = "Lina,Park,https://www.linkedin.com/in/lina-park-77,,Two Sigma,Analyst,01 Jan 2026"
    bens = export(tmp_path, "ben.csv", [lina])
    assert run("import", str(mine)).exit_code == 0
    assert run("import", str(SCENARIO / "ava_connections.csv"), "--owner", "Ava Chen").exit_code == 0  # Lina, Citadel
    assert run("import", str(bens), "--owner", "Ben Okafor").exit_code == 0  # Lina, Two Sigma
    before = list(store.db.iterdump())
    for owner, found in (("Lina Park", 2), ("Alex Kim", 2)):  # none of yours; both yours
        result = run("import", str(tmp_path / "ben.csv"), "--owner", owner)
        assert result.exit_code == 1 and f"'{owner}' matches {found} people — use an id" in result.stderr, owner
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert list(store.db.iterdump()) == before


def test_you_are_never_a_friends_owner(scenario, store: Store) -> None:
    path = str(SCENARIO / "ava_connections.csv")
    for owner in ("Sam Rivera", "me", "https://www.linkedin.com/in/sam-rivera-4b2a1"):
        result = run("import", path, "--owner", owner)
        assert result.exit_code == 1 and "is you: import your own exports without --owner" in result.stderr, owner
    assert "'Sam Rivera' is you" in run("path", "Sam Rivera").stderr
    assert run("import", path, "--owner", "Sam Rivera", "--owner-new").exit_code == 0  # a friend with your name
    assert [p["name"] for p in _people()].count("Sam Rivera") == 1


def test_owner_typos_get_suggestions_and_a_first_import_is_yours(tmp_path: Path) -> None:
    path = str(SCENARIO / "ava_connections.csv")
    result = run("import", path, "--owner", "Ava Chen")
    assert result.exit_code == 1 and "import your own Connections.csv (or LinkedIn archive) first" in result.stderr
    run("import", str(SCENARIO / "sam_archive"))
    result = run("import", path, "--owner", "Ava Chem")
    assert result.exit_code == 1 and re.search(r"did you mean \d+ Ava Chen \(Goldman Sachs\)\?", result.stderr)
    assert "did you mean" not in run("import", path, "--owner", "Xu").stderr


def test_owner_new_creates_an_owner_whose_contacts_have_no_degree(scenario, store: Store, tmp_path: Path) -> None:
    path = export(tmp_path, "zed.csv", ["Quinn,Fox,https://www.linkedin.com/in/quinn-fox,,Lazard,Analyst,07 Feb 2026"])
    result = run("import", str(path), "--owner", "Zed Nobody", "--owner-new")
    assert result.exit_code == 0, result.output
    quinn = [p for p in json.loads(run("people", "-f", "json").stdout) if p["name"] == "Quinn Fox"]
    assert quinn[0]["degree"] is None
    assert "Zed Nobody" in run("sources").stdout


# --- replacing and forgetting -------------------------------------------------------------


def test_newer_export_replaces_older_and_keeps_ids(store: Store, tmp_path: Path) -> None:
    old = export(
        tmp_path,
        "old.csv",
        [
            "Ann,One,https://www.linkedin.com/in/ann-one,,Acme,Analyst,07 Jan 2025",
            "Bob,Two,https://www.linkedin.com/in/bob-two,,Acme,Analyst,07 Jan 2025",
        ],
    )
    new = export(
        tmp_path,
        "new.csv",
        [
            "Ann,One,https://www.linkedin.com/in/ann-one,,Globex,Associate,07 Jan 2025",
            "Cy,Three,https://www.linkedin.com/in/cy-three,,Initech,Analyst,07 Feb 2026",
        ],
    )
    import_paths(store, [old])
    ann = resolve_person(store, "Ann One")
    with pytest.raises(NetmapError, match=r"someone else.s export \(it shares 50% of the contacts of your export"):
        import_paths(store, [new])  # half of the old contacts: not plausibly your newer export…
    (summary,) = import_paths(store, [new], replace=True)  # …unless you say so
    assert summary.replaced == [1]
    assert names(store) == [("Ann One", "Globex"), ("Cy Three", "Initech")]  # Bob left with the old export
    assert resolve_person(store, "Ann One") == ann
    assert [s.path for s in store.sources()] == [str(new)]
    # an older export the newer one holds: not imported, store unchanged
    older = export(tmp_path, "older.csv", ["Ann,One,https://www.linkedin.com/in/ann-one,,Acme,Analyst,07 Jan 2025"])
    before = list(store.db.iterdump())
    (again,) = import_paths(store, [older])
    assert again.older and list(store.db.iterdump()) == before
    # one it does not hold (Bob left): someone else's, refused
    with pytest.raises(NetmapError, match=r"someone else's export \(it shares 50% of the contacts"):
        import_paths(store, [old])
    assert list(store.db.iterdump()) == before


def test_different_kinds_coexist(store: Store, sam_zip: Path) -> None:
    import_paths(store, [sam_zip])
    assert [s.kind for s in store.sources()] == ["linkedin", "linkedin-messages"]


def test_forget_unknown_source(store: Store) -> None:
    result = run("forget", "42")
    assert result.exit_code == 1 and "no import with id 42" in result.stderr


# --- manual merges survive re-imports -----------------------------------------------------


def test_merge_survives_reimport(scenario, store: Store) -> None:
    acme = _id(store, "Jordan Lee", "Acme Corp")
    blackrock = _id(store, "Jordan Lee", "BlackRock")
    result = run("merge", str(blackrock), str(acme))
    assert result.exit_code == 0, result.output
    newer = scenario / "ben_newer.csv"  # Ben shares a newer export: it replaces his older one
    newer.write_text((scenario / "ben_connections.csv").read_text().replace("12 Mar 2023", "12 Mar 2026"))
    assert run("import", str(newer), "--owner", "Ben Okafor").exit_code == 0
    jordans = store.db.execute("SELECT id FROM people WHERE name = 'Jordan Lee' ORDER BY id").fetchall()
    assert [j[0] for j in jordans] == [_id(store, "Jordan Lee", "Deloitte"), blackrock]
    # forgetting Ben's export takes the merge of his row with it: nothing of his stays
    run("forget", "--owner", "Ben Okafor", "--yes")
    assert not store.db.execute(
        "SELECT 1 FROM person_keys WHERE key LIKE ?", (f"pin:{resolve_person(store, 'Ben Okafor')}:%",)
    ).fetchone()


def test_unmerge_survives_reimport(scenario, store: Store) -> None:
    priya = resolve_person(store, "Priya Shah")
    ben_source = store.source_ids_of(resolve_person(store, "Ben Okafor"))[0]
    result = run("unmerge", "Priya Shah", "--source", str(ben_source))
    assert result.exit_code == 0, result.output
    split = [p for p in _people() if p["name"] == "Priya Shah" and p["id"] != priya]
    assert len(split) == 1 and split[0]["via"] == ["Ben Okafor"]
    # Ben shares a newer export: his Priya row goes to the split-off person again, not back to Priya.
    newer = scenario / "ben_newer.csv"
    newer.write_text((scenario / "ben_connections.csv").read_text().replace("12 Mar 2023", "12 Mar 2026"))
    run("import", str(newer), "--owner", "Ben Okafor")
    again = {p["id"]: p["via"] for p in _people() if p["name"] == "Priya Shah"}
    assert again == {priya: ["Ava Chen", "Chloé Dubois"], split[0]["id"]: ["Ben Okafor"]}


def test_merge_edge_cases(scenario, store: Store) -> None:
    before = list(store.db.iterdump())
    result = run("merge", "Lina Park", "Lina Park")  # a person with themself
    assert result.exit_code == 1 and "is already one person" in result.stderr
    assert list(store.db.iterdump()) == before
    # someone into you: you stay you (your id, name and URL), and they are gone
    lina = resolve_person(store, "Lina Park")
    result = run("merge", str(lina), str(store.me_id))
    assert result.exit_code == 0 and f"into you (id {store.me_id})" in result.stderr
    assert store.me().name == "Sam Rivera" and not store.exists(lina)
    assert "Lina Park" not in [p["name"] for p in _people()]
    # a friend who owns imports, merged with a second row of theirs: their export still bridges
    ben = resolve_person(store, "Ben Okafor")
    twin = store.db.execute(
        "INSERT INTO people (name, name_key, company) VALUES ('Ben Okafor', 'ben okafor', 'Stripe')"
    ).lastrowid
    assert run("merge", str(twin), str(ben)).exit_code == 0
    assert store.source_ids_of(twin) == [4] and not store.exists(ben)
    priya = next(p for p in _people() if p["name"] == "Priya Shah")
    assert "Ben Okafor" in priya["via"] and twin in priya["via_ids"]


def test_unmerge_needs_rows_from_that_source(scenario, store: Store) -> None:
    result = run("unmerge", "Lina Park", "--source", "1")
    assert result.exit_code == 1 and "has no row for Lina Park" in result.stderr


def _people() -> list[dict]:
    return json.loads(run("people", "-f", "json").stdout)


def _id(store: Store, name: str, company: str) -> int:
    return store.db.execute("SELECT id FROM people WHERE name = ? AND company = ?", (name, company)).fetchone()[0]


# --- you ----------------------------------------------------------------------------------


def test_friend_before_whoami_warns_then_whoami_matches_you(tmp_path: Path) -> None:
    result = run("import", str(SCENARIO / "sam_archive" / "Connections.csv"))
    assert result.exit_code == 0
    result = run("import", str(SCENARIO / "ben_connections.csv"), "--owner", "Ben Okafor")
    assert "netmap does not know who you are" in result.stderr
    assert any(p["name"] == "Sam Rivera" for p in _people())
    result = run("whoami", "--name", "Sam Rivera", "--url", "https://www.linkedin.com/in/sam-rivera-4b2a1")
    assert "matched Sam Rivera to you" in result.stderr
    assert not any(p["name"] == "Sam Rivera" for p in _people())


def test_whoami_rejects_a_non_linkedin_url() -> None:
    result = run("whoami", "--url", "javascript:alert(1)")
    assert result.exit_code == 2 and "not a LinkedIn profile URL" in result.stderr  # a bad value: usage


# --- one transaction per command ----------------------------------------------------------


def test_a_failing_manifest_writes_nothing(scenario, store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01binary")
    manifest = tmp_path / "friends.csv"
    manifest.write_text(f"path,owner\n{SCENARIO / 'ava_connections.csv'},Dan Kim\n{bad},Zed Nobody\n")
    before = list(store.db.iterdump())
    result = run("import", "--manifest", str(manifest))
    assert result.exit_code == 1
    assert "line 3" in result.stderr  # the manifest line with the unknown owner
    assert list(store.db.iterdump()) == before
    # The owner is fine this time; the file is bad, found after Ava's rows are written in the transaction.
    manifest.write_text(f"path,owner\n{SCENARIO / 'ava_connections.csv'},Dan Kim\n{bad},Ben Okafor\n")
    result = run("import", "--manifest", str(manifest))
    assert result.exit_code == 1 and str(bad) in result.stderr and "Traceback" not in result.stderr
    assert list(store.db.iterdump()) == before


def test_manifest_imports_many_owners(sam_zip: Path, tmp_path: Path, store: Store) -> None:
    run("import", str(sam_zip))
    manifest = tmp_path / "friends.csv"
    manifest.write_text(
        "path,owner,owner_url\n"
        f"{SCENARIO / 'ava_connections.csv'},Ava Chen,https://www.linkedin.com/in/ava-chen-7f3a\n"
        f"{SCENARIO / 'ben_connections.csv'},,https://www.linkedin.com/in/ben-okafor\n"
        f"{SCENARIO / 'chloe_connections.csv'},Chloé Dubois,\n"
    )
    result = run("import", "--manifest", str(manifest))
    assert result.exit_code == 0, result.output
    assert json.loads(run("stats", "-f", "json").stdout)["second_degree"] == 7


def test_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(NetmapError, match="not a netmap store"):
        Store(bogus)


def test_progress_reports_every_row(store: Store, tmp_path: Path) -> None:
    rows = [f"P{i},Q{i},https://www.linkedin.com/in/p-{i},,Acme,Analyst,07 Feb 2026" for i in range(230)]
    path = export(tmp_path, "big.csv", rows)
    seen: list[int] = []
    import_paths(store, [path], progress=seen.append)
    assert sum(seen) == 230 and len(seen) > 5


def test_a_2017_archive_with_inbox_csv(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "LinkedInDataExport_2017"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        H6 + "Ben,Okafor,,Stripe,Engineer,05 Jan 2017\nDan,Kim,,Pfizer,Scientist,04 Jan 2017\n"
    )
    (folder / "Inbox.csv").write_text(
        "From,To,Date,Content\n"
        '"Ben Okafor","Sam Rivera","March 3, 2017, 10:01 AM","Hi Sam"\n'
        '"Sam Rivera","Ben Okafor","March 4, 2017, 08:15 PM","Hi Ben, thanks"\n'
        '"Sam Rivera","Dan Kim","March 5, 2017, 09:00 AM","Hello Dan"\n'
    )
    summaries = import_paths(store, [folder])
    assert [s.kind for s in summaries] == ["linkedin", "linkedin-messages"]
    assert summaries[1].merged == 2  # Ben and Dan, by name among your contacts (you write every message)


def test_manifest_owner_urls_are_checked(sam_zip: Path, tmp_path: Path, store: Store) -> None:
    run("import", str(sam_zip))
    manifest = tmp_path / "friends.csv"
    ava = SCENARIO / "ava_connections.csv"
    for url, message in (
        ("https://www.linkedin.com/in/ava-chen-other", "another LinkedIn URL"),
        ("https://example.com/ava", "not a LinkedIn profile URL"),
    ):
        manifest.write_text(f"path,owner,owner_url\n{ava},Ava Chen,{url}\n")
        result = run("import", "--manifest", str(manifest))
        assert result.exit_code == 1 and "line 2" in result.stderr and message in result.stderr
    manifest.write_text(f"path,owner,owner_url\n{ava},Ava Chen,https://www.linkedin.com/in/ava-chen-other\n")
    assert run("import", "--manifest", str(manifest), "--owner-new").exit_code == 0  # a namesake, made new
    avas = store.db.execute("SELECT url FROM people WHERE name = 'Ava Chen' ORDER BY id").fetchall()
    assert avas == [("https://www.linkedin.com/in/ava-chen-7f3a",), ("https://www.linkedin.com/in/ava-chen-other",)]


def test_near_misses_are_counted_beyond_those_listed(tmp_path: Path, store: Store) -> None:
    people = [f"Ann,{chr(97 + i // 26)}{chr(97 + i % 26)}son" for i in range(205)]
    import_paths(store, [export(tmp_path, "mine.csv", [f"{p},,,Acme,Analyst,07 Jan 2025" for p in people])])
    friend = export(tmp_path, "friend.csv", [f"{p},,,Beta,Analyst,07 Jan 2025" for p in people])
    result = run("import", str(friend), "--owner-new", "--owner", "Kim Friend")
    assert "205 near-misses not merged" in result.stdout and "… and 195 more" in result.stdout
    assert len(store.sources()) == 2


def test_old_sqlite_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sqlite3.sqlite_version_info", (3, 32, 0))
    with pytest.raises(NetmapError, match=r"needs SQLite 3\.33 or newer"):
        Store(tmp_path / "old.db")
    assert not (tmp_path / "old.db").exists()
