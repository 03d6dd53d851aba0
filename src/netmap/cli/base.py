"""What every command shares: the ``netmap`` group, the store it opens on first use, the shared
options, and the one place output and errors are formatted.

Data goes to stdout; messages, warnings and progress to stderr. Exit codes: 0 success (also
"nothing found"), 1 a failure the user can fix, 2 bad usage.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from netmap import __version__
from netmap.errors import NetmapError, UsageProblem
from netmap.report import FORMATS, render, stream, terminal_width, visible

if TYPE_CHECKING:
    from netmap.models import Suggestion
    from netmap.store import Store


class NetmapCommand(click.Command):
    """A command that also takes ``--db`` after its name (``netmap sources --db x.db``), and shows its
    own usage line with a usage error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--db"],
                type=click.Path(dir_okay=False),
                expose_value=False,
                is_eager=True,
                callback=_set_db,
                help="The store file (as `netmap --db FILE`).",
            )
        )

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise click.UsageError(str(exc), ctx) from None


def _set_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    c = ctx.find_object(Context)
    if value is not None and c is not None:
        c.db_path = value


class NetmapGroup(click.Group):
    """Lists commands in the order they were added, and turns errors into one-line messages."""

    command_class = NetmapCommand

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
            raise click.ClickException(visible(str(exc))) from None
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(_store_problem(ctx, exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except OSError as exc:  # a file netmap could not use, or the output: a full disk, a closed terminal
            if exc.filename:
                raise click.ClickException(
                    visible(f"{exc.filename}: {exc.strerror or exc} — check the path and its permissions")
                ) from None
            raise click.ClickException(
                f"cannot write the output ({exc.strerror or exc}) — nothing more was done"
            ) from None
        except Exception as exc:
            if os.environ.get("NETMAP_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} — please report it (NETMAP_DEBUG=1 shows details)"
            ) from None


def _store_problem(ctx: click.Context, exc: sqlite3.DatabaseError) -> str:
    """What went wrong with the store, in words (SQLite's own are in brackets)."""
    c = ctx.find_object(Context)
    where = str(c.db_path or "the store") if c else "the store"
    text = str(exc)
    if "full" in text:
        return (
            f"the disk is full, so {where} could not be written ({text}) — free some space and run the "
            "command again; nothing was changed"
        )
    if "malformed" in text or "corrupt" in text:
        return (
            f"{where}: the store is damaged ({text}) — restore it from a backup if you have one, or start "
            "afresh with another --db"
        )
    if "locked" in text or "busy" in text:
        return f"{where}: another netmap kept the store busy for too long ({text}) — try again when it is done"
    if "readonly" in text or "read-only" in text:
        return f"{where}: the store cannot be written here ({text}) — check the file's permissions"
    return f"{where}: the store could not be used ({text})"


class Context:
    """What every command shares: where the store is, opened on first use."""

    def __init__(self, db: str | None):
        self.db_path = db
        self.wide = False  # --wide: tables show every column, nothing cut
        self.made = False  # this command made the store (it did not exist)
        self._store: Store | None = None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def unopened(self) -> bool:
        return self._store is None

    def _open(self, create: bool) -> Store:
        if self._store is None or (create and self._store.in_memory):
            from netmap.store import Store, default_path

            path = Path(self.db_path) if self.db_path else default_path()
            self.made = create and not path.exists()
            self._store = Store(path, create=create, on_wait=say, say=say)
        return self._store

    def discard_if_made(self) -> None:
        """After a failed first import: remove the empty store this command made, so a refused import
        leaves no file behind."""
        if self._store is not None and self.made and self._store.is_empty():
            path = self._store.path
            self.close()
            for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                name.unlink(missing_ok=True)

    @property
    def store(self) -> Store:
        """The store, for commands that change it (made when it does not exist yet)."""
        return self._open(create=True)

    @property
    def reader(self) -> Store:
        """The store, for commands that only read it: never made by them (a store that does not exist
        reads as an empty one), and they say when it was classified by an older netmap (they never
        reclassify it themselves)."""
        fresh = self._store is None
        store = self._open(create=False)
        if fresh and not store.in_memory:
            from netmap.api import needs_reclassifying

            if needs_reclassifying(store):
                say(
                    "note: this store was classified by another version of netmap's rules; run "
                    "`netmap classify --refresh` to classify everyone by the current ones"
                )
        return store


pass_ctx = click.make_pass_decorator(Context)


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``-f table|csv|json``, and ``--wide`` for a table of every column with nothing cut."""
    f = click.option(
        "--wide",
        is_flag=True,
        expose_value=False,
        callback=_set_wide,
        help="A table of every column, nothing cut (CSV and JSON are always complete).",
    )(f)
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output as a table, CSV or JSON.",
    )(f)


def _set_wide(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    c = ctx.find_object(Context)
    if c is not None:
        c.wide = value


def say(message: str) -> None:
    """A message for the user (stderr), never mixed with data; nothing in it can drive the terminal."""
    click.echo(visible(message), err=True)


def confirm(question: str, yes: bool) -> None:
    """Ask before a step that deletes, unless ``yes``; with no one to answer (stdin closed), say
    how to confirm instead of a bare "Aborted!"."""
    if yes:
        return
    try:
        answer = click.confirm(question, err=True)
    except click.Abort:  # end of input: nobody there
        if sys.stdin.isatty():
            raise
        raise click.UsageError(f"{question} — nobody answered: add --yes to confirm") from None
    if not answer:
        raise click.Abort()


def nothing_imported() -> bool:
    """Say so when the store is empty (a fresh machine, or a mistyped --db)."""
    c = click.get_current_context().find_object(Context)
    if c is None or c.unopened or not c.reader.is_empty():  # classify, for one, needs no store
        return False
    say(f"nothing imported yet into {c.reader.path}: run `netmap import Connections.csv` (or `netmap demo`)")
    return True


def emit(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: list[str],
    notes: str | None = None,
    wide: list[str] | None = None,
    empty: str = "nothing found",
    slugs: bool = False,
) -> None:
    """Rows to stdout: a table of ``columns`` fitted to the terminal (``notes`` a field on its own
    line beneath each row), or with ``--wide`` a table of the ``wide`` columns, nothing cut; CSV has
    the ``wide`` columns too, JSON every field. CSV and JSON are written as the rows come, so rows
    can be a generator over a listing too long to hold. When there are none, JSON is ``[]``, CSV its
    header, and stderr says ``empty``. A table names industries (``slugs``: as you type them)."""
    complete = wide or columns + ([notes] if notes else [])
    if fmt == "table":
        listed = list(rows)
        found = len(listed)
        c = click.get_current_context().find_object(Context)
        if listed and c is not None and c.wide:
            click.echo(render([_readable(row, slugs=slugs) for row in listed], fmt, complete), nl=False)
        elif listed:  # what fits: the columns that say something here, the note beneath
            used = [col for col in columns if any(row.get(col) not in (None, "", []) for row in listed)]
            shown = [_readable(row, short=True, slugs=slugs) for row in listed]
            click.echo(render(shown, fmt, used, notes, terminal_width()), nl=False)
    else:
        found = 0

        def counted() -> Iterator[dict[str, Any]]:
            nonlocal found
            for row in rows:
                found += 1
                yield row

        echo_pieces(stream(counted(), fmt, complete))
    if not found and not nothing_imported():
        say(empty)


def echo_pieces(pieces: Iterable[str], size: int = 1 << 16) -> None:
    """Text to stdout as it comes, in writes of about ``size`` characters."""
    held: list[str] = []
    length = 0
    for piece in pieces:
        held.append(piece)
        length += len(piece)
        if length >= size:
            click.echo("".join(held), nl=False)
            held, length = [], 0
    if held:
        click.echo("".join(held), nl=False)


SUGGEST_COLUMNS = [
    "score", "id", "name", "url", "position", "company", "industry", "sub_industry", "function", "seniority",
    "degree", "mutual_count", "via", "stage", "next_due", "why",
]  # fmt: skip
SUGGEST_TABLE = ["score", "name", "position", "company", "via"]  # and the reasons on a line of their own


def suggestion_rows(items: list[Suggestion], short: bool) -> list[dict[str, Any]]:
    """Suggestions as rows with the JSON keys; ``short`` (a table that fits): ``via`` is the friend to
    ask first, and ``why`` leaves out the position and company, which have columns."""
    rows = []
    for item in items:
        row = asdict(item)
        del row["why_parts"]
        if row["score_parts"] is None:
            del row["score_parts"]
        if short:
            row["via"] = item.via[0] if item.via else "(your contact)"
            row["why"] = "; ".join(item.why_parts[1:])
            if item.score_parts:
                row["why"] += " · " + ", ".join(f"{k} {v:g}" for k, v in item.score_parts.items())
        rows.append(row)
    return rows


def _readable(row: dict[str, Any], short: bool = False, slugs: bool = False) -> dict[str, Any]:
    """A row as a table shows it to a person: industries by name (slugs are for CSV and JSON), times
    to the minute; ``short``: the first of the friends who connect you, and how many more."""
    from netmap.taxonomy import taxonomy

    industry = () if slugs else ("industry", "sub_industry")
    named = {k: taxonomy().name_of(row[k]) for k in industry if row.get(k) not in (None, "")}
    if isinstance(row.get("imported_at"), str):
        named["imported_at"] = row["imported_at"].replace("T", " ")[:16]
    via = row.get("via")
    if short and isinstance(via, list) and via:
        named["via"] = via[0] + (f" +{len(via) - 1}" if len(via) > 1 else "")
    return {**row, **named}


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


def suggest_options(limit: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The filters shared by suggest and map (which shows ``limit`` suggestions by default)."""
    return lambda f: _with_filters(f, limit)


def _with_filters(f: Callable[..., Any], limit: int) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--industry", help="A slug, synonym or sub-industry: finance, 'private equity', biotech…"),
            click.option(
                "--role",
                help="A function (engineering, finance…), an abbreviation (IB, PE, SWE, PM…) or words to find "
                "in titles ('analyst').",
            ),
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
                "--all", "include_done", is_flag=True, help="Also people you already met, thanked, or who declined."
            ),
            click.option(
                "--max-open-per-bridge",
                type=click.IntRange(min=1),
                default=2,
                show_default=True,
                help="A friend waiting on this many of your asks is suggested last as the one to ask.",
            ),
            click.option(
                "--level-weights",
                metavar="LEVEL=W,…",
                help="How approachable each seniority counts, 0-1 (default favours entry to senior: "
                "entry=1, mid=1, senior=0.95, manager=0.8, director=0.6, vp=0.45, c_level=0.3…).",
            ),
        ]
    ):
        f = option(f)
    return f


def run() -> None:
    """The ``netmap`` program: :func:`main`, then exit without a last garbage collection over
    everything still alive (0.1-0.2 s after a large import); the operating system frees the memory."""
    try:
        main(prog_name="netmap")
    finally:
        gc.freeze()
