"""Your data in: ``whoami``, ``import``, ``sources``, ``forget``."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from netmap.cli.base import Context, confirm, emit, format_option, main, pass_ctx, progress_bar, say
from netmap.models import INPUT_FORMATS, ImportSummary
from netmap.normalize import counted
from netmap.report import dump_json, render, visible

if TYPE_CHECKING:
    from netmap.store import Store


@main.command()
@click.option("--name", help="Your name as it appears on LinkedIn.")
@click.option("--url", help="Your LinkedIn profile URL.")
@click.option("--school", help="Where you study (drafts introduce you with it).")
@click.option("--program", help="What you study, e.g. economics or an MBA.")
@click.option("--year", help="Your class year, e.g. 2027.")
@click.option("--interest", help="What you want to learn about, e.g. 'careers in investment banking'.")
@format_option
@pass_ctx
def whoami(
    c: Context,
    name: str | None,
    url: str | None,
    school: str | None,
    program: str | None,
    year: str | None,
    interest: str | None,
    fmt: str,
) -> None:
    """Show or set who you are: friends' exports that list you are matched to you, and drafts
    introduce you with your school, program, year and interest.

    \b
    Examples:
      netmap whoami --name "Sam Rivera" --url https://www.linkedin.com/in/sam-rivera
      netmap whoami --school "University of Michigan" --program economics --year 2027
    """
    writes = bool(name or url) or any(v is not None for v in (school, program, year, interest))
    store = c.store if writes else c.reader
    if name or url:
        from netmap.api import set_me

        for who in set_me(store, name, url):
            say(f"matched {who} to you")
    if any(v is not None for v in (school, program, year, interest)):
        with store.transaction():
            store.set_profile(school=school, program=program, year=year, interest=interest)
    me, profile = store.me(), store.profile()
    shown = {"name": me.name, "url": me.url, **{k: v or None for k, v in profile.items()}}
    if fmt == "json":
        click.echo(dump_json(shown), nl=False)
    elif fmt == "csv":
        click.echo(render([shown], "csv"), nl=False)
    elif me.name or me.url:
        click.echo(f"{me.name or '(name not set)'}  {me.url or '(URL not set)'}")
        for key, value in profile.items():
            if value:
                click.echo(visible(f"  {key}: {value}"))
    else:
        say('netmap does not know who you are yet: netmap whoami --name "Your Name" --url YOUR_LINKEDIN_URL')


@main.command("import")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--owner", help="Whose export this is (name, URL or id of a known person); default: yours.")
@click.option("--owner-new", is_flag=True, help="Accept an owner who is not known yet, and create them.")
@click.option(
    "--replace",
    is_flag=True,
    help="Let this export replace the older one of its kind even if it looks like someone else's.",
)
@click.option("--manifest", type=click.Path(), help="CSV with path,owner[,owner_url]: many friends' exports at once.")
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="Reader to use instead of detecting it from the content.",
)
@click.option(
    "--map",
    "mapping",
    help="For --input-format csv: FIELD=COLUMN,... (fields: name, first_name, last_name, url, email, "
    "company, position, connected_on).",
)
@pass_ctx
def import_(
    c: Context,
    paths: tuple[str, ...],
    owner: str | None,
    owner_new: bool,
    manifest: str | None,
    input_format: str,
    mapping: str | None,
    replace: bool,
) -> None:
    """Import contact exports: a Connections.csv, a LinkedIn archive (.zip or folder), or more.

    Without --owner the export is yours; with --owner it is a friend's, and their contacts
    become your second degree.

    \b
    Examples:
      netmap import Complete_LinkedInDataExport_02-07-2026.zip
      netmap import ava_connections.csv --owner "Ava Chen"
      netmap import --manifest friends.csv --owner-new
    """
    from netmap.api import import_exports, import_manifest, read_exports, refuse_clashes
    from netmap.readers import parse_mapping, read_manifest

    if not paths and not manifest:
        raise click.UsageError("give at least one PATH, or --manifest FILE")
    if manifest and (paths or owner or mapping):
        raise click.UsageError("--manifest names each file's owner: give no PATH, --owner or --map with it")
    if owner_new and not (owner or manifest):
        raise click.UsageError("--owner-new goes with --owner NAME (or --manifest)")
    if mapping and input_format not in ("auto", "csv"):
        raise click.UsageError("--map goes with --input-format csv")
    try:
        if manifest:
            total = len(read_manifest(manifest))
            store = c.store
            with progress_bar(total if total > 20 else 0, "importing") as advance:
                summaries = import_manifest(store, manifest, owner_new, input_format, advance)
        else:
            columns = parse_mapping(mapping) if mapping else None
            exports = read_exports(list(paths), input_format, columns)
            refuse_clashes(exports, owner)  # before a store is made for them
            rows = sum(len(e.contacts) for e in exports if e.contacts is not None)
            store = c.store
            with progress_bar(rows, "importing") as advance:
                summaries = import_exports(store, exports, owner, owner_new, advance, replace)
    except Exception:
        c.discard_if_made()  # a refused first import leaves no empty store behind
        raise
    for summary in summaries:
        _print_summary(summary)
    _say_unclassified(store)


def _say_unclassified(store: Store) -> None:
    from netmap.api import unclassified_count

    unknown, total = unclassified_count(store), store.count_people()
    if unknown:
        say(f"{unknown:,} of your {total:,} people work where nothing says the industry yet:")
        say("  netmap companies --unknown          the biggest such employers")
        say("  netmap tag COMPANY --industry X     places one, for everyone there")


def _print_summary(s: ImportSummary) -> None:
    from netmap.identity import listed

    def out(line: str) -> None:  # file and member names may hold anything: nothing reaches the terminal raw
        click.echo(visible(line))

    owner = "" if s.owner == "you" else f" (owner: {s.owner})"
    if s.unchanged:
        say(f"{s.path}: already imported as source {s.source_id}, nothing changed")
        return
    if s.older:
        say(f"{s.path}: not imported — source {s.source_id} of this kind from {s.owner} is a newer export")
        return
    if s.kind == "linkedin-messages":
        out(f"{s.path}: message counts for {s.merged} contacts (content is never stored)")
    else:
        parts = [f"read {counted(s.read, 'row')}", f"added {counted(s.added, 'person', 'people')}",
                 f"merged {s.merged} with people already known"]  # fmt: skip
        if s.skipped:
            parts.append(f"skipped {counted(s.skipped, 'empty row')}")
        if s.you:
            parts.append(counted(s.you, "row was", "rows were") + " you")
        out(f"{s.path}{owner}: source {s.source_id}")
        out("  " + ", ".join(parts))
    if s.replaced:
        out(f"  replaces the older export: source {', '.join(map(str, s.replaced))}")
    if s.near_miss_count:
        misses = counted(s.near_miss_count, "near-miss", "near-misses")
        out(f"  {misses} not merged (check them; `netmap merge A B` joins two people):")
        for m in s.near_misses[:10]:
            out(
                f"    line {m.line}: {m.name}"
                + (f" ({m.company})" if m.company else "")
                + (f", now id {m.id}" if m.id else "")
                + f" — {m.reason}: {listed(m.candidates)}"
            )
        if s.near_miss_count > 10:
            out(f"    … and {s.near_miss_count - 10} more")
    for note in s.notes:
        say(f"  note: {note}")
    for warning in s.warnings:
        say(f"  warning: {warning}")


@main.command()
@format_option
@pass_ctx
def sources(c: Context, fmt: str) -> None:
    """List your imports, and where the store is.

    \b
    Example:
      netmap sources -f json
    """
    rows = [asdict(s) for s in c.reader.sources()]
    say(f"store: {c.reader.path}" + (" (nothing imported yet: the file does not exist)" if c.reader.in_memory else ""))
    complete = ["id", "path", "kind", "owner", "rows", "skipped", "people", "imported_at"]
    emit(rows, fmt, ["id", "kind", "owner", "rows", "people", "imported_at"], notes="path", wide=complete)


@main.command()
@click.argument("source_id", required=False, type=int)
@click.option("--owner", help="Forget every import of this person (consent withdrawn).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def forget(c: Context, source_id: int | None, owner: str | None, yes: bool) -> None:
    """Remove one import, or all imports of one friend (after a confirmation); people only they
    contributed go too. Your own outreach records, notes and tags stay.

    \b
    Examples:
      netmap forget 3
      netmap forget --owner "Ava Chen" --yes
    """
    from netmap.api import forget, forget_owner, owner_sources

    if source_id is None and owner is None:
        raise click.UsageError("say what to forget: a SOURCE_ID (see `netmap sources`) or --owner NAME")
    if source_id is not None and owner is not None:
        raise click.UsageError("give a SOURCE_ID or --owner, not both")
    sources = {s.id: s for s in c.reader.sources()}
    if owner is not None:
        ids = owner_sources(c.reader, owner)
        what = f"{sources[ids[0]].owner}'s {counted(len(ids), 'import')}" if ids else owner
    else:
        if source_id not in sources:
            raise click.ClickException(f"no import with id {source_id} — `netmap sources` lists them")
        ids, what = [source_id], f"import {source_id}"
    listed = "; ".join(f"{sources[i].path} ({counted(sources[i].rows, 'row')})" for i in ids if i in sources)
    confirm(f"Forget {what} ({listed})?", yes)
    if owner is not None:
        ids, gone = forget_owner(c.store, owner)
    else:
        ids, gone = [source_id], forget(c.store, [source_id])  # type: ignore[list-item]
    went = counted(gone, "person", "people")
    say(f"forgot {what}; {went} only they listed went with it; your own records stay")
