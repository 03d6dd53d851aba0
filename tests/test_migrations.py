"""The store's schema: migrations run once, in order, on old stores as on new ones; a store made by a
newer netmap is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from netmap.errors import NetmapError
from netmap.migrations import MIGRATIONS
from netmap.store import Store


def test_migrations_are_named_functions_in_order() -> None:
    names = [m.__name__ for m in MIGRATIONS]
    assert names == sorted(names) and all(n.startswith(f"m{i:03d}_") for i, n in enumerate(names, start=1))


def test_a_version_1_store_is_upgraded_and_its_ties_recomputed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    me = int(db.execute("SELECT value FROM meta WHERE key = 'me_id'").fetchone()[0])
    db.execute("INSERT INTO people (id, name, industry) VALUES (7, 'Ava Chen', 'finance')")
    db.execute(
        "INSERT INTO sources VALUES (1, 'c.csv', 'linkedin', 'linkedin', ?, 1, 0, 'h', '2026-02-07', '2026-02-08')",
        (me,),
    )
    db.execute(
        """INSERT INTO observations (source_id, owner_id, person_id, line, name, name_key, url, email, company,
           company_key, position, connected_on, strength)
           VALUES (1, ?, 7, 5, 'Ava Chen', 'ava chen', '', '', 'Acme', 'acme', 'Analyst', '2014-02-07', NULL)""",
        (me,),
    )
    db.execute("INSERT INTO interactions VALUES (1, ?, 7, 12, '2026-01-30')", (me,))
    db.close()

    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    # 0.5 neutral + 0.15 for twelve years connected + 0.35 × (1 − e^(−12/8)) for the messages
    tie = store.db.execute("SELECT tie FROM observations").fetchone()[0]
    assert tie == pytest.approx(min(1.0, 0.65 + 0.35 * (1 - 2.718281828 ** (-12 / 8))), abs=1e-6)
    assert store.meta("recompute_ties") is None
    assert store.db.execute("SELECT industry, sub_industry FROM people WHERE id = 7").fetchone() == (None, None)
    assert {"company_tags", "person_tags"} <= {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    store.close()
    again = Store(path)  # nothing left to do the second time
    assert again.db.execute("SELECT tie FROM observations").fetchone()[0] == tie
    again.close()


def test_a_store_from_a_newer_netmap_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(NetmapError, match="made by a newer netmap — upgrade netmap"):
        Store(path)
    assert path.read_bytes() == before


def test_a_version_4_store_gets_the_counting_indexes_and_its_degree_counts(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    db = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:4]:
        step(db)
    db.execute("PRAGMA user_version = 4")
    me = int(db.execute("SELECT value FROM meta WHERE key = 'me_id'").fetchone()[0])
    db.execute("INSERT INTO people (id, name, company, company_key) VALUES (7, 'Ava Chen', 'Acme', 'acme')")
    db.execute("INSERT INTO people (id, name, company, company_key) VALUES (8, 'Ben Okafor', 'Acme', 'acme')")
    for source, owner, person in ((1, me, 7), (2, 7, 8)):  # you know Ava, Ava knows Ben
        db.execute(
            "INSERT INTO sources VALUES (?, 'c.csv', 'linkedin', 'linkedin', ?, 1, 0, 'h', '2026-02-07', '2026-02-08')",
            (source, owner),
        )
        db.execute(
            """INSERT INTO observations (source_id, owner_id, person_id, line, name, name_key, url, email, company,
               company_key, position, connected_on, strength)
               VALUES (?, ?, ?, 5, '', '', '', '', 'Acme', 'acme', '', '', NULL)""",
            (source, owner, person),
        )
    db.close()

    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.meta("kept.degrees") == "1 1"  # counted by the upgrade: Ava first, Ben second
    indexes = {r[0]: r[1] for r in store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    assert "(company_key, company, is_me)" in indexes["people_company"]
    assert "(industry, is_me)" in indexes["people_industry"]
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT company_key, company, COUNT(*) FROM people WHERE NOT is_me GROUP BY 1, 2"
    ).fetchall()
    assert [row[3] for row in plan] == ["SCAN people USING COVERING INDEX people_company"]
    store.close()
