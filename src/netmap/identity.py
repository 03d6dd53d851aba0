"""Who is who: which existing person, if any, an imported row is, and the operations that change
identity — you, owners, merging and splitting people by hand (DESIGN.md, "The store").

The rules, in order: a manual pin (from ``merge``/``unmerge``); the same canonical LinkedIn URL; the
same email; the same normalised full name + normalised company, only when exactly one existing person
matches, no differing URL contradicts it and no other row of the same file already took that person.
Anything else is a new person, and rows that resembled someone are reported as near-misses.

:class:`Index` holds the keys of every known person in memory so a bulk import of a million rows
resolves with dictionary lookups; :func:`index` loads it when a command first needs it, imports add
to it as they go, and changes made by hand (merge, forget…) make the next command load it afresh.
Operations that change who someone is leave their classification pending (``industry`` NULL): the
caller classifies them (:func:`netmap.companies.classify_pending`) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from netmap.errors import AmbiguousPerson, InputError, NetmapError, PersonNotFound, UsageProblem
from netmap.normalize import clean_text, linkedin_slug, linkedin_url, name_key
from netmap.store import Store

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


def pin_key(owner_id: int, name_key: str, company_key: str, slug: str) -> str:
    """The key a manual merge or unmerge pins one owner's row signature to."""
    return f"pin:{owner_id}:{name_key}\x1f{company_key}\x1f{slug}"


@dataclass(slots=True)
class Row:
    """The identifying parts of one imported row, already normalised."""

    name_key: str
    company_key: str
    slug: str  # canonical LinkedIn slug or ""
    email: str  # lower-cased email or ""


@dataclass(slots=True)
class Match:
    """How a row was resolved."""

    person_id: int | None  # None: create a new person
    rule: str  # "pin", "url", "email", "name+company", "new"
    near_miss: str = ""  # why a similar person was not merged
    candidates: list[int] = field(default_factory=list)


NEW = Match(None, "new")  # the common answer, shared rather than built for every row


def _put(table: dict[Any, Any], key: Any, person_id: int) -> None:
    """Add ``person_id`` under ``key`` of a multi-map that holds one id as an int, several as a set
    (most keys have one person; this keeps a million-row index small)."""
    held = table.get(key)
    if held is None:
        table[key] = person_id
    elif isinstance(held, int):
        if held != person_id:
            table[key] = {held, person_id}
    else:
        held.add(person_id)


def held_ids(held: int | set[int] | None) -> set[int]:
    if held is None:
        return set()
    return {held} if isinstance(held, int) else held


@dataclass
class Index:
    """Lookup tables over the store's people: keys, name + company pairs, names, URLs per person."""

    keys: dict[str, int] = field(default_factory=dict)  # "li:slug", "email:x", "pin:…" -> person
    name_company: dict[tuple[str, str], int | set[int]] = field(default_factory=dict)
    names: dict[str, int | set[int]] = field(default_factory=dict)
    person_slugs: dict[int, Any] = field(default_factory=dict)  # person -> slug or set of slugs
    pinned: bool = False  # any manual pins at all (most stores have none)

    def slugs(self, person_id: int) -> set[str]:
        held = self.person_slugs.get(person_id)
        if held is None:
            return set()
        return {held} if isinstance(held, str) else held

    def add_key(self, key: str, person_id: int) -> None:
        if self.keys.setdefault(key, person_id) != person_id:
            return
        if key.startswith("li:"):
            held = self.person_slugs.get(person_id)
            if held is None:
                self.person_slugs[person_id] = key[3:]
            elif isinstance(held, str):
                if held != key[3:]:
                    self.person_slugs[person_id] = {held, key[3:]}
            else:
                held.add(key[3:])
        elif key.startswith("pin:"):
            self.pinned = True

    def add_row(self, person_id: int, row: Row) -> None:
        """Record that ``person_id`` was observed with these identifying parts."""
        if row.slug:
            self.add_key("li:" + row.slug, person_id)
        if row.email:
            self.add_key("email:" + row.email, person_id)
        if row.name_key:
            _put(self.names, row.name_key, person_id)
            if row.company_key:
                _put(self.name_company, (row.name_key, row.company_key), person_id)

    def resolve(self, row: Row, owner_id: int, taken: set[int]) -> Match:
        """The person this row is, by the identity rules; ``taken`` holds people earlier rows of
        the same file resolved to (two rows of one file are two people unless URL or email agree)."""
        if self.pinned:
            pinned = self.keys.get(pin_key(owner_id, row.name_key, row.company_key, row.slug))
            if pinned is not None:
                return Match(pinned, "pin")
        if row.slug and (pid := self.keys.get("li:" + row.slug)) is not None:
            return Match(pid, "url")
        if row.email and (pid := self.keys.get("email:" + row.email)) is not None:
            return Match(pid, "email")
        if not row.name_key:
            return NEW
        if row.company_key:
            found = self.name_company.get((row.name_key, row.company_key))
            if isinstance(found, set):
                return Match(None, "new", "same name and company as several people", sorted(found))
            if found is not None:
                differing = row.slug and found in self.person_slugs and row.slug not in self.slugs(found)
                if differing:
                    return NEW  # same name, different URL: two people
                if found in taken:
                    return Match(None, "new", "same name and company as another row of this file", [found])
                return Match(found, "name+company")
        same_name = self.names.get(row.name_key)
        if same_name is None:
            return NEW
        some = sorted(islice(held_ids(same_name), 8))[:5]  # a common name can have thousands
        if row.slug and all(p in self.person_slugs for p in some):
            return NEW  # namesakes told apart by their URLs
        reason = "same name, different company" if row.company_key else "same name, no company"
        return Match(None, "new", reason, some)


# --- the index of a store -------------------------------------------------------------------


def index(store: Store) -> Index:
    """The in-memory identity index of the store, loaded once per command."""
    held = store.cache.get("identity")
    if held is None:
        held = Index()
        for key, pid in store.db.execute("SELECT key, person_id FROM person_keys"):
            held.add_key(key, pid)
        for pid, nk, ck in store.db.execute("SELECT DISTINCT person_id, name_key, company_key FROM observations"):
            held.add_row(pid, Row(nk, ck, "", ""))
        store.cache["identity"] = held
    return held


def reload_index(store: Store) -> None:
    """After changes made by hand: the next :func:`index` reads the store again."""
    store.cache.pop("identity", None)


def add_key(store: Store, key: str, person_id: int, manual: bool = False) -> None:
    verb = "INSERT OR REPLACE" if manual else "INSERT OR IGNORE"
    store.db.execute(
        f"{verb} INTO person_keys (key, person_id, manual) VALUES (?, ?, ?)", (key, person_id, int(manual))
    )


def add_keys(store: Store, keys: Iterable[tuple[str, int]]) -> None:
    """Identity keys ("li:slug", "email:x") found by an import; a key already held stays."""
    store.db.executemany("INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)", keys)


# --- people made and updated by imports -------------------------------------------------------


def create_people_from_rows(store: Store, source_id: int, first_new: int, as_of: str) -> None:
    """New people (ids from ``first_new``) start as their first row in this import; their
    classification is pending."""
    store.db.execute(  # a person's first row in this file wins (OR IGNORE skips their later rows)
        """INSERT OR IGNORE INTO people (id, name, name_key, url, email, company, company_key, position, as_of)
           SELECT o.person_id, o.name, o.name_key, NULLIF(o.url, ''), NULLIF(o.email, ''), o.company,
                  o.company_key, o.position, ?
           FROM observations o WHERE o.source_id = ? AND o.person_id >= ? ORDER BY o.id""",
        (as_of, source_id, first_new),
    )


def create_people(store: Store, people: dict[int, tuple[str, str, str, str]]) -> None:
    """People an edge list names: id -> (name, url, email, name key)."""
    store.db.executemany(
        "INSERT INTO people (id, name, name_key, url, email) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))",
        [(pid, name, nk, url, email) for pid, (name, url, email, nk) in people.items()],
    )


def update_seen_people(
    store: Store, seen: Sequence[tuple[Any, ...]], fill: Sequence[tuple[str | None, str | None, int]]
) -> None:
    """People an import found again: its row becomes their current one when the export is at least
    as new (``seen``: name, name key, company, company key, position, as of, id, as of), and it fills
    in a URL or email they lacked (``fill``: url, email, id)."""
    store.db.executemany(
        """UPDATE people SET name = ?, name_key = ?, company = ?, company_key = ?, position = ?, as_of = ?,
           industry = NULL WHERE id = ? AND as_of <= ? AND NOT is_me""",
        seen,
    )
    store.db.executemany(
        "UPDATE people SET url = COALESCE(url, ?), email = COALESCE(email, ?) WHERE id = ? AND NOT is_me", fill
    )


def observed_fields(store: Store, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Each person as an observation shows them: name, name key, url, email, company, company key, position."""
    query = """SELECT id, name, name_key, COALESCE(url, ''), COALESCE(email, ''), company, company_key, position
               FROM people WHERE id IN ({ids})"""
    return {row[0]: tuple(row[1:]) for row in store.select_in(query, ids)}


# --- you ----------------------------------------------------------------------------------------


def set_me(store: Store, name: str | None = None, url: str | None = None, only_missing: bool = False) -> list[str]:
    """Set who you are (``only_missing``: fill in only what is not known yet). People already
    imported who are you (your URL; or your exact name, no other URL, and not in your own
    imports) are merged into you. Returns their names."""
    current = store.me()
    me = store.me_id
    slug = None
    if url and not (only_missing and current.url):
        slug = linkedin_slug(url)
        if slug is None:
            raise UsageProblem(f"--url {url!r} is not a LinkedIn profile URL (https://www.linkedin.com/in/…)")
        store.db.execute("DELETE FROM person_keys WHERE person_id = ? AND key LIKE 'li:%'", (me,))
        store.db.execute("UPDATE people SET url = ? WHERE id = ?", (linkedin_url(slug), me))
    if name and not (only_missing and current.name):
        clean = clean_text(name)
        store.db.execute("UPDATE people SET name = ?, name_key = ? WHERE id = ?", (clean, name_key(clean), me))
    found = _people_who_are_me(store)
    names = [store.name_of(pid) for pid in found]
    for pid in found:
        merge(store, me, pid)
    if slug:
        add_key(store, "li:" + slug, me, manual=True)
    reload_index(store)
    return names


def is_my_name(store: Store, text: str) -> bool:
    key = name_key(text)
    return bool(key) and key == name_key(store.me().name or "")


def _people_who_are_me(store: Store) -> list[int]:
    me = store.me_id
    nk, url = store.db.execute("SELECT name_key, url FROM people WHERE id = ?", (me,)).fetchone()
    found: set[int] = set()
    slug = linkedin_slug(url) if url else None
    if slug:
        row = store.db.execute(
            "SELECT person_id FROM person_keys WHERE key = ? AND person_id != ?", ("li:" + slug, me)
        ).fetchone()
        found |= {row[0]} if row else set()
    if nk:
        rows = store.db.execute(
            """SELECT p.id, p.url FROM people p WHERE p.name_key = ? AND NOT p.is_me
               AND NOT EXISTS (SELECT 1 FROM observations o
                               WHERE o.person_id = p.id AND o.owner_id = ?)""",
            (nk, me),
        ).fetchall()
        # Your exact name in a friend's export is you unless it has another URL than yours; with your
        # URL unknown, unless the rows with your name have different URLs (then a namesake is there).
        urls = {u for _, u in rows if u}
        found |= {pid for pid, u in rows if not u or u == url or (not url and len(urls) == 1)}
    return sorted(found)


# --- finding people -------------------------------------------------------------------------------


def listed(rows: Sequence[tuple[int, str, str]]) -> str:
    """'12 Ava Chen (Goldman Sachs); 57 Ava Chen (Stripe)': people as a message lists them."""
    return "; ".join(f"{pid} {name}" + (f" ({company})" if company else "") for pid, name, company in rows[:10])


def people_rows(store: Store, ids: Iterable[int]) -> list[tuple[int, str, str]]:
    """(id, name, company) of these people, in the order given (missing ones left out)."""
    ids = list(ids)
    found = {row[0]: row for row in store.select_in("SELECT id, name, company FROM people WHERE id IN ({ids})", ids)}
    return [found[pid] for pid in ids if pid in found]


MAX_ID = 2**63 - 1


def as_id(text: str) -> int | None:
    """The person id a text is, if it is one: ASCII digits that fit SQLite's integers ("²" and
    "99999999999999999999" are not ids).

    >>> as_id("42"), as_id("²"), as_id("99999999999999999999"), as_id("Ava")
    (42, None, None, None)
    """
    text = text.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_ID:
        return int(text)
    return None


def resolve_person(store: Store, text: str) -> int:
    """A person id from an id, a LinkedIn URL or an unambiguous name."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        pid = as_id(text)
        if pid is not None and store.exists(pid):
            return pid
        raise PersonNotFound(f"no person with id {text} — see `netmap people` for ids")
    slug = linkedin_slug(text) if "linkedin" in text.lower() else None
    if slug:
        row = store.db.execute("SELECT person_id FROM person_keys WHERE key = ?", ("li:" + slug,)).fetchone()
        if row:
            return int(row[0])
        raise PersonNotFound(f"no person with the URL {text}")
    key = name_key(text)
    query = "SELECT id, name, company FROM people WHERE name_key = ? AND NOT is_me ORDER BY id"
    rows = store.db.execute(query, (key,)).fetchall()
    if len(rows) == 1:
        return int(rows[0][0])
    if rows:
        raise AmbiguousPerson(f"{text!r} matches {len(rows)} people — use an id: {listed(rows)}", rows)
    if is_my_name(store, text):
        raise PersonNotFound(f"{text!r} is you")
    near = _similar_names(store, key)
    hint = f" — did you mean {listed(near)}?" if near else " — see `netmap people --search`"
    raise PersonNotFound(f"no person named {text!r}{hint}")


def _similar_names(store: Store, key: str) -> list[tuple[int, str, str]]:
    """Up to six people whose name is close to ``key`` ("ava" finds Ava Chen, "ava chem" too)."""
    from rapidfuzz import fuzz, process

    keys = dict(store.db.execute("SELECT id, name_key FROM people WHERE NOT is_me"))
    found = process.extract(key, keys, scorer=fuzz.token_set_ratio, score_cutoff=80, limit=None)
    return people_rows(store, [pid for _, _, pid in sorted(found, key=lambda f: (-f[1], f[2]))[:6]])


# --- owners of imports ----------------------------------------------------------------------------


def resolve_owner(
    store: Store, owner: str | None, owner_new: bool = False, owner_url: str | None = None
) -> tuple[int, str | None]:
    """The person id an import belongs to (you when ``owner`` is None), and a note (:func:`_owner_named`).
    With an ``owner_url`` (from a manifest) the URL decides; the name only finds someone the URL does
    not contradict. With ``owner_new``, an owner netmap does not know (or a namesake) is made new."""
    if owner is None and owner_url is None:
        return store.me_id, None
    if owner_url is None and owner and "linkedin" in owner.lower():
        owner, owner_url = None, owner
    slug = linkedin_slug(owner_url) if owner_url else None
    if owner_url and slug is None:
        raise InputError(f"{owner_url!r} is not a LinkedIn profile URL (https://www.linkedin.com/in/…)")
    pid, note = _known_owner(store, owner, slug, owner_new)
    if pid == store.me_id:
        raise NetmapError(
            f"{owner or owner_url!r} is you: import your own exports without --owner (a friend with your name "
            "needs --owner-new)"
        )
    if pid is not None:
        return pid, note
    shown = clean_text(owner or "")
    new = store.db.execute(
        "INSERT INTO people (name, name_key, url) VALUES (?, ?, ?)",
        (shown, name_key(shown), linkedin_url(slug) if slug else None),
    ).lastrowid
    assert new is not None
    if slug:
        add_key(store, "li:" + slug, new)
    reload_index(store)
    return int(new), None


def _known_owner(store: Store, owner: str | None, slug: str | None, owner_new: bool) -> tuple[int | None, str | None]:
    """The known person an owner is, or None for a new person (only with ``owner_new``); and a note."""
    try:
        if slug:
            try:
                return resolve_person(store, linkedin_url(slug)), None
            except PersonNotFound:
                if owner is None:
                    raise
        pid, note = _owner_named(store, owner or "")
    except PersonNotFound as exc:
        if owner_new:
            return None, None
        if owner and (owner.strip().lower() == "me" or is_my_name(store, owner)):
            return store.me_id, None  # resolve_owner refuses you
        if not store.contacts_of(store.me_id):
            raise PersonNotFound(
                f"{owner or linkedin_url(slug or '')!r} is not known yet — import your own Connections.csv "
                "(or LinkedIn archive) first, so netmap knows your friends; or add --owner-new"
            ) from None
        raise PersonNotFound(f"{exc} — or add --owner-new if the owner is new to netmap") from None
    known = index(store).slugs(pid)
    if slug and known and slug not in known:
        if not owner_new:
            raise InputError(
                f"{owner!r} is known with another LinkedIn URL than {linkedin_url(slug)} — correct the "
                "owner_url, or add --owner-new if this is a namesake"
            )
        return None, None
    return pid, note


def _owner_named(store: Store, text: str) -> tuple[int, str | None]:
    """:func:`resolve_person` for an owner: of namesakes, your one contact (a friend's export brought the others)."""
    try:
        return resolve_person(store, text), None
    except AmbiguousPerson as exc:
        contacts = store.contacts_of(store.me_id)  # only your contacts' exports make your second degree
        if len(yours := [row for row in exc.people if row[0] in contacts]) != 1:
            raise
        (pid, name, company), others = yours[0], listed([row for row in exc.people if row not in yours])
        taken = f"{name} ({company})" if company else name
        also = f"{len(exc.people)} people have that name (also {others}); give an id or URL as the owner for another"
        return pid, f"owner {clean_text(text)!r} is your contact {taken}, id {pid} — {also}"


# --- tidying and fixing identity ------------------------------------------------------------------


def collect_garbage(store: Store) -> int:
    """Delete people no observation, import or you refers to; returns how many."""
    doomed = store.temp_ids(
        "doomed",
        (
            r[0]
            for r in store.db.execute(
                """SELECT p.id FROM people p
                   WHERE NOT p.is_me
                     AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.person_id = p.id)
                     AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.owner_id = p.id)
                     AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.owner_id = p.id)"""
            ).fetchall()
        ),
    )
    count = int(store.db.execute("SELECT COUNT(*) FROM temp.doomed").fetchone()[0])
    if count:
        for table, column in PERSON_REFERENCES:
            store.db.execute(f"DELETE FROM {table} WHERE {column} IN {doomed}")
        store.db.execute(f"DELETE FROM people WHERE id IN {doomed}")
    return count


def refresh_people(store: Store, person_ids: Iterable[int]) -> None:
    """Recompute name, company, position, URL and email from each person's newest observation;
    their classification is pending."""
    for pid in person_ids:
        newest = store.db.execute(
            """SELECT o.name, o.name_key, o.company, o.company_key, o.position, s.export_date
               FROM observations o JOIN sources s ON s.id = o.source_id
               WHERE o.person_id = ? ORDER BY s.export_date DESC, o.id DESC LIMIT 1""",
            (pid,),
        ).fetchone()
        if newest is None:
            continue
        store.db.execute(
            """UPDATE people SET name = ?, name_key = ?, company = ?, company_key = ?,
               position = ?, as_of = ?, industry = NULL WHERE id = ? AND NOT is_me""",
            (*newest, pid),
        )
        for column in ("url", "email"):
            value = store.db.execute(
                f"""SELECT o.{column} FROM observations o JOIN sources s ON s.id = o.source_id
                    WHERE o.person_id = ? AND o.{column} != ''
                    ORDER BY s.export_date DESC, o.id DESC LIMIT 1""",
                (pid,),
            ).fetchone()
            store.db.execute(
                f"UPDATE people SET {column} = ? WHERE id = ? AND NOT is_me", (value[0] if value else None, pid)
            )


def merge(store: Store, keep: int, gone: int) -> int:
    """Make two people one; the first keeps its id (you always stay you). Pins the rows of both so
    re-imports land on the same person. Returns the surviving id."""
    if keep == gone:
        raise NetmapError(f"{store.name_of(keep)} (id {keep}) is already one person")
    if gone == store.me_id:
        keep, gone = gone, keep
    for owner, nk, ck, url in store.db.execute(
        "SELECT DISTINCT owner_id, name_key, company_key, url FROM observations WHERE person_id IN (?, ?)",
        (keep, gone),
    ).fetchall():
        slug = (linkedin_slug(url) or "") if url else ""
        add_key(store, pin_key(owner, nk, ck, slug), keep, manual=True)
    store.db.execute("UPDATE person_keys SET person_id = ? WHERE person_id = ?", (keep, gone))
    for table, column in MERGE_REFERENCES:
        store.db.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?", (keep, gone))
    store.db.execute("DELETE FROM person_tags WHERE person_id = ?", (gone,))
    store.db.execute("DELETE FROM people WHERE id = ?", (gone,))
    refresh_people(store, [keep])
    store.refresh_ties(store.messaged_edges(person_id=keep))
    reload_index(store)
    return keep


def unmerge(store: Store, person_id: int, source_id: int) -> int:
    """Split the rows one import contributed to a person into a new person; returns its id."""
    store.check_sources([source_id])
    rows = store.db.execute(
        """SELECT id, owner_id, name_key, company_key, url, email FROM observations
           WHERE person_id = ? AND source_id = ?""",
        (person_id, source_id),
    ).fetchall()
    others = store.db.execute(
        "SELECT url, email FROM observations WHERE person_id = ? AND source_id != ?", (person_id, source_id)
    ).fetchall()
    if not rows:
        raise NetmapError(f"import {source_id} has no row for {store.name_of(person_id)} (id {person_id})")
    if not others:
        raise NetmapError(f"all of {store.name_of(person_id)}'s rows come from import {source_id}: nothing to split")
    new = store.db.execute("INSERT INTO people DEFAULT VALUES").lastrowid
    assert new is not None
    kept_keys = {u for u, _ in others if u} | {e for _, e in others if e}
    for oid, owner, nk, ck, url, email in rows:
        slug = linkedin_slug(url) if url else None
        add_key(store, pin_key(owner, nk, ck, slug or ""), new, manual=True)
        store.db.execute("UPDATE observations SET person_id = ? WHERE id = ?", (new, oid))
        if slug and url not in kept_keys:
            add_key(store, "li:" + slug, new, manual=True)
        if email and email not in kept_keys:
            add_key(store, "email:" + email, new, manual=True)
    refresh_people(store, [person_id, new])
    store.refresh_ties((owner, pid) for _, owner, *_ in rows for pid in (person_id, new))
    reload_index(store)
    return int(new)


def forget_sources(store: Store, source_ids: Sequence[int]) -> int:
    """Remove imports; people only they contributed disappear, the others are recomputed from what
    is left. Returns how many people went."""
    store.check_sources(source_ids)
    touched = store.people_of_sources(source_ids)
    messaged = store.messaged_edges(source_ids)
    store.delete_sources(source_ids)
    gone = collect_garbage(store)
    refresh_people(store, touched)
    rekey(store, touched)
    store.refresh_ties(messaged)
    reload_index(store)
    return gone


def rekey(store: Store, person_ids: Iterable[int]) -> None:
    """The identity keys of these people as what is left supports them: their URLs and emails from
    their remaining rows, and the pins of manual merges whose rows still exist. Keys that only a
    forgotten import supported go with it."""
    db = store.db
    for pid in person_ids:
        if not store.exists(pid) or pid == store.me_id:
            continue
        db.execute("DELETE FROM person_keys WHERE person_id = ? AND manual = 0", (pid,))
        for url, email in db.execute(
            "SELECT DISTINCT url, email FROM observations WHERE person_id = ? AND (url != '' OR email != '')", (pid,)
        ).fetchall():
            slug = linkedin_slug(url) if url else None
            add_keys(store, ([("li:" + slug, pid)] if slug else []) + ([("email:" + email, pid)] if email else []))
        for (key,) in db.execute(
            "SELECT key FROM person_keys WHERE person_id = ? AND manual = 1 AND key LIKE 'pin:%'", (pid,)
        ).fetchall():
            owner, _, rest = key[4:].partition(":")
            nk, ck, slug = [*rest.split("\x1f"), "", "", ""][:3]
            found = db.execute(
                "SELECT url FROM observations WHERE owner_id = ? AND name_key = ? AND company_key = ?",
                (int(owner), nk, ck),
            ).fetchall()
            if not any((linkedin_slug(u) or "") == slug for (u,) in found if u) and not (not slug and found):
                db.execute("DELETE FROM person_keys WHERE key = ?", (key,))
