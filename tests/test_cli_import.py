"""The command line: exit codes, one-line errors that leave the store alone, output formats."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from netmap.store import Store
from tests.conftest import DATA, PERSON_KEYS, SCENARIO, make_archive, run
from tests.test_readers import BAD_FILES


def dump(db_path: Path) -> list[str]:
    store = Store(db_path)
    try:
        return list(store.db.iterdump())
    finally:
        store.close()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_exits_1_with_one_line_and_store_unchanged(
    scenario, isolated_store: Path, tmp_path: Path, name: str
) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(isolated_store)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}")
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(isolated_store) == before


def test_other_bad_paths(scenario, isolated_store: Path, tmp_path: Path, sam_zip: Path) -> None:
    before = dump(isolated_store)
    (tmp_path / "folder").mkdir()
    truncated = tmp_path / "Complete_LinkedInDataExport_01-01-2026.zip"
    truncated.write_bytes(sam_zip.read_bytes()[:700])
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", b"First Name,Last Name,Company\n" + b"\n" * 30_000_000)
    for path, expected in [
        (tmp_path / "missing.csv", "no such file or folder"),
        (tmp_path / "folder", "no Connections.csv"),
        (truncated, "not a complete zip"),
        (bomb, "zip bomb"),
    ]:
        result = run("import", str(path))
        assert result.exit_code == 1, path
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
    for owner in ("Nobody At All", "Ava"):  # unknown; not a whole name (ambiguous ones: tests/test_store.py)
        result = run("import", str(SCENARIO / "ava_connections.csv"), "--owner", owner)
        assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert dump(isolated_store) == before


def test_zip_with_escaping_members_writes_nothing_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    archive = make_archive(
        SCENARIO / "sam_archive",
        tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip",
        {"../../escaped.csv": b"First Name,Last Name\nEvil,Twin\n", "/abs/escaped.csv": b"x"},
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run("import", str(archive))
    assert result.exit_code == 0
    assert "2 zip members with an unsafe path" in result.stderr
    after = sorted(p.name for p in tmp_path.rglob("*") if p.name != "netmap.db")
    assert after == before  # nothing extracted anywhere (only the store was written)
    assert not (tmp_path.parent / "escaped.csv").exists()


def test_usage_errors_exit_2() -> None:
    assert run("import").exit_code == 2
    assert run("people", "--degree", "3").exit_code == 2
    assert run("import", "x.csv", "--input-format", "pdf").exit_code == 2
    assert run("forget").exit_code == 2
    assert run("import", "--manifest", "friends.csv", "--map", "name=Member").exit_code == 2
    assert run("import", "Connections.csv", "--owner-new").exit_code == 2


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("netmap, version ")
    assert run("-h").exit_code == 0


def test_people_json_has_the_contract_keys(scenario) -> None:
    rows = json.loads(run("people", "--degree", "2", "-f", "json").stdout)
    assert len(rows) == 7
    assert all(set(r) >= PERSON_KEYS for r in rows)
    priya = next(r for r in rows if r["name"] == "Priya Shah")
    assert len(priya["via_ids"]) == 3 and priya["degree"] == 2


def test_search_and_nothing_found(scenario) -> None:
    found = json.loads(run("people", "--search", "morgan", "-f", "json").stdout)
    assert [p["name"] for p in found] == ["Priya Shah"]
    result = run("people", "--search", "zzzz")
    assert result.exit_code == 0 and result.stdout == "" and "nothing found" in result.stderr


def test_hostile_strings_are_data(tmp_path: Path) -> None:
    hostile = tmp_path / "Connections.csv"
    hostile.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '[bold]Eve[/bold],=HYPERLINK("http://x"),https://www.linkedin.com/in/eve-h,,'
        "+cmd|' /C calc'!A0,@SUM(1+1),07 Feb 2026\n"
        "<script>alert(1)</script>,-2+3,javascript:alert(1),,Acme,Analyst,07 Feb 2026\n"
    )
    result = run("import", str(hostile))
    assert result.exit_code == 0
    assert "1 URL was not a LinkedIn profile link and dropped" in result.stderr
    table = run("people").stdout
    assert "[bold]Eve[/bold]" in table  # markup printed literally
    cells = list(csv.reader(io.StringIO(run("people", "-f", "csv").stdout)))
    flat = [c for row in cells[1:] for c in row]
    assert '[bold]Eve[/bold] =HYPERLINK("http://x")' in flat  # starts with "[": nothing to defuse
    assert "'+cmd|' /C calc'!A0" in flat and "'@SUM(1+1)" in flat
    assert not any(c.startswith(("=", "+", "-", "@")) for c in flat)
    people = json.loads(run("people", "-f", "json").stdout)
    assert {p["name"] for p in people} == {'[bold]Eve[/bold] =HYPERLINK("http://x")', "<script>alert(1)</script> -2+3"}
    assert [p["url"] for p in people if p["name"].startswith("<script>")] == [None]


def test_json_keeps_non_ascii(tmp_path: Path) -> None:
    run("import", str(DATA / "connections_quirks.csv"))
    out = run("people", "-f", "json").stdout
    assert "🟢 Max Müller☁️" in out and "\\u" not in out


def test_sources_lists_imports_and_the_store(scenario, isolated_store: Path) -> None:
    result = run("sources", "-f", "json")
    rows = json.loads(result.stdout)
    assert [(r["id"], r["kind"], r["owner"], r["rows"], r["skipped"], r["people"]) for r in rows] == [
        (1, "linkedin", "you", 5, 2, 5),
        (2, "linkedin-messages", "you", 5, 0, 4),
        (3, "linkedin", "Ava Chen", 6, 1, 5),
        (4, "linkedin", "Ben Okafor", 6, 1, 5),
        (5, "linkedin", "Chloé Dubois", 6, 0, 5),
    ]
    assert f"store: {isolated_store}" in result.stderr


def test_an_empty_store_says_what_to_do_first() -> None:
    for args in (["people"], ["suggest", "--industry", "finance"], ["stats", "-f", "json"], ["sources"]):
        result = run(*args)
        assert result.exit_code == 0 and "nothing imported yet" in result.stderr, args
        assert "no friend's export" not in result.stderr
    assert "nothing imported yet" not in run("classify", "Analyst").stderr
