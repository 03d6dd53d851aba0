"""What netmap infers about people, and your corrections: ``classify``, ``industries``, ``tag``."""

from __future__ import annotations

from dataclasses import asdict

import click

from netmap.cli.base import Context, emit, format_option, main, pass_ctx, progress_bar, say
from netmap.normalize import counted


@main.command()
@click.argument("title", required=False)
@click.option("--company", default="", help="The employer, which decides the industry.")
@click.option("--input", "input_file", type=click.Path(), help="A CSV with a title (or position) column, and company.")
@click.option("--refresh", is_flag=True, help="Classify everyone in your store again by netmap's current rules.")
@format_option
@click.pass_context
def classify(
    ctx: click.Context, title: str | None, company: str, input_file: str | None, refresh: bool, fmt: str
) -> None:
    """Explain how a title and company are classified (industry, function, seniority); or, with
    --refresh, classify everyone in your store again (after netmap's rules changed).

    \b
    Examples:
      netmap classify "Investment Banking Analyst" --company "J.P. Morgan"
      netmap classify --input titles.csv -f csv
      netmap classify --refresh
    """
    if refresh:
        if title is not None or input_file is not None:
            raise click.UsageError("--refresh classifies your store: give no TITLE or --input with it")
        from netmap.api import reclassify

        store = ctx.find_object(Context).store  # type: ignore[union-attr]
        with progress_bar(store.count_people(), "classifying") as advance:
            count = reclassify(store, advance)
        say(f"classified {count:,} people again")
        return
    from netmap.api import classify_titles
    from netmap.readers import read_titles

    if (title is None) == (input_file is None):
        raise click.UsageError("give a TITLE or --input FILE")
    pairs = read_titles(input_file) if input_file else [(title or "", company)]
    rows = [c.as_dict() for c in classify_titles(pairs)]
    if fmt == "table" and len(rows) == 1:
        row = rows[0]
        for key in ("title", "company", "industry", "sub_industry", "function", "seniority", "founder", "confidence"):
            click.echo(f"{key:>12}: {row[key] if row[key] is not None else '-'}")
        for line in row["evidence"]:
            click.echo(f"{'evidence':>12}: {line}")
        return
    columns = ["title", "company", "industry", "function", "seniority", "founder", "confidence", "evidence"]
    emit(rows, fmt, columns)


@main.command()
@format_option
@pass_ctx
def industries(c: Context, fmt: str) -> None:
    """The industries netmap knows, with how many of your people are in each.

    \b
    Example:
      netmap industries
    """
    from netmap.api import industries

    emit(industries(c.reader), fmt, ["industry", "name", "count"], slugs=True)


@main.command()
@click.option("--unknown", is_flag=True, help="Only the employers nothing places yet, biggest first.")
@click.option("--search", help="Text in the employer's name.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many employers.")
@format_option
@pass_ctx
def companies(c: Context, unknown: bool, search: str | None, limit: int | None, fmt: str) -> None:
    """The employers of your network: people, industry, confidence and the evidence, biggest first.

    An employer's industry comes from netmap's employer table, words in its name, or the titles of
    the people who work there; `--unknown` lists the biggest employers nothing places yet, where one
    `netmap tag COMPANY --industry X` helps the most.

    \b
    Examples:
      netmap companies --unknown --limit 20
      netmap companies --search bank -f csv
    """
    from netmap.api import list_companies

    rows = [asdict(company) for company in list_companies(c.reader, unknown, search, limit)]
    emit(rows, fmt, ["name", "people", "industry", "confidence", "evidence"])


@main.command()
@click.argument("company", required=False)
@click.option("--person", help="Correct one person instead of a whole company (id, URL or name).")
@click.option("--industry", help="The right industry (slug, synonym or sub-industry).")
@click.option("--function", "function_", help="The right function (with --person).")
@click.option("--seniority", help="The right seniority (with --person).")
@pass_ctx
def tag(
    c: Context,
    company: str | None,
    person: str | None,
    industry: str | None,
    function_: str | None,
    seniority: str | None,
) -> None:
    """Correct a classification; your corrections win over inference and survive re-imports.

    \b
    Examples:
      netmap tag "Blue Harbor Partners" --industry finance
      netmap tag --person "Jordan Lee" --function data --seniority entry
    """
    from netmap.api import tag_company, tag_person

    if (company is None) == (person is None):
        raise click.UsageError("give a COMPANY or --person")
    if company is not None:
        if industry is None or function_ or seniority:
            raise click.UsageError("a COMPANY takes --industry only (use --person for function or seniority)")
        slug, count = tag_company(c.store, company, industry)
        from netmap.taxonomy import taxonomy

        say(f"{company}: {taxonomy().name_of(slug).lower()} from now on, for {counted(count, 'person', 'people')}")
        return
    if not (industry or function_ or seniority):
        raise click.UsageError("say what is right: --industry, --function and/or --seniority")
    pid = tag_person(c.store, person or "", industry, function_, seniority)
    say(f"tagged {c.store.name_of(pid)} (id {pid})")
