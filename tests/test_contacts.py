"""Google Contacts, Outlook, vCard, any CSV with --map, and edge lists: each read by content, and
merged with LinkedIn data by the same identity rules."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.errors import InputError, NetmapError, UsageProblem
from netmap.readers import detect, parse_file, parse_mapping, read_path
from netmap.store import Store
from tests.conftest import run

DATA = Path(__file__).parent / "data" / "contacts"


def contacts(name: str, input_format: str = "auto", mapping: dict | None = None) -> list[dict]:
    (export,) = read_path(DATA / name, input_format, mapping)
    assert export.contacts is not None
    return [{k: v for k, v in r.items() if k != "line"} for r in export.contacts.records()]


def test_google_old_layout() -> None:
    rows = contacts("google_old.csv")
    assert [r["name"] for r in rows] == ["Dan Kim", "Ben Okafor", "Lena Fischer", "Plumber"]
    dan = rows[0]
    assert (dan["email"], dan["company"], dan["position"]) == ("dan.kim@example.com", "Pfizer", "Research Associate")
    assert rows[1]["url"] == "https://www.linkedin.com/in/ben-okafor"  # from a website cell, canonical
    (export,) = read_path(DATA / "google_old.csv")
    assert (export.kind, export.format, export.skipped) == ("google", "google", 1)


def test_google_new_layout_with_bom() -> None:
    rows = contacts("google_new.csv")
    assert [(r["name"], r["company"], r["email"]) for r in rows] == [
        ("Chloé Dubois", "McKinsey & Company", "chloe.dubois@mckinsey.example"),
        ("Mariana L. Ortega", "Teach For America", "mortega@example.net"),
    ]


def test_outlook_classic_and_new() -> None:
    classic = contacts("outlook_classic.csv")  # all quoted, CRLF, cp1252
    assert [(r["name"], r["company"], r["position"]) for r in classic] == [
        ("Jordan Lee", "Deloitte LLP", "Consultant"),
        ("Jordan Lee", "Uber", "Data Scientist"),
        ("Grace H Kight", "Mayo Clinic", "Nurse Practitioner"),
    ]
    assert classic[2]["url"] == "https://www.linkedin.com/in/grace-kight"
    new = contacts("outlook_new.csv")
    assert new[0]["url"] == "https://www.linkedin.com/in/priya-shah-9" and new[0]["email"] == "priya@example.org"


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "contacts_v21.vcf",
            [
                ("Max Müller", "Siemens Energy", "Werkstudent, Netzplanung und Betrieb", "", ""),
                ("Tom Baker", "Google", "Product Manager", "tom.baker@example.com", ""),
            ],
        ),
        (
            "contacts_v30.vcf",
            [
                (
                    "Ben Okafor",
                    "Stripe, Inc.",
                    "Software Engineer",
                    "ben@personal.example",
                    "https://www.linkedin.com/in/ben-okafor",
                ),
                ("Mariana L. Ortega", "Teach For America", "Corps Member", "mortega@example.net", ""),
            ],
        ),
        (
            "contacts_v40.vcf",
            [
                (
                    "Priya Shah",
                    "Morgan Stanley",
                    "M&A Analyst",
                    "priya@example.org",
                    "https://www.linkedin.com/in/priya-shah-9",
                ),
                ("Zoe Park", "Meta", "Software Engineer, Infrastructure", "", ""),
            ],
        ),
    ],
)
def test_vcard_versions(name: str, expected: list) -> None:
    rows = contacts(name)
    assert [(r["name"], r["company"], r["position"], r["email"], r["url"]) for r in rows] == expected


def test_any_csv_with_a_mapping() -> None:
    mapping = parse_mapping("name=Member,company=Employer,position=Role,email=Email")
    rows = contacts("club_roster.csv", "csv", mapping)
    assert [(r["name"], r["company"], r["position"]) for r in rows] == [
        ("Ava Chen", "Goldman Sachs", "Investment Banking Analyst"),
        ("Noah Brandt", "Bain & Company", "Associate Consultant"),
        ("Zoe Park", "Meta", "Software Engineer, Infrastructure"),
    ]
    (export,) = read_path(DATA / "club_roster.csv", "csv", mapping)
    assert export.kind == "csv:club_roster.csv"


def test_mapping_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="unknown field 'nmae'"):
        parse_mapping("nmae=Member")
    with pytest.raises(UsageProblem, match="is not FIELD=COLUMN"):
        parse_mapping("name")
    assert run("import", str(DATA / "club_roster.csv"), "--map", "garbage").exit_code == 2  # a bad option
    with pytest.raises(InputError, match=r"the file's columns are: Member,Class,Employer,Role,Email"):
        read_path(DATA / "club_roster.csv", "csv", {"name": "Full Name"})
    result = run("import", str(DATA / "club_roster.csv"), "--input-format", "csv")
    assert result.exit_code == 1
    assert "no header with a name column" in result.stderr and "--map name=COLUMN" in result.stderr
    assert "the file's columns are: Member,Class,Employer,Role,Email" in result.stderr
    nameless = tmp_path / "employers.csv"
    nameless.write_text("Employer,Role\nAcme,Analyst\n")
    result = run("import", str(nameless), "--map", "company=Employer")
    assert result.exit_code == 1 and "a name is needed — map `name`" in result.stderr
    assert (
        run("import", str(DATA / "club_roster.csv"), "--map", "name=Member", "--input-format", "google").exit_code == 2
    )


def test_canonical_csv_needs_no_mapping(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,title,company,email\nRia Sen,Analyst,Lazard,ria@example.com\n")
    assert detect(path.read_text()) == "csv"
    assert contacts_from(path)[0]["position"] == "Analyst"


def contacts_from(path: Path) -> list[dict]:
    (export,) = read_path(path)
    assert export.contacts is not None
    return export.contacts.records()


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("google_old.csv", "google"),
        ("google_new.csv", "google"),
        ("outlook_classic.csv", "outlook"),
        ("outlook_new.csv", "outlook"),
        ("contacts_v21.vcf", "vcard"),
        ("contacts_v30.vcf", "vcard"),
        ("contacts_v40.vcf", "vcard"),
        ("knows.csv", "edges"),
    ],
)
def test_detected_by_content_not_name(tmp_path: Path, name: str, fmt: str) -> None:
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((DATA / name).read_bytes())
    assert read_path(renamed)[0].format == fmt


def test_edge_list_rules(tmp_path: Path) -> None:
    (export,) = read_path(DATA / "knows.csv")
    assert export.edges is not None and list(export.edges["weight"])[:2] == [0.9, 0.6]
    for body, error in [
        ("source,target\nme,\n", "line 2: an edge needs both"),
        ("source,target,weight\nme,Ava Chen,1.5\n", r"line 2: weight '1\.5' is not a number in \(0, 1\]"),
        ("source,target,weight\nme,Ava Chen,strong\n", "line 2: weight 'strong'"),
    ]:
        path = tmp_path / "bad_edges.csv"
        path.write_text(body)
        with pytest.raises(InputError, match=error):
            read_path(path)


def test_bad_vcard_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nN:Br;;\nEMAIL\nEND:VCARD\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "broken.vcf line 5: not a readable vCard" in result.stderr
    empty = tmp_path / "empty.vcf"
    empty.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    assert run("import", str(empty), "--input-format", "vcard").exit_code == 1


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=1500), st.sampled_from(["auto", "google", "outlook", "vcard", "csv", "edges"]))
def test_new_readers_only_raise_netmap_errors(data: bytes, fmt: str) -> None:
    with contextlib.suppress(NetmapError):
        parse_file(data, "fuzz", fmt)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_vcard_like_text_never_crashes(body: str) -> None:
    with contextlib.suppress(NetmapError):
        parse_file(f"BEGIN:VCARD\nVERSION:3.0\n{body}\nEND:VCARD\n".encode(), "fuzz.vcf")


# --- merging across formats ---------------------------------------------------------------------


def test_cross_format_merges(sam_zip: Path, store: Store) -> None:
    """Your LinkedIn archive, then Google, Outlook, vCard, a club roster and an edge list, all yours."""
    assert run("import", str(sam_zip)).exit_code == 0
    steps = [
        [str(DATA / "google_old.csv")],  # Dan by email, Ben by LinkedIn URL
        [str(DATA / "outlook_classic.csv")],  # Jordan by name + company ("Deloitte LLP" = "Deloitte"); a namesake
        [str(DATA / "contacts_v40.vcf")],  # Priya: new to you, with URL and email
        [str(DATA / "club_roster.csv"), "--map", "name=Member,company=Employer,position=Role,email=Email"],
        [str(DATA / "knows.csv")],
    ]
    outputs = []
    for args in steps:
        result = run("import", *args)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout + result.stderr)
    assert (
        "line 3: Jordan Lee (Uber), now id 9 — same name, different company: 6 Jordan Lee (Deloitte LLP)" in outputs[1]
    )
    people = {p["name"] + "/" + p["company"]: p for p in json.loads(run("people", "-f", "json").stdout)}

    def sources_of(name: str, company: str) -> list[str]:
        rows = store.db.execute(
            "SELECT DISTINCT s.kind FROM observations o JOIN sources s ON s.id = o.source_id "
            "WHERE o.person_id = ? AND o.owner_id = ? ORDER BY s.kind",
            (people[f"{name}/{company}"]["id"], store.me_id),
        )
        return [kind for (kind,) in rows]

    assert sources_of("Dan Kim", "Pfizer") == ["google", "linkedin"]
    assert sources_of("Ben Okafor", "Stripe") == ["google", "linkedin"]  # Google's "Stripe" is the newest
    assert sources_of("Jordan Lee", "Deloitte LLP") == ["linkedin", "outlook"]  # the newest spelling shows
    assert sources_of("Ava Chen", "Goldman Sachs") == ["csv:club_roster.csv", "edges:knows.csv", "linkedin"]
    assert "Jordan Lee/Uber" in people  # the namesake stays apart
    # Zoe Park: in the vCard and the roster (same name and company); the edge list found her by name
    assert sources_of("Zoe Park", "Meta") == ["csv:club_roster.csv", "vcard"]
    assert "'Zoe Park' is Zoe Park" in outputs[4]
    # LinkedIn's empty emails never merge anyone: everyone without an email stayed themselves
    assert len([p for p in people.values() if p["name"] == "Jordan Lee"]) == 2


def test_edges_make_second_degree_and_weights_are_ties(sam_zip: Path, store: Store) -> None:
    run("import", str(sam_zip))
    run("import", str(DATA / "knows.csv"))  # yours: Ava knows Zoe Park (a new person), Noah knows Zoe
    people = {p["name"]: p for p in json.loads(run("people", "-f", "json").stdout)}
    assert people["Zoe Park"]["degree"] == 2 and people["Zoe Park"]["via"] == ["Ava Chen"]
    assert people["Noah Brandt"]["degree"] is None  # known to Zoe only, and you do not know Zoe
    tie = store.db.execute(
        "SELECT tie FROM observations WHERE owner_id = ? AND person_id = ?",
        (people["Ava Chen"]["id"], people["Zoe Park"]["id"]),
    ).fetchone()[0]
    assert tie == 0.6
    path = json.loads(run("path", "Zoe Park", "-f", "json").stdout)
    assert [h["name"] for h in path[0]["hops"]] == ["Ava Chen", "Zoe Park"]
    assert path[0]["hops"][1]["strength"] == 0.6
    ranked = json.loads(run("suggest", "--limit", "500", "-f", "json").stdout)  # Ava bridges because she knows Zoe
    assert [(s["via"], s["mutual_count"]) for s in ranked if s["name"] == "Zoe Park"] == [(["Ava Chen"], 1)]


def test_a_friends_edge_list_and_forgetting_it(sam_zip: Path, tmp_path: Path) -> None:
    run("import", str(sam_zip))
    edges = tmp_path / "ava_study_group.csv"
    edges.write_text("source,target\nAva Chen,Kai Moreno\nKai Moreno,Lu Wen\n")
    result = run("import", str(edges), "--owner", "Ava Chen")
    assert result.exit_code == 0, result.output
    names = {p["name"]: p["degree"] for p in json.loads(run("people", "-f", "json").stdout)}
    assert (names["Kai Moreno"], names["Lu Wen"]) == (2, None)
    assert run("forget", "--owner", "Ava Chen", "--yes").exit_code == 0
    assert not {"Kai Moreno", "Lu Wen"} & {p["name"] for p in json.loads(run("people", "-f", "json").stdout)}
