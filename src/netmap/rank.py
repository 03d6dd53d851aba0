"""Ranking: fit × reachability, explained. Pure functions on records — no store, no I/O.

``score(features, query)`` is the one scoring function every command and test uses. Fit is how well
a person matches what you asked (industry is a filter; role and seniority are soft); reachability
is how likely an introduction is, from the number and strength of the bridges to them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from netmap.normalize import counted
from netmap.roles import Role, role_match
from netmap.roles import role_fit as fit_of_role
from netmap.taxonomy import level_phrase, taxonomy
from netmap.ties import NEUTRAL

# How approachable each level is for an informational interview: a few years in beats the C-suite.
LEVEL_WEIGHTS: dict[str, float] = {
    "student": 0.45,
    "intern": 0.6,
    "entry": 1.0,
    "mid": 1.0,
    "senior": 0.95,
    "manager": 0.8,
    "director": 0.6,
    "vp": 0.45,
    "partner": 0.35,
    "c_level": 0.3,
    "unknown": 0.6,
}
ROLE_MISS = 0.35  # role fit of someone whose title shares nothing with --role


@dataclass(frozen=True)
class Query:
    """What you asked for. ``industry`` is a slug or ``slug.sub``; ``role`` what ``--role`` means
    (:func:`netmap.roles.resolve_role`)."""

    industry: str | None = None
    role: Role | None = None
    company: str | None = None  # a company_key
    seniority: frozenset[str] | None = None
    level_weights: tuple[tuple[str, float], ...] = tuple(LEVEL_WEIGHTS.items())
    limit: int = 20
    max_per_bridge: int | None = None
    include_first: bool = False
    include_done: bool = False  # also people you already met, thanked, or who declined
    max_open_per_bridge: int = 2  # a friend waiting on this many of your asks is asked last


@dataclass
class Features:
    """Everything the score of one candidate depends on, gathered from the store."""

    person_id: int
    title_words: frozenset[str]  # cue words of the title
    industry: str
    function: str
    seniority: str
    confidence: float  # of the classification
    degree: int
    bridges: list[tuple[int, float, float]] = field(default_factory=list)  # (bridge, your tie, their tie)
    my_tie: float = NEUTRAL  # for degree 1: your own tie to them
    sub_industry: str | None = None


def role_fit(features: Features, query: Query) -> tuple[float, list[str]]:
    """(fit, the words by which they are the role): 1 for a full match, ``ROLE_MISS`` for none;
    free words count in proportion.

    >>> from netmap.roles import resolve_role
    >>> f = Features(1, frozenset({"m&a", "analyst"}), "finance", "finance", "entry", 0.9, 2)
    >>> role_fit(f, Query(role=resolve_role("analyst")))
    (1.0, ['analyst'])
    >>> role_fit(f, Query(role=resolve_role("engineering")))
    (0.35, [])
    """
    if query.role is None:
        return 1.0, []
    matched = role_match(query.role, features.title_words, features.function, features.industry, features.sub_industry)
    return fit_of_role(query.role, matched, ROLE_MISS), matched


def reachability(features: Features) -> float:
    """Chance an introduction works: your tie for a first-degree person; for the second degree,
    1 − Π(1 − your tie × their tie) over the bridges, so more or stronger bridges never lower it."""
    if features.degree == 1:
        return features.my_tie
    miss = 1.0
    for _, mine, theirs in features.bridges:
        miss *= 1 - mine * theirs
    return 1 - miss


def score(features: Features, query: Query) -> tuple[float, dict[str, float]]:
    """(score 0–100, its parts). Absolute: the same data and query give the same score.

    score = 100 × fit × √reachability, with fit = industry confidence term × role fit × level weight.

    >>> one = Features(7, frozenset({"analyst"}), "finance", "finance", "entry", 1.0, 2, [(2, 0.5, 0.5)])
    >>> score(one, Query(industry="finance"))[0]
    50.0
    >>> two = Features(7, frozenset({"analyst"}), "finance", "finance", "entry", 1.0, 2, [(2, 0.5, 0.5), (3, 0.5, 0.5)])
    >>> score(two, Query(industry="finance"))[0] > score(one, Query(industry="finance"))[0]
    True
    """
    industry = 0.85 + 0.15 * features.confidence if query.industry else 1.0
    role, _ = role_fit(features, query)
    level = 1.0 if query.seniority else dict(query.level_weights).get(features.seniority, LEVEL_WEIGHTS["unknown"])
    reach = reachability(features)
    fit = industry * role * level
    value = round(100 * fit * math.sqrt(reach), 1)
    parts = {
        "industry": round(industry, 3),
        "role": round(role, 3),
        "seniority": round(level, 3),
        "fit": round(fit, 3),
        "reachability": round(reach, 3),
        "bridges": float(len(features.bridges)),
    }
    return value, parts


def order(scored: list[tuple[float, Features, str]], query: Query) -> list[tuple[float, Features]]:
    """Best first; ties broken by more bridges, then name key, then id (deterministic). With
    ``max_per_bridge`` at most that many results go through one best bridge."""
    ranked = sorted(scored, key=lambda s: (-s[0], -len(s[1].bridges), s[2], s[1].person_id))
    through: dict[int, int] = {}
    chosen = []
    for value, features, _ in ranked:
        if query.max_per_bridge is not None and features.bridges:
            best = features.bridges[0][0]
            if through.get(best, 0) >= query.max_per_bridge:
                continue
            through[best] = through.get(best, 0) + 1
        chosen.append((value, features))
        if len(chosen) >= query.limit:
            break
    return chosen


def why(
    person: dict[str, object],
    features: Features,
    query: Query,
    role_words: list[str],
    evidence: list[str],
    bridges: list[Any],
    messages: dict[int, int],
    busy: dict[int, int] | None = None,
) -> list[str]:
    """The reasons, in plain words and in order: what they do, why they fit, and whom to ask
    (joined into one sentence for JSON; shown one by one in tables and on the map)."""
    job = " at ".join(str(x) for x in (person["position"], person["company"]) if x) or "no title or company known"
    parts = [job]
    reason = next((e.removeprefix("industry: ") for e in evidence if e.startswith("industry: ")), "")
    industry = str(person.get("sub_industry") or person.get("industry") or "unknown")
    label = "Industry unknown" if industry in ("unknown", "") else taxonomy().name_of(industry)
    parts.append(f"{label} — {reason}" if reason else label)
    if query.role is not None:
        parts.append(_role_reason(query.role, role_words))
    parts.append(level_phrase(features.seniority))
    if features.degree == 1:
        count = messages.get(features.person_id)
        parts.append("your own contact" + (f" ({_messages(count)} exchanged)" if count else ""))
    elif bridges:
        best = bridges[0]
        count = messages.get(best.id)
        parts.append(ask_reason(len(bridges), best.name) + (f" (you exchanged {_messages(count)})" if count else ""))
        waiting = [b for b in bridges if busy and b.id in busy]
        if busy and waiting:
            parts.append(f"{waiting[0].name} already has {busy[waiting[0].id]} of your asks waiting")
    return parts


def ask_reason(mutual: int, best: str) -> str:
    """``"3 mutual connections: ask Ava Chen"``."""
    return f"{counted(mutual, 'mutual connection')}: ask {best}"


def _role_reason(role: Role, matched: list[str]) -> str:
    """``in investment banking``, ``title says 'analyst'``, ``not in software engineering``."""
    if matched and not role.free and matched == [role.name]:
        return f"in {role.name}"
    if matched:
        return f"title says '{' '.join(matched)}'"
    return f"title does not say '{role.text}'" if role.free else f"not in {role.name}"


def _messages(count: int) -> str:
    return f"{count} message{'s' if count != 1 else ''}"
