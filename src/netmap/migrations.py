"""The store's schema, as an ordered list of named migrations (as simonw/llm keeps its own).

Each migration is a function of the connection, applied once, in order, inside the transaction
that opens the store; ``PRAGMA user_version`` counts how many have been applied. Add new ones at the
end; never change one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(function: Migration) -> Migration:
    MIGRATIONS.append(function)
    return function


def _script(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m001_people_sources_observations(db: sqlite3.Connection) -> None:
    """People, their identity keys, imports, every imported row (an observation: the edge "the
    import's owner knows this person"), message counts; and you, the first person."""
    _script(
        db,
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
    )
    me = db.execute("INSERT INTO people (is_me) VALUES (1)").lastrowid
    db.execute("INSERT INTO meta (key, value) VALUES ('me_id', ?)", (str(me),))


@migration
def m002_classification_and_ties(db: sqlite3.Connection) -> None:
    """Classification stored per person (sub-industry too) and your corrections; each observation
    keeps the strength of its tie, so ranking reads it with the edge (the store recomputes every
    tie once this has run: ``meta.recompute_ties``)."""
    _script(
        db,
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
        INSERT OR REPLACE INTO meta (key, value) VALUES ('recompute_ties', '1');
        """,
    )


@migration
def m003_companies(db: sqlite3.Connection) -> None:
    """Employers as entities: each person's folded employer key and what their title alone says of
    an industry, and per employer the industry worked out from all its evidence (the employer
    table, words in its name, the titles of everyone seen working there). Everyone is classified
    again."""
    _script(
        db,
        """
        ALTER TABLE people ADD COLUMN employer_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE people ADD COLUMN title_industry TEXT NOT NULL DEFAULT '';
        CREATE INDEX people_employer ON people (employer_key);
        CREATE TABLE companies (
            employer_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            industry TEXT NOT NULL,
            sub_industry TEXT,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,
            people INTEGER NOT NULL
        ) WITHOUT ROWID;
        UPDATE people SET industry = NULL;
        """,
    )


@migration
def m004_outreach(db: sqlite3.Connection) -> None:
    """Your outreach: one record per person you want to talk to, with the dated steps taken (stage,
    the bridge it went through, a note, when to act next). Your own data: the person's name, company
    and position are copied in, so the record outlives a friend's export being forgotten."""
    _script(
        db,
        """
        CREATE TABLE outreach (
            id INTEGER PRIMARY KEY,
            person_id INTEGER UNIQUE,
            person_key TEXT,
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            created_on TEXT NOT NULL
        );
        CREATE TABLE outreach_steps (
            id INTEGER PRIMARY KEY,
            outreach_id INTEGER NOT NULL,
            stage TEXT NOT NULL,
            on_date TEXT NOT NULL,
            via_id INTEGER,
            via_name TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            next_date TEXT,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX outreach_steps_record ON outreach_steps (outreach_id, id);
        CREATE INDEX outreach_steps_via ON outreach_steps (via_id);
        """,
    )


@migration
def m005_counting_indexes(db: sqlite3.Connection) -> None:
    """Indexes that hold what ``stats`` counts, so its counts read only them (never the rows): people
    by industry, sub-industry and employer, each with whether the person is you."""
    _script(
        db,
        """
        DROP INDEX people_industry;
        CREATE INDEX people_industry ON people (industry, is_me);
        DROP INDEX people_sub_industry;
        CREATE INDEX people_sub_industry ON people (sub_industry, is_me);
        CREATE INDEX people_company ON people (company_key, company, is_me);
        """,
    )
