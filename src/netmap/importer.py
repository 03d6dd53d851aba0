"""Apply parsed exports to the store: owners, replacing older exports, identity, observations.

Reading (:mod:`netmap.readers`) never touches the store; this module writes, inside the caller's
transaction, so a failure anywhere leaves the store as it was. It holds no SQL: the rows go through
the store, who is who through :mod:`netmap.identity`, classification through :mod:`netmap.companies`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import repeat
from pathlib import Path

from netmap import identity
from netmap.companies import classify_pending, forget_empty_employers
from netmap.errors import InputError, NetmapError
from netmap.identity import Row, held_ids
from netmap.models import Export, ImportSummary, Me, NearMiss
from netmap.normalize import clean_text, company_key, email_key, linkedin_slug, linkedin_url, name_key
from netmap.readers.detect import read_path
from netmap.readers.lists import read_manifest
from netmap.store import Store
from netmap.ties import observed_tie

MAX_NEAR_MISSES = 200  # kept per export for the summary; the count is always exact
Progress = Callable[[int], None]


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


def refuse_clashes(exports: list[Export], owner: str | None) -> None:
    """Two exports of one kind for one owner in one command are refused: one would replace the other."""
    kinds: dict[str, list[str]] = {}
    for export in exports:
        if export.contacts is not None:
            kinds.setdefault(export.kind, []).append(export.path)
    clash = next((paths for paths in kinds.values() if len(paths) > 1), None)
    if clash and owner is None:
        raise NetmapError(
            f"{', '.join(clash)}: these are {len(clash)} exports of one kind, and all would be yours — import a "
            'friend\'s with --owner "Their Name" (or several at once with --manifest)'
        )
    if clash:
        raise NetmapError(
            f"{', '.join(clash)}: these are {len(clash)} exports of one kind for {owner}, and one would replace "
            "the other — import each with its own owner (or with --manifest)"
        )


def import_exports(
    store: Store,
    exports: list[Export],
    owner: str | None = None,
    owner_new: bool = False,
    progress: Progress | None = None,
    replace: bool = False,
) -> list[ImportSummary]:
    """Add parsed exports to the store for one owner (you by default), in one transaction."""
    refuse_clashes(exports, owner)
    with bulk(), store.transaction():
        owner_id, note = identity.resolve_owner(store, owner, owner_new)
        summaries = [apply_export(store, export, owner_id, progress, replace) for export in exports]
        if note and summaries:
            summaries[0].notes.insert(0, note)
        classify_pending(store)
    return summaries


def import_paths(
    store: Store,
    paths: list[str | Path],
    owner: str | None = None,
    owner_new: bool = False,
    input_format: str = "auto",
    progress: Progress | None = None,
    mapping: dict[str, str] | None = None,
    replace: bool = False,
) -> list[ImportSummary]:
    """Read and import files, zips or archive folders for one owner (you by default)."""
    exports = read_exports(paths, input_format, mapping)
    return import_exports(store, exports, owner, owner_new, progress, replace)


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
    first: dict[tuple[int, str], tuple[int, str]] = {}  # (owner, kind) -> the line and file that gave it
    with bulk(), store.transaction():
        for entry in entries:
            try:
                owner_id, note = identity.resolve_owner(store, entry.owner or None, owner_new, entry.owner_url)
            except NetmapError as exc:
                raise type(exc)(f"{manifest} line {entry.line}: {exc}") from None
            said = len(summaries)
            for export in read_path(entry.path, input_format):
                line, path = first.setdefault((owner_id, export.kind), (entry.line, str(entry.path)))
                if export.contacts is not None and path != str(entry.path):
                    raise NetmapError(
                        f"{manifest} line {entry.line}: {entry.path} is a second export of one kind for "
                        f"{store.name_of(owner_id)} (line {line}: {path}), and would replace it — keep one"
                    )
                summaries.append(apply_export(store, export, owner_id))
            if note and len(summaries) > said:
                summaries[said].notes.insert(0, f"{Path(manifest).name} line {entry.line}: {note}")
            if progress:
                progress(1)
        classify_pending(store)
    return summaries


def forget(store: Store, source_ids: list[int]) -> int:
    """Remove imports; people only they contributed go too. Returns how many people went."""
    with store.transaction():
        gone = identity.forget_sources(store, source_ids)
        classify_pending(store)
        forget_empty_employers(store)
    return gone


def apply_export(
    store: Store, export: Export, owner_id: int, progress: Progress | None = None, replace: bool = False
) -> ImportSummary:
    """Add one export to the store for ``owner_id``; a newer export of the same kind replaces the
    older one when it is plausibly the same person's (the same archive owner, or it holds 90 % of the
    older one's contacts), otherwise it is refused unless ``replace``."""
    summary = ImportSummary(export.path, export.kind, None, store.name_of(owner_id), skipped=export.skipped)
    summary.warnings.extend(export.warnings)
    me_before = store.me()
    same = store.same_source(owner_id, export.kind, export.content_hash)
    if same is not None:
        summary.source_id, summary.unchanged = same, True
        _take_profile(store, export, owner_id)  # an archive tells who you are, even when its rows are known
        return summary
    export_date = export.export_date or date.today().isoformat()
    kind = store.sources_of_kind(owner_id, export.kind)
    previous = [sid for sid, _ in kind]
    newer = [sid for sid, when in kind if when > export_date]
    rows = sum(len(part) for part in (export.contacts, export.interactions, export.edges) if part is not None)
    summary.source_id = store.add_source(
        export.path, export.kind, export.format, owner_id, rows, export.skipped, export.content_hash, export_date
    )
    summary.read = rows
    if export.contacts is not None:
        _apply_contacts(store, export, owner_id, export_date, summary, progress)
    if export.interactions is not None:
        _apply_interactions(store, export, owner_id, summary)
    if export.edges is not None:
        _apply_edges(store, export, summary)
    if previous and export.contacts is not None and not replace:
        _check_same_owner(store, export, owner_id, summary.source_id, previous, bool(newer), me_before)
    if newer and not replace:  # an older export of the same person: the newer one holds it already
        identity.forget_sources(store, [summary.source_id])
        summary.source_id, summary.older = newer[0], True
        summary.read = summary.added = summary.merged = summary.you = 0
        summary.near_misses, summary.near_miss_count = [], 0
        _take_profile(store, export, owner_id)
        return summary
    if previous:
        identity.forget_sources(store, previous)
        summary.replaced = previous
    _take_profile(store, export, owner_id)
    me = store.me()
    if owner_id != store.me_id and not me.name and not me.url:
        summary.warnings.append(
            "netmap does not know who you are, so your own row in this export counts as a contact — "
            'run `netmap whoami --name "Your Name" --url https://www.linkedin.com/in/you` '
            "(or import your LinkedIn archive) and it will be matched to you"
        )
    return summary


def _take_profile(store: Store, export: Export, owner_id: int) -> None:
    """Your archive says who you are (what is not known yet), once it is accepted as yours."""
    if owner_id != store.me_id:
        return
    if export.me_name or export.me_url:
        identity.set_me(store, export.me_name, export.me_url, only_missing=True)
    if export.me_profile:
        store.set_profile(only_missing=True, **{k: v for k, v in export.me_profile.items() if v})


REPLACES = 0.9  # share of an older export's contacts a newer one of the same person holds


def _check_same_owner(
    store: Store, export: Export, owner_id: int, source_id: int, others: list[int], is_older: bool, me: Me
) -> None:
    """Refuse an export of a kind already imported for this owner when it is plausibly someone
    else's: an archive of another person, or the newer of the two holds fewer than 90 % of the older
    one's contacts (you left out). ``me``: who you were before this export."""
    same_url = bool(export.me_url) and export.me_url == me.url
    same_name = bool(export.me_name) and export.me_name == me.name
    if owner_id == store.me_id and (same_url or same_name):
        return  # your own archive again
    before = store.people_of_sources(others) - {store.me_id}
    now = store.people_of_sources([source_id]) - {store.me_id}
    older = now if is_older else before
    share = len(before & now) / len(older) if older else 1.0
    if share >= REPLACES:
        return
    listed = ", ".join(map(str, others))
    whose = "your" if owner_id == store.me_id else f"{store.name_of(owner_id)}'s"
    how = 'add --owner "Their Name"' if owner_id == store.me_id else "check the --owner"
    raise NetmapError(
        f"{export.path}: this looks like someone else's export (it shares {share:.0%} of the contacts of "
        f"{whose} export, source {listed}): {how}, or add --replace to replace source {listed} with it"
    )


def _apply_contacts(
    store: Store, export: Export, owner_id: int, export_date: str, summary: ImportSummary, progress: Progress | None
) -> None:
    assert export.contacts is not None and summary.source_id is not None
    index = identity.index(store)
    me = store.me_id
    me_slugs = index.slugs(me)
    me_name = name_key(store.me().name or "")
    first_new = next_id = store.next_person_id()
    taken: set[int] = set()
    keys: list[tuple[str, int]] = []
    seen: list[tuple[str, str, str, str, str, str, int, str]] = []
    fill: list[tuple[str | None, str | None, int]] = []
    misses: list[tuple[int, str, str, str, list[int], int]] = []
    table = export.contacts
    step, reported = max(len(table) // 50, 1), 0
    lines, names, urls, emails_raw, companies, positions, dates = (
        table[c] for c in ("line", "name", "url", "email", "company", "position", "connected_on")
    )
    name_keys = list(map(name_key, names))
    slugs = [(linkedin_slug(u) or "") if u else "" for u in urls]
    emails = [(email_key(e) or "") if e else "" for e in emails_raw]
    company_keys = list(map(company_key, companies))
    ties = [observed_tie(d, export_date) for d in dates]
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
            summary.added += 1
        else:
            summary.merged += 1
            seen.append(
                (names[n], row.name_key, companies[n], row.company_key, positions[n], export_date, pid, export_date)
            )
            if urls[n] or row.email:
                fill.append((urls[n] or None, row.email or None, pid))
        if match.near_miss:
            misses.append((lines[n], names[n], companies[n], match.near_miss, match.candidates, pid))
        taken.add(pid)
        index.add_row(pid, row)
        if row.slug:
            keys.append(("li:" + row.slug, pid))
        if row.email:
            keys.append(("email:" + row.email, pid))
        pids.append(pid)
    if progress:
        progress(len(table) - reported)
    observations = zip(
        repeat(summary.source_id), repeat(owner_id), pids, lines, names, name_keys, urls, emails, companies,
        company_keys, positions, dates, repeat(None), ties,
    )  # fmt: skip
    store.add_observations(observations if not summary.you else (o for o in observations if o[2] is not None))
    if next_id > first_new:
        identity.create_people_from_rows(store, summary.source_id, first_new, export_date)
    identity.add_keys(store, keys)
    identity.update_seen_people(store, seen, fill)
    store.refresh_ties(store.messaged_edges_of_source(owner_id, summary.source_id))
    summary.near_misses = _describe_misses(store, export.path, misses)
    summary.near_miss_count = len(misses)


def _is_me(row: Row, me_slugs: set[str], me_name: str, own_import: bool) -> bool:
    """Your row in a friend's export: your URL, else your exact name (never by name in your own)."""
    if row.slug and me_slugs:
        return row.slug in me_slugs
    return not own_import and bool(me_name) and row.name_key == me_name


def _describe_misses(
    store: Store, path: str, misses: list[tuple[int, str, str, str, list[int], int]]
) -> list[NearMiss]:
    kept = misses[:MAX_NEAR_MISSES]
    people = {row[0]: row for row in identity.people_rows(store, {pid for *_, ids, _ in kept for pid in ids})}
    return [
        NearMiss(path, line, name, company, reason, [people[pid] for pid in ids if pid in people], pid)
        for line, name, company, reason, ids, pid in kept
    ]


def _apply_interactions(store: Store, export: Export, owner_id: int, summary: ImportSummary) -> None:
    """Message counts per contact of the owner: by URL, else by exact name among their contacts."""
    assert export.interactions is not None and summary.source_id is not None
    index = identity.index(store)
    contacts = store.contacts_of(owner_id)
    rows, unmatched = [], 0
    table = export.interactions
    for key_type, key, count, last_date in zip(
        table["key_type"], table["key"], table["count"], table["last_date"], strict=True
    ):
        if key_type == "url":
            found = index.keys.get("li:" + key)
            pids = [found] if found is not None and found in contacts else []
        else:
            pids = [p for p in held_ids(index.names.get(key)) if p in contacts]
        if len(pids) == 1:
            rows.append((summary.source_id, owner_id, pids[0], int(count), last_date))
        else:
            unmatched += 1
    store.add_interactions(rows)
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
    assert export.edges is not None and summary.source_id is not None
    index, me = identity.index(store), store.me_id
    next_id = store.next_person_id()
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
        if text.isascii() and text.isdigit():
            pid = identity.as_id(text)
            if pid is None or not store.exists(pid):
                raise InputError(f"{export.path} line {line}: no person with id {text} — see `netmap people`")
            return pid
        if key in resolved:
            return resolved[key]
        pid = index.keys.get(key) if (slug or email) else None
        if pid is None and not (slug or email):
            same = sorted(held_ids(index.names.get(name_key(text))))
            if len(same) == 1:
                pid = same[0]
                found_by_name.append(f"line {line}: {text!r} is {store.name_of(pid)} (id {pid})")
        else:
            same = []
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
            if same:
                known = identity.listed(identity.people_rows(store, same))
                found_by_name.append(
                    f"line {line}: {text!r} matches {len(same)} people ({known}), so a new person was made, id "
                    f"{pid} — `netmap merge {same[0]} {pid}` if they are one"
                )
        else:
            summary.merged += 1
        resolved[key] = pid
        return pid

    edges = []
    table = export.edges
    for source, target, weight, line in zip(
        table["source"], table["target"], table["weight"], table["line"], strict=True
    ):
        a, b = person(source, int(line)), person(target, int(line))
        if a == b:
            summary.warnings.append(f"line {line}: an edge from a person to themself was left out")
            continue
        strength = None if weight is None else float(weight)
        edges += [(a, b, int(line), strength), (b, a, int(line), strength)]
    identity.create_people(store, people)
    identity.add_keys(store, new_keys)
    described = identity.observed_fields(store, {pid for _, pid, _, _ in edges})  # each end as a row shows them
    store.add_observations(
        (summary.source_id, owner, pid, line, *described[pid], "", strength, observed_tie(None, None, strength))
        for owner, pid, line, strength in edges
    )
    summary.read = len(table)
    summary.notes += found_by_name[:10]
    if len(found_by_name) > 10:
        summary.notes.append(f"and {len(found_by_name) - 10} more names resolved to people you know")
