"""Employers as entities of the network: one employer behind its spellings, an industry from all the
evidence (the employer table, its name, its people's titles), inherited by everyone there; `netmap
companies`; your tags win; reclassifying happens in the commands that bring a change, never in reads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from netmap.classify import classifier
from netmap.store import Store
from tests.conftest import run

H7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def export(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A Connections.csv of people (company, position), named Person 1, Person 2…"""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, (company, position) in enumerate(rows, start=1):
        writer.writerow(["Person", str(n), f"https://www.linkedin.com/in/person-{path.stem}-{n}", "", company,
                         position, "07 Feb 2026"])  # fmt: skip
    path.write_text(H7 + out.getvalue(), encoding="utf-8")
    return path


def people(*args: str) -> dict[str, dict]:
    return {p["name"]: p for p in json.loads(run("people", "-f", "json", *args).stdout)}


@pytest.mark.parametrize(
    ("spelling", "employer"),
    [
        ("KPMG Nigeria", "KPMG"),
        ("Accenture Brasil", "Accenture"),
        ("Santander UK", "Santander"),
        ("MSD Czech Republic", "MSD"),
        ("Deloitte Czech Republic", "Deloitte"),
        ("PT Bank Mandiri (Persero) Tbk", "Bank Mandiri"),
        ("Itaú Unibanco S.A.", "Itaú Unibanco"),
        ("Capgemini India Pvt. Ltd.", "Capgemini"),
    ],
)
def test_legal_forms_and_country_suffixes_fold_into_one_employer(spelling: str, employer: str) -> None:
    c = classifier()
    assert c.employer_key(spelling) == c.employer_key(employer)
    assert c.company_industry(spelling).slug == c.company_industry(employer).slug


def test_a_country_word_inside_a_name_stays() -> None:
    c = classifier()
    assert c.employer_key("Air India") != c.employer_key("Air Canada")
    assert c.employer_key("Banco do Brasil") != c.employer_key("Banco")


def test_colleagues_titles_place_an_unknown_employer_and_everyone_there_inherits_it(tmp_path: Path) -> None:
    rows = [
        ("Quarto Ramo", "Credit Analyst"),
        ("Quarto Ramo", "Equity Research Associate"),
        ("Quarto Ramo Ltda.", "Trader"),
        ("Quarto Ramo", "Software Engineer"),
        ("Lumen Vale", "Software Engineer"),
    ]
    assert run("import", str(export(tmp_path / "mine.csv", rows))).exit_code == 0
    found = people()
    assert {found[f"Person {n}"]["industry"] for n in (1, 2, 3, 4)} == {"finance"}  # the engineer too
    assert found["Person 5"]["industry"] == "technology"  # alone at an unknown firm: their own title decides
    (company,) = json.loads(run("companies", "--search", "Quarto", "-f", "json").stdout)
    assert (company["name"], company["people"], company["industry"]) == ("Quarto Ramo", 4, "finance")
    assert company["evidence"] == ["from the titles of 3 of 4 people at Quarto Ramo"]
    why = json.loads(run("classify", "Software Engineer", "--company", "Quarto Ramo", "-f", "json").stdout)
    assert why[0]["industry"] == "technology"  # on its own, with no network, only the title speaks


def test_a_new_colleague_can_change_an_employer_and_everyone_follows(tmp_path: Path) -> None:
    first = [("Quarto Ramo", "Credit Analyst"), ("Quarto Ramo", "Registered Nurse"), ("Quarto Ramo", "Trader")]
    run("import", str(export(tmp_path / "mine.csv", first)))
    assert {p["industry"] for name, p in people().items() if name.startswith("Person")} == {"finance"}
    friend = [
        ("Quarto Ramo", "Registered Nurse"),
        ("Quarto Ramo", "Staff Nurse"),
        ("Quarto Ramo", "Nurse Practitioner"),
    ]
    run("import", str(export(tmp_path / "ava.csv", friend)), "--owner-new", "--owner", "Ava Lind")
    assert {p["industry"] for name, p in people().items() if name.startswith("Person")} == {"healthcare"}  # 4 of 6


def test_the_employer_table_beats_colleagues_and_your_tag_beats_everything(tmp_path: Path) -> None:
    rows = [("Goldman Sachs", "Software Engineer"), ("Goldman Sachs", "Software Engineer II"), ("Acme Hold", "Nurse")]
    run("import", str(export(tmp_path / "mine.csv", rows)))
    assert people()["Person 1"]["industry"] == "finance"  # industry is the employer's
    result = run("tag", "Acme Hold", "--industry", "biotech")
    assert result.exit_code == 0 and "from now on, for 1 person" in result.stderr
    run("import", str(export(tmp_path / "mine.csv", [*rows, ("Acme Hold", "Chemist")])))
    assert {people()[f"Person {n}"]["industry"] for n in (3, 4)} == {"biotech_pharma"}  # survives re-imports
    (acme,) = json.loads(run("companies", "--search", "Acme", "-f", "json").stdout)
    assert acme["evidence"] == ["you tagged Acme Hold as biotech and pharma"]


def test_companies_lists_the_biggest_unknown_employers_first(tmp_path: Path) -> None:
    rows = [("Zorvex", "Associate")] * 3 + [("Plimbo", "Analyst")] * 2 + [("Stripe", "Analyst")]
    result = run("import", str(export(tmp_path / "mine.csv", rows)))
    assert "5 of your 6 people work where nothing says the industry yet" in result.stderr
    assert "netmap companies --unknown" in result.stderr
    listed = run("companies", "--unknown", "-f", "csv").stdout.splitlines()
    assert listed[0] == "name,people,industry,confidence,evidence"
    assert [line.split(",")[:3] for line in listed[1:]] == [["Zorvex", "3", "unknown"], ["Plimbo", "2", "unknown"]]
    table = run("companies").stdout
    assert table.index("Zorvex") < table.index("Plimbo") < table.index("Stripe")


def test_reads_never_reclassify_refresh_does(scenario, store: Store) -> None:
    store.db.execute("UPDATE meta SET value = 'old' WHERE key = 'taxonomy_version'")
    store.db.execute("UPDATE people SET industry = 'legal', sub_industry = NULL WHERE name = 'Priya Shah'")
    before = list(store.db.iterdump())
    result = run("suggest", "--industry", "investment banking")
    assert "netmap classify --refresh" in result.stderr
    assert "Priya Shah" not in result.stdout  # as stored, until refreshed
    assert list(store.db.iterdump()) == before  # a read command wrote nothing
    result = run("classify", "--refresh")
    assert result.exit_code == 0 and "classified 12 people again" in result.stderr
    assert "Priya Shah" in run("suggest", "--industry", "investment banking").stdout
    assert "--refresh" not in run("people").stderr
