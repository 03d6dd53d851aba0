"""Apply parsed exports to the store: owners, replacing older exports, identity, observations.

Reading (``readers``) never touches the store; this module writes, inside the caller's
transaction, so a failure anywhere leaves the store as it was.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import repeat
from pathlib import Path

from netmap.errors import InputError, NetmapError, PersonNotFound
from netmap.identity import Row, _ids
from netmap.models import Export, ImportSummary, NearMiss
from netmap.normalize import clean_text, company_key, email_key, linkedin_slug, linkedin_url, name_key
from netmap.rank import observed_tie
from netmap.readers import decode, read_path
from netmap.store import Store, now

MAX_NEAR_MISSES = 200  # kept per export for the summary; the count is always exact
Progress = Callable[[int], None]


def resolve_owner(store: Store, owner: str | None, owner_new: bool = False, owner_url: str | None = None) -> int:
    """The person id an import belongs to: you when ``owner`` is None. With an ``owner_url`` (from a
    manifest) the URL decides; the name only finds someone the URL does not contradict. With
    ``owner_new``, an owner netmap does not know (or a namesake) is made a new person."""
    if owner is None and owner_url is None:
        return store.me_id
    if owner_url is None and owner and "linkedin" in owner.lower():
        owner, owner_url = None, owner
    slug = linkedin_slug(owner_url) if owner_url else None
    if owner_url and slug is None:
        raise InputError(f"{owner_url!r} is not a LinkedIn profile URL (https://www.linkedin.com/in/…)")
    pid = _known_owner(store, owner, slug, owner_new)
    if pid == store.me_id:
        raise NetmapError(
            f"{owner or owner_url!r} is you: import your own exports without --owner (a friend with your name "
            "needs --owner-new)"
        )
    if pid is not None:
        return pid
    shown = clean_text(owner or "")
    new = store.db.execute(
        "INSERT INTO people (name, name_key, url) VALUES (?, ?, ?)",
        (shown, name_key(shown), linkedin_url(slug) if slug else None),
    ).lastrowid
    assert new is not None
    if slug:
        store.add_key("li:" + slug, new)
    store._index = None
    return new


def _known_owner(store: Store, owner: str | None, slug: str | None, owner_new: bool) -> int | None:
    """The known person an owner is, or None for a new person (only with ``owner_new``)."""
    try:
        if slug:
            try:
                return store.resolve_person(linkedin_url(slug))
            except PersonNotFound:
                if owner is None:
                    raise
        pid = store.resolve_person(owner or "")
    except PersonNotFound as exc:
        if owner_new:
            return None
        if owner and (owner.strip().lower() == "me" or store.is_my_name(owner)):
            return store.me_id  # resolve_owner refuses you
        has_contacts = store.db.execute("SELECT 1 FROM observations WHERE owner_id = ? LIMIT 1", (store.me_id,))
        if has_contacts.fetchone() is None:
            raise PersonNotFound(
                f"{owner or linkedin_url(slug or '')!r} is not known yet — import your own Connections.csv "
                "(or LinkedIn archive) first, so netmap knows your friends; or add --owner-new"
            ) from None
        raise PersonNotFound(f"{exc} — or add --owner-new if the owner is new to netmap") from None
    known = store.index().slugs(pid)
    if slug and known and slug not in known:
        if not owner_new:
            raise InputError(
                f"{owner!r} is known with another LinkedIn URL than {linkedin_url(slug)} — correct the "
                "owner_url, or add --owner-new if this is a namesake"
            )
        return None
    return pid


@contextmanager
def bulk() -> Iterator[None]:
    """No cyclic garbage collection while rows are read and resolved: they create hundreds of
    thousands of lists and tuples but no cycles, and collecting would re-scan them many times."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_exports(
    paths: list[str | Path], input_format: str = "auto", mapping: dict[str, str] | None = None
) -> list[Export]:
    """Parse files, zips or archive folders (nothing is written); ``mapping`` ({field: column}) reads
    a CSV of any layout."""
    with bulk():
        return [export for path in paths for export in read_path(path, input_format, mapping)]


def import_exports(
    store: Store,
    exports: list[Export],
    owner: str | None = None,
    owner_new: bool = False,
    progress: Progress | None = None,
) -> list[ImportSummary]:
    """Add parsed exports to the store for one owner (you by default), in one transaction."""
    with bulk(), store.transaction():
        owner_id = resolve_owner(store, owner, owner_new)
        summaries = [apply_export(store, export, owner_id, progress) for export in exports]
        store.classify_pending()
    return summaries


def import_paths(
    store: Store,
    paths: list[str | Path],
    owner: str | None = None,
    owner_new: bool = False,
    input_format: str = "auto",
    progress: Progress | None = None,
    mapping: dict[str, str] | None = None,
) -> list[ImportSummary]:
    """Read and import files, zips or archive folders for one owner (you by default)."""
    return import_exports(store, read_exports(paths, input_format, mapping), owner, owner_new, progress)


def read_manifest(path: str | Path) -> list[tuple[int, Path, str, str | None]]:
    """Rows of a manifest CSV ``path,owner[,owner_url]``: (line, file path, owner, owner URL).
    Relative paths are relative to the manifest's folder."""
    manifest = Path(path)
    if not manifest.is_file():
        raise InputError(f"{path}: no such manifest file — check the path")
    text = decode(manifest.read_bytes(), str(path))
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().casefold() for h in next(reader, [])]
    if "path" not in header or "owner" not in header:
        raise InputError(f"{path} line 1: a manifest needs a header 'path,owner[,owner_url]'")
    entries = []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        row = dict(zip(header, (f.strip() for f in fields), strict=False))
        line = reader.line_num
        if not row.get("path") or not (row.get("owner") or row.get("owner_url")):
            raise InputError(f"{path} line {line}: each row needs a path and an owner")
        entries.append((line, manifest.parent / row["path"], row.get("owner", ""), row.get("owner_url") or None))
    return entries


def import_manifest(
    store: Store,
    manifest: str | Path,
    owner_new: bool = False,
    input_format: str = "auto",
    progress: Progress | None = None,
) -> list[ImportSummary]:
    """Import every file a manifest lists, each for its owner, in one transaction."""
    entries = read_manifest(manifest)
    summaries: list[ImportSummary] = []
    with bulk(), store.transaction():
        for line, path, owner, owner_url in entries:
            try:
                owner_id = resolve_owner(store, owner or None, owner_new, owner_url)
            except NetmapError as exc:
                raise type(exc)(f"{manifest} line {line}: {exc}") from None
            for export in read_path(path, input_format):
                summaries.append(apply_export(store, export, owner_id))
            if progress:
                progress(1)
        store.classify_pending()
    return summaries


def apply_export(store: Store, export: Export, owner_id: int, progress: Progress | None = None) -> ImportSummary:
    """Add one export to the store for ``owner_id``; replaces an older export of the same kind."""
    db = store.db
    summary = ImportSummary(export.path, export.kind, None, store.name_of(owner_id), skipped=export.skipped)
    summary.warnings.extend(export.warnings)
    same = db.execute(
        "SELECT id FROM sources WHERE owner_id = ? AND kind = ? AND content_hash = ?",
        (owner_id, export.kind, export.content_hash),
    ).fetchone()
    if same:
        summary.source_id, summary.unchanged = same[0], True
        return summary
    export_date = export.export_date or date.today().isoformat()
    previous = db.execute(
        "SELECT id, export_date FROM sources WHERE owner_id = ? AND kind = ?", (owner_id, export.kind)
    ).fetchall()
    newer = [sid for sid, when in previous if when > export_date]
    if newer:
        summary.source_id, summary.older = newer[0], True
        return summary
    if owner_id == store.me_id and (export.me_name or export.me_url):
        store.set_me(export.me_name, export.me_url, only_missing=True)
    rows = 0 if export.contacts is None else len(export.contacts)
    rows += 0 if export.interactions is None else len(export.interactions)
    rows += 0 if export.edges is None else len(export.edges)
    summary.source_id = db.execute(
        """INSERT INTO sources (path, kind, format, owner_id, rows, skipped, content_hash, export_date, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            export.path,
            export.kind,
            export.format,
            owner_id,
            rows,
            export.skipped,
            export.content_hash,
            export_date,
            now(),
        ),
    ).lastrowid
    summary.read = rows
    if export.contacts is not None:
        _apply_contacts(store, export, owner_id, export_date, summary, progress)
    if export.interactions is not None:
        _apply_interactions(store, export, owner_id, summary)
    if export.edges is not None:
        _apply_edges(store, export, summary)
    replaced = [sid for sid, _ in previous]
    if replaced:
        store.forget(replaced)
        summary.replaced = replaced
    if owner_id != store.me_id and not store.me().name and not store.me().url:
        summary.warnings.append(
            "netmap does not know who you are, so your own row in this export counts as a contact — "
            'run `netmap whoami --name "Your Name" --url https://www.linkedin.com/in/you` '
            "(or import your LinkedIn archive) and it will be matched to you"
        )
    return summary


def _apply_contacts(
    store: Store, export: Export, owner_id: int, export_date: str, summary: ImportSummary, progress: Progress | None
) -> None:
    assert export.contacts is not None
    db = store.db
    index = store.index()
    me = store.me_id
    me_slugs = index.slugs(me)
    me_name = db.execute("SELECT name_key FROM people WHERE id = ?", (me,)).fetchone()[0]
    next_id = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
    taken: set[int] = set()
    new_people, keys, seen, fill = [], [], [], []
    misses: list[tuple[int, str, str, str, list[int]]] = []
    frame = export.contacts
    step, reported = max(len(frame) // 50, 1), 0
    columns = [frame[c].tolist() for c in ("line", "name", "url", "email", "company", "position", "connected_on")]
    name_keys = list(map(name_key, columns[1]))
    slugs = [(linkedin_slug(u) or "") if u else "" for u in columns[2]]
    emails = [(email_key(e) or "") if e else "" for e in columns[3]]
    company_keys = list(map(company_key, columns[4]))
    ties = [observed_tie(d, export_date) for d in columns[6]]
    lines, names, urls, _, companies, positions, dates = columns
    pids: list[int | None] = []  # None: the row is you
    for n, row in enumerate(map(Row, name_keys, company_keys, slugs, emails)):
        if progress and n % step == 0 and n:
            progress(step)
            reported += step
        if _is_me(row, me_slugs, me_name, owner_id == me):
            summary.you += 1
            pids.append(None)
            continue
        match = index.resolve(row, owner_id, taken)
        pid = match.person_id
        if pid is None:
            pid, next_id = next_id, next_id + 1
            new_people.append(pid)
            summary.added += 1
        else:
            summary.merged += 1
            seen.append(
                (names[n], row.name_key, companies[n], row.company_key, positions[n], export_date, pid, export_date)
            )
            if urls[n] or row.email:
                fill.append((urls[n] or None, row.email or None, pid))
        if match.near_miss:
            misses.append((lines[n], names[n], companies[n], match.near_miss, match.candidates))
        taken.add(pid)
        index.add_row(pid, row)
        if row.slug:
            keys.append(("li:" + row.slug, pid))
        if row.email:
            keys.append(("email:" + row.email, pid))
        pids.append(pid)
    if progress:
        progress(len(frame) - reported)
    observations = zip(
        repeat(summary.source_id), repeat(owner_id), pids, lines, names, name_keys, urls, emails, companies,
        company_keys, positions, dates, ties,
    )  # fmt: skip
    db.executemany(
        """INSERT INTO observations (source_id, owner_id, person_id, line, name, name_key, url, email,
           company, company_key, position, connected_on, tie)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        observations if not summary.you else (o for o in observations if o[2] is not None),
    )
    if new_people:  # new people start as their first observation, classified, copied inside SQLite
        store.stage_classifications(list(set(zip(positions, companies, strict=True))))
        db.execute(  # a person's first row in this file wins (OR IGNORE skips their later rows)
            """INSERT OR IGNORE INTO people (id, name, name_key, url, email, company, company_key, position,
                                             as_of, industry, sub_industry, function, seniority, founder, confidence)
               SELECT o.person_id, o.name, o.name_key, NULLIF(o.url, ''), NULLIF(o.email, ''), o.company,
                      o.company_key, o.position, ?, k.industry, k.sub_industry, k.function, k.seniority,
                      k.founder, k.confidence
               FROM observations o LEFT JOIN temp.classified k ON k.title = o.position AND k.company = o.company
               WHERE o.source_id = ? AND o.person_id >= ? ORDER BY o.id""",
            (export_date, summary.source_id, new_people[0]),
        )
        db.execute(  # your tags are applied by the next classify_pending
            """UPDATE people SET industry = NULL WHERE id >= ?
               AND company_key IN (SELECT company_key FROM company_tags)""",
            (new_people[0],),
        )
    db.executemany("INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)", keys)
    db.executemany(
        """UPDATE people SET name = ?, name_key = ?, company = ?, company_key = ?, position = ?, as_of = ?,
           industry = NULL WHERE id = ? AND as_of <= ? AND NOT is_me""",
        seen,
    )
    db.executemany(
        "UPDATE people SET url = COALESCE(url, ?), email = COALESCE(email, ?) WHERE id = ? AND NOT is_me", fill
    )
    messaged = db.execute(
        """SELECT DISTINCT i.owner_id, i.person_id FROM interactions i
           JOIN observations o ON o.owner_id = i.owner_id AND o.person_id = i.person_id
           WHERE i.owner_id = ? AND o.source_id = ?""",
        (owner_id, summary.source_id),
    ).fetchall()
    store.refresh_ties(messaged)
    summary.near_misses = _describe_misses(store, export.path, misses)
    summary.near_miss_count = len(misses)


def _is_me(row: Row, me_slugs: set[str], me_name: str, own_import: bool) -> bool:
    """Your row in a friend's export: your URL, else your exact name (never by name in your own)."""
    if row.slug and me_slugs:
        return row.slug in me_slugs
    return not own_import and bool(me_name) and row.name_key == me_name


def _describe_misses(store: Store, path: str, misses: list[tuple[int, str, str, str, list[int]]]) -> list[NearMiss]:
    described = []
    for line, name, company, reason, ids in misses[:MAX_NEAR_MISSES]:
        candidates = []
        for pid in ids:
            found = store.db.execute("SELECT name, company FROM people WHERE id = ?", (pid,)).fetchone()
            if found:
                candidates.append((pid, found[0], found[1]))
        described.append(NearMiss(path, line, name, company, reason, candidates))
    return described


def _apply_interactions(store: Store, export: Export, owner_id: int, summary: ImportSummary) -> None:
    """Message counts per contact of the owner: by URL, else by exact name among their contacts."""
    assert export.interactions is not None
    db = store.db
    index = store.index()
    contacts = {r[0] for r in db.execute("SELECT DISTINCT person_id FROM observations WHERE owner_id = ?", (owner_id,))}
    rows, unmatched = [], 0
    for key_type, key, count, last_date in zip(
        export.interactions["key_type"],
        export.interactions["key"],
        export.interactions["count"],
        export.interactions["last_date"],
        strict=True,
    ):
        if key_type == "url":
            found = index.keys.get("li:" + key)
            pids = [found] if found is not None and found in contacts else []
        else:
            pids = [p for p in _ids(index.names.get(key)) if p in contacts]
        if len(pids) == 1:
            rows.append((summary.source_id, owner_id, pids[0], int(count), last_date))
        else:
            unmatched += 1
    db.executemany(
        "INSERT INTO interactions (source_id, owner_id, person_id, count, last_date) VALUES (?, ?, ?, ?, ?)", rows
    )
    store.refresh_ties((owner_id, pid) for _, _, pid, _, _ in rows)
    summary.merged = len(rows)
    if unmatched:
        summary.warnings.append(
            f"{unmatched} people in the messages are not among the connections (or share a name) and were left out"
        )


def _apply_edges(store: Store, export: Export, summary: ImportSummary) -> None:
    """An edge list: each row says two people know each other (both directions are stored, with the
    weight as the tie's strength). Ends are resolved once per list: ``me``, an id, a LinkedIn URL,
    an email, or a name — the one known person with that exact name (reported), else a new person."""
    assert export.edges is not None
    db, index, me = store.db, store.index(), store.me_id
    next_id = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
    resolved: dict[str, int] = {}
    found_by_name: list[str] = []
    people: dict[int, tuple[str, str, str, str]] = {}  # new people: name, url, email, name_key
    new_keys: list[tuple[str, int]] = []

    def person(text: str, line: int) -> int:
        nonlocal next_id
        slug = linkedin_slug(text) if "linkedin" in text.lower() else None
        email = email_key(text) if "@" in text else None
        key = ("li:" + slug) if slug else ("email:" + email) if email else ("name:" + name_key(text))
        if text.casefold() == "me":
            return me
        if text.isdigit():
            if not db.execute("SELECT 1 FROM people WHERE id = ?", (int(text),)).fetchone():
                raise InputError(f"{export.path} line {line}: no person with id {text} — see `netmap people`")
            return int(text)
        if key in resolved:
            return resolved[key]
        pid = index.keys.get(key) if (slug or email) else None
        if pid is None and not (slug or email):
            same = sorted(_ids(index.names.get(name_key(text))))
            if len(same) == 1:
                pid = same[0]
                found_by_name.append(f"line {line}: {text!r} is {store.name_of(pid)} (id {pid})")
            elif same:
                found_by_name.append(f"line {line}: {text!r} matches {len(same)} people; a new person was made")
        if pid is None:
            pid, next_id = next_id, next_id + 1
            name = "" if (slug or email) else clean_text(text)
            people[pid] = (name or (email or slug or "").split("@")[0], linkedin_url(slug) if slug else "", email or "",
                           name_key(name))  # fmt: skip
            if slug or email:
                index.add_key(key, pid)
                new_keys.append((key, pid))
            else:
                index.add_row(pid, Row(name_key(name), "", "", ""))
            summary.added += 1
        else:
            summary.merged += 1
        resolved[key] = pid
        return pid

    edges = []
    for source, target, weight, line in zip(
        export.edges["source"], export.edges["target"], export.edges["weight"], export.edges["line"], strict=True
    ):
        a, b = person(source, int(line)), person(target, int(line))
        if a == b:
            summary.warnings.append(f"line {line}: an edge from a person to themself was left out")
            continue
        strength = None if weight is None or weight != weight else float(weight)  # NaN: no weight given
        edges += [(a, b, int(line), strength), (b, a, int(line), strength)]
    db.executemany(
        "INSERT INTO people (id, name, name_key, url, email) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))",
        [(pid, name, nk, url, email) for pid, (name, url, email, nk) in people.items()],
    )
    db.executemany("INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)", new_keys)
    described: dict[int, tuple[str, ...]] = {}  # each end as an observation shows them
    for pid in {pid for _, pid, _, _ in edges}:
        described[pid] = db.execute(
            "SELECT name, name_key, COALESCE(url, ''), COALESCE(email, ''), company, company_key, position "
            "FROM people WHERE id = ?",
            (pid,),
        ).fetchone()
    rows = [
        (summary.source_id, owner, pid, line, *described[pid], "", strength, observed_tie(None, None, strength))
        for owner, pid, line, strength in edges
    ]
    db.executemany(
        """INSERT INTO observations (source_id, owner_id, person_id, line, name, name_key, url, email, company,
           company_key, position, connected_on, strength, tie) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )
    summary.read = len(export.edges)
    summary.warnings += found_by_name[:10]
    if len(found_by_name) > 10:
        summary.warnings.append(f"and {len(found_by_name) - 10} more names resolved to people you know")
