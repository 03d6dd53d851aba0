"""Preparing for an informational interview: a one-page brief on one person — who they are, how you
are connected (bridges, tie strengths, how many messages you exchanged with the bridge and when:
counts and dates, never content), their jobs as the exports show them over time, your outreach
history and notes, and 8 to 10 questions that fit them from the question bank (package data your own
``questions.toml`` in the data folder adds to).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from netmap.drafts import template_folder
from netmap.errors import NetmapError
from netmap.network import reach
from netmap.outreach import Record, record_of
from netmap.store import Store
from netmap.taxonomy import taxonomy

MAX_QUESTIONS = 10


@dataclass
class Connection:
    bridge: str
    bridge_id: int
    your_tie: float
    their_tie: float
    messages: int  # you exchanged with the bridge
    last_message: str | None


@dataclass
class Brief:
    id: int
    name: str
    role: str
    industry: str
    function: str
    seniority: str
    founder: bool
    url: str | None
    degree: int | None
    connections: list[Connection]
    jobs: list[tuple[str, str, str, str, bool]]  # company, position, first seen, who listed it, only a referral
    outreach: Record | None
    questions: list[str] = field(default_factory=list)


def question_bank() -> dict[str, Any]:
    """The package's question bank, with your own questions.toml (in the data folder) added."""
    bank = tomllib.loads((files("netmap") / "data" / "questions.toml").read_text(encoding="utf-8"))
    mine = template_folder().parent / "questions.toml"
    if mine.exists():
        try:
            extra = tomllib.loads(mine.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise NetmapError(f"{mine}: not readable as TOML ({exc}) — fix it or remove it") from None
        for key, value in extra.items():
            if isinstance(value, list):
                bank[key] = [*bank.get(key, []), *value]
            elif isinstance(value, dict):
                for sub, questions in value.items():
                    bank.setdefault(key, {})[sub] = [*bank.get(key, {}).get(sub, []), *questions]
    return bank


def questions_for(person: dict[str, Any], bank: dict[str, Any] | None = None) -> list[str]:
    """The classic four, then questions for their function, industry, level (and founders), then a
    closing one: at most ten."""
    bank = bank or question_bank()
    picked = list(bank["classic"])
    picked += bank.get("function", {}).get(person["function"] or "", [])[:2]
    picked += bank.get("industry", {}).get(person["industry"] or "", [])[:2]
    picked += bank.get("seniority", {}).get(person["seniority"] or "", [])[:1]
    if person.get("founder"):
        picked += bank.get("founder", {}).get("questions", [])[:1]
    room = max(1, MAX_QUESTIONS - len(picked))
    picked = picked[: MAX_QUESTIONS - 1] + bank["closing"][: min(room, 2)]
    return list(dict.fromkeys(picked))[:MAX_QUESTIONS]


def brief(store: Store, person_id: int) -> Brief:
    """Everything netmap knows that helps you prepare to meet one person."""
    if person_id == store.me_id:
        raise NetmapError("that is you: prep is for someone you are about to meet")
    person = store.person(person_id)
    if person is None:
        raise NetmapError(f"no person with id {person_id}")
    how = reach(store, [person_id])
    connections = []
    for bridge, mine, theirs in how.bridges.get(person_id, []):
        count, last = store.messages_with(bridge)
        connections.append(Connection(store.name_of(bridge), bridge, round(mine, 3), round(theirs, 3), count, last))
    tax = taxonomy()
    return Brief(
        id=person_id,
        name=person["name"],
        role=" at ".join(p for p in (person["position"], person["company"]) if p),
        industry=tax.name_of(person["sub_industry"] or person["industry"] or "unknown"),
        function=person["function"] or "unknown",
        seniority=person["seniority"] or "unknown",
        founder=bool(person["founder"]),
        url=person["url"],
        degree=how.degree(person_id),
        connections=connections,
        jobs=store.jobs_of(person_id),
        outreach=record_of(store, person_id),
        questions=questions_for(person),
    )


def text(b: Brief) -> str:
    """The brief as one page of plain text."""
    lines = [b.name, "=" * len(b.name), b.role or "(no title or company known)"]
    lines.append(f"{b.industry} · {b.function} · {b.seniority.replace('_', '-')}" + (" · founder" if b.founder else ""))
    if b.url:
        lines.append(b.url)
    lines += ["", "How you are connected (ties 0-1: how close two people are, from messages and years connected)"]
    if b.degree == 1:
        lines.append("  your own contact")
    for c in b.connections:
        talk = f"; you exchanged {c.messages} messages with {c.bridge.split()[0]}" if c.messages else ""
        when = f", the last on {c.last_message}" if c.last_message else ""
        lines.append(f"  through {c.bridge} (your tie {c.your_tie:.2f}, theirs {c.their_tie:.2f}){talk}{when}")
    if not b.connections and b.degree != 1:
        lines.append("  no bridge in your data: write to them directly (netmap draft --to-target)")
    lines += ["", "Their jobs, as your exports show them"]
    lines += [f"  {' at '.join(p for p in (position, company) if p)} "
              + (f"(as {who} told you, {seen})" if told else f"(in {who}'s export of {seen})")
              for company, position, seen, who, told in b.jobs] or ["  nothing recorded"]  # fmt: skip
    lines += ["", "Your outreach"]
    if b.outreach and b.outreach.steps:
        for step in b.outreach.steps:
            via = f" via {step.via}" if step.via else ""
            planned = f" for {step.next}" if step.next else ""
            note = f" — {step.note}" if step.note else ""
            lines.append(f"  {step.on}  {step.stage}{planned}{via}{note}")
    else:
        lines.append(f'  nothing yet (netmap track "{b.name}" picked)')
    lines += ["", "Questions to ask"]
    lines += [f"  {n}. {q}" for n, q in enumerate(b.questions, start=1)]
    return "\n".join(lines) + "\n"
