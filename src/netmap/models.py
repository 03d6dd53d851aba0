"""Records that cross module boundaries. Plain dataclasses; ``asdict`` gives the JSON shapes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# What --input-format accepts: "auto" detects the reader by content.
INPUT_FORMATS = ("auto", "linkedin", "linkedin-archive", "google", "outlook", "vcard", "csv", "edges")

# Canonical contact columns every reader produces (DESIGN.md), plus the source line number.
CONTACT_COLUMNS = [
    "first_name",
    "last_name",
    "name",
    "url",
    "email",
    "company",
    "position",
    "connected_on",
]


# The stages of your outreach to a person, in order, and the ways it ends (netmap.outreach).
STAGES = ("picked", "asked-bridge", "introduced", "contacted", "scheduled", "met", "thanked")
EXITS = ("declined", "no-reply", "paused")


@dataclass
class Columns:
    """Rows as named columns of equal length — what readers produce. Plain lists keep pandas (and its
    start-up time) out of every import; :meth:`frame` gives a DataFrame for exploring.

    >>> table = Columns({"name": ["Ava", "Ben"], "line": [5, 7]})
    >>> len(table), table["name"], table.records()[1]
    (2, ['Ava', 'Ben'], {'name': 'Ben', 'line': 7})
    """

    data: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), []))

    def __getitem__(self, name: str) -> list[Any]:
        return self.data[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.data, values, strict=True)) for values in zip(*self.data.values(), strict=True)]

    def take(self, keep: list[int]) -> Columns:
        """Only the rows at these positions."""
        return Columns({name: [values[i] for i in keep] for name, values in self.data.items()})

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.data)


@dataclass
class Export:
    """One readable part of what the user gave us: a contacts file, or a messages file of an archive."""

    path: str
    kind: str  # what replaces what: "linkedin", "linkedin-messages", "google", ...
    format: str  # the reader that produced it
    content_hash: str
    contacts: Columns | None = None  # CONTACT_COLUMNS + "line"
    interactions: Columns | None = None  # key_type ("url"|"name"), key, name, count, last_date
    edges: Columns | None = None  # edge lists: source, target, weight, line
    export_date: str | None = None  # ISO date the export was taken, when known
    skipped: int = 0  # rows read but not imported (ghost rows, rows without a name)
    warnings: list[str] = field(default_factory=list)
    me_name: str | None = None  # who the archive belongs to (Profile.csv)
    me_url: str | None = None
    me_profile: dict[str, str] = field(default_factory=dict)  # headline (Profile.csv), school… (Education.csv)


@dataclass
class NearMiss:
    """A row that resembled existing people but was not merged with them."""

    path: str
    line: int
    name: str
    company: str
    reason: str
    candidates: list[tuple[int, str, str]]  # (id, name, company)
    id: int | None = None  # the person the row became (so `merge` can join them)


@dataclass
class ImportSummary:
    """What one export did to the store."""

    path: str
    kind: str
    source_id: int | None
    owner: str
    read: int = 0
    skipped: int = 0
    added: int = 0
    merged: int = 0
    you: int = 0  # rows that were you, in a friend's export
    unchanged: bool = False  # identical content was already imported
    older: bool = False  # an export of this kind from this owner is already newer
    replaced: list[int] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)  # the first MAX_NEAR_MISSES of them
    near_miss_count: int = 0
    warnings: list[str] = field(default_factory=list)  # something was left out, cut or guessed
    notes: list[str] = field(default_factory=list)  # how names were resolved, for you to check


@dataclass
class Person:
    """A person as listed by ``people`` (DESIGN.md's person JSON shape)."""

    id: int
    name: str
    url: str | None
    email: str | None
    company: str
    position: str
    industry: str | None = None
    function: str | None = None
    seniority: str | None = None
    degree: int | None = None
    via: list[str] = field(default_factory=list)
    via_ids: list[int] = field(default_factory=list)
    sub_industry: str | None = None
    stage: str | None = None  # your outreach stage with them, if you track them
    next_due: str | None = None  # when your next step with them is due


@dataclass
class Bridge:
    """A first-degree person who can introduce you; ``strength`` is that of the two-hop path
    (your tie to them × their tie to the candidate)."""

    id: int
    name: str
    strength: float


@dataclass
class Suggestion(Person):
    """A ranked candidate (DESIGN.md's suggestion JSON)."""

    score: float = 0.0
    mutual_count: int = 0
    bridges: list[Bridge] = field(default_factory=list)
    why: str = ""  # the reasons as one sentence
    why_parts: list[str] = field(default_factory=list)  # what they do, why they fit, whom to ask
    score_parts: dict[str, float] | None = None


@dataclass
class Hop:
    id: int
    name: str
    strength: float  # the tie into this person


@dataclass
class Route:
    """One way to reach a person: the people on the way (you excluded), strongest path first."""

    hops: list[Hop]
    strength: float  # product of the hops' strengths


@dataclass
class Company:
    """An employer of your network (``netmap companies``): its most common spelling, how many people
    work there, and its industry with the evidence."""

    name: str
    people: int
    industry: str
    sub_industry: str | None
    confidence: float
    evidence: list[str]


@dataclass
class Source:
    """One import, as listed by ``sources``."""

    id: int
    path: str
    kind: str
    owner: str
    rows: int
    skipped: int
    people: int
    imported_at: str


@dataclass
class Me:
    """Who the user is."""

    name: str | None
    url: str | None
