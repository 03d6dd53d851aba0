"""Classification as the store keeps it: every person's industry, function and seniority, worked
out once when they arrive or change and stored, so queries filter in SQL; and your corrections
(``tag``), which win over inference and survive re-imports.

:func:`classify_pending` is the one way people get classified: imports, merges and tags leave the
people they touch pending (``industry`` NULL) and call it before their transaction ends.
"""

from __future__ import annotations

import json

from netmap.classify import Classification, classifier
from netmap.errors import NetmapError
from netmap.normalize import clean_text, company_key
from netmap.store import Store
from netmap.taxonomy import FUNCTIONS, levels, resolve_choice, taxonomy

PENDING = "FROM people WHERE industry IS NULL AND NOT is_me"


def industry_slug(tag: str) -> tuple[str, str | None]:
    """A tag's industry and sub-industry.

    >>> industry_slug("finance.pe_vc"), industry_slug("legal")
    (('finance', 'finance.pe_vc'), ('legal', None))
    """
    return tag.partition(".")[0], tag if "." in tag else None


def classify_pending(store: Store) -> int:
    """Classify everyone not classified yet (new or changed people), applying your tags;
    reclassifies everyone when netmap's taxonomy changed. Returns how many were classified."""
    with store.transaction():
        version, held = taxonomy().version, store.meta("taxonomy_version")
        if held != version:
            if held is not None:  # a store classified by another taxonomy (a new one has none)
                store.db.execute("UPDATE people SET industry = NULL WHERE NOT is_me")
            store.set_meta("taxonomy_version", version)
        count = int(store.db.execute(f"SELECT COUNT(*) {PENDING}").fetchone()[0])
        if count:
            _classify(store)
        return count


def _classify(store: Store) -> None:
    """Classify each distinct (position, company) once, write them all with one join, then apply
    your tags to the few people they concern. Evidence is stored only where a tag overrides the
    inference; otherwise it is reproduced on demand (see :func:`evidence`)."""
    db = store.db
    pairs = db.execute(f"SELECT DISTINCT position, company {PENDING}").fetchall()
    results = _stage(store, pairs)
    tagged = db.execute(
        f"""SELECT id, position, company, company_key {PENDING} AND (id IN (SELECT person_id FROM person_tags)
            OR company_key IN (SELECT company_key FROM company_tags))"""
    ).fetchall()
    db.execute(
        """UPDATE people SET industry = k.industry, sub_industry = k.sub_industry, function = k.function,
            seniority = k.seniority, founder = k.founder, confidence = k.confidence, evidence = NULL
            FROM temp.classified k
            WHERE people.position = k.title AND people.company = k.company
              AND people.industry IS NULL AND NOT people.is_me"""
    )
    company_tags = dict(db.execute("SELECT company_key, industry FROM company_tags"))
    person_tags = {r[0]: r[1:] for r in db.execute("SELECT * FROM person_tags")}
    updates = []
    for pid, position, company, ckey in tagged:
        c = results[(position, company)]
        industry, sub, function, level, found = c.industry, c.sub_industry, c.function, c.seniority, c.evidence
        if ckey in company_tags:
            industry, sub = industry_slug(company_tags[ckey])
            found = [f"industry: you tagged {company!r} as {company_tags[ckey]}",
                     *(e for e in found if not e.startswith("industry: "))]  # fmt: skip
        if pid in person_tags:
            t_industry, t_function, t_level = person_tags[pid]
            if t_industry:
                industry, sub = industry_slug(t_industry)
            function, level = t_function or function, t_level or level
            found = ["you tagged this person", *found]
        updates.append((industry, sub, function, level, json.dumps(found), pid))
    db.executemany(
        "UPDATE people SET industry = ?, sub_industry = ?, function = ?, seniority = ?, evidence = ? WHERE id = ?",
        updates,
    )


def _stage(store: Store, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Classification]:
    """Classify (title, company) pairs into ``temp.classified``, for the join that writes people."""
    results = classifier().classify_many(pairs)
    store.db.execute(
        """CREATE TEMP TABLE IF NOT EXISTS classified (title TEXT, company TEXT, industry TEXT,
           sub_industry TEXT, function TEXT, seniority TEXT, founder INTEGER, confidence REAL,
           PRIMARY KEY (title, company))"""
    )
    store.db.execute("DELETE FROM temp.classified")
    store.db.executemany(
        "INSERT INTO temp.classified VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (t, c, r.industry, r.sub_industry, r.function, r.seniority, int(r.founder), r.confidence)
            for (t, c), r in results.items()
        ],
    )
    return results


def evidence(store: Store, person_id: int) -> list[str]:
    """Why a person is classified as they are: your tag, or the classifier's evidence."""
    row = store.db.execute("SELECT position, company, evidence FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        return []
    if row[2]:
        return list(json.loads(row[2]))
    return classifier().classify(row[0], row[1]).evidence


def tag_company(store: Store, company: str, industry: str) -> int:
    """Your industry for every person at this company, now and after re-imports; returns how many."""
    key = company_key(company)
    if not key:
        raise NetmapError(f"{company!r} is not a company name")
    with store.transaction():
        store.db.execute(
            "INSERT OR REPLACE INTO company_tags (company_key, company, industry) VALUES (?, ?, ?)",
            (key, clean_text(company), industry),
        )
        count = store.db.execute(
            "UPDATE people SET industry = NULL WHERE company_key = ? AND NOT is_me", (key,)
        ).rowcount
        classify_pending(store)
    return int(count)


def tag_person(
    store: Store, person_id: int, industry: str | None, function: str | None = None, seniority: str | None = None
) -> None:
    """Your classification of one person; wins over inference and survives re-imports. A function
    or seniority that netmap does not know is a usage error (with the close ones)."""
    function = resolve_choice(function, [*FUNCTIONS, "unknown"], "function") if function else None
    seniority = resolve_choice(seniority, [*levels(), "unknown"], "seniority") if seniority else None
    if not (industry or function or seniority):
        raise NetmapError("say what is right: an industry, a function and/or a seniority")
    with store.transaction():
        store.db.execute(
            """INSERT INTO person_tags (person_id, industry, function, seniority) VALUES (?, ?, ?, ?)
               ON CONFLICT (person_id) DO UPDATE SET industry = COALESCE(excluded.industry, industry),
               function = COALESCE(excluded.function, function),
               seniority = COALESCE(excluded.seniority, seniority)""",
            (person_id, industry, function, seniority),
        )
        store.db.execute("UPDATE people SET industry = NULL WHERE id = ?", (person_id,))
        classify_pending(store)
