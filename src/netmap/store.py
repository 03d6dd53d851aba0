"""The embedded SQLite store: one file holding people, imports (sources), observations (who lists
whom), message counts and your corrections.

Every imported row is an *observation* (source, line, normalised fields) mapped to a person; an
observation is also the edge "the source's owner knows this person", and keeps the strength of that
tie. The schema is :mod:`netmap.migrations`; every command runs in one transaction
(:meth:`Store.transaction`). This module holds the connection and the row-level operations every
stage shares; who is who lives in :mod:`netmap.identity`, classification in :mod:`netmap.companies`.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netmap.errors import NetmapError, SourceNotFound
from netmap.migrations import MIGRATIONS
from netmap.models import Me, Source
from netmap.ties import messaged_tie, observed_tie

CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on host parameters

# Columns of an observation as the importer writes them, in order.
OBSERVATION_COLUMNS = (
    "source_id owner_id person_id line name name_key url email company company_key position connected_on strength tie"
).split()


# Counts over the whole store that commands read without counting again (meta "kept.NAME"), each
# registered here by the module that owns it (netmap.network: the degree counts). Every transaction
# that changes the store drops them all and, before it commits, computes each again: one that is
# stored is never stale, and one that is missing (its module was not loaded) is counted when read.
KEPT: dict[str, Callable[[Store], str]] = {}


def default_path() -> Path:
    """Where the store lives unless ``--db`` or ``NETMAP_DB`` says otherwise."""
    env = os.environ.get("NETMAP_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("netmap", appauthor=False)) / "netmap.db"


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _add_math_functions(db: sqlite3.Connection) -> None:
    """ln, exp and sqrt for SQLite builds compiled without its math functions (they are optional)."""
    try:
        db.execute("SELECT ln(1), exp(0), sqrt(1)")
    except sqlite3.OperationalError:
        add_python_math(db)


def add_python_math(db: sqlite3.Connection) -> None:
    for name, function in (("ln", math.log), ("exp", math.exp), ("sqrt", math.sqrt)):
        db.create_function(name, 1, function, deterministic=True)


def marks(values: Sequence[Any]) -> str:
    """``?, ?, ?`` for an ``IN (…)`` list of these values."""
    return ",".join("?" * len(values))


APPLICATION_ID = 0x4E4D4150  # "NMAP" in the file's header: this SQLite file is a netmap store
SQLITE_HEADER = b"SQLite format 3\x00"
WAIT = 600  # seconds a write waits for another netmap to finish before giving up
SHORT_WAIT_MS = 200  # SQLite's own retry first: past it, netmap says it is waiting, then waits for WAIT


def _not_ours(path: Path, why: str) -> NetmapError:
    return NetmapError(f"{path}: {why} — netmap left it untouched; choose another file with --db")


def damaged(path: Path, exc: Exception) -> NetmapError:
    return NetmapError(
        f"{path}: the store is damaged ({exc}) — restore it from a backup ({path.name}.bak-v…) if you have "
        "one, or start afresh with another --db"
    )


class Store:
    """A netmap store in one SQLite file.

    ``create=False`` (what read commands use) never makes a file: a store that does not exist yet
    opens as an empty one in memory. An existing file that is not a netmap store is refused and left
    untouched. Writes wait for another netmap that is writing (``on_wait`` hears of it once).
    """

    def __init__(
        self,
        path: str | Path | None = None,
        create: bool = True,
        on_wait: Callable[[str], None] | None = None,
        say: Callable[[str], None] | None = None,
    ):
        self.path = Path(path) if path is not None else default_path()
        self.on_wait = on_wait
        self.say = say or (lambda _message: None)
        # What a command computed once and may reuse until it writes (see :meth:`memo`).
        self.cache: dict[str, Any] = {}
        self.writes = 0  # transactions begun: what memo() results depend on
        if sqlite3.sqlite_version_info < (3, 33):  # UPDATE … FROM (classification), UPSERT (tags)
            raise NetmapError(f"netmap needs SQLite 3.33 or newer; this Python has {sqlite3.sqlite_version}")
        self.in_memory = not create and not self.path.exists()
        self.writable = create
        if not self.in_memory:
            self._check_file(create)
        try:
            self.db = sqlite3.connect(
                ":memory:" if self.in_memory else self.path, isolation_level=None, timeout=SHORT_WAIT_MS / 1000
            )
            _add_math_functions(self.db)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA cache_size = -65536")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self.db.execute("PRAGMA secure_delete = ON")  # what is deleted is overwritten, not left in free pages
            if not self.in_memory:
                self._patiently(self._claim)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "corrupt" in str(exc):
                raise damaged(self.path, exc) from None
            if "locked" in str(exc) or "busy" in str(exc):
                raise NetmapError(f"{self.path}: another netmap kept the store busy for too long — try again") from None
            if "unable to open" in str(exc):
                raise NetmapError(
                    f"{self.path}: cannot open or create the store here ({exc}) — check the folder's "
                    "permissions, or choose another place with --db or NETMAP_DB"
                ) from None
            if "not a database" in str(exc) or "encrypted" in str(exc):
                raise _not_ours(self.path, f"not a netmap store ({exc})") from None
            raise  # a full disk, an I/O error: the command line says which (cli.base)

    def _check_file(self, create: bool) -> None:
        """Refuse a path that cannot be a store, before anything is written."""
        try:
            if self.path.exists() and not self.path.is_file():
                raise _not_ours(self.path, "this is a folder, not a store file")
            if self.path.exists() and self.path.stat().st_size:
                with self.path.open("rb") as file:
                    if file.read(16) != SQLITE_HEADER:
                        raise _not_ours(self.path, "this is not a SQLite file, so not a netmap store")
            elif create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NetmapError(
                f"{self.path}: cannot use this place for the store ({exc.strerror}) — choose another with --db "
                "or NETMAP_DB"
            ) from None

    def _claim(self) -> None:
        """An existing SQLite file must be a netmap store (our application id, or the tables of one
        made before netmap marked its files); a new one is marked, and written ahead (WAL) so that
        readers never wait for a writer."""
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == APPLICATION_ID or (app_id == 0 and version >= 1 and {"meta", "people", "observations"} <= tables):
            pass
        elif app_id == 0 and version == 0 and not tables:
            pass  # empty: a new store
        else:
            raise _not_ours(self.path, "this SQLite file belongs to another program")
        mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
        # a store made before netmap wrote ahead changes switches on its next write
        if mode != "wal" and self.writable and self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            self.say(
                f"note: {self.path} cannot use write-ahead logging here (a network drive?): while one netmap "
                "writes, another cannot read"
            )

    def close(self) -> None:
        self.db.close()

    def compact(self) -> None:
        """Rewrite the file without its free pages, and empty the write-ahead log: after a forget,
        nothing of what went stays readable in the file (secure_delete zeroes the rest as it goes)."""
        if self.in_memory:
            return
        try:
            self._patiently(lambda: self.db.execute("VACUUM"))  # waits for another netmap, and says so
            done = self._patiently_fetch("PRAGMA wal_checkpoint(TRUNCATE)") == 0  # 1: a reader kept the log
        except sqlite3.OperationalError:
            done = False
        if not done:  # what was forgotten is gone from every table; only the file's free pages may still hold it
            self.say(
                f"note: {self.path} could not be rewritten yet (another netmap is using it): "
                "the next forget, or `netmap classify --refresh`, rewrites it"
            )

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise NetmapError(f"{self.path}: made by a newer netmap — upgrade netmap to use it")
        if version == len(MIGRATIONS):
            return
        if version and not self.in_memory:
            self._back_up(version)
        with self.transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]  # another netmap may have done it
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                step(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if self.meta("recompute_ties"):
                self.refresh_ties(self.db.execute("SELECT DISTINCT owner_id, person_id FROM observations").fetchall())
                self.db.execute("DELETE FROM meta WHERE key = 'recompute_ties'")
            self._keep_counts()  # a store from before they were kept has them from now on

    def _back_up(self, version: int) -> None:
        """Before an upgrade changes the store, a copy of it as it was (``….bak-v2``)."""
        copy = self.path.with_name(f"{self.path.name}.bak-v{version}")
        if copy.exists():
            return
        target = sqlite3.connect(copy)
        try:
            self.db.backup(target)
        finally:
            target.close()
        self.say(f"netmap upgrades your store to its new layout; the store as it was is kept in {copy}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: a command that fails leaves the store exactly as it was. Waits (up to ten
        minutes) for another netmap that is writing."""
        if self.db.in_transaction:
            yield
            return
        self._begin()
        changes = self.db.total_changes
        try:
            yield
            if self.db.total_changes != changes:
                self._keep_counts()
        except BaseException:
            if self.db.in_transaction:  # SQLite has already rolled back when, say, the disk is full
                self.db.execute("ROLLBACK")
            self.cache.clear()
            raise
        self.db.execute("COMMIT")

    def _keep_counts(self) -> None:
        self.db.execute("DELETE FROM meta WHERE key LIKE 'kept.%'")
        for name, count in KEPT.items():
            self.set_meta(f"kept.{name}", count(self))

    def kept(self, name: str) -> str:
        """A count of :data:`KEPT` as the last change left it, or counted now when it is missing."""
        return self.meta(f"kept.{name}") or KEPT[name](self)

    def _patiently(self, step: Callable[[], object]) -> None:
        """``step()``, waiting (up to ten minutes, and saying so) while another netmap holds the
        file: it is writing, creating the store, or switching it to write-ahead logging."""
        try:
            step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if self.on_wait:
                self.on_wait("waiting for another netmap to finish…")
            self.db.execute(f"PRAGMA busy_timeout = {WAIT * 1000}")
            step()
            self.db.execute(f"PRAGMA busy_timeout = {SHORT_WAIT_MS}")

    def _patiently_fetch(self, sql: str) -> int:
        """The first value of a pragma's answer (a checkpoint's "busy"), waiting like :meth:`_patiently`."""
        found: list[int] = []
        self._patiently(lambda: found.append(self.db.execute(sql).fetchone()[0]))
        return found[0]

    def _begin(self) -> None:
        self._patiently(lambda: self.db.execute("BEGIN IMMEDIATE"))
        self.writes += 1

    def memo(self, key: str, compute: Any) -> Any:
        """``compute()``, remembered until this connection next writes the store (then computed again).
        Outside a transaction only the temp tables change (id lists, candidates), which never matter."""
        stamp = (self.writes, self.db.total_changes if self.db.in_transaction else 0)
        held = self.cache.get(key)
        if held is not None and held[0] == stamp:
            return held[1]
        value = compute()
        self.cache[key] = (stamp, value)
        return value

    # --- meta and you ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def me_id(self) -> int:
        return int(self.meta("me_id") or 0)

    def me(self) -> Me:
        row = self.db.execute("SELECT name, url FROM people WHERE id = ?", (self.me_id,)).fetchone()
        return Me(name=row[0] or None, url=row[1] or None)

    PROFILE = ("school", "program", "year", "interest", "headline")

    def profile(self) -> dict[str, str]:
        """What you told netmap about yourself (``whoami --school …``), or your archive did."""
        return {field: self.meta(f"profile.{field}") or "" for field in self.PROFILE}

    def set_profile(self, only_missing: bool = False, **fields: str | None) -> None:
        for field, value in fields.items():
            if field not in self.PROFILE:
                raise NetmapError(f"no profile field {field!r}")
            if value is not None and not (only_missing and self.meta(f"profile.{field}")):
                self.set_meta(f"profile.{field}", " ".join(value.split()))

    def person(self, person_id: int) -> dict[str, Any] | None:
        """One person's stored fields (name, url, company, position and their classification)."""
        cursor = self.db.execute(
            """SELECT id, name, url, company, position, industry, sub_industry, function, seniority, founder
               FROM people WHERE id = ?""",
            (person_id,),
        )
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None

    def exists(self, person_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is not None

    def name_of(self, person_id: int) -> str:
        row = self.db.execute("SELECT name, is_me FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            return f"#{person_id}"
        return "you" if row[1] else (row[0] or f"#{person_id}")

    def names_of(self, ids: Iterable[int]) -> dict[int, str]:
        """Display names of some people ("you" for you)."""
        found = {
            pid: name or f"#{pid}"
            for pid, name in self.select_in("SELECT id, name FROM people WHERE id IN ({ids})", ids)
        }
        if self.me_id in found:
            found[self.me_id] = "you"
        return found

    # --- id lists -------------------------------------------------------------------------------

    def select_in(self, query: str, ids: Iterable[int], args: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of ``query`` for these ids, a chunk at a time: ``{ids}`` in the query stands for the
        list (``WHERE id IN ({ids})``); ``args`` fill the parameters before it."""
        ids = list(ids)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            yield from self.db.execute(query.replace("{ids}", marks(chunk)), [*args, *chunk])

    def temp_ids(self, name: str, ids: Iterable[int]) -> str:
        """Fill the temporary table ``temp.name`` with these ids; returns ``(SELECT id FROM temp.name)``
        for an ``IN`` clause."""
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
        self.db.execute(f"DELETE FROM temp.{name}")
        self.db.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", ((i,) for i in ids))
        return f"(SELECT id FROM temp.{name})"

    def temp_keys(self, name: str, keys: Iterable[str]) -> str:
        """:meth:`temp_ids` for text keys."""
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (key TEXT PRIMARY KEY) WITHOUT ROWID")
        self.db.execute(f"DELETE FROM temp.{name}")
        self.db.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", ((k,) for k in keys))
        return f"(SELECT key FROM temp.{name})"

    def count_people(self) -> int:
        """Everyone in the store but you."""
        return int(self.db.execute("SELECT COUNT(*) FROM people WHERE NOT is_me").fetchone()[0])

    def next_person_id(self) -> int:
        return int(self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0])

    # --- sources and what they hold -------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM sources LIMIT 1").fetchone() is None

    def sources(self) -> list[Source]:
        rows = self.db.execute(
            """SELECT s.id, s.path, s.kind, s.owner_id, s.rows, s.skipped,
                      (SELECT COUNT(DISTINCT person_id) FROM observations WHERE source_id = s.id)
                    + (SELECT COUNT(DISTINCT person_id) FROM interactions WHERE source_id = s.id),
                      s.imported_at
               FROM sources s ORDER BY s.id"""
        ).fetchall()
        return [Source(r[0], r[1], r[2], self.name_of(r[3]), r[4], r[5], r[6], r[7]) for r in rows]

    def source_ids_of(self, owner_id: int) -> list[int]:
        rows = self.db.execute("SELECT id FROM sources WHERE owner_id = ? ORDER BY id", (owner_id,))
        return [r[0] for r in rows]

    def check_sources(self, source_ids: Iterable[int]) -> None:
        for sid in source_ids:
            if not self.db.execute("SELECT 1 FROM sources WHERE id = ?", (sid,)).fetchone():
                raise SourceNotFound(f"no import with id {sid} — see `netmap sources`")

    def same_source(self, owner_id: int, kind: str, content_hash: str) -> int | None:
        """The import of this owner with exactly this content, if any."""
        row = self.db.execute(
            "SELECT id FROM sources WHERE owner_id = ? AND kind = ? AND content_hash = ?",
            (owner_id, kind, content_hash),
        ).fetchone()
        return int(row[0]) if row else None

    def sources_of_kind(self, owner_id: int, kind: str) -> list[tuple[int, str]]:
        """(id, export date) of this owner's imports of one kind."""
        return self.db.execute(
            "SELECT id, export_date FROM sources WHERE owner_id = ? AND kind = ?", (owner_id, kind)
        ).fetchall()

    def add_source(
        self,
        path: str,
        kind: str,
        fmt: str,
        owner_id: int,
        rows: int,
        skipped: int,
        content_hash: str,
        export_date: str,
    ) -> int:
        new = self.db.execute(
            """INSERT INTO sources (path, kind, format, owner_id, rows, skipped, content_hash, export_date, imported_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (path, kind, fmt, owner_id, rows, skipped, content_hash, export_date, now()),
        ).lastrowid
        assert new is not None
        return int(new)

    def add_observations(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows of :data:`OBSERVATION_COLUMNS`."""
        self.db.executemany(
            f"INSERT INTO observations ({', '.join(OBSERVATION_COLUMNS)}) VALUES ({marks(OBSERVATION_COLUMNS)})", rows
        )

    def add_interactions(self, rows: Iterable[tuple[int, int, int, int, str]]) -> None:
        """(source, owner, person, message count, last date) rows."""
        self.db.executemany(
            "INSERT INTO interactions (source_id, owner_id, person_id, count, last_date) VALUES (?, ?, ?, ?, ?)", rows
        )

    def contacts_of(self, owner_id: int) -> set[int]:
        """Everyone an owner's imports list."""
        rows = self.db.execute("SELECT DISTINCT person_id FROM observations WHERE owner_id = ?", (owner_id,))
        return {r[0] for r in rows}

    def people_of_sources(self, source_ids: Sequence[int]) -> set[int]:
        rows = self.db.execute(
            f"SELECT DISTINCT person_id FROM observations WHERE source_id IN ({marks(source_ids)})", source_ids
        )
        return {r[0] for r in rows}

    def messaged_edges(self, source_ids: Sequence[int] | None = None, person_id: int | None = None) -> list[Any]:
        """(owner, person) pairs with message counts: from some imports, or touching one person."""
        if person_id is not None:
            return self.db.execute(
                "SELECT DISTINCT owner_id, person_id FROM interactions WHERE person_id = ? OR owner_id = ?",
                (person_id, person_id),
            ).fetchall()
        ids = list(source_ids or [])
        return self.db.execute(
            f"SELECT DISTINCT owner_id, person_id FROM interactions WHERE source_id IN ({marks(ids)})", ids
        ).fetchall()

    def messaged_edges_of_source(self, owner_id: int, source_id: int) -> list[Any]:
        """The owner's message-counted edges to the people one of their imports lists."""
        return self.db.execute(
            """SELECT DISTINCT i.owner_id, i.person_id FROM interactions i
               JOIN observations o ON o.owner_id = i.owner_id AND o.person_id = i.person_id
               WHERE i.owner_id = ? AND o.source_id = ?""",
            (owner_id, source_id),
        ).fetchall()

    def jobs_of(self, person_id: int) -> list[tuple[str, str, str, str, bool]]:
        """(company, position, the export that first showed it, who listed it, whether only a referral
        said so) of one person, oldest first, each job once: what the exports show over time."""
        rows = self.db.execute(
            """SELECT o.company, o.position, MIN(s.export_date) AS seen, MIN(o.owner_id),
                      MIN(s.kind = 'referral') FROM observations o
               JOIN sources s ON s.id = o.source_id
               WHERE o.person_id = ? AND (o.company != '' OR o.position != '')
               GROUP BY o.company_key, o.position ORDER BY seen, o.company""",
            (person_id,),
        ).fetchall()
        return [(company, position, seen, self.name_of(owner), bool(told))
                for company, position, seen, owner, told in rows]  # fmt: skip

    def messages_with(self, person_id: int) -> tuple[int, str | None]:
        """How many messages you exchanged with someone, and the date of the last (your archive)."""
        count, last = self.db.execute(
            "SELECT COALESCE(SUM(count), 0), MAX(last_date) FROM interactions WHERE owner_id = ? AND person_id = ?",
            (self.me_id, person_id),
        ).fetchone()
        return int(count), last or None

    def delete_sources(self, source_ids: Sequence[int]) -> None:
        """Remove imports and every row they contributed (people are the identity layer's to tidy)."""
        for table, column in (("observations", "source_id"), ("interactions", "source_id"), ("sources", "id")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks(source_ids)})", list(source_ids))

    # --- ties -----------------------------------------------------------------------------------

    def refresh_ties(self, edges: Iterable[tuple[int, int]]) -> None:
        """Recompute the stored tie of these (owner, person) edges: what each row shows (connection
        date, edge weight) plus what messages between them add. Called whenever messages change."""
        updates = []
        for owner, person in set(edges):
            count, last = self.db.execute(
                "SELECT COALESCE(SUM(count), 0), MAX(last_date) FROM interactions WHERE owner_id = ? AND person_id = ?",
                (owner, person),
            ).fetchone()
            for oid, connected, as_of, weight in self.db.execute(
                """SELECT o.id, o.connected_on, s.export_date, o.strength FROM observations o
                   JOIN sources s ON s.id = o.source_id WHERE o.owner_id = ? AND o.person_id = ?""",
                (owner, person),
            ):
                tie = observed_tie(connected, as_of, weight)
                updates.append((messaged_tie(tie, count if weight is None else 0, last, as_of), oid))
        self.db.executemany("UPDATE observations SET tie = ? WHERE id = ?", updates)
