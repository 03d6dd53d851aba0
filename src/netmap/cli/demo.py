"""Trying netmap without your own data: ``demo``."""

from __future__ import annotations

import textwrap

import click

from netmap.cli.base import SUGGEST_TABLE, main, say, suggestion_rows
from netmap.report import render, terminal_width

NEXT_STEPS = """Now your own network:
  netmap import ~/Downloads/Basic_LinkedInDataExport_MM-DD-YYYY.zip
      your export (LinkedIn: Settings > Data privacy > Get a copy of your data)
  netmap import friend_connections.csv --owner "Friend Name"
      a friend's Connections.csv: their contacts become your second degree
  netmap draft --industry finance
      your first ask, drafted; then netmap track records it"""


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
    rows = suggestion_rows(result.suggestions, short=True)
    click.echo(render(rows, "table", SUGGEST_TABLE, "why", terminal_width()), nl=False)
    click.echo(f"\nThe map: {result.map}")
    click.echo(f"\nYour ask to {result.draft.to}, drafted (netmap never sends anything):\n")
    for line in result.draft.text.splitlines():
        wrap = min(78, terminal_width() - 2)
        click.echo(textwrap.fill(line, wrap, initial_indent="  ", subsequent_indent="  ") if line else "")
    click.echo()
    click.echo(f"Explore the demo further:\n  netmap --db {result.store} suggest --industry consulting\n")
    click.echo(NEXT_STEPS)
