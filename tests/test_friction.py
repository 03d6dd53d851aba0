"""What a newcomer meets at an 80-column terminal (conftest sets COLUMNS=80): no silent nonsense,
errors that point to the right option, output that fits, plain words, and imports that say what
they left alone (issue 14)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from netmap.sample import FINANCE_KIND, FINANCE_TITLES
from tests.conftest import SCENARIO, run

PREAMBLE = (SCENARIO / "ava_connections.csv").read_bytes().split(b"First Name,")[0]
HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
SAMPLE = Path(__file__).parents[1] / "sample_data"


def usage_error(*args: str) -> str:
    """The error line of a usage error, after the usage line of the subcommand itself."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Usage: main {args[0]} [OPTIONS]"), result.stderr  # not the group's
    return lines[-1].removeprefix("Error: ")


# --- 1 and 2: roles, industries and levels as people type them -----------------------------


def test_a_role_in_other_languages(tmp_path: Path) -> None:
    friend = tmp_path / "lucas.csv"
    friend.write_bytes(
        PREAMBLE
        + HEADER
        + "Ana,Souza,https://www.linkedin.com/in/ana-souza,,Itaú Unibanco,Analista de Crédito,1 Jan 2025\n"
        "Rui,Lima,https://www.linkedin.com/in/rui-lima,,Natura,Gerente de Marca,1 Jan 2025\n".encode()
    )
    assert run("import", str(SCENARIO / "sam_archive" / "Connections.csv")).exit_code == 0
    assert run("import", str(friend), "--owner", "Ava Chen").exit_code == 0
    rows = json.loads(run("suggest", "--role", "analyst", "-f", "json").stdout)
    assert rows[0]["name"] == "Ana Souza" and "title says 'analyst'" in rows[0]["why"]
    assert "Rui Lima" not in [r["name"] for r in rows if "title says" in r["why"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--industry", "data science"], "'data science' is a role, not an industry: use --role ds"),
        (["--industry", "product"], "'product' is a role, not an industry: use --role product"),
        (["--industry", "senior"], "'senior' is a level, not an industry: use --seniority senior"),
        (["--industry", "analyst"], "unknown industry 'analyst' — to find it in titles, use --role 'analyst'"),
        (["--industry", "finanse"], "unknown industry 'finanse' — did you mean finance or 'investment banking'?"),
        (["--seniority", "seniour"], "unknown seniority 'seniour' — did you mean senior?"),
    ],
)
def test_a_word_in_the_wrong_option_points_to_the_right_one(scenario, args: list[str], message: str) -> None:
    assert usage_error("suggest", *args).startswith(message)


def test_synonyms_people_type(scenario) -> None:
    def names(*args: str) -> list[str]:
        return [r["name"] for r in json.loads(run("suggest", *args, "-f", "json").stdout)]

    assert names("--industry", "fintech", "--include-first") == ["Ben Okafor"]  # Stripe: payments
    assert names("--industry", "nonprofits") == names("--industry", "nonprofit")
    assert names("--seniority", "junior") == names("--seniority", "entry") != []
    assert names("--industry", "equity research") == names("--industry", "finance")


# --- 3: empty answers are valid output and say so ------------------------------------------


def test_empty_answers(scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt, empty in (("json", "[]\n"), ("csv", "score,id,name,url,")):
        result = run("suggest", "--industry", "government", "-f", fmt)
        assert result.stdout.startswith(empty) and result.stderr == "nothing found\n"
    result = run("map", "--role", "xyzzy", "--out", str(tmp_path / "m.html"))
    assert result.stderr == "12 people on the map, and no suggestions: no title matches 'xyzzy'\n"
    result = run("tag", "Goldmen Sacks", "--industry", "finance")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no one in your store works at 'Goldmen Sacks' — did you mean 'Goldman Sachs'? Nothing was tagged\n"
    )
    monkeypatch.setattr("webbrowser.open", lambda url: False)  # a machine without a browser
    result = run("map", "--open", "--out", str(tmp_path / "m.html"))
    assert f"no browser could be opened here: open {tmp_path / 'm.html'} in one yourself" in result.stderr


# --- 4 and 5: tables fit, in plain words ------------------------------------------------------


def test_every_table_fits_80_columns_and_says_no_slug(scenario) -> None:
    for args in (["suggest"], ["people"], ["sources"], ["companies"], ["industries"], ["stats"], ["path", "Priya"]):
        result = run(*args)
        assert result.exit_code in (0, 1), result.output
        assert all(len(line) <= 80 for line in result.stdout.splitlines()), (args, result.stdout)
    table = run("suggest", "--limit", "7").stdout
    assert not [word for word in table.split() if "." in word.strip(".…;") and word[0].islower()]  # finance.ib
    assert "matched employer" not in table and "(finance)" not in table
    people = run("people").stdout.splitlines()
    assert people[0].split() == ["id", "name", "position", "company", "degree", "via"]  # nobody tracked: no stage
    assert len(people) == 2 + 12  # one line each
    priya = next(line for line in people if "Priya Shah" in line)
    assert priya.endswith("Ava Chen +2")  # the friend to ask first, and how many more


def test_wide_and_csv_keep_everything(scenario) -> None:
    wide = run("people", "--wide").stdout.splitlines()
    assert wide[0].split()[:4] == ["id", "name", "url", "email"] and max(map(len, wide)) > 80
    rows = list(csv.DictReader(io.StringIO(run("people", "-f", "csv").stdout)))
    assert rows[0]["url"] == "https://www.linkedin.com/in/ava-chen-7f3a" and rows[0]["sub_industry"] == "finance.ib"


# --- 6: context, and one vocabulary -----------------------------------------------------------


def test_path_explains_its_numbers(scenario) -> None:
    result = run("path", "Priya Shah")
    assert result.stdout.splitlines()[:2] == [
        "strength  route: you → … → them, each step with its tie strength (0-1)",
        "0.387     you → Ava Chen (0.77) → Priya Shah (0.50)",
    ]
    assert result.stderr == "strength: the ties along the route multiplied; ask along the first route\n"


def test_demo_and_suggest_use_the_same_columns(tmp_path: Path) -> None:
    demo = run("demo", "--out", str(tmp_path)).stdout.splitlines()
    header = demo[demo.index("Top finance suggestions, and whom to ask for an introduction:") + 1]
    assert header.split() == ["score", "name", "position", "company", "via"]
    assert "mutual" not in header and "ask" not in header


# --- 7: --db where people put it ---------------------------------------------------------------


def test_db_before_or_after_the_subcommand(tmp_path: Path) -> None:
    store = tmp_path / "elsewhere.db"
    assert run("import", str(SCENARIO / "ava_connections.csv"), "--db", str(store)).exit_code == 0
    after = run("sources", "--db", str(store), "-f", "json")
    before = run("--db", str(store), "sources", "-f", "json")
    assert after.stdout == before.stdout and len(json.loads(after.stdout)) == 1
    assert f"store: {store}" in after.stderr
    assert not (tmp_path / "netmap.db").exists()  # NETMAP_DB's store was never made


# --- 8: imports say what they leave alone ------------------------------------------------------


def test_a_folder_of_exports_is_listed_not_half_imported(isolated_store: Path) -> None:
    result = run("import", str(SAMPLE))
    assert result.exit_code == 1 and not isolated_store.exists()
    line = result.stderr.strip()
    assert line.startswith(f"Error: {SAMPLE}: a folder of 15 exports, not one LinkedIn archive (")
    assert "Complete_LinkedInDataExport_11-20-2026/ (an archive)" in line and "--manifest" in line
    archive = run("import", str(SAMPLE / "Complete_LinkedInDataExport_11-20-2026"))
    assert archive.exit_code == 0  # the archive folder itself is one export


def test_other_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    for name, content, kind in (
        ("pyproject.toml", '[project]\nname = "x"\n', "a TOML file"),
        ("notes.json", '{"a": 1}', "a JSON file"),
        ("page.html", "<!doctype html><p>hi</p>", "an HTML or XML file"),
    ):
        path = tmp_path / name
        path.write_text(content)
        result = run("import", str(path))
        assert result.exit_code == 1 and f"{name}: this is {kind}, not a contact export" in result.stderr


def test_names_resolved_in_an_edge_list_are_notes_with_ids(scenario, tmp_path: Path) -> None:
    edges = tmp_path / "study_group.csv"
    edges.write_text("source,target\nme,Priya Shah\nme,Jordan Lee\n")
    result = run("import", str(edges))
    notes = [line.strip() for line in result.stderr.splitlines()]
    assert "note: line 2: 'Priya Shah' is Priya Shah (id 7)" in notes
    (jordan,) = [line for line in notes if "'Jordan Lee' matches" in line]
    assert jordan.startswith("note: line 3: 'Jordan Lee' matches 3 people (6 Jordan Lee (Deloitte); 8 Jordan Lee")
    assert jordan.endswith("so a new person was made, id 14 — `netmap merge 6 14` if they are one")
    assert not [line for line in notes if line.startswith("warning:")]


# --- 9: the invented sample is believable -----------------------------------------------------


def test_sample_finance_titles_fit_their_employers() -> None:
    assert all(len(titles) == 10 for titles in FINANCE_TITLES.values())  # as many as before: same people drawn
    hedge_or_pe = {"hedge_fund", "private_equity", "venture", "asset_manager"}
    for path in SAMPLE.glob("*_connections.csv"):
        text = path.read_text(encoding="utf-8-sig")
        rows = csv.DictReader(io.StringIO(text[text.index("First Name,") :]))
        for row in rows:
            kind = FINANCE_KIND.get(row["Company"])
            if kind is None:
                continue
            if kind in hedge_or_pe:
                assert "Investment Banking" not in row["Position"], row
            if kind in ("bank", "advisory"):
                assert "Private Equity" not in row["Position"], row
