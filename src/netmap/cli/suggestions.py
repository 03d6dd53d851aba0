"""Who to talk to: ``suggest``, ``path``, ``map``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import click

from netmap.cli.base import Context, emit, format_option, main, nothing_imported, pass_ctx, say, suggest_options
from netmap.report import dump_json, render

SUGGEST_COLUMNS = [
    "score", "id", "name", "position", "company", "industry", "seniority", "mutual_count", "via", "stage", "why"
]  # fmt: skip
SUGGEST_TABLE = ["score", "id", "name", "position", "company", "seniority", "mutual_count", "ask", "why"]


@main.command()
@suggest_options(limit=20)
@click.option("--explain", is_flag=True, help="Show each score's parts (score_parts in JSON).")
@format_option
@pass_ctx
def suggest(c: Context, explain: bool, fmt: str, **filters: Any) -> None:
    """Rank second-degree people for an informational interview, with who can introduce you.

    The score (0-100) is fit (industry, role, seniority) times reachability (how many bridges,
    and how strong your ties to them are).

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
    rows = [asdict(s) for s in result.items]
    for row in rows:
        del row["why_parts"]
        if row["score_parts"] is None:
            del row["score_parts"]
    if fmt == "table":  # position and company have columns of their own; the reasons follow them
        for row, item in zip(rows, result.items, strict=True):
            row["ask"] = row["via"][0] if row["via"] else "(your contact)"
            row["why"] = "; ".join(item.why_parts[1:])
    columns = (SUGGEST_TABLE if fmt == "table" else SUGGEST_COLUMNS) + (["score_parts"] if explain else [])
    emit(rows, fmt, columns)


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
    for p in found:
        hops = " → ".join(f"{h.name} ({h.strength:.2f})" for h in p.hops)
        click.echo(f"{p.strength:.3f}  you → {hops}")


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

    written = write_map(c.reader, out, hide_names, max_people, **filters)
    click.echo(str(written.path))
    say(f"{written.people} people on the map")
    if written.people == 0:
        nothing_imported()
    if open_:
        import webbrowser

        webbrowser.open(written.path.as_uri())
