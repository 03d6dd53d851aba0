"""Who to talk to: ``suggest``, ``path``, ``map``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from netmap.cli.base import (
    SUGGEST_COLUMNS,
    SUGGEST_TABLE,
    Context,
    emit,
    format_option,
    main,
    nothing_imported,
    pass_ctx,
    say,
    suggest_options,
    suggestion_rows,
)
from netmap.report import dump_json, render


@main.command()
@suggest_options(limit=20)
@click.option("--explain", is_flag=True, help="Show each score's parts (score_parts in JSON).")
@format_option
@pass_ctx
def suggest(c: Context, explain: bool, fmt: str, **filters: Any) -> None:
    """Rank second-degree people for an informational interview, with who can introduce you.

    The score (0-100) is fit (industry, role, seniority) times reachability (how many bridges,
    and how strong your ties to them are). The table shows the friend to ask first (via); the
    line beneath each person says why.

    \b
    Examples:
      netmap suggest --industry finance --role analyst
      netmap suggest --industry "private equity" --max-per-bridge 2 --explain -f json
    """
    from netmap.api import suggestions

    result = suggestions(c.reader, explain, **filters)
    if result.strangers:
        say(
            f"the exports of {', '.join(result.strangers)} reach no one: netmap does not know them as your "
            "contacts. Import your own Connections.csv, or `netmap merge` each with their row among your "
            "contacts (find it with `netmap people --search NAME`)."
        )
    elif not result.has_friends and not c.reader.is_empty():
        say(
            "no friend's export is imported yet, so there is no second degree to rank: these are your own "
            "contacts who fit. Ask a friend for their Connections.csv and run "
            '`netmap import FILE --owner "Their Name"`.'
        )
    rows = suggestion_rows(result.items, short=fmt == "table" and not c.wide)
    extra = ["score_parts"] if explain else []  # in CSV, JSON and --wide; the short table's note has them
    empty = result.no_role_match or "nothing found"
    emit(rows, fmt, SUGGEST_TABLE, notes="why", wide=SUGGEST_COLUMNS + extra, empty=empty)
    if result.items:
        _next_steps(result, filters)


def _next_steps(result: Any, filters: dict[str, Any]) -> None:
    """How many more there are, and what to do with the first (on stderr)."""
    shown, total, first = len(result.items), result.total, result.items[0]
    if total > shown:
        cut = "more with --limit" if shown >= filters["limit"] else "--max-per-bridge leaves out the rest"
        more = f"{shown} of {total:,} shown ({cut})"
    else:
        more = f"all {shown} shown"
    more = "the only one" if total == shown == 1 else more
    ask = f"your ask to {first.via[0]}" if first.via else "your note to them"
    steps = [
        (f'netmap path "{first.name}"', "how you reach them"),
        (f'netmap draft "{first.name}"', ask),
        ("netmap map --open", "all of them on the map"),
    ]
    width = max(len(command) for command, _ in steps)
    say(f"{more}. Next, for {first.name}:")
    for command, what in steps:
        say(f"  {command.ljust(width)}   {what}")


@main.command()
@click.argument("person")
@format_option
@pass_ctx
def path(c: Context, person: str, fmt: str) -> None:
    """The ways to reach a person, strongest first, with each hop's tie strength.

    \b
    Example:
      netmap path "Priya Shah"
    """
    from netmap.api import path as routes

    found = routes(c.reader, person)
    if fmt == "json":
        click.echo(dump_json([asdict(p) for p in found]), nl=False)
        return
    if fmt == "csv":
        rows = [{"strength": p.strength, "hops": " → ".join(f"{h.name} ({h.strength})" for h in p.hops)} for p in found]
        click.echo(render(rows, "csv"), nl=False)
        return
    click.echo("strength  route: you → … → them, each step with its tie strength (0-1)")
    for p in found:
        hops = " → ".join(f"{h.name} ({h.strength:.2f})" for h in p.hops)
        click.echo(f"{p.strength:.3f}     you → {hops}")
    if len(found[0].hops) == 1:
        say(f"{found[0].hops[0].name} is your own contact: ask them directly (the other routes go through friends)")
    say("strength: the ties along the route multiplied; ask along the first route")


@main.command("map")
@suggest_options(limit=100)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default="netmap-map.html",
    show_default=True,
    help="Where to write the map.",
)
@click.option("--open", "open_", is_flag=True, help="Open the map in your browser.")
@click.option("--hide-names", is_flag=True, help="Initials instead of names, no URLs: a map safe to share.")
@click.option(
    "--max-people",
    type=click.IntRange(min=10),
    default=1500,
    show_default=True,
    help="Cut a large network to this many people (suggestions and their bridges first).",
)
@pass_ctx
def map_(c: Context, out: str, open_: bool, hide_names: bool, max_people: int, **filters: Any) -> None:
    """Write the interactive map: one HTML file that works offline, with you at the centre.

    Colour is industry, size is score; hover a person for their card, click to focus their
    neighbourhood, search by name, filter by industry.

    \b
    Examples:
      netmap map --industry finance --open
      netmap map --hide-names --out network-to-share.html
    """
    from netmap.api import write_map

    existed = Path(out).exists()
    written = write_map(c.reader, out, hide_names, max_people, **filters)
    click.echo(str(written.path))
    if existed:
        say(f"replaced the map that was at {out}")
    if written.people == 0:
        nothing_imported()
    elif written.suggestions == 0:
        why = written.why_none or "no one fits these filters"
        say(f"{written.people:,} people on the map, and no suggestions: {why}")
    else:
        say(f"{written.people:,} people on the map, {written.suggestions} of them suggested")
    if open_:
        import webbrowser

        if not webbrowser.open(written.path.as_uri()):
            say(f"no browser could be opened here: open {written.path} in one yourself")
