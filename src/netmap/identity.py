"""Identity rules: which existing person, if any, an imported row is (DESIGN.md, "The store").

In order: a manual pin (from ``merge``/``unmerge``); the same canonical LinkedIn URL; the same
email; the same normalised full name + normalised company, only when exactly one existing person
matches, no differing URL contradicts it and no other row of the same file already took that
person. Anything else is a new person, and rows that resembled someone are reported as near-misses.

:class:`Index` holds the keys of every known person in memory so a bulk import of a million rows
resolves with dictionary lookups; the store loads it when a command first needs it, imports add to
it as they go, and changes made by hand (merge, forget…) make the store load it afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any


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


def _ids(held: int | set[int] | None) -> set[int]:
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
        some = sorted(islice(_ids(same_name), 8))[:5]  # a common name can have thousands
        if row.slug and all(p in self.person_slugs for p in some):
            return NEW  # namesakes told apart by their URLs
        reason = "same name, different company" if row.company_key else "same name, no company"
        return Match(None, "new", reason, some)
