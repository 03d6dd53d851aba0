"""The ``netmap`` command: parse options, call the library, format the result, map errors to exits.

The only module that imports click. Data goes to stdout; messages, warnings and progress to stderr.
Exit codes: 0 success (also "nothing found"), 1 a failure the user can fix, 2 bad usage.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from netmap import __version__
from netmap.errors import NetmapError, UsageProblem
from netmap.models import INPUT_FORMATS, ImportSummary
from netmap.report import FORMATS, dump_json, render


class NetmapGroup(click.Group):
    """Lists commands in the order they were added, and turns errors into one-line messages."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            if isinstance(ctx.obj, Context):
                ctx.obj.close()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise click.UsageError(str(exc), ctx) from None
        except NetmapError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.OperationalError as exc:
            busy = " — is another netmap using it?" if "locked" in str(exc) else ""
            raise click.ClickException(f"the store could not be used ({exc}){busy}") from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if os.environ.get("NETMAP_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} — please report it (NETMAP_DEBUG=1 shows details)"
            ) from None


class Context:
    """What every command shares: where the store is, opened on first use."""

    def __init__(self, db: str | None):
        self.db_path = db
        self._store: Any = None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def unopened(self) -> bool:
        return self._store is None

    @property
    def store(self) -> Any:
        if self._store is None:
            from netmap.store import Store

            self._store = Store(self.db_path)
        return self._store


pass_ctx = click.make_pass_decorator(Context)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output as a table, CSV or JSON.",
    )(f)


def say(message: str) -> None:
    """A message for the user (stderr), never mixed with data."""
    click.echo(message, err=True)


def nothing_imported() -> bool:
    """Say so when the store is empty (a fresh machine, or a mistyped --db)."""
    c = click.get_current_context().find_object(Context)
    if c is None or c.unopened or not c.store.is_empty():  # classify, for one, needs no store
        return False
    say(f"nothing imported yet into {c.store.path}: run `netmap import Connections.csv` (or `netmap demo`)")
    return True


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    if rows or fmt != "table":  # JSON and CSV stay valid when empty: [] and a header
        click.echo(render(rows, fmt, columns), nl=False)
    if not rows and not nothing_imported() and fmt == "table":
        say("nothing found")


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long jobs, when stderr is a terminal."""
    if total < 5000 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


@click.group(cls=NetmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="netmap")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="NETMAP_DB",
    help="The store file (default: your user data folder; env NETMAP_DB).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Find the people two steps away worth an informational interview, and who can introduce you.

    \b
    netmap import Connections.csv                       # your own LinkedIn export
    netmap import ava_connections.csv --owner "Ava Chen" # a friend's export
    netmap suggest --industry finance --role analyst    # who to talk to, and via whom
    netmap map --open                                   # the interactive map
    """
    ctx.obj = Context(db)


@main.command()
@click.option("--name", help="Your name as it appears on LinkedIn.")
@click.option("--url", help="Your LinkedIn profile URL.")
@format_option
@pass_ctx
def whoami(c: Context, name: str | None, url: str | None, fmt: str) -> None:
    """Show or set who you are, so friends' exports that list you are matched to you.

    \b
    Example:
      netmap whoami --name "Sam Rivera" --url https://www.linkedin.com/in/sam-rivera
    """
    store = c.store
    if name or url:
        with store.transaction():
            merged = store.set_me(name, url)
        for who in merged:
            say(f"matched {who} to you")
    me = store.me()
    if fmt == "json":
        click.echo(dump_json({"name": me.name, "url": me.url}), nl=False)
    elif fmt == "csv":
        click.echo(render([{"name": me.name, "url": me.url}], "csv"), nl=False)
    elif me.name or me.url:
        click.echo(f"{me.name or '(name not set)'}  {me.url or '(URL not set)'}")
    else:
        say('netmap does not know who you are yet: netmap whoami --name "Your Name" --url YOUR_LINKEDIN_URL')


@main.command("import")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--owner", help="Whose export this is (name, URL or id of a known person); default: yours.")
@click.option("--owner-new", is_flag=True, help="Accept an owner who is not known yet, and create them.")
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
    from netmap import importer

    if not paths and not manifest:
        raise click.UsageError("give at least one PATH, or --manifest FILE")
    if manifest and (paths or owner or mapping):
        raise click.UsageError("--manifest names each file's owner: give no PATH, --owner or --map with it")
    if owner_new and not (owner or manifest):
        raise click.UsageError("--owner-new goes with --owner NAME (or --manifest)")
    if mapping and input_format not in ("auto", "csv"):
        raise click.UsageError("--map goes with --input-format csv")
    store = c.store
    if manifest:
        total = len(importer.read_manifest(manifest))
        with progress_bar(total if total > 20 else 0, "importing") as advance:
            summaries = importer.import_manifest(store, manifest, owner_new, input_format, advance)
    else:
        from netmap.contacts import parse_mapping

        columns = parse_mapping(mapping) if mapping else None
        exports = importer.read_exports(list(paths), input_format, columns)
        rows = sum(len(e.contacts) for e in exports if e.contacts is not None)
        with progress_bar(rows, "importing") as advance:
            summaries = importer.import_exports(store, exports, owner, owner_new, advance)
    for summary in summaries:
        _print_summary(summary)


def _print_summary(s: ImportSummary) -> None:
    owner = "" if s.owner == "you" else f" (owner: {s.owner})"
    if s.unchanged:
        say(f"{s.path}: already imported as source {s.source_id}, nothing changed")
        return
    if s.older:
        say(f"{s.path}: not imported — source {s.source_id} of this kind from {s.owner} is a newer export")
        return
    if s.kind == "linkedin-messages":
        click.echo(f"{s.path}: message counts for {s.merged} contacts (content is never stored)")
    else:
        parts = [f"read {s.read} rows", f"added {s.added} people", f"merged {s.merged} with people already known"]
        if s.skipped:
            parts.append(f"skipped {s.skipped} empty rows")
        if s.you:
            parts.append(f"{s.you} row(s) were you")
        click.echo(f"{s.path}{owner}: source {s.source_id}: " + ", ".join(parts))
    if s.replaced:
        click.echo(f"  replaces the older export(s): source {', '.join(map(str, s.replaced))}")
    if s.near_miss_count:
        click.echo(f"  {s.near_miss_count} near-miss(es) not merged (check them; `netmap merge A B` joins two people):")
        from netmap.store import listed

        for m in s.near_misses[:10]:
            click.echo(
                f"    line {m.line}: {m.name}"
                + (f" ({m.company})" if m.company else "")
                + f" — {m.reason}: {listed(m.candidates)}"
            )
        if s.near_miss_count > 10:
            click.echo(f"    … and {s.near_miss_count - 10} more")
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
    rows = [asdict(s) for s in c.store.sources()]
    say(f"store: {c.store.path}")
    emit(rows, fmt, ["id", "path", "kind", "owner", "rows", "skipped", "people", "imported_at"])


@main.command()
@click.argument("source_id", required=False, type=int)
@click.option("--owner", help="Forget every import of this person (consent withdrawn).")
@pass_ctx
def forget(c: Context, source_id: int | None, owner: str | None) -> None:
    """Remove one import, or all imports of one friend; people only they contributed go too.

    \b
    Examples:
      netmap forget 3
      netmap forget --owner "Ava Chen"
    """
    if (source_id is None) == (owner is None):
        raise click.UsageError("give a SOURCE_ID or --owner, not both")
    store = c.store
    with store.transaction():
        if owner is not None:
            pid = store.resolve_person(owner)
            ids = store.source_ids_of(pid)
            if not ids:
                raise NetmapError(f"{store.name_of(pid)} (id {pid}) owns no import — see `netmap sources`")
        else:
            ids = [source_id]
        gone = store.forget(ids)
    say(f"forgot import(s) {', '.join(map(str, ids))}; {gone} people went with them")


PERSON_COLUMNS = ["id", "name", "company", "position", "industry", "degree", "via"]


@main.command()
@click.option("--search", help="Text in the name, company, position, URL or email.")
@click.option("--degree", type=click.IntRange(1, 2), help="Only first- or second-degree people.")
@click.option("--industry", help="Only this industry: a slug, synonym or sub-industry (see `netmap industries`).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many people.")
@format_option
@pass_ctx
def people(
    c: Context, search: str | None, degree: int | None, industry: str | None, limit: int | None, fmt: str
) -> None:
    """Browse the people in your store, with their degree and who connects you.

    \b
    Examples:
      netmap people --search goldman
      netmap people --degree 2 --industry finance -f csv > finance.csv
    """
    from netmap.network import list_people

    found = list_people(c.store, search, degree, _industry(industry), limit)
    emit([asdict(p) for p in found], fmt, PERSON_COLUMNS)


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
    store = c.store
    with store.transaction():
        a, b = store.resolve_person(first), store.resolve_person(second)
        names = {a: store.name_of(a), b: store.name_of(b)}
        kept = store.merge(a, b)
    gone = b if kept == a else a
    say(f"merged {names[gone]} (id {gone}) into {names[kept]} (id {kept})")


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
    store = c.store
    with store.transaction():
        pid = store.resolve_person(person)
        new = store.unmerge(pid, source_id)
    say(f"split import {source_id}'s rows of {store.name_of(pid)} (id {pid}) into id {new}")


@main.command()
@format_option
@pass_ctx
def stats(c: Context, fmt: str) -> None:
    """Counts of people by degree, and the top companies and industries.

    \b
    Example:
      netmap stats -f json
    """
    from netmap.network import stats as compute

    result = compute(c.store)
    nothing_imported()
    if fmt == "json":
        click.echo(dump_json(result), nl=False)
        return
    counts = [
        {"what": k.replace("_", " "), "count": result[k]}
        for k in ("people", "first_degree", "second_degree", "sources")
    ]
    if fmt == "csv":
        click.echo(render(counts, "csv"), nl=False)
        return
    click.echo(render(counts, "table", ["what", "count"]), nl=False)
    click.echo(render(result["top_companies"], "table", ["company", "count"]), nl=False)  # type: ignore[arg-type]
    if result["industries"]:
        click.echo(render(result["industries"], "table", ["industry", "count"]), nl=False)  # type: ignore[arg-type]


def _industry(value: str | None) -> str | None:
    from netmap.taxonomy import resolve_industry

    return resolve_industry(value) if value is not None else None


@main.command()
@click.argument("title", required=False)
@click.option("--company", default="", help="The employer, which decides the industry.")
@click.option("--input", "input_file", type=click.Path(), help="A CSV with a title (or position) column, and company.")
@format_option
def classify(title: str | None, company: str, input_file: str | None, fmt: str) -> None:
    """Explain how a title and company are classified (industry, function, seniority).

    \b
    Examples:
      netmap classify "Investment Banking Analyst" --company "J.P. Morgan"
      netmap classify --input titles.csv -f csv
    """
    from netmap.classify import classifier, read_titles

    if (title is None) == (input_file is None):
        raise click.UsageError("give a TITLE or --input FILE")
    pairs = read_titles(input_file) if input_file else [(title or "", company)]
    results = classifier().classify_many(pairs)
    rows = [results[pair].as_dict() for pair in pairs]
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
    from netmap.network import industry_counts

    emit(industry_counts(c.store), fmt, ["industry", "name", "count"])


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
    from netmap.taxonomy import FUNCTIONS, levels, resolve_choice

    if (company is None) == (person is None):
        raise click.UsageError("give a COMPANY or --person")
    slug = _industry(industry)
    store = c.store
    if company is not None:
        if slug is None or function_ or seniority:
            raise click.UsageError("a COMPANY takes --industry only (use --person for function or seniority)")
        with store.transaction():
            count = store.tag_company(company, slug)
        say(f"{company} is {slug} from now on ({count} people now)")
        return
    if not (slug or function_ or seniority):
        raise click.UsageError("say what is right: --industry, --function and/or --seniority")
    function = resolve_choice(function_, [*FUNCTIONS, "unknown"], "function") if function_ else None
    level = resolve_choice(seniority, [*levels(), "unknown"], "seniority") if seniority else None
    with store.transaction():
        pid = store.resolve_person(person or "")
        store.tag_person(pid, slug, function, level)
    say(f"tagged {store.name_of(pid)} (id {pid})")


SUGGEST_COLUMNS = ["score", "id", "name", "position", "company", "industry", "seniority", "mutual_count", "via", "why"]
SUGGEST_TABLE = ["score", "id", "name", "position", "company", "seniority", "mutual_count", "ask", "why"]


def suggest_options(limit: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The filters shared by suggest and map (which shows ``limit`` suggestions by default)."""
    return lambda f: _with_filters(f, limit)


def _with_filters(f: Callable[..., Any], limit: int) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--industry", help="A slug, synonym or sub-industry: finance, 'private equity', biotech…"),
            click.option("--role", help="A function (engineering, finance…) or words to find in titles ('analyst')."),
            click.option("--company", help="Only people at this company."),
            click.option("--seniority", help="Only these levels, comma-separated: entry,mid,senior…"),
            click.option(
                "--limit", type=click.IntRange(min=1), default=limit, show_default=True, help="How many suggestions."
            ),
            click.option(
                "--max-per-bridge", type=click.IntRange(min=1), help="At most K suggestions through one person."
            ),
            click.option("--include-first", is_flag=True, help="Also rank your own contacts who fit."),
            click.option(
                "--level-weights",
                metavar="LEVEL=W,…",
                help="How approachable each seniority counts, 0-1 (default favours entry to senior: "
                "mid=1, entry=0.9, senior=0.95, director=0.6, vp=0.45, c_level=0.3…).",
            ),
        ]
    ):
        f = option(f)
    return f


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
    from netmap.candidates import make_query
    from netmap.candidates import suggest as rank_people

    query = make_query(**filters)
    result = rank_people(c.store, query, explain)
    if result.strangers:
        say(
            f"the exports of {', '.join(result.strangers)} reach no one: netmap does not know them as your "
            "contacts. Import your own Connections.csv, or `netmap merge` each with their row among your "
            "contacts (find it with `netmap people --search NAME`)."
        )
    elif not result.has_friends and not c.store.is_empty():
        say(
            "no friend's export is imported yet, so there is no second degree to rank: these are your own "
            "contacts who fit. Ask a friend for their Connections.csv and run "
            '`netmap import FILE --owner "Their Name"`.'
        )
    rows = [asdict(s) for s in result.items]
    for row in rows:
        if row["score_parts"] is None:
            del row["score_parts"]
    if fmt == "table":  # position and company have columns of their own; the reason starts after them
        for row in rows:
            row["ask"] = row["via"][0] if row["via"] else "(your contact)"
            row["why"] = row["why"].split("; ", 1)[-1]
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
    from netmap.graph import paths

    store = c.store
    found = paths(store, store.resolve_person(person))
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
    from netmap.candidates import make_query
    from netmap.graph import map_graph
    from netmap.render import render

    query = make_query(**filters)
    page = render(map_graph(c.store, query, max_people), hide_names=hide_names)
    path = Path(out).resolve()
    try:
        path.write_text(page.html, encoding="utf-8")
    except OSError as exc:
        raise NetmapError(f"{out}: cannot write the map ({exc.strerror}) — choose another --out") from None
    click.echo(str(path))
    say(f"{page.people - 1} people on the map")
    if page.people == 1:
        nothing_imported()
    if open_:
        import webbrowser

        webbrowser.open(path.as_uri())


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
    from netmap.sample import demo as run_demo

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
    click.echo(f"Explore the demo further: netmap --db {result.store} suggest --industry consulting\n")
    click.echo(NEXT_STEPS)


NEXT_STEPS = """Now your own network, in three commands:
  netmap import ~/Downloads/Basic_LinkedInDataExport_MM-DD-YYYY.zip   # from LinkedIn: Settings > Data privacy
  netmap import friend_connections.csv --owner "Friend Name"          # a friend's Connections.csv
  netmap suggest --industry finance --role analyst                   # then: netmap map --open"""


def run() -> None:
    """The ``netmap`` program: :func:`main`, then exit without a last garbage collection over
    everything still alive (0.1-0.2 s after a large import); the operating system frees the memory."""
    try:
        main(prog_name="netmap")
    finally:
        gc.freeze()
