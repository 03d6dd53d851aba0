"""What ``--role`` means: a function (``engineering``), an abbreviation or phrase of job hunting
(``IB``, ``SWE``, ``data science``: ``data/roles.toml``), or free words matched against titles in
any language (``analyst`` also finds "Analista de Crédito") — and whether a person is one."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from netmap.taxonomy import FUNCTIONS, cue_text, function_name


@dataclass(frozen=True)
class Role:
    """A resolved ``--role``: people of ``function`` (within ``within``, an industry or
    sub-industry) match, and so does a title holding one of ``phrases``; free words (``free``)
    match in proportion to how many of them the title has."""

    text: str  # as typed, folded
    name: str  # for messages: "investment banking"
    function: str | None = None
    within: str | None = None
    phrases: tuple[tuple[str, ...], ...] = ()
    free: bool = False
    unless: tuple[tuple[str, ...], ...] = ()  # title words that mean another role (see roles.toml)


@lru_cache(maxsize=1)
def _roles() -> tuple[dict[str, Role], dict[str, tuple[str, ...]]]:
    """Every spelling of a known role -> the role, and role words -> their words in other languages."""
    data: dict[str, Any] = tomllib.loads((files("netmap") / "data" / "roles.toml").read_text("utf-8"))
    equivalents = {cue_text(w): tuple(cue_text(e) for e in es) for w, es in data.pop("equivalents").items()}
    spellings: dict[str, Role] = {}
    for key, entry in data.items():
        role = Role(
            text=cue_text(key),
            name=entry["name"],
            function=entry.get("function"),
            within=entry.get("within"),
            phrases=tuple(tuple(cue_text(p).split()) for p in entry.get("words", [])),
            unless=tuple(tuple(cue_text(p).split()) for p in entry.get("unless", [])),
        )
        for spelling in [key, *entry.get("also", [])]:
            spellings.setdefault(cue_text(spelling), role)
    for slug in FUNCTIONS:  # a function's own slug always means the function
        spellings[slug] = Role(text=slug, name=function_name(slug).lower() if slug != "hr" else "HR", function=slug)
    return spellings, equivalents


def resolve_role(text: str) -> Role:
    """The role a ``--role`` value means.

    >>> resolve_role("IB").within, resolve_role("swe").function, resolve_role("Analyst").free
    ('finance.ib', 'engineering', True)
    """
    key = cue_text(text)
    known, _ = _roles()
    if key in known:
        return known[key]
    return Role(text=key, name=key, phrases=(tuple(key.split()),), free=True)


def role_spellings() -> dict[str, Role]:
    """Every spelling ``--role`` knows (for "did you mean")."""
    return _roles()[0]


def close_roles(text: str) -> str:
    """`` — did you mean software engineering (--role swe)?`` for a role nobody has, or nothing.

    >>> close_roles("softwre")
    ' — did you mean software engineering (--role swe)?'
    """
    from rapidfuzz import fuzz, process

    known = role_spellings()
    matches = process.extract(cue_text(text), list(known), scorer=fuzz.QRatio, limit=6, score_cutoff=75)
    roles = list(dict.fromkeys(known[m[0]] for m in matches))[:2]
    if not roles:
        return ""
    return " — did you mean " + " or ".join(f"{r.name} (--role {r.text})" for r in roles) + "?"


ENDINGS = ("s", "es", "ing", "er", "ers", "ed")  # analysts, engineering, researcher — not "doctoral", "nursery"


def _has(word: str, title: frozenset[str]) -> bool:
    """Whether a title's words hold ``word``: as it is, with one of a few English endings, or as one of
    its words in another language.

    >>> _has("analyst", frozenset({"analysts"})), _has("doctor", frozenset({"doctoral"}))
    (True, False)
    """
    if word in title:
        return True
    if len(word) >= 4 and any(word + ending in title for ending in ENDINGS):
        return True
    return any(e in title for e in _roles()[1].get(word, ()))


def role_match(role: Role, title: frozenset[str], function: str, industry: str, sub_industry: str | None) -> list[str]:
    """The words by which a person is the role (``[]``: not at all); for free words, those of them
    the title has.

    >>> title = frozenset("analista de credito".split())
    >>> role_match(resolve_role("analyst"), title, "finance", "finance", None)
    ['analyst']
    >>> role_match(resolve_role("ib"), frozenset({"analyst"}), "finance", "finance", "finance.ib")
    ['investment banking']
    """
    if any(all(_has(w, title) for w in phrase) for phrase in role.unless):
        return []  # another role's words: a credit analyst at an investment bank
    if role.function and function == role.function and role.within in (None, industry, sub_industry):
        return [role.name]
    if role.free:
        return [w for w in role.phrases[0] if _has(w, title)]
    for phrase in role.phrases:
        if all(_has(w, title) for w in phrase):
            return [" ".join(phrase)]
    return []


def role_fit(role: Role | None, matched: list[str], miss: float) -> float:
    """1 for a full match, ``miss`` for none; free words count in proportion."""
    if role is None:
        return 1.0
    if not role.free:
        return 1.0 if matched else miss
    return miss + (1 - miss) * len(matched) / len(role.phrases[0])
