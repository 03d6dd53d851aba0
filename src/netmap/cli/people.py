"""Browsing and fixing people: ``people``, ``merge``, ``unmerge``, ``stats``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from netmap.cli.base import Context, emit, format_option, main, nothing_imported, pass_ctx, say
from netmap.report import dump_json, render, terminal_width

if TYPE_CHECKING:
    from netmap.models import Person

PERSON_TABLE = ["id", "name", "position", "company", "degree", "via", "stage"]  # industry: --wide, CSV, JSON
PERSON_COLUMNS = [
    "id", "name", "url", "email", "position", "company", "industry", "sub_industry", "function", "seniority",
    "degree", "via", "stage", "next_due",
]  # fmt: skip


TABLE_ROWS = 100  # a table without --limit shows this many; CSV and JSON list everyone


@main.command()
@click.option("--search", help="Text in the name, company, position, URL or email.")
@click.option("--degree", type=click.IntRange(1, 2), help="Only first- or second-degree people.")
@click.option("--industry", help="Only this industry: a slug, synonym or sub-industry (see `netmap industries`).")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help=f"At most this many people. A table shows the first {TABLE_ROWS} unless you give --limit (then that "
    "many); CSV and JSON list everyone.",
)
@format_option
@pass_ctx
def people(
    c: Context, search: str | None, degree: int | None, industry: str | None, limit: int | None, fmt: str
) -> None:
    """Browse the people in your store, with their degree and who connects you: your contacts first,
    then the second degree, each by name.

    \b
    Examples:
      netmap people --search goldman
      netmap people --degree 2 --industry finance -f csv > finance.csv
    """
    from netmap.api import count_people, iter_people

    if fmt != "table":  # written as read, however many
        emit(map(person_row, iter_people(c.reader, search, degree, industry, limit)), fmt, PERSON_TABLE,
             wide=PERSON_COLUMNS)  # fmt: skip
        return
    found = [person_row(p) for p in iter_people(c.reader, search, degree, industry, limit or TABLE_ROWS + 1)]
    total = count_people(c.reader, search, degree, industry) if limit is None and len(found) > TABLE_ROWS else 0
    emit(found[:TABLE_ROWS] if total else found, fmt, PERSON_TABLE, wide=PERSON_COLUMNS)
    if total:
        say(f"{TABLE_ROWS} of {total:,} shown — use --limit N, --search, or -f csv for all")


def person_row(person: Person) -> dict[str, Any]:
    """A person as a row with the JSON keys, in the order of :class:`Person`'s fields (as
    ``dataclasses.asdict``, without copying the lists: a third of a second per 100,000 people)."""
    return dict(vars(person))


@main.command()
@click.argument("first")
@click.argument("second")
@pass_ctx
def merge(c: Context, first: str, second: str) -> None:
    """Make two people one (the first keeps its id); survives re-imports.

    \b
    Example:
      netmap merge 12 57
    """
    from netmap.api import merge

    (kept, kept_name), (gone, gone_name) = merge(c.store, first, second)
    say(f"merged {gone_name} (id {gone}) into {kept_name} (id {kept})")


@main.command()
@click.argument("person")
@click.option("--source", "source_id", type=int, required=True, help="The import whose rows to split off.")
@pass_ctx
def unmerge(c: Context, person: str, source_id: int) -> None:
    """Split what one import contributed to a person into a separate person; survives re-imports.

    \b
    Example:
      netmap unmerge 12 --source 3
    """
    from netmap.api import unmerge

    pid, new = unmerge(c.store, person, source_id)
    say(f"split import {source_id}'s rows of {c.store.name_of(pid)} (id {pid}) into id {new}")


@main.command()
@format_option
@pass_ctx
def stats(c: Context, fmt: str) -> None:
    """Counts of people by degree, and the top companies and industries.

    \b
    Example:
      netmap stats -f json
    """
    from netmap.api import stats as compute

    result = compute(c.reader)
    nothing_imported()
    if fmt == "json":
        click.echo(dump_json(result), nl=False)
        return
    keys = ("people", "first_degree", "second_degree", "sources")
    counts = [{"what": k.replace("_", " "), "count": result[k]} for k in keys]
    companies: list[dict[str, Any]] = result["top_companies"]  # type: ignore[assignment]
    industries: list[dict[str, Any]] = result["industries"]  # type: ignore[assignment]
    if fmt == "csv":  # the JSON's three parts in one long table
        rows = [
            {"table": "counts", "key": k, "value": result[k]}
            for k in ("people", "first_degree", "second_degree", "sources")
        ]
        rows += [{"table": "top_companies", "key": r["company"], "value": r["count"]} for r in companies]
        rows += [{"table": "industries", "key": r["industry"], "value": r["count"]} for r in industries]
        click.echo(render(rows, "csv", ["table", "key", "value"]), nl=False)
        return
    width = terminal_width()
    click.echo(render(counts, "table", ["what", "count"], width=width), nl=False)
    click.echo(render(companies, "table", ["company", "count"], width=width), nl=False)
    if industries:
        click.echo(render(industries, "table", ["industry", "count"], width=width), nl=False)
