"""The embedded SQLite store: people, sources, observations (who lists whom), messages, overrides.

Every imported row is an *observation* (source, line, normalised fields) mapped to a person; an
observation is also the edge "the source's owner knows this person". A person's current company
and position come from their newest observation. The schema is a list of ordered migrations;
every command runs in one transaction (:meth:`Store.transaction`).
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netmap.errors import AmbiguousPerson, NetmapError, PersonNotFound, SourceNotFound
from netmap.identity import Index, Row, pin_key
from netmap.models import Me, Source
from netmap.normalize import clean_text, company_key, linkedin_slug, linkedin_url, name_key

MIGRATIONS = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        name_key TEXT NOT NULL DEFAULT '',
        url TEXT,
        email TEXT,
        company TEXT NOT NULL DEFAULT '',
        company_key TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        as_of TEXT NOT NULL DEFAULT '',
        is_me INTEGER NOT NULL DEFAULT 0,
        industry TEXT,
        function TEXT,
        seniority TEXT,
        founder INTEGER,
        confidence REAL,
        evidence TEXT
    );
    CREATE INDEX people_industry ON people (industry);
    CREATE INDEX people_name ON people (name_key);
    CREATE TABLE person_keys (
        key TEXT PRIMARY KEY,
        person_id INTEGER NOT NULL,
        manual INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX person_keys_person ON person_keys (person_id);
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        format TEXT NOT NULL,
        owner_id INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        export_date TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL,
        owner_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        line INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        url TEXT NOT NULL,
        email TEXT NOT NULL,
        company TEXT NOT NULL,
        company_key TEXT NOT NULL,
        position TEXT NOT NULL,
        connected_on TEXT NOT NULL,
        strength REAL
    );
    CREATE INDEX observations_edge ON observations (owner_id, person_id);
    CREATE INDEX observations_person ON observations (person_id, owner_id);
    CREATE INDEX observations_source ON observations (source_id);
    CREATE TABLE interactions (
        source_id INTEGER NOT NULL,
        owner_id INTEGER NOT NULL,
        person_id INTEGER NOT NULL,
        count INTEGER NOT NULL,
        last_date TEXT NOT NULL
    );
    CREATE INDEX interactions_edge ON interactions (owner_id, person_id);
    CREATE INDEX interactions_source ON interactions (source_id);
    """,
    # 2: classification is stored per person (sub-industry too), corrections persist, and each
    # observation keeps the strength of its tie so ranking reads it with the edge.
    """
    ALTER TABLE people ADD COLUMN sub_industry TEXT;
    CREATE INDEX people_sub_industry ON people (sub_industry);
    UPDATE people SET industry = NULL;
    ALTER TABLE observations ADD COLUMN tie REAL NOT NULL DEFAULT 0.5;
    DROP INDEX observations_edge;
    CREATE INDEX observations_edge ON observations (owner_id, person_id, tie);
    DROP INDEX observations_person;
    CREATE INDEX observations_person ON observations (person_id, owner_id, tie);
    CREATE TABLE company_tags (
        company_key TEXT PRIMARY KEY,
        company TEXT NOT NULL,
        industry TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE person_tags (
        person_id INTEGER PRIMARY KEY,
        industry TEXT,
        function TEXT,
        seniority TEXT
    );
    """,
]


def _industry_slug(tag: str) -> tuple[str, str | None]:
    """A tag's industry and sub-industry: "finance.pe_vc" -> ("finance", "finance.pe_vc")."""
    return tag.partition(".")[0], tag if "." in tag else None


def listed(rows: list[tuple[int, str, str]]) -> str:
    """'12 Ava Chen (Goldman Sachs); 57 Ava Chen (Stripe)': people as a message lists them."""
    return "; ".join(f"{pid} {name}" + (f" ({company})" if company else "") for pid, name, company in rows[:10])


# Tables with a person column, other than people itself: cleaned up when a person goes.
PERSON_REFERENCES = [("person_keys", "person_id"), ("interactions", "person_id"), ("person_tags", "person_id")]
# Columns a merge moves from the merged person to the one that stays.
MERGE_REFERENCES = [
    ("observations", "person_id"),
    ("observations", "owner_id"),
    ("interactions", "person_id"),
    ("interactions", "owner_id"),
    ("sources", "owner_id"),
    ("person_tags", "person_id"),
]


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


class Store:
    """A netmap store in one SQLite file."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if sqlite3.sqlite_version_info < (3, 33):  # UPDATE … FROM (classification), UPSERT (tags)
            raise NetmapError(f"netmap needs SQLite 3.33 or newer; this Python has {sqlite3.sqlite_version}")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            _add_math_functions(self.db)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA cache_size = -65536")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise NetmapError(f"{self.path}: not a netmap store ({exc}) — choose another file with --db") from None
        self._index: Index | None = None

    classification_columns = "industry, function, seniority, sub_industry"

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise NetmapError(f"{self.path}: made by a newer netmap — upgrade netmap to use it")
        if version == len(MIGRATIONS):
            return
        with self.transaction():
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                if number == 2:
                    self._backfill_ties()
                self.db.execute(f"PRAGMA user_version = {number}")
            if self.meta("me_id") is None:  # a new store: you, and the taxonomy everyone will be classified by
                me = self.db.execute("INSERT INTO people (is_me) VALUES (1)").lastrowid
                self.set_meta("me_id", str(me))
                from netmap.taxonomy import taxonomy

                self.set_meta("taxonomy_version", taxonomy().version)

    def _backfill_ties(self) -> None:
        self.refresh_ties(self.db.execute("SELECT DISTINCT owner_id, person_id FROM observations").fetchall())

    def refresh_ties(self, edges: Iterable[tuple[int, int]]) -> None:
        """Recompute the stored tie of these (owner, person) edges: what each row shows (connection
        date, edge weight) plus what messages between them add. Called whenever messages change."""
        from netmap.rank import message_bonus, observed_tie

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
                if count and weight is None:
                    tie = min(1.0, tie + message_bonus(count, last, as_of))
                updates.append((tie, oid))
        self.db.executemany("UPDATE observations SET tie = ? WHERE id = ?", updates)

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
            self._index = None
            raise
        self.db.execute("COMMIT")

    # --- small helpers ----------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def me_id(self) -> int:
        return int(self.meta("me_id") or 0)

    def name_of(self, person_id: int) -> str:
        row = self.db.execute("SELECT name, is_me FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            return f"#{person_id}"
        return "you" if row[1] else (row[0] or f"#{person_id}")

    def index(self) -> Index:
        """The in-memory identity index, loaded once per command."""
        if self._index is None:
            index = Index()
            for key, pid in self.db.execute("SELECT key, person_id FROM person_keys"):
                index.add_key(key, pid)
            query = "SELECT DISTINCT person_id, name_key, company_key FROM observations"
            for pid, nk, ck in self.db.execute(query):
                index.add_row(pid, Row(nk, ck, "", ""))
            self._index = index
        return self._index

    def add_key(self, key: str, person_id: int, manual: bool = False) -> None:
        verb = "INSERT OR REPLACE" if manual else "INSERT OR IGNORE"
        self.db.execute(
            f"{verb} INTO person_keys (key, person_id, manual) VALUES (?, ?, ?)",
            (key, person_id, int(manual)),
        )

    # --- you --------------------------------------------------------------------------------

    def me(self) -> Me:
        row = self.db.execute("SELECT name, url FROM people WHERE id = ?", (self.me_id,)).fetchone()
        return Me(name=row[0] or None, url=row[1] or None)

    def set_me(self, name: str | None = None, url: str | None = None, only_missing: bool = False) -> list[str]:
        """Set who you are (``only_missing``: fill in only what is not known yet). People already
        imported who are you (your URL; or your exact name, no other URL, and not in your own
        imports) are merged into you. Returns their names."""
        current = self.me()
        me = self.me_id
        slug = None
        if url and not (only_missing and current.url):
            slug = linkedin_slug(url)
            if slug is None:
                raise NetmapError(f"{url!r} is not a LinkedIn profile URL (https://www.linkedin.com/in/…)")
            self.db.execute("DELETE FROM person_keys WHERE person_id = ? AND key LIKE 'li:%'", (me,))
            self.db.execute("UPDATE people SET url = ? WHERE id = ?", (linkedin_url(slug), me))
        if name and not (only_missing and current.name):
            clean = clean_text(name)
            self.db.execute("UPDATE people SET name = ?, name_key = ? WHERE id = ?", (clean, name_key(clean), me))
        found = self._people_who_are_me()
        names = [self.name_of(pid) for pid in found]
        for pid in found:
            self.merge(me, pid)
        if slug:
            self.add_key("li:" + slug, me, manual=True)
        self._index = None
        return names

    def is_my_name(self, text: str) -> bool:
        key = name_key(text)
        return bool(key) and key == name_key(self.me().name or "")

    def _people_who_are_me(self) -> list[int]:
        me = self.me_id
        nk, url = self.db.execute("SELECT name_key, url FROM people WHERE id = ?", (me,)).fetchone()
        found: set[int] = set()
        slug = linkedin_slug(url) if url else None
        if slug:
            row = self.db.execute(
                "SELECT person_id FROM person_keys WHERE key = ? AND person_id != ?", ("li:" + slug, me)
            ).fetchone()
            found |= {row[0]} if row else set()
        if nk:
            rows = self.db.execute(
                """SELECT p.id FROM people p WHERE p.name_key = ? AND NOT p.is_me
                   AND (p.url IS NULL OR p.url = ?)
                   AND NOT EXISTS (SELECT 1 FROM observations o
                                   WHERE o.person_id = p.id AND o.owner_id = ?)""",
                (nk, url or "", me),
            )
            found |= {r[0] for r in rows}
        return sorted(found)

    # --- finding people ---------------------------------------------------------------------

    def resolve_person(self, text: str) -> int:
        """A person id from an id, a LinkedIn URL or an unambiguous name."""
        text = text.strip()
        if text.isdigit():
            if self.db.execute("SELECT 1 FROM people WHERE id = ?", (int(text),)).fetchone():
                return int(text)
            raise PersonNotFound(f"no person with id {text} — see `netmap people` for ids")
        slug = linkedin_slug(text) if "linkedin" in text.lower() else None
        if slug:
            row = self.db.execute("SELECT person_id FROM person_keys WHERE key = ?", ("li:" + slug,)).fetchone()
            if row:
                return int(row[0])
            raise PersonNotFound(f"no person with the URL {text}")
        key = name_key(text)
        rows = self.db.execute(
            "SELECT id, name, company FROM people WHERE name_key = ? AND NOT is_me ORDER BY id", (key,)
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
        if rows:
            raise AmbiguousPerson(f"{text!r} matches {len(rows)} people — use an id: {listed(rows)}")
        if self.is_my_name(text):
            raise PersonNotFound(f"{text!r} is you")
        near = self._similar_names(key)
        hint = f" — did you mean {listed(near)}?" if near else " — see `netmap people --search`"
        raise PersonNotFound(f"no person named {text!r}{hint}")

    def _similar_names(self, key: str) -> list[tuple[int, str, str]]:
        """Up to six people whose name is close to ``key`` ("ava" finds Ava Chen, "ava chem" too)."""
        from rapidfuzz import fuzz, process

        keys = dict(self.db.execute("SELECT id, name_key FROM people WHERE NOT is_me"))
        found = process.extract(key, keys, scorer=fuzz.token_set_ratio, score_cutoff=80, limit=None)
        ids = [pid for _, _, pid in sorted(found, key=lambda f: (-f[1], f[2]))[:6]]
        rows = self.db.execute(f"SELECT id, name, company FROM people WHERE id IN ({','.join(map(str, ids))})")
        by_id = {row[0]: row for row in rows}
        return [by_id[pid] for pid in ids]

    # --- sources ----------------------------------------------------------------------------

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

    def forget(self, source_ids: list[int]) -> int:
        """Remove imports; people only they contributed disappear. Returns how many people went."""
        for sid in source_ids:
            if not self.db.execute("SELECT 1 FROM sources WHERE id = ?", (sid,)).fetchone():
                raise SourceNotFound(f"no import with id {sid} — see `netmap sources`")
        touched = self._people_of_sources(source_ids)
        messaged = self.db.execute(
            "SELECT DISTINCT owner_id, person_id FROM interactions WHERE source_id IN "
            f"({','.join('?' * len(source_ids))})",
            source_ids,
        ).fetchall()
        for sid in source_ids:
            self.db.execute("DELETE FROM observations WHERE source_id = ?", (sid,))
            self.db.execute("DELETE FROM interactions WHERE source_id = ?", (sid,))
            self.db.execute("DELETE FROM sources WHERE id = ?", (sid,))
        gone = self.collect_garbage()
        self.refresh_people(touched)
        self.refresh_ties(messaged)
        self._index = None
        self.classify_pending()
        return gone

    def _people_of_sources(self, source_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for sid in source_ids:
            rows = self.db.execute("SELECT DISTINCT person_id FROM observations WHERE source_id = ?", (sid,))
            found |= {r[0] for r in rows}
        return found

    def collect_garbage(self) -> int:
        """Delete people no observation, import or you refers to; returns how many."""
        self.db.execute("""CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY)""")
        self.db.execute("DELETE FROM temp.doomed")
        self.db.execute(
            """INSERT INTO temp.doomed SELECT p.id FROM people p
               WHERE NOT p.is_me
                 AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.person_id = p.id)
                 AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.owner_id = p.id)"""
        )
        count = self.db.execute("SELECT COUNT(*) FROM temp.doomed").fetchone()[0]
        if count:
            for table, column in PERSON_REFERENCES:
                self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM temp.doomed)")
            self.db.execute("DELETE FROM people WHERE id IN (SELECT id FROM temp.doomed)")
        return int(count)

    def refresh_people(self, person_ids: set[int] | list[int]) -> None:
        """Recompute name, company, position, URL and email from each person's newest observation."""
        for pid in person_ids:
            newest = self.db.execute(
                """SELECT o.name, o.name_key, o.company, o.company_key, o.position, s.export_date
                   FROM observations o JOIN sources s ON s.id = o.source_id
                   WHERE o.person_id = ? ORDER BY s.export_date DESC, o.id DESC LIMIT 1""",
                (pid,),
            ).fetchone()
            if newest is None:
                continue
            self.db.execute(
                """UPDATE people SET name = ?, name_key = ?, company = ?, company_key = ?,
                   position = ?, as_of = ?, industry = NULL WHERE id = ? AND NOT is_me""",
                (*newest, pid),
            )
            for column in ("url", "email"):
                value = self.db.execute(
                    f"""SELECT o.{column} FROM observations o JOIN sources s ON s.id = o.source_id
                        WHERE o.person_id = ? AND o.{column} != ''
                        ORDER BY s.export_date DESC, o.id DESC LIMIT 1""",
                    (pid,),
                ).fetchone()
                self.db.execute(
                    f"UPDATE people SET {column} = ? WHERE id = ? AND NOT is_me",
                    (value[0] if value else None, pid),
                )

    # --- fixing identity by hand ------------------------------------------------------------

    def merge(self, keep: int, gone: int) -> int:
        """Make two people one; the first keeps its id (you always stay you). Pins the rows of
        both so re-imports land on the same person. Returns the surviving id."""
        if keep == gone:
            raise NetmapError(f"{self.name_of(keep)} (id {keep}) is already one person")
        if gone == self.me_id:
            keep, gone = gone, keep
        for owner, nk, ck, url in self.db.execute(
            "SELECT DISTINCT owner_id, name_key, company_key, url FROM observations WHERE person_id IN (?, ?)",
            (keep, gone),
        ).fetchall():
            slug = (linkedin_slug(url) or "") if url else ""
            self.add_key(pin_key(owner, nk, ck, slug), keep, manual=True)
        self.db.execute("UPDATE person_keys SET person_id = ? WHERE person_id = ?", (keep, gone))
        for table, column in MERGE_REFERENCES:
            self.db.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?", (keep, gone))
        self.db.execute("DELETE FROM person_tags WHERE person_id = ?", (gone,))
        self.db.execute("DELETE FROM people WHERE id = ?", (gone,))
        self.refresh_people([keep])
        self.refresh_ties(
            self.db.execute(
                "SELECT DISTINCT owner_id, person_id FROM interactions WHERE person_id = ? OR owner_id = ?",
                (keep, keep),
            ).fetchall()
        )
        self._index = None
        self.classify_pending()
        return keep

    def unmerge(self, person_id: int, source_id: int) -> int:
        """Split the rows one import contributed to a person into a new person; returns its id."""
        if not self.db.execute("SELECT 1 FROM sources WHERE id = ?", (source_id,)).fetchone():
            raise SourceNotFound(f"no import with id {source_id} — see `netmap sources`")
        rows = self.db.execute(
            """SELECT id, owner_id, name_key, company_key, url, email FROM observations
               WHERE person_id = ? AND source_id = ?""",
            (person_id, source_id),
        ).fetchall()
        others = self.db.execute(
            "SELECT url, email FROM observations WHERE person_id = ? AND source_id != ?", (person_id, source_id)
        ).fetchall()
        if not rows:
            raise NetmapError(f"import {source_id} has no row for {self.name_of(person_id)} (id {person_id})")
        if not others:
            raise NetmapError(f"all of {self.name_of(person_id)}'s rows come from import {source_id}: nothing to split")
        new = self.db.execute("INSERT INTO people DEFAULT VALUES").lastrowid
        assert new is not None
        kept_keys = {u for u, _ in others if u} | {e for _, e in others if e}
        for oid, owner, nk, ck, url, email in rows:
            slug = linkedin_slug(url) if url else None
            self.add_key(pin_key(owner, nk, ck, slug or ""), new, manual=True)
            self.db.execute("UPDATE observations SET person_id = ? WHERE id = ?", (new, oid))
            if slug and url not in kept_keys:
                self.add_key("li:" + slug, new, manual=True)
            if email and email not in kept_keys:
                self.add_key("email:" + email, new, manual=True)
        self.refresh_people([person_id, new])
        self.refresh_ties((owner, pid) for _, owner, *_ in rows for pid in (person_id, new))
        self._index = None
        self.classify_pending()
        return int(new)

    # --- classification -----------------------------------------------------------------------

    def classify_pending(self) -> int:
        """Classify everyone not classified yet (new or changed people), applying your tags;
        reclassifies everyone when netmap's taxonomy changed. Returns how many were classified."""
        with self.transaction():
            return self._classify_pending()

    def _classify_pending(self) -> int:
        from netmap.taxonomy import taxonomy

        version = taxonomy().version
        if self.meta("taxonomy_version") != version:
            self.db.execute("UPDATE people SET industry = NULL WHERE NOT is_me")
            self.set_meta("taxonomy_version", version)
        pending = "FROM people WHERE industry IS NULL AND NOT is_me"
        count = self.db.execute(f"SELECT COUNT(*) {pending}").fetchone()[0]
        if count:
            self._classify(pending)
        return int(count)

    def _classify(self, pending: str) -> None:
        """Classify each distinct (position, company) once, write them all with one join, then
        apply your tags to the few people they concern. Evidence is stored only where a tag
        overrides the inference; otherwise it is reproduced on demand (see :meth:`evidence`)."""
        import json

        pairs = self.db.execute(f"SELECT DISTINCT position, company {pending}").fetchall()
        results = self.stage_classifications(pairs)
        tagged = self.db.execute(
            f"""SELECT id, position, company, company_key {pending} AND (id IN (SELECT person_id FROM person_tags)
                OR company_key IN (SELECT company_key FROM company_tags))"""
        ).fetchall()
        self.db.execute(
            """UPDATE people SET industry = k.industry, sub_industry = k.sub_industry, function = k.function,
                seniority = k.seniority, founder = k.founder, confidence = k.confidence, evidence = NULL
                FROM temp.classified k
                WHERE people.position = k.title AND people.company = k.company
                  AND people.industry IS NULL AND NOT people.is_me"""
        )
        company_tags = dict(self.db.execute("SELECT company_key, industry FROM company_tags"))
        person_tags = {r[0]: r[1:] for r in self.db.execute("SELECT * FROM person_tags")}
        updates = []
        for pid, position, company, ckey in tagged:
            c = results[(position, company)]
            industry, sub, function, level, evidence = c.industry, c.sub_industry, c.function, c.seniority, c.evidence
            if ckey in company_tags:
                industry, sub = _industry_slug(company_tags[ckey])
                evidence = [f"industry: you tagged {company!r} as {company_tags[ckey]}",
                            *(e for e in evidence if not e.startswith("industry: "))]  # fmt: skip
            if pid in person_tags:
                t_industry, t_function, t_level = person_tags[pid]
                if t_industry:
                    industry, sub = _industry_slug(t_industry)
                function, level = t_function or function, t_level or level
                evidence = ["you tagged this person", *evidence]
            updates.append((industry, sub, function, level, json.dumps(evidence), pid))
        self.db.executemany(
            "UPDATE people SET industry = ?, sub_industry = ?, function = ?, seniority = ?, evidence = ? WHERE id = ?",
            updates,
        )

    def stage_classifications(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """Classify (title, company) pairs into ``temp.classified``, for joins that write people."""
        from netmap.classify import classifier

        results = classifier().classify_many(pairs)
        self.db.execute(
            """CREATE TEMP TABLE IF NOT EXISTS classified (title TEXT, company TEXT, industry TEXT,
               sub_industry TEXT, function TEXT, seniority TEXT, founder INTEGER, confidence REAL,
               PRIMARY KEY (title, company))"""
        )
        self.db.execute("DELETE FROM temp.classified")
        self.db.executemany(
            "INSERT INTO temp.classified VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t, c, r.industry, r.sub_industry, r.function, r.seniority, int(r.founder), r.confidence)
                for (t, c), r in results.items()
            ],
        )
        return results

    def evidence(self, person_id: int) -> list[str]:
        """Why a person is classified as they are: your tag, or the classifier's evidence."""
        import json

        from netmap.classify import classifier

        row = self.db.execute("SELECT position, company, evidence FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            return []
        if row[2]:
            return list(json.loads(row[2]))
        return classifier().classify(row[0], row[1]).evidence

    def tag_company(self, company: str, industry: str) -> int:
        """Your industry for every person at this company, now and after re-imports; returns how many."""
        key = company_key(company)
        if not key:
            raise NetmapError(f"{company!r} is not a company name")
        self.db.execute(
            "INSERT OR REPLACE INTO company_tags (company_key, company, industry) VALUES (?, ?, ?)",
            (key, clean_text(company), industry),
        )
        count = self.db.execute(
            "UPDATE people SET industry = NULL WHERE company_key = ? AND NOT is_me", (key,)
        ).rowcount
        self.classify_pending()
        return int(count)

    def tag_person(self, person_id: int, industry: str | None, function: str | None, seniority: str | None) -> None:
        """Your classification of one person; wins over inference and survives re-imports."""
        self.db.execute(
            """INSERT INTO person_tags (person_id, industry, function, seniority) VALUES (?, ?, ?, ?)
               ON CONFLICT (person_id) DO UPDATE SET industry = COALESCE(excluded.industry, industry),
               function = COALESCE(excluded.function, function),
               seniority = COALESCE(excluded.seniority, seniority)""",
            (person_id, industry, function, seniority),
        )
        self.db.execute("UPDATE people SET industry = NULL WHERE id = ?", (person_id,))
        self.classify_pending()
