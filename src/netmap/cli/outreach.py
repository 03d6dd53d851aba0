"""From a suggestion to a thank-you note: ``track``, ``untrack``, ``outreach``, ``goal``, ``draft``, ``prep``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from netmap.cli.base import Context, confirm, emit, format_option, main, pass_ctx, say
from netmap.models import EXITS, STAGES
from netmap.normalize import counted
from netmap.report import dump_json

STAGE_HELP = f"{', '.join(STAGES)}; or {', '.join(EXITS)}"


def _day(value: str | None, what: str) -> date | None:
    from netmap.outreach import parse_day

    return parse_day(value, what) if value else None


@main.command()
@click.argument("person")
@click.argument("stage", required=False)
@click.option("--via", help="The bridge this step went through (default for asks: the best one not busy).")
@click.option("--on", "on", metavar="DATE", help="When it happened (YYYY-MM-DD; default today).")
@click.option("--note", default="", help="A note to keep with the step.")
@click.option("--next", "next_on", metavar="DATE", help="When to act next (for `scheduled`: the meeting's date).")
@click.option(
    "--referred", metavar="NAME", help="They suggested you talk to NAME: NAME becomes reachable through them."
)
@click.option("--company", default="", help="With --referred: where NAME works.")
@click.option("--position", default="", help="With --referred: NAME's title.")
@click.option("--url", help="With --referred: NAME's LinkedIn URL.")
@click.option("--max-open-per-bridge", type=click.IntRange(min=1), default=2, show_default=True,
              help="Asks a friend may have waiting before netmap suggests another.")  # fmt: skip
@pass_ctx
def track(
    c: Context,
    person: str,
    stage: str | None,
    via: str | None,
    on: str | None,
    note: str,
    next_on: str | None,
    referred: str | None,
    company: str,
    position: str,
    url: str | None,
    max_open_per_bridge: int,
) -> None:
    """Record a step of your outreach to a person; or, with --referred, whom they suggested you meet.

    Stages: picked, asked-bridge, introduced, contacted, scheduled, met, thanked; or declined,
    no-reply, paused. A step may skip ahead.

    \b
    Examples:
      netmap track "Delphine Norvale" asked-bridge --via "Mateo Dalwick"
      netmap track "Delphine Norvale" scheduled --next 2026-12-10
      netmap track "Delphine Norvale" --referred "Noor Ashvale" --company Evercore
    """
    from netmap.api import refer
    from netmap.api import track as record_step

    if referred is not None:
        if stage is not None:
            raise click.UsageError("--referred records a referral: give no STAGE with it")
        pid, made = refer(c.store, person, referred, company, position, url)
        who = c.store.name_of(pid)
        through = c.store.name_of(int(person)) if person.isdigit() else person
        say(f"{who} (id {pid}) {'is new to netmap and ' if made else ''}is now reachable through {through}")
        return
    if company or position or url:
        raise click.UsageError("--company, --position and --url go with --referred NAME")
    if stage is None:
        raise click.UsageError(f"say which STAGE: {STAGE_HELP}")
    record, notes = record_step(
        c.store,
        person,
        stage,
        via,
        _day(on, "--on"),
        note,
        _day(next_on, "--next"),
        max_open_per_bridge,
    )
    step = max(record.steps, key=lambda s: s.recorded)
    via_text = f" via {step.via}" if step.via else ""
    planned = f" (the interview: {step.next})" if step.next and step.stage == "scheduled" else ""
    planned = planned or (f" (next: {step.next})" if step.next else "")
    steps = counted(len(record.steps), "step")
    say(f"{record.name}: {step.stage}{via_text} on {step.on}{planned}; now at {record.stage} ({steps})")
    for line in notes:
        say(f"note: {line}")


@main.command()
@click.argument("person")
@click.option("--last", is_flag=True, help="Undo only the latest step.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def untrack(c: Context, person: str, last: bool, yes: bool) -> None:
    """Remove your outreach record of a person (after a confirmation), or only its latest step.

    \b
    Examples:
      netmap untrack "Delphine Norvale" --last
      netmap untrack "Delphine Norvale" --yes
    """
    from netmap.api import untrack as remove

    if not last:
        confirm(f"Remove every step of your outreach to {person}?", yes)
    left = remove(c.store, person, last)  # resolves PERSON first: an id that is nobody's is refused there
    named = c.store.name_of(int(person)) if person.isdigit() else person
    say(f"{left.name}: back to {left.stage}" if left else f"{named}: no longer tracked")


BOARD = ["id", "name", "stage", "last_on", "bridge", "next_action", "next_due", "withdrawn"]
BOARD_TABLE = ["name", "stage", "last_on", "bridge", "next_due"]  # and the next action on a line of its own


@main.command("outreach")
@click.option("--stage", help=f"Only people at this stage ({STAGE_HELP}).")
@click.option("--due", is_flag=True, help="Only what is due today or overdue.")
@click.option("--ics", "ics", type=click.Path(dir_okay=False), help="Also write interviews and follow-ups to FILE.ics.")
@click.option(
    "--delays", metavar="NAME=DAYS,…", help="Change the follow-up delays: nudge, write, thank, update, confirm."
)
@format_option
@pass_ctx
def outreach_(c: Context, stage: str | None, due: bool, ics: str | None, delays: str | None, fmt: str) -> None:
    """The board of your asks: stage, last step, bridge, next action and when it is due (due first),
    and this week's pace against your goal.

    \b
    Examples:
      netmap outreach --due
      netmap outreach --ics interviews.ics
    """
    from netmap.api import outreach_board, pace, write_calendar
    from netmap.outreach import set_delays, sparkline

    store = c.store if delays else c.reader
    if delays:
        changed = set_delays(store, delays)
        say("follow-up delays: " + ", ".join(f"{k} {counted(v, 'day')}" for k, v in changed.items()))
    rows = [asdict(d) for d in outreach_board(store, stage, due)]  # one shape for JSON, CSV and the table
    if fmt == "table":
        for row in rows:
            row["name"] += " (data withdrawn)" if row["withdrawn"] else ""
    empty = "you track no one yet: netmap track NAME picked (or asked-bridge, when you have asked a friend)"
    empty = "nothing due today" if due else f"no one at {stage}" if stage else empty
    emit(rows, fmt, BOARD_TABLE, notes="next_action", wide=BOARD, empty=empty)
    if ics:
        say(f"calendar: {write_calendar(store, Path(ics))}")
    now = pace(store)
    done = counted(now.this_week, "interview held", "interviews held") if now.held else counted(now.this_week, "ask")
    goal = f" of your goal of {now.goal}" if now.goal else " (set a weekly goal: netmap goal 3)"
    say(f"this week: {done}{goal}")
    say(f"last 8 weeks: {sparkline(now.weeks)}  ({' '.join(map(str, now.weeks))}, this week last)")


@main.command()
@click.argument("per_week", type=click.IntRange(min=1))
@click.option("--held", is_flag=True, help="Count interviews held (met) rather than asks sent.")
@pass_ctx
def goal(c: Context, per_week: int, held: bool) -> None:
    """Set your weekly goal: asks sent, or with --held interviews held.

    \b
    Example:
      netmap goal 3
    """
    from netmap.api import set_goal

    set_goal(c.store, per_week, held)
    say(f"your goal: {per_week} {'interviews held' if held else 'asks'} a week (netmap outreach shows the pace)")


@main.command()
@click.argument("person", required=False)
@click.option("--to-target", is_flag=True, help="The message to them (after an intro, or direct).")
@click.option("--thanks", is_flag=True, help="The thank-you after you met.")
@click.option("--follow-up", is_flag=True, help="A follow-up when they have not replied.")
@click.option("--update", is_flag=True, help="An update some weeks after you met.")
@click.option("--short", is_flag=True, help="LinkedIn's connection note: at most 200 characters, note only on stdout.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the draft to FILE instead of printing it.")
@click.option("--templates", is_flag=True, help="Say where your own templates go, and copy netmap's there.")
@click.option("--industry", help="Without PERSON: the top suggestion in this industry.")
@click.option("--role", help="Without PERSON: the top suggestion for this role.")
@pass_ctx
def draft(
    c: Context,
    person: str | None,
    to_target: bool,
    thanks: bool,
    follow_up: bool,
    update: bool,
    short: bool,
    out: str | None,
    templates: bool,
    industry: str | None,
    role: str | None,
) -> None:
    """Write an ask from your data: by default the intro request to the best bridge for your top
    suggestion you do not track yet, with a paragraph they can forward. netmap never sends it.

    \b
    Examples:
      netmap draft --industry finance
      netmap draft "Delphine Norvale" --to-target --short
      netmap draft --templates
    """
    from netmap.drafts import copy_templates

    if templates:
        folder, copied = copy_templates()
        click.echo(str(folder))
        say(f"your templates: {folder} ({len(copied)} copied; edit them, netmap uses yours first)")
        return
    from netmap.api import draft as write

    if person and (industry or role):
        raise click.UsageError("--industry and --role choose the person when you give none")
    chosen = [k for k, on in (("to-target", to_target), ("thanks", thanks), ("follow-up", follow_up),
                              ("update", update)) if on]  # fmt: skip
    if len(chosen) > 1:
        raise click.UsageError(f"choose one kind of draft, not {' and '.join('--' + k for k in chosen)}")
    kind = chosen[0] if chosen else None  # the one that fits their stage
    if short and kind not in (None, "intro", "to-target"):
        raise click.UsageError("--short is the 200-character connection note: it goes with the intro or --to-target")
    written = write(c.reader, person, kind, short, industry=industry, role=role)
    if out:
        from netmap.api import write_text

        say(f"wrote {write_text(out, written.text + chr(10), 'the draft')}")
    else:
        click.echo(written.text)
    if short:
        say(f"{len(written.text)} characters (LinkedIn allows 200 on a free account)")
    for line in written.notes:
        say(f"note: {line}")


@main.command()
@click.argument("person")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="The page as text, or JSON.")  # fmt: skip
@pass_ctx
def prep(c: Context, person: str, fmt: str) -> None:
    """A one-page brief before an interview: who they are, how you are connected, their jobs over
    time, your outreach so far, and questions to ask.

    \b
    Example:
      netmap prep "Delphine Norvale"
    """
    from netmap.api import prep as brief
    from netmap.briefs import text

    found = brief(c.reader, person)
    if fmt == "json":
        click.echo(dump_json(asdict(found)), nl=False)
    else:
        click.echo(text(found), nl=False)
