"""Classification as the store keeps it: employers as entities of the network, every person's
industry, function and seniority, and your corrections (``tag``), which win and survive re-imports.

An employer's industry comes from all the evidence the store holds — the curated employer table,
words in its name, and the titles of everyone seen working there across all imports ("9 of 12
people at Itaú Unibanco have finance titles") — and is stored with that evidence in ``companies``.
People inherit their employer's industry; their own title decides only when the employer says
nothing. :func:`classify_pending` is the one way people get classified: imports, merges and tags
leave the people they touch pending (``industry`` NULL) and call it before their transaction ends.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from netmap.classify import Classifier, Industry, classifier
from netmap.errors import NetmapError
from netmap.models import Company
from netmap.normalize import clean_text, company_key
from netmap.store import Store
from netmap.taxonomy import FUNCTIONS, levels, resolve_choice, rules_version, taxonomy

PENDING = "FROM people WHERE industry IS NULL AND NOT is_me"
VOTES = 2  # colleagues whose titles must agree before they decide an employer's industry…
SHARE = 0.6  # …and the share of the telling titles they must be
Progress = Callable[[int], None]


def industry_slug(tag: str) -> tuple[str, str | None]:
    """A tag's industry and sub-industry.

    >>> industry_slug("finance.pe_vc"), industry_slug("legal")
    (('finance', 'finance.pe_vc'), ('legal', None))
    """
    return tag.partition(".")[0], tag if "." in tag else None


def classify_pending(store: Store, progress: Progress | None = None) -> int:
    """Classify everyone not classified yet (new or changed people) and the employers they work
    for; when netmap's taxonomy changed, everyone. Returns how many people were classified;
    ``progress`` hears of each distinct (title, company) done."""
    with store.transaction():
        version, held = taxonomy().version, store.meta("taxonomy_version")
        if held != version:
            if held is not None:  # a store classified by another taxonomy (a new one has none)
                store.db.execute("UPDATE people SET industry = NULL WHERE NOT is_me")
                store.db.execute("DELETE FROM companies")
            store.set_meta("taxonomy_version", version)
        count = int(store.db.execute(f"SELECT COUNT(*) {PENDING}").fetchone()[0])
        if count:
            _classify(store, classifier(), progress)
        return count


def forget_empty_employers(store: Store) -> None:
    """Employers nobody in the store works for any more (a forgotten export held them) go, with
    their evidence; those someone still works for are worked out again from what is left."""
    store.db.execute("DELETE FROM companies WHERE employer_key NOT IN (SELECT DISTINCT employer_key FROM people)")
    keys = [r[0] for r in store.db.execute("SELECT employer_key FROM companies")]
    refresh_companies(store, keys)


def reclassify_all(store: Store, progress: Progress | None = None) -> int:
    """Forget every stored classification and classify everyone again; returns how many people."""
    with store.transaction():
        store.db.execute("UPDATE people SET industry = NULL WHERE NOT is_me")
        store.db.execute("DELETE FROM companies")
        return classify_pending(store, progress)


def needs_reclassifying(store: Store) -> bool:
    """Whether the store was classified by another taxonomy than this netmap's (read commands say so;
    ``netmap classify --refresh`` or the next import fixes it)."""
    held = store.meta("taxonomy_version")
    stale = held is not None and held != rules_version()
    pending = store.db.execute(f"SELECT 1 {PENDING} LIMIT 1").fetchone() is not None  # after an upgrade's migration
    return (stale or pending) and not store.is_empty()


def _stage(store: Store, table: str, columns: str, rows: Sequence[tuple[object, ...]]) -> None:
    """A temporary table of rows for the joins that write people (``columns``: its definition)."""
    store.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
    store.db.execute(f"DELETE FROM temp.{table}")
    if rows:
        store.db.executemany(f"INSERT OR REPLACE INTO temp.{table} VALUES ({','.join('?' * len(rows[0]))})", rows)


def _classify(store: Store, c: Classifier, progress: Progress | None) -> None:
    db = store.db
    # 1. Each pending person's employer and what their title alone says, once per distinct string.
    names = [r[0] for r in db.execute(f"SELECT DISTINCT company {PENDING}")]
    _stage(store, "employers", "company TEXT PRIMARY KEY, employer_key TEXT", [(n, c.employer_key(n)) for n in names])
    db.execute(
        """UPDATE people SET employer_key = e.employer_key FROM temp.employers e
           WHERE people.company = e.company AND people.industry IS NULL AND NOT people.is_me"""
    )
    titles = [r[0] for r in db.execute(f"SELECT DISTINCT position {PENDING}")]
    _stage(store, "titles", "title TEXT PRIMARY KEY, industry TEXT", [(t, _said(c.title_industry(t))) for t in titles])
    db.execute(
        """UPDATE people SET title_industry = t.industry FROM temp.titles t
           WHERE people.position = t.title AND people.industry IS NULL AND NOT people.is_me"""
    )
    # 2. The employers they work for, from all the evidence; colleagues follow a change.
    touched = [r[0] for r in db.execute(f"SELECT DISTINCT employer_key {PENDING} AND employer_key != ''")]
    changed = refresh_companies(store, touched, c)
    if changed:
        db.execute(f"UPDATE people SET industry = NULL WHERE employer_key IN {store.temp_keys('changed', changed)}")
    # 3. Each person: their employer's industry, else their title's; then function and seniority.
    held = {
        key: Industry(ind, sub, conf, tuple(json.loads(ev)))
        for key, ind, sub, conf, ev in db.execute(
            f"""SELECT employer_key, industry, sub_industry, confidence, evidence FROM companies
                WHERE employer_key IN (SELECT DISTINCT employer_key {PENDING}) AND industry != 'unknown'"""
        )
    }
    pairs = db.execute(f"SELECT DISTINCT position, company, employer_key {PENDING}").fetchall()
    rows = []
    for n, (title, company, key) in enumerate(pairs, start=1):
        industry = held.get(key) or c.decide(c.company_industry(company), c.title_industry(title), bool(key))
        function, seniority, founder, confidence = c.labels(title, company, industry)
        rows.append((title, company, industry.slug, industry.sub, function, seniority, int(founder), confidence))
        if progress and n % 1000 == 0:
            progress(1000)
    if progress:
        progress(len(pairs) % 1000)
    _stage(
        store,
        "classified",
        "title TEXT, company TEXT, industry TEXT, sub_industry TEXT, function TEXT, seniority TEXT, founder INTEGER, "
        "confidence REAL, PRIMARY KEY (title, company)",
        rows,
    )
    db.execute(
        """UPDATE people SET industry = k.industry, sub_industry = k.sub_industry, function = k.function,
            seniority = k.seniority, founder = k.founder, confidence = k.confidence, evidence = NULL
            FROM temp.classified k
            WHERE people.position = k.title AND people.company = k.company
              AND people.industry IS NULL AND NOT people.is_me"""
    )
    _apply_person_tags(store, c)


def _said(industry: Industry) -> str:
    """What a title says of an industry, as stored: the slug, or '' when it says nothing telling."""
    return industry.slug if industry.known and industry.slug != "other" else ""


def refresh_companies(store: Store, keys: list[str], c: Classifier | None = None) -> set[str]:
    """Work out the industry of these employers from everything the store holds about them, and
    store it with its evidence. Returns the employers whose industry changed."""
    if not keys:
        return set()
    c = c or classifier()
    db = store.db
    ids = store.temp_keys("touched", keys)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for key, company, count in db.execute(
        f"SELECT employer_key, company, COUNT(*) FROM people WHERE employer_key IN {ids} GROUP BY 1, 2"
    ):
        spellings[key][company] += count
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, said, count in db.execute(
        f"""SELECT employer_key, title_industry, COUNT(*) FROM people
            WHERE employer_key IN {ids} AND title_industry != '' GROUP BY 1, 2"""
    ):
        votes[key][said] = count
    before = {
        r[0]: (r[1], r[2])
        for r in db.execute(f"SELECT employer_key, industry, sub_industry FROM companies WHERE employer_key IN {ids}")
    }
    tags = {c.employer_key(company): tag for company, tag in db.execute("SELECT company, industry FROM company_tags")}
    rows = []
    for key, names in spellings.items():
        name = names.most_common(1)[0][0]
        people = sum(names.values())
        industry = _employer_industry(c, key, names, votes[key], people, name, tags)
        rows.append(
            (key, name, industry.slug, industry.sub, industry.confidence, json.dumps(list(industry.evidence)), people)
        )
    db.executemany("INSERT OR REPLACE INTO companies VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return {key for key, _, slug, sub, *_ in rows if key in before and before[key] != (slug, sub)}


def _employer_industry(
    c: Classifier,
    key: str,
    names: Counter[str],
    votes: Counter[str],
    people: int,
    name: str,
    tags: dict[str, str],
) -> Industry:
    """Your tag; else what its name says (the employer table, then words); else what the titles of
    the people there agree on; else unknown."""
    if key in tags:
        slug, sub = industry_slug(tags[key])
        return Industry(slug, sub, 1.0, (f"you tagged {name} as {c.tax.name_of(sub or slug).lower()}",))
    said = sorted((c.company_industry(n) for n in names), key=lambda i: (not i.known, -i.confidence))
    if said and said[0].known:
        return said[0]
    if any(i.evidence for i in said):  # "Confidential", "Stealth": nobody there is anyone's colleague
        return next(i for i in said if i.evidence)
    if votes:
        slug, count = votes.most_common(1)[0]
        if count >= VOTES and count >= SHARE * sum(votes.values()):
            return Industry(slug, None, 0.6, (f"from the titles of {count} of {people} people at {name}",))
    return Industry("unknown", evidence=(f"nothing yet says what {name} does",))


def _apply_person_tags(store: Store, c: Classifier) -> None:
    """Your tags on people win over inference (their evidence says so)."""
    db = store.db
    tagged = db.execute(
        """SELECT p.id, p.position, p.company, p.industry, p.sub_industry, t.industry, t.function, t.seniority
           FROM people p JOIN person_tags t ON t.person_id = p.id WHERE p.evidence IS NULL"""
    ).fetchall()
    updates = []
    for pid, position, _, industry, sub, t_industry, t_function, t_level in tagged:
        if t_industry:
            industry, sub = industry_slug(t_industry)
        role = c.role(position, industry or "unknown")
        found = ["you tagged this person", *evidence(store, pid)]
        updates.append((industry, sub, t_function or role.function, t_level or role.seniority, json.dumps(found), pid))
    db.executemany(
        "UPDATE people SET industry = ?, sub_industry = ?, function = ?, seniority = ?, evidence = ? WHERE id = ?",
        updates,
    )


def evidence(store: Store, person_id: int) -> list[str]:
    """Why a person is classified as they are, from what is stored: your tag, their employer's
    evidence, and what their title says."""
    return evidence_of(store, [person_id]).get(person_id, [])


def evidence_of(store: Store, ids: list[int]) -> dict[int, list[str]]:
    """:func:`evidence` of many people, in one query."""
    found = {}
    c = classifier()
    for pid, position, company, industry, own, employer_industry, employer_evidence in store.select_in(
        """SELECT p.id, p.position, p.company, p.industry, p.evidence, k.industry, k.evidence FROM people p
           LEFT JOIN companies k ON k.employer_key = p.employer_key WHERE p.id IN ({ids})""",
        ids,
    ):
        if own:
            found[pid] = list(json.loads(own))
            continue
        if employer_industry and employer_industry == industry and employer_industry != "unknown":
            decided = Industry(industry, None, 0.0, tuple(json.loads(employer_evidence)))
        else:
            decided = c.decide(c.company_industry(company), c.title_industry(position), bool(company.strip()))
        found[pid] = c.combine(position, company, decided).evidence
    return found


def tag_company(store: Store, company: str, industry: str) -> int:
    """Your industry for every person at this employer, now and after re-imports; returns how many."""
    if not company_key(company):
        raise NetmapError(f"{company!r} is not a company name")
    key = classifier().employer_key(company)
    with store.transaction():
        count = store.db.execute(
            "UPDATE people SET industry = NULL WHERE (employer_key = ? OR company_key = ?) AND NOT is_me",
            (key, company_key(company)),
        ).rowcount
        if not count:
            raise NetmapError(f"no one in your store works at {company!r}{_close_employers(store, company)}")
        store.db.execute(
            "INSERT OR REPLACE INTO company_tags (company_key, company, industry) VALUES (?, ?, ?)",
            (company_key(company), clean_text(company), industry),
        )
        classify_pending(store)
    return int(count)


def _close_employers(store: Store, company: str) -> str:
    """`` — did you mean 'Goldman Sachs' or 'Goldman Sachs Asset Management'?``, or nothing (nothing
    was tagged either way)."""
    from rapidfuzz import fuzz, process

    names = [name for (name,) in store.db.execute("SELECT name FROM companies WHERE people > 0")]
    close = [m[0] for m in process.extract(company, names, scorer=fuzz.WRatio, limit=3, score_cutoff=80)]
    return f" — did you mean {' or '.join(map(repr, close))}? Nothing was tagged" if close else "; nothing was tagged"


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
        store.db.execute("UPDATE people SET industry = NULL, evidence = NULL WHERE id = ?", (person_id,))
        classify_pending(store)


def list_companies(
    store: Store, unknown: bool = False, search: str | None = None, limit: int | None = None
) -> list[Company]:
    """The employers of your network, biggest first (``unknown``: only those nothing places yet)."""
    where, args = ["people > 0"], []
    if unknown:
        where.append("industry = 'unknown'")
    if search:
        where.append("name LIKE ?")
        args.append(f"%{search}%")
    rows = store.db.execute(
        f"""SELECT name, people, industry, sub_industry, confidence, evidence FROM companies
            WHERE {" AND ".join(where)} ORDER BY people DESC, name LIMIT ?""",
        [*args, limit or -1],
    )
    return [
        Company(name, people, ind, sub, round(conf, 2), json.loads(ev)) for name, people, ind, sub, conf, ev in rows
    ]


def unclassified_count(store: Store) -> int:
    """People with an employer whose industry nothing tells (what `companies --unknown` lists and
    `tag` fixes); people with no employer at all are not counted."""
    query = "SELECT COUNT(*) FROM people WHERE industry = 'unknown' AND employer_key != '' AND NOT is_me"
    return int(store.db.execute(query).fetchone()[0])
