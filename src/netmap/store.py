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
from collections.abc import Iterable, Iterator, Sequence
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


class Store:
    """A netmap store in one SQLite file."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if sqlite3.sqlite_version_info < (3, 33):  # UPDATE … FROM (classification), UPSERT (tags)
            raise NetmapError(f"netmap needs SQLite 3.33 or newer; this Python has {sqlite3.sqlite_version}")
        # What a command computed once and may reuse until it writes (see :meth:`memo`).
        self.cache: dict[str, Any] = {}
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            _add_math_functions(self.db)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA cache_size = -65536")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise NetmapError(f"{self.path}: not a netmap store ({exc}) — choose another file with --db") from None

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise NetmapError(f"{self.path}: made by a newer netmap — upgrade netmap to use it")
        if version == len(MIGRATIONS):
            return
        with self.transaction():
            for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
                step(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")
            if self.meta("recompute_ties"):
                self.refresh_ties(self.db.execute("SELECT DISTINCT owner_id, person_id FROM observations").fetchall())
                self.db.execute("DELETE FROM meta WHERE key = 'recompute_ties'")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: a command that fails leaves the store exactly as it was."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            self.cache.clear()
            raise
        self.db.execute("COMMIT")

    def memo(self, key: str, compute: Any) -> Any:
        """``compute()``, remembered until this connection next writes anything (then computed again)."""
        held = self.cache.get(key)
        if held is not None and held[0] == self.db.total_changes:
            return held[1]
        value = compute()
        self.cache[key] = (self.db.total_changes, value)
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

    def jobs_of(self, person_id: int) -> list[tuple[str, str, str, str]]:
        """(company, position, the export that first showed it, who listed it) of one person, oldest
        first, each job once: what the exports show of their jobs over time."""
        rows = self.db.execute(
            """SELECT o.company, o.position, MIN(s.export_date) AS seen, MIN(o.owner_id) FROM observations o
               JOIN sources s ON s.id = o.source_id
               WHERE o.person_id = ? AND (o.company != '' OR o.position != '')
               GROUP BY o.company_key, o.position ORDER BY seen, o.company""",
            (person_id,),
        ).fetchall()
        return [(company, position, seen, self.name_of(owner)) for company, position, seen, owner in rows]

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
