"""What the command line prints that other tests do not pin down: CSV of every listing command, the
default store location, and the one-line message for a bug (with NETMAP_DEBUG for the details)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import run


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_of_stats_path_whoami_sources_and_suggest(scenario) -> None:
    stats = rows(run("stats", "-f", "csv").stdout)  # the JSON's parts in one long table
    assert stats[:5] == [
        ["table", "key", "value"],
        ["counts", "people", "12"],
        ["counts", "first_degree", "5"],
        ["counts", "second_degree", "7"],
        ["counts", "sources", "5"],
    ]
    assert {r[0] for r in stats[1:]} == {"counts", "top_companies", "industries"}
    assert ["industries", "finance", "6"] in stats
    path = rows(run("path", "Priya Shah", "-f", "csv").stdout)
    assert path[0] == ["strength", "hops"] and path[1] == ["0.3869", "Ava Chen (0.772) → Priya Shah (0.501)"]
    whoami = rows(run("whoami", "-f", "csv").stdout)
    assert whoami[0] == ["name", "url", "school", "program", "year", "interest", "headline"]
    assert whoami[1][:2] == ["Sam Rivera", "https://www.linkedin.com/in/sam-rivera-4b2a1"]
    sources = rows(run("sources", "-f", "csv").stdout)
    assert sources[0] == ["id", "path", "kind", "owner", "rows", "skipped", "people", "imported_at"]
    assert [(r[0], r[2], r[3]) for r in sources[1:]] == [
        ("1", "linkedin", "you"),
        ("2", "linkedin-messages", "you"),
        ("3", "linkedin", "Ava Chen"),
        ("4", "linkedin", "Ben Okafor"),
        ("5", "linkedin", "Chloé Dubois"),
    ]
    suggest = rows(run("suggest", "--limit", "2", "-f", "csv").stdout)
    assert suggest[0] == [
        "score", "id", "name", "url", "position", "company", "industry", "sub_industry", "function", "seniority",
        "degree", "mutual_count", "via", "stage", "next_due", "why",
    ]  # fmt: skip
    named = [dict(zip(suggest[0], r, strict=True)) for r in suggest[1:]]
    assert [(r["name"], r["via"], r["degree"]) for r in named] == [
        ("Priya Shah", "Ava Chen; Ben Okafor; Chloé Dubois", "2"),
        ("Jordan Lee", "Ava Chen; Chloé Dubois", "2"),
    ]
    assert named[0]["stage"] == "" and named[0]["sub_industry"] == "finance.ib"  # not tracked
    assert named[0]["why"].startswith("M&A Analyst at Morgan Stanley; Investment banking — from the employer")
    people = rows(run("people", "-f", "csv").stdout)
    assert {"url", "degree", "sub_industry", "via"} <= set(people[0])


def test_the_default_store_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NETMAP_DB")
    result = run("sources")
    expected = tmp_path / "home" / "data" / "netmap" / "netmap.db"  # XDG_DATA_HOME, set by conftest
    assert result.exit_code == 0 and f"store: {expected} (nothing imported yet" in result.stderr
    assert not expected.exists()  # a command that only reads never makes a store
    run("whoami", "--name", "Sam Rivera")
    assert expected.exists()
    assert "store: " + str(tmp_path / "x.db") in run("--db", str(tmp_path / "x.db"), "sources").stderr


def test_a_bug_is_one_line_asking_for_a_report(scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("netmap.api.suggestions", broken)
    result = run("suggest")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: internal error: RuntimeError: boom — please report it (NETMAP_DEBUG=1 shows details)\n"
    )
    monkeypatch.setenv("NETMAP_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        run("suggest")
