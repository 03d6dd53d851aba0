"""Trying netmap without your own data: ``demo``."""

from __future__ import annotations

import textwrap

import click

from netmap.cli.base import main, say
from netmap.report import render

NEXT_STEPS = """Now your own network, in three commands:
  netmap import ~/Downloads/Basic_LinkedInDataExport_MM-DD-YYYY.zip   # from LinkedIn: Settings > Data privacy
  netmap import friend_connections.csv --owner "Friend Name"          # a friend's Connections.csv
  netmap draft --industry finance                                     # your first ask; then netmap track"""


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    help="Folder for the demo's map and store.",
)
def demo(out: str) -> None:
    """The whole flow on a built-in, invented network: import, rank, map. Never touches your store.

    \b
    Example:
      netmap demo --out /tmp/netmap-demo
    """
    from netmap.api import demo as run_demo

    say("importing an invented network: your LinkedIn archive and 8 friends' exports…")
    result = run_demo(out)
    say(f"{result.people:,} people in the demo's store ({result.store}).\n")
    click.echo("Top finance suggestions, and whom to ask for an introduction:")
    rows = [
        {
            "score": s.score,
            "name": s.name,
            "position": s.position,
            "company": s.company,
            "ask": s.via[0] if s.via else "",
            "mutual": s.mutual_count,
        }
        for s in result.suggestions
    ]
    click.echo(render(rows, "table", ["score", "name", "position", "company", "ask", "mutual"]), nl=False)
    click.echo(f"\nThe map: {result.map}")
    click.echo(f"\nYour ask to {result.draft.to}, drafted (netmap never sends anything):\n")
    for line in result.draft.text.splitlines():
        click.echo(textwrap.fill(line, 78, initial_indent="  ", subsequent_indent="  ") if line else "")
    click.echo()
    click.echo(f"Explore the demo further: netmap --db {result.store} suggest --industry consulting\n")
    click.echo(NEXT_STEPS)
