"""From a suggestion to a thank-you note: tracking steps, what is due, the pace, the ask budget, the
calendar, drafts and the prep brief — and that your records survive what happens to the data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap.outreach import DONE, EXITS, STAGES
from netmap.store import Store
from tests.conftest import run

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("netmap.outreach.today", lambda: TODAY)


def board() -> list[dict]:
    return json.loads(run("outreach", "-f", "json").stdout)


def test_steps_build_a_board_with_what_is_due(scenario) -> None:
    assert run("track", "Priya Shah", "asked-bridge", "--on", "2026-11-20", "--note", "asked at lunch").exit_code == 0
    assert run("track", "Marcus Webb", "met", "--via", "Chloé Dubois", "--on", "2026-11-29").exit_code == 0
    assert run("track", "Lina Park", "scheduled", "--on", "2026-11-30", "--next", "2026-12-09").exit_code == 0
    result = run("outreach")
    assert result.stdout.splitlines() == [
        "name         stage         last_on     bridge        next_due",
        "───────────  ────────────  ──────────  ────────────  ──────────",
        "Priya Shah   asked-bridge  2026-11-20  Ava Chen      2026-11-27",
        "  nudge Ava Chen if no reply",
        "Marcus Webb  met           2026-11-29  Chloé Dubois  2026-11-30",
        '  thank Marcus (netmap draft "Marcus Webb" --thanks)',
        "Lina Park    scheduled     2026-11-30                2026-12-09",
        '  prepare (netmap prep "Lina Park")',
    ]
    assert result.stderr == (
        "this week: 0 asks (set a weekly goal: netmap goal 3)\n"
        "last 8 weeks: ▁▁▁▁▁█▁▁  (0 0 0 0 0 1 0 0, this week last)\n"
    )
    priya = next(item for item in board() if item["name"] == "Priya Shah")
    assert priya["next_due"] == "2026-11-27" and priya["stage"] == "asked-bridge"
    assert priya["steps"] == [
        {"stage": "asked-bridge", "on": "2026-11-20", "via": "Ava Chen", "note": "asked at lunch", "next": None,
         "via_id": priya["steps"][0]["via_id"], "recorded": priya["steps"][0]["recorded"]}
    ]  # fmt: skip
    due = json.loads(run("outreach", "--due", "-f", "json").stdout)
    assert [d["name"] for d in due] == ["Priya Shah", "Marcus Webb"]  # Lina's interview is next week
    assert [d["name"] for d in json.loads(run("outreach", "--stage", "met", "-f", "json").stdout)] == ["Marcus Webb"]


def test_suggest_shows_the_stage_and_leaves_out_people_you_met(scenario) -> None:
    run("track", "Marcus Webb", "met", "--on", "2026-11-29")
    run("track", "Priya Shah", "contacted", "--on", "2026-11-28")
    shown = {s["name"]: s for s in json.loads(run("suggest", "-f", "json").stdout)}
    assert "Marcus Webb" not in shown
    assert (shown["Priya Shah"]["stage"], shown["Priya Shah"]["next_due"]) == ("contacted", "2026-12-05")
    assert "Marcus Webb" in {s["name"] for s in json.loads(run("suggest", "--all", "-f", "json").stdout)}
    people = {p["name"]: p for p in json.loads(run("people", "-f", "json").stdout)}
    assert people["Marcus Webb"]["stage"] == "met" and people["Lina Park"]["stage"] is None


def test_a_busy_bridge_is_asked_last(scenario) -> None:
    for person in ("Marcus Webb", "Lina Park"):
        run("track", person, "asked-bridge", "--via", "Ava Chen")
    priya = next(s for s in json.loads(run("suggest", "-f", "json").stdout) if s["name"] == "Priya Shah")
    assert priya["via"][0] != "Ava Chen" and priya["via"][-1] == "Ava Chen"
    assert "Ava Chen already has 2 of your asks waiting" in priya["why"]
    result = run("track", "Priya Shah", "asked-bridge")  # no --via: the best friend who is not busy
    assert result.exit_code == 0 and "via Ben Okafor" in result.stderr
    assert "note: Ava Chen already has 2 open asks (Marcus Webb, Lina Park)" in result.stderr
    result = run("track", "Dan Kim", "asked-bridge", "--via", "Ava Chen")  # you may still: a note says so
    assert result.exit_code == 0 and "Ava Chen already has 2 open asks" in result.stderr


def test_bad_input_is_refused_and_writes_nothing(scenario, store: Store) -> None:
    before = list(store.db.iterdump())
    result = run("track", "Priya Shah", "chatted")
    assert result.exit_code == 2 and "one of: picked, asked-bridge, introduced" in result.stderr
    result = run("track", "Priya Shah", "met", "--on", "yesterday")
    assert result.exit_code == 2 and "'yesterday' is not a date: write it as YYYY-MM-DD" in result.stderr
    result = run("track", "Sam Rivera", "picked")
    assert result.exit_code == 1 and "is you" in result.stderr
    result = run("track", "Priya Shah", "--referred", "Jordan Lee")
    assert result.exit_code == 1 and "matches 3 people — use an id with --referred" in result.stderr
    assert "Jordan Lee (BlackRock)" in result.stderr and "Jordan Lee (Deloitte)" in result.stderr
    assert list(store.db.iterdump()) == before


def test_a_referral_puts_someone_in_reach_through_who_referred_you(scenario, store: Store) -> None:
    run("track", "Priya Shah", "met", "--on", "2026-11-29")
    result = run("track", "Priya Shah", "--referred", "Noor Ashvale", "--company", "Evercore", "--position", "Analyst")
    assert result.exit_code == 0 and "is new to netmap and is now reachable through Priya Shah" in result.stderr
    noor = next(p for p in json.loads(run("people", "-f", "json").stdout) if p["name"] == "Noor Ashvale")
    assert (noor["degree"], noor["via"], noor["industry"]) == (2, ["Priya Shah"], "finance")  # Priya is degree 2
    paths = json.loads(run("path", "Noor Ashvale", "-f", "json").stdout)
    assert [h["name"] for h in paths[0]["hops"]][-2:] == ["Priya Shah", "Noor Ashvale"]
    assert "referral" in [s["kind"] for s in json.loads(run("sources", "-f", "json").stdout)]


def test_untrack_asks_first_and_last_undoes_one_step(scenario) -> None:
    run("track", "Priya Shah", "asked-bridge", "--on", "2026-11-20")
    run("track", "Priya Shah", "introduced", "--on", "2026-11-22")
    assert run("untrack", "Priya Shah", "--last").stderr == "Priya Shah: back to asked-bridge\n"
    assert run("untrack", "Priya Shah", input="n\n").exit_code == 1  # declined: nothing removed
    assert [b["name"] for b in board()] == ["Priya Shah"]
    assert run("untrack", "Priya Shah", "--yes").exit_code == 0 and board() == []


def test_forget_keeps_your_notes_and_a_returning_friend_brings_the_person_back(scenario) -> None:
    run("track", "Marcus Webb", "met", "--via", "Ava Chen", "--note", "great advice on recruiting")
    run("forget", "--owner", "Ava Chen", "--yes")
    run("forget", "--owner", "Chloé Dubois", "--yes")  # nobody lists Marcus any more: his data goes
    (item,) = board()
    assert item["id"] is None and item["steps"][0]["note"] == "great advice on recruiting"
    assert "Marcus Webb (data withdrawn)" in run("outreach").stdout
    run("import", str(scenario / "ava_connections.csv"), "--owner", "Ava Chen")
    (item,) = board()
    assert item["id"] is not None and item["name"] == "Marcus Webb"


def test_merge_brings_the_records_along(scenario, store: Store) -> None:
    twin = store.db.execute(
        "INSERT INTO people (name, name_key, company) VALUES ('Marcus Webb', 'marcus webb', 'Evercore')"
    ).lastrowid
    webb = store.db.execute("SELECT id FROM people WHERE name = 'Marcus Webb' AND id != ?", (twin,)).fetchone()[0]
    run("track", str(webb), "contacted", "--on", "2026-11-20")
    run("track", str(twin), "scheduled", "--on", "2026-11-25")
    run("merge", str(twin), str(webb))
    (item,) = board()
    assert item["id"] == twin and [s["stage"] for s in item["steps"]] == ["contacted", "scheduled"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*STAGES, *EXITS]), min_size=1, max_size=8))
def test_no_stage_transition_loses_history(scenario, stages: list[str]) -> None:
    run("untrack", "Lina Park", "--yes")
    for n, stage in enumerate(stages):
        assert run("track", "Lina Park", stage, "--on", f"2026-11-{n + 1:02d}").exit_code == 0
    (item,) = [b for b in board() if b["name"] == "Lina Park"]
    assert [s["stage"] for s in item["steps"]] == stages and item["stage"] == stages[-1]
    assert (item["stage"] in DONE) == (
        "Lina Park" not in [s["name"] for s in json.loads(run("suggest", "--include-first", "-f", "json").stdout)]
    )


def test_goal_pace_and_calendar(scenario, tmp_path: Path) -> None:
    assert run("goal", "3").stderr == "your goal: 3 asks a week (netmap outreach shows the pace)\n"
    run("track", "Priya Shah", "asked-bridge", "--on", "2026-11-30")
    run("track", "Marcus Webb", "contacted", "--on", "2026-11-17")
    run("track", "Lina Park", "scheduled", "--next", "2026-12-09")
    result = run("outreach", "--ics", str(tmp_path / "interviews.ics"))
    pace = "this week: 1 ask of your goal of 3\nlast 8 weeks: ▁▁▁▁▁█▁█  (0 0 0 0 0 1 0 1, this week last)"
    assert pace in result.stderr
    from icalendar import Calendar

    events = Calendar.from_ical((tmp_path / "interviews.ics").read_bytes()).walk("VEVENT")
    summary = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert summary["Informational interview: Lina Park"] == date(2026, 12, 9)
    assert summary["Priya Shah: nudge Ava Chen if no reply"] == date(2026, 12, 7)
    run("goal", "1", "--held")
    assert "this week: 0 interviews held of your goal of 1" in run("outreach").stderr


def test_drafts_from_the_data(scenario, tmp_path: Path) -> None:
    run("whoami", "--school", "University of Michigan", "--program", "economics", "--year", "2027",
        "--interest", "careers in investment banking")  # fmt: skip
    intro = run("draft", "Priya Shah")
    assert intro.exit_code == 0
    assert intro.stdout.splitlines()[:5] == [
        "Subject: Could you introduce me to Priya?",
        "",
        "Hi Ava,",
        "",
        "I hope you're well! I'm an economics student at the University of Michigan (class of 2027), and I'm trying to "
        "learn more about careers in investment banking. I saw that you know Priya Shah (M&A Analyst at Morgan "
        "Stanley).",
    ]
    assert "Hi Priya, my friend Sam Rivera is an economics student at the University of Michigan" in intro.stdout
    assert intro.stderr == ""  # nothing missing
    short = run("draft", "Priya Shah", "--short")
    assert short.stdout.strip() == (
        "Hi Priya, I'm an economics student at the University of Michigan. We both know Ava. Could I ask you a few "
        "questions about your path at Morgan Stanley? Thanks! Sam"
    )  # the interest is left out to fit the 200 characters
    assert len(short.stdout.strip()) <= 200 and f"{len(short.stdout.strip())} characters" in short.stderr
    run("track", "Priya Shah", "introduced", "--via", "Ava Chen")
    assert "Ava suggested I get in touch." in run("draft", "Priya Shah", "--to-target").stdout
    run("track", "Priya Shah", "met", "--note", "the recruiting timeline")
    thanks = run("draft", "Priya Shah", "--thanks", "--out", str(tmp_path / "thanks.txt"))
    assert thanks.stdout == "" and "especially [one thing you learned that stayed with you]" in (
        written := (tmp_path / "thanks.txt").read_text()
    )
    assert "the recruiting timeline" not in written  # your notes stay yours: nothing private goes out


def test_drafts_say_what_is_missing_and_your_templates_win(scenario) -> None:
    result = run("draft", "Priya Shah")
    assert "note: add --school to say more about you" in result.stderr
    folder = Path(run("draft", "--templates").stdout.strip())
    assert (folder / "intro.txt.j2").exists()
    (folder / "intro.txt.j2").write_text("Hey {{ bridge.first }}, intro me to {{ target.first }}? {{ me.first }}")
    assert run("draft", "Priya Shah").stdout == "Hey Ava, intro me to Priya? Sam\n"
    result = run("draft")  # no one named: the top suggestion you do not track yet
    assert result.exit_code == 0 and result.stdout.startswith("Hey ")


def test_prep_is_a_brief_with_the_classic_questions(scenario) -> None:
    run("track", "Priya Shah", "scheduled", "--via", "Ava Chen", "--next", "2026-12-09", "--note", "Tuesday 3pm")
    page = run("prep", "Priya Shah").stdout
    assert page.startswith(
        "Priya Shah\n==========\nM&A Analyst at Morgan Stanley\nInvestment banking · finance · entry"
    )
    assert "through Ava Chen (your tie 0.77, theirs 0.50); you exchanged 12 messages with Ava, the last on" in page
    assert f"{TODAY.isoformat()}  scheduled for 2026-12-09 via Ava Chen — Tuesday 3pm" in page  # when, and for when
    assert 'nothing yet (netmap track "NAME"' not in page
    questions = page.split("Questions to ask\n")[1].splitlines()
    assert questions[:4] == [
        "  1. How would I get hired to do that?",
        "  2. What would be required of me?",
        "  3. What would an entry-level assignment look like?",
        "  4. Where could I grow from that starting position?",
    ]
    assert 8 <= len(questions) <= 10 and questions[-2].endswith("Who else should I talk to?")
    assert (
        json.loads(run("prep", "Priya Shah", "-f", "json").stdout)["questions"][0]
        == "How would I get hired to do that?"
    )


def test_suggest_the_card_and_draft_agree_on_whom_to_ask(scenario) -> None:
    """The friend you already went through is asked first; a friend waiting on two of your other asks
    is asked last — by suggest, by the draft, and in the order --max-per-bridge counts."""
    run("whoami", "--name", "Sam Rivera")
    assert run("track", "Priya Shah", "asked-bridge", "--via", "Chloé Dubois").exit_code == 0
    rows = {r["name"]: r for r in json.loads(run("suggest", "--all", "-f", "json").stdout)}
    assert rows["Priya Shah"]["via"][0] == "Chloé Dubois"  # where the ask already went
    assert run("draft", "Priya Shah").stdout.startswith("Subject: Could you introduce me to Priya?\n\nHi Chloé,")
    for name in ("Marcus Webb", "Lina Park"):
        assert run("track", name, "asked-bridge", "--via", "Ava Chen").exit_code == 0
    rows = {r["name"]: r for r in json.loads(run("suggest", "--all", "-f", "json").stdout)}
    assert rows["Marcus Webb"]["via"][0] == "Ava Chen"  # his own ask is not one of the "others"
    assert rows["Lina Park"]["via"] == ["Ava Chen"]  # nobody else to ask
    priya_bridges = rows["Priya Shah"]["via"]
    assert (
        priya_bridges[-1] == "Ava Chen" and "Ava Chen already has 2 of your asks waiting" in rows["Priya Shah"]["why"]
    )


def test_the_default_draft_fits_the_stage(scenario) -> None:
    run("whoami", "--name", "Sam Rivera")
    run("track", "Priya Shah", "met", "--via", "Ava Chen")
    assert run("draft", "Priya Shah").stdout.startswith("Subject: Thank you")
    short = run("draft", "Priya Shah", "--short")
    assert short.exit_code == 1 and "the short connection note is for a first ask" in short.stderr
