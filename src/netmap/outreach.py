"""Your outreach, from a pick to a thank-you: one record per person, each a history of dated steps.

Stages run ``picked → asked-bridge → introduced → contacted → scheduled → met → thanked``, with the
exits ``declined``, ``no-reply`` and ``paused``; a step may skip ahead (you may write to someone
directly). Each step has a date, the bridge it went through and a note. What is due follows from the
last step and a few delays you can change (a nudge after 7 days without a reply, …). The records are
yours: they survive re-imports, follow a person through ``merge``, and outlive a friend's export
being forgotten (the name is copied in; the board then says "data withdrawn").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netmap import identity
from netmap.errors import AmbiguousPerson, NetmapError, UsageProblem
from netmap.models import EXITS, STAGES
from netmap.network import reach
from netmap.normalize import clean_text, company_key, linkedin_slug, linkedin_url, name_key
from netmap.store import Store, now

DONE = ("met", "thanked", "declined")  # left out of suggestions unless asked for
ASKS = ("asked-bridge", "contacted")  # what counts towards a weekly goal of asks
DELAYS = {"nudge": 7, "write": 3, "thank": 1, "update": 28, "confirm": 7}
MAX_OPEN_PER_BRIDGE = 2
REFERRAL_TIE = 0.7  # someone who suggests you talk to a person knows them, and vouches for the ask


def today() -> date:
    return date.today()


def check_stage(text: str) -> str:
    """A stage as the user typed it (case and ``_`` forgiven), or a usage error listing them all."""
    stage = text.strip().lower().replace("_", "-").replace(" ", "-")
    if stage not in (*STAGES, *EXITS):
        raise UsageProblem(f"unknown stage {text!r}; one of: {', '.join((*STAGES, *EXITS))}")
    return stage


def parse_day(text: str, what: str = "date") -> date:
    """An ISO date (``2026-11-01``), or a usage error naming the format."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"{what} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01") from None


@dataclass
class Step:
    stage: str
    on: str  # ISO date
    via: str | None  # the bridge's name
    note: str
    next: str | None  # ISO date the user set for the next action
    via_id: int | None = None
    recorded: int = 0  # order of recording (steps are ordered by date)


@dataclass
class Record:
    """Your outreach to one person (``id`` is the person's; None once their data was withdrawn)."""

    id: int | None
    name: str
    company: str
    position: str
    steps: list[Step] = field(default_factory=list)
    record_id: int = 0

    @property
    def stage(self) -> str:
        return self.steps[-1].stage if self.steps else "picked"

    @property
    def bridge(self) -> str | None:
        return next((s.via for s in reversed(self.steps) if s.via), None)


@dataclass
class Due:
    """One line of the board: what to do next about a person, and by when."""

    id: int | None
    name: str
    stage: str
    last_on: str
    bridge: str | None
    next_action: str
    next_due: str | None
    steps: list[Step]
    withdrawn: bool = False


# --- records -------------------------------------------------------------------------------------


def _records(store: Store, where: str = "1", args: tuple[Any, ...] = ()) -> list[Record]:
    rows = store.db.execute(
        f"SELECT id, person_id, name, company, position FROM outreach WHERE {where} ORDER BY id", args
    ).fetchall()
    records = {rid: Record(pid, name, company, position, record_id=rid) for rid, pid, name, company, position in rows}
    if records:
        for sid, rid, stage, on, via_id, via_name, note, next_date in store.select_in(
            """SELECT id, outreach_id, stage, on_date, via_id, via_name, note, next_date FROM outreach_steps
               WHERE outreach_id IN ({ids}) ORDER BY outreach_id, on_date, id""",
            records,
        ):
            records[rid].steps.append(Step(stage, on, via_name or None, note, next_date, via_id, sid))
    return list(records.values())


def record_of(store: Store, person_id: int) -> Record | None:
    found = _records(store, "person_id = ?", (person_id,))
    return found[0] if found else None


def records(store: Store) -> list[Record]:
    return _records(store)


def stages_of(store: Store, ids: list[int] | None = None) -> dict[int, tuple[str, str | None]]:
    """Person id -> (stage, next due date) for the people you track (all, or only ``ids``)."""
    wanted = set(ids) if ids is not None else None
    board = {d.id: d for d in due_items(store) if d.id is not None and (wanted is None or d.id in wanted)}
    return {pid: (item.stage, item.next_due) for pid, item in board.items()}


def done_ids(store: Store) -> set[int]:
    """People you have met, thanked or who declined: suggestions leave them out by default."""
    return {r.id for r in records(store) if r.id is not None and r.stage in DONE}


def open_asks(store: Store) -> dict[int, list[tuple[int | None, str]]]:
    """Bridge id -> (person id, name) of the people you asked them to introduce you to and they have
    not yet."""
    found: dict[int, list[tuple[int | None, str]]] = {}
    for r in records(store):
        last = r.steps[-1] if r.steps else None
        if last and last.stage == "asked-bridge" and last.via_id is not None:
            found.setdefault(last.via_id, []).append((r.id, r.name))
    return found


def asked_through(store: Store) -> dict[int, int]:
    """Person id -> the friend your outreach to them last went through."""
    found = {}
    for r in records(store):
        via = next((s.via_id for s in reversed(r.steps) if s.via_id), None)
        if r.id is not None and via is not None:
            found[r.id] = via
    return found


def waiting_on(asks: dict[int, list[tuple[int | None, str]]], bridge: int, person_id: int) -> list[str]:
    """The other people you are waiting on ``bridge`` to introduce you to."""
    return [name for pid, name in asks.get(bridge, []) if pid != person_id]


def asking_order(bridges: list[int], person_id: int, asks: dict[int, list[tuple[int | None, str]]],
                 via: int | None, max_open: int = MAX_OPEN_PER_BRIDGE) -> list[int]:  # fmt: skip
    """The friends to ask for an introduction, in order: the one you already went through, then the
    strongest who is waiting on fewer than ``max_open`` of your other asks; a busy friend last."""
    return sorted(bridges, key=lambda b: (b != via, len(waiting_on(asks, b, person_id)) >= max_open))


def choose_bridge(store: Store, person_id: int, max_open: int = MAX_OPEN_PER_BRIDGE) -> tuple[int | None, list[str]]:
    """The friend to ask for an introduction (see :func:`asking_order`), and notes about the busier
    ones passed over."""
    options = [b for b, _, _ in reach(store, [person_id]).bridges.get(person_id, [])]
    if not options:
        return None, []
    asks = open_asks(store)
    chosen = asking_order(options, person_id, asks, None, max_open)[0]
    notes = []
    for bridge in options[: options.index(chosen)]:  # stronger, but busy
        waiting = waiting_on(asks, bridge, person_id)
        notes.append(f"{store.name_of(bridge)} already has {len(waiting)} open asks ({', '.join(waiting)})")
    return chosen, notes


def busy_note(store: Store, bridge: int, person_id: int, max_open: int = MAX_OPEN_PER_BRIDGE) -> str | None:
    """A note when ``bridge`` already has ``max_open`` asks waiting (you may still ask: it is a note)."""
    waiting = waiting_on(open_asks(store), bridge, person_id)
    if len(waiting) < max_open:
        return None
    return f"{store.name_of(bridge)} already has {len(waiting)} open asks ({', '.join(waiting)}): one more is a lot"


def track(
    store: Store,
    person_id: int,
    stage: str,
    via_id: int | None = None,
    on: date | None = None,
    note: str = "",
    next_on: date | None = None,
) -> Record:
    """Record a step (the first one creates the record, copying the person's name, company and
    position). Returns the record with its steps."""
    if person_id == store.me_id:
        raise NetmapError("that is you: track the people you want to talk to")
    stage = check_stage(stage)
    person = store.db.execute("SELECT name, company, position, url FROM people WHERE id = ?", (person_id,)).fetchone()
    if person is None:
        raise NetmapError(f"no person with id {person_id}")
    when = (on or today()).isoformat()
    with store.transaction():
        found = store.db.execute("SELECT id FROM outreach WHERE person_id = ?", (person_id,)).fetchone()
        if found:
            rid = found[0]
            store.db.execute("UPDATE outreach SET name = ?, company = ?, position = ? WHERE id = ?", (*person[:3], rid))
        else:
            key = store.db.execute(
                "SELECT key FROM person_keys WHERE person_id = ? AND key LIKE 'li:%' ORDER BY key LIMIT 1", (person_id,)
            ).fetchone()
            rid = store.db.execute(
                """INSERT INTO outreach (person_id, person_key, name, company, position, created_on)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (person_id, key[0] if key else None, *person[:3], when),
            ).lastrowid
        store.db.execute(
            """INSERT INTO outreach_steps (outreach_id, stage, on_date, via_id, via_name, note, next_date, recorded_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (rid, stage, when, via_id, store.name_of(via_id) if via_id else "", note, next_on and next_on.isoformat(),
             now()),
        )  # fmt: skip
    found_record = record_of(store, person_id)
    assert found_record is not None
    return found_record


def step_notes(store: Store, person_id: int, stage: str, via_id: int | None) -> list[str]:
    """What to check about a step before it is recorded: one that moves a person back to an earlier
    stage, and a bridge netmap does not know to know them (both are recorded as you say)."""
    notes = []
    earlier = record_of(store, person_id)
    name = store.name_of(person_id)
    if earlier and earlier.stage in STAGES and stage in STAGES and STAGES.index(stage) < STAGES.index(earlier.stage):
        notes.append(
            f'{name} was at {earlier.stage}: this step moves them back (netmap untrack "{name}" --last undoes it)'
        )
    known = [bridge for bridge, _, _ in reach(store, [person_id]).bridges.get(person_id, [])]
    if via_id is not None and via_id != store.me_id and known and via_id not in known:
        notes.append(f"{store.name_of(via_id)} is not among the friends who know {name} in your imports")
    return notes


def untrack(store: Store, person_id: int, last_only: bool = False) -> Record | None:
    """Remove your record of a person, or only its latest step (``last_only``); returns what is left
    (None when the record is gone)."""
    record = record_of(store, person_id)
    if record is None:
        raise NetmapError(f"you are not tracking {store.name_of(person_id)} (id {person_id}) — see `netmap outreach`")
    with store.transaction():
        if last_only and len(record.steps) > 1:
            store.db.execute(
                """DELETE FROM outreach_steps WHERE id = (SELECT id FROM outreach_steps WHERE outreach_id = ?
                   ORDER BY on_date DESC, id DESC LIMIT 1)""",
                (record.record_id,),
            )
            return record_of(store, person_id)
        store.db.execute("DELETE FROM outreach_steps WHERE outreach_id = ?", (record.record_id,))
        store.db.execute("DELETE FROM outreach WHERE id = ?", (record.record_id,))
    return None


def follow_person(store: Store, keep: int, gone: int) -> None:
    """After a merge: the records of the person who went become the kept one's (steps appended)."""
    kept = store.db.execute("SELECT id FROM outreach WHERE person_id = ?", (keep,)).fetchone()
    moved = store.db.execute("SELECT id FROM outreach WHERE person_id = ?", (gone,)).fetchone()
    store.db.execute("UPDATE outreach_steps SET via_id = ? WHERE via_id = ?", (keep, gone))
    if moved and kept:
        store.db.execute("UPDATE outreach_steps SET outreach_id = ? WHERE outreach_id = ?", (kept[0], moved[0]))
        store.db.execute("DELETE FROM outreach WHERE id = ?", (moved[0],))
    elif moved:
        store.db.execute("UPDATE outreach SET person_id = ? WHERE id = ?", (keep, moved[0]))


def withdraw_missing(store: Store) -> None:
    """Records whose person no longer exists (a friend's export was forgotten) keep their copied name
    and steps, detached from any person; a bridge that went is kept by name only."""
    store.db.execute(  # the name you tracked stays; what only their export said goes
        """UPDATE outreach SET person_id = NULL, company = '', position = ''
           WHERE person_id NOT IN (SELECT id FROM people)"""
    )
    store.db.execute("UPDATE outreach_steps SET via_id = NULL WHERE via_id NOT IN (SELECT id FROM people)")


def relink(store: Store) -> int:
    """Records detached by a forget find their person again when an import brings them back."""
    return store.db.execute(
        """UPDATE outreach SET person_id = (SELECT k.person_id FROM person_keys k WHERE k.key = outreach.person_key)
           WHERE person_id IS NULL AND person_key IS NOT NULL
             AND EXISTS (SELECT 1 FROM person_keys k WHERE k.key = outreach.person_key)
             AND NOT EXISTS (SELECT 1 FROM outreach o JOIN person_keys k ON k.person_id = o.person_id
                             WHERE k.key = outreach.person_key)"""
    ).rowcount


# --- referrals --------------------------------------------------------------------------------------


def add_referral(
    store: Store, referrer: int, name: str, company: str = "", position: str = "", url: str | None = None
) -> tuple[int, bool]:
    """Someone you talked to suggests you talk to someone else: kept as an import of yours holding the
    one edge referrer → referred, so the referred person is in your second degree through the referrer
    whatever the referrer's own degree. The referred person is found by URL, else by exact name (one
    match), else made. Returns (their id, whether they were made)."""
    shown = clean_text(name)
    if not shown:
        raise UsageProblem("--referred needs the name of the person you were referred to")
    slug = linkedin_slug(url) if url else None
    if url and slug is None:
        raise UsageProblem(f"--url {url!r} is not a LinkedIn profile URL (https://www.linkedin.com/in/…)")
    with store.transaction():
        pid = identity.index(store).keys.get("li:" + slug) if slug else None
        if pid is None and not slug:
            same = store.db.execute(
                "SELECT id, name, company FROM people WHERE name_key = ? AND NOT is_me ORDER BY id", (name_key(shown),)
            ).fetchall()
            if len(same) > 1:
                raise AmbiguousPerson(
                    f"{shown!r} matches {len(same)} people — use an id with --referred: {identity.listed(same)}"
                )
            pid = int(same[0][0]) if same else None
        made = pid is None
        if pid is None:
            pid = store.next_person_id()
            identity.create_people(store, {pid: (shown, linkedin_url(slug) if slug else "", "", name_key(shown))})
            store.db.execute(
                "UPDATE people SET company = ?, company_key = ?, position = ? WHERE id = ?",
                (clean_text(company), company_key(company), clean_text(position), pid),
            )
            if slug:
                identity.add_keys(store, [("li:" + slug, pid)])
        if pid == store.me_id or pid == referrer:
            raise NetmapError("a referral is to someone else than you and the person who referred you")
        source = store.add_source(
            f"referral by {store.name_of(referrer)}", "referral", "referral", store.me_id, 1, 0,
            f"referral:{referrer}:{pid}:{now()}", today().isoformat(),
        )  # fmt: skip
        fields = identity.observed_fields(store, [pid])[pid]
        store.add_observations([(source, referrer, pid, 1, *fields, "", REFERRAL_TIE, REFERRAL_TIE)])
        identity.reload_index(store)
    return pid, made


# --- what is due -------------------------------------------------------------------------------------


def delays(store: Store) -> dict[str, int]:
    """Days before each follow-up (your settings over the defaults)."""
    return {**DELAYS, **json.loads(store.meta("outreach_delays") or "{}")}


def set_delays(store: Store, text: str) -> dict[str, int]:
    """``nudge=10,thank=2``: change some delays (in days); returns them all."""
    changed = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name.strip() not in DELAYS or not value.strip().isdigit():
            raise UsageProblem(f"--delays: {part!r} is not NAME=DAYS; names: {', '.join(DELAYS)}")
        changed[name.strip()] = int(value)
    with store.transaction():
        store.set_meta("outreach_delays", json.dumps({**json.loads(store.meta("outreach_delays") or "{}"), **changed}))
    return delays(store)


def next_step(record: Record, wait: dict[str, int]) -> tuple[str, date | None]:
    """What to do next about a person and by when, from their last step."""
    if not record.steps:
        return "ask for an introduction (netmap draft)", None
    last = record.steps[-1]
    on = date.fromisoformat(last.on)
    planned = date.fromisoformat(last.next) if last.next else None
    first = record.name.split()[0] if record.name else "them"
    who = '"' + record.name.replace('"', "'") + '"'
    rules: dict[str, tuple[str, date | None]] = {
        "picked": (f"ask {last.via or 'a bridge'} to introduce you (netmap draft {who})", on),
        "asked-bridge": (f"nudge {last.via or 'your bridge'} if no reply", on + timedelta(wait["nudge"])),
        "introduced": (f"write to {first} (netmap draft {who} --to-target)", on + timedelta(wait["write"])),
        "contacted": (f"follow up if no reply (netmap draft {who} --follow-up)", on + timedelta(wait["nudge"])),
        "scheduled": (f"prepare (netmap prep {who})", planned or on + timedelta(wait["confirm"])),
        "met": (f"thank {first} (netmap draft {who} --thanks)", on + timedelta(wait["thank"])),
        "thanked": (f"send {first} an update (netmap draft {who} --update)", on + timedelta(wait["update"])),
        "paused": ("resume when you are ready", planned),
    }
    action, due = rules.get(last.stage, ("nothing: this one is closed", None))
    if last.stage != "scheduled" and planned:
        due = planned
    return action, due


def due_items(store: Store) -> list[Due]:
    """The board: every record with its next action, due and overdue first."""
    wait = delays(store)
    items = []
    for record in records(store):
        action, due = next_step(record, wait)
        items.append(
            Due(
                record.id, record.name, record.stage, record.steps[-1].on if record.steps else "", record.bridge,
                action, due.isoformat() if due else None, record.steps, record.id is None,
            )
        )  # fmt: skip
    return sorted(items, key=lambda d: (d.next_due is None, d.next_due or "", d.name.casefold()))


def board(store: Store, stage: str | None = None, due_only: bool = False, on: date | None = None) -> list[Due]:
    """The board, optionally only one stage, or only what is due by ``on`` (default today)."""
    cut = (on or today()).isoformat()
    items = due_items(store)
    if stage is not None:
        items = [d for d in items if d.stage == check_stage(stage)]
    if due_only:
        items = [d for d in items if d.next_due is not None and d.next_due <= cut]
    return items


# --- the pace ------------------------------------------------------------------------------------


@dataclass
class Pace:
    goal: int | None
    held: bool  # the goal counts interviews held (met) rather than asks
    this_week: int
    weeks: list[int]  # the last eight weeks, oldest first, this week last


def set_goal(store: Store, per_week: int, held: bool = False) -> None:
    if per_week < 1:
        raise UsageProblem("a goal is a number of asks (or, with --held, interviews) per week, at least 1")
    with store.transaction():
        store.set_meta("goal", json.dumps({"per_week": per_week, "held": held}))


def pace(store: Store, on: date | None = None) -> Pace:
    """This week's asks (or interviews held) against your goal, and the last eight weeks."""
    goal = json.loads(store.meta("goal") or "null")
    held = bool(goal and goal["held"])
    counted = ("met",) if held else ASKS
    day = on or today()
    monday = day - timedelta(day.weekday())
    weeks = [0] * 8
    for record in records(store):
        for step in record.steps:
            if step.stage in counted:
                back = (
                    monday - (date.fromisoformat(step.on) - timedelta(date.fromisoformat(step.on).weekday()))
                ).days // 7
                if 0 <= back < 8:
                    weeks[7 - back] += 1
    return Pace(goal["per_week"] if goal else None, held, weeks[-1], weeks)


def sparkline(values: list[int]) -> str:
    """▁▂▃▄▅▆▇█ for a few small counts (a zero is the lowest bar).

    >>> sparkline([0, 1, 2, 4])
    '▁▃▅█'
    """
    bars = "▁▂▃▄▅▆▇█"
    top = max(values) or 1
    return "".join(bars[round(v / top * (len(bars) - 1))] for v in values)


# --- the calendar --------------------------------------------------------------------------------


def calendar(store: Store) -> bytes:
    """Scheduled interviews and due follow-ups as an iCalendar file (all-day events)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//netmap//outreach//EN")
    cal.add("version", "2.0")
    stamp = datetime.now(UTC).replace(microsecond=0)  # RFC 5545: DTSTAMP is a UTC date-time
    for item in due_items(store):
        if item.next_due is None:
            continue
        event = Event()
        event.add("uid", f"netmap-{item.id or 'withdrawn'}-{item.stage}-{item.next_due}@netmap.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", date.fromisoformat(item.next_due))
        interview = item.stage == "scheduled"
        action, _, command = item.next_action.partition(" (netmap ")  # the command goes in the description
        event.add("summary", f"Informational interview: {item.name}" if interview else f"{item.name}: {action}")
        details = f"Stage: {item.stage}" + (f"; via {item.bridge}" if item.bridge else "")
        event.add("description", details + (f". Run: netmap {command.rstrip(')')}" if command else ""))
        cal.add_component(event)
    return bytes(cal.to_ical())
