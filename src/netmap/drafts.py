"""Writing the asks: the intro request to a bridge (with a paragraph they can forward), the direct
message, the follow-up, the thank-you and the later update — built from the data (first names, the
target's role and company, what links them to the bridge, who you are) and from Jinja templates you
can rewrite. netmap never sends anything: a draft is text for you to paste.

Templates ship in ``netmap/templates/drafts``; your own copies in the data folder
(:func:`template_folder`) win. LinkedIn's connection note is capped at 200 characters on free
accounts: the ``note`` draft tries its parts from the fullest down until one fits.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netmap.candidates import make_query, suggest
from netmap.errors import NetmapError
from netmap.network import degrees
from netmap.outreach import busy_note, choose_bridge, record_of, records
from netmap.store import Store
from netmap.taxonomy import taxonomy

if TYPE_CHECKING:
    import jinja2

KINDS = ("intro", "to-target", "follow-up", "thanks", "update")
# The draft that fits where you are with someone (the map's card shows it); none while an interview is
# planned or once it is closed.
KIND_AT = {
    None: "intro",
    "picked": "intro",
    "introduced": "to-target",
    "contacted": "follow-up",
    "met": "thanks",
    "thanked": "update",
}  # fmt: skip  (asked-bridge: wait for the friend, then nudge)
NOTE_LIMIT = 200  # characters of a connection request's note on a free LinkedIn account


@dataclass
class Draft:
    kind: str
    text: str
    to: str  # whom it is for
    target_id: int
    bridge_id: int | None
    notes: list[str] = field(default_factory=list)  # what could be better ("add --school …")


def template_folder() -> Path:
    """Where your own copies of the templates live (they win over netmap's)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("netmap", appauthor=False)) / "templates"


def copy_templates() -> tuple[Path, list[str]]:
    """Copy netmap's templates into :func:`template_folder`, keeping any you already have there."""
    folder = template_folder()
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for item in (files("netmap") / "templates" / "drafts").iterdir():
        target = folder / item.name
        if item.name.endswith(".j2") and not target.exists():
            with as_file(item) as source:
                shutil.copyfile(source, target)
            copied.append(item.name)
    return folder, copied


def _environment() -> jinja2.Environment:
    folder = template_folder()
    return _environment_of(str(folder), tuple(sorted(p.name for p in folder.glob("*"))) if folder.is_dir() else ())


@lru_cache(maxsize=4)
def _environment_of(folder: str, yours: tuple[str, ...]) -> jinja2.Environment:
    """One environment per template folder and the files you have in it, so a template is compiled
    once (and again when its file changes: jinja checks), not for every draft of a map. Jinja2 loads
    here, with the first draft, not in every command that imports this module."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(folder)]
    loaders.append(jinja2.PackageLoader("netmap", "templates/drafts"))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=False, keep_trailing_newline=False)
    env.filters.update(day=day, article=article)
    return env


def day(iso: str) -> str:
    """A date as a letter says it: ``"2026-12-01"`` → ``"1 December"``.

    >>> day("2026-12-01"), day("someday")
    ('1 December', 'someday')
    """
    try:
        when = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {when:%B}"


_LEGAL_END = re.compile(
    r"[,\s]+(?:&\s*co|inc|llc|ltd|limited|corp|corporation|gmbh|plc|s\.?a|ag|b\.?v|n\.?v)\.?$", re.I
)
_THE = re.compile(r"(?:university|ministry|department|bank|office|institute) of ", re.I)


def employer(company: str) -> str:
    """A company as a sentence names it: without its legal form, and with "the" where English wants it.

    >>> employer("Stripe, Inc."), employer("JPMorgan Chase & Co."), employer("University of Michigan")
    ('Stripe', 'JPMorgan Chase', 'the University of Michigan')
    """
    name = company.strip()
    while (cut := _LEGAL_END.sub("", name)) != name and cut:
        name = cut
    return f"the {name}" if _THE.match(name) else name


def article(word: str) -> str:
    """ "a" or "an" before a word, by how it sounds ("an economics", "an MBA", "a university").

    >>> [article(w) for w in ("economics", "MBA", "university", "law", "hour")]
    ['an', 'an', 'a', 'a', 'an']
    """
    first = word.split()[0] if word.split() else ""
    if first.isupper() and len(first) > 1:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    lowered = first.lower()
    if lowered.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if lowered[:1] in "aeiou" or lowered.startswith(("hour", "honor", "honour")) else "a"


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def _me(store: Store, notes: list[str]) -> dict[str, Any]:
    me, profile = store.me(), store.profile()
    if not me.name:
        raise NetmapError('netmap does not know your name: netmap whoami --name "Your Name" (the draft signs with it)')
    school, program, year = profile["school"], profile["program"], profile["year"]
    at = school and f"at {employer(school)}"
    study = " ".join(p for p in (program and f"{article(program)} {program} student", at) if p)
    intro = study or (profile["headline"] and f"{me.name.split()[0]} — {profile['headline']}") or "a student"
    if year and study:
        intro += f" (class of {year})"
    for missing, option in ((school, "--school"), (program, "--program"), (profile["interest"], "--interest")):
        if not missing:
            notes.append(f"add {option} to say more about you: netmap whoami {option} …")
    short = study or "a student"
    about = study or (profile["headline"] and f"a student ({profile['headline']})") or "a student"  # in third person
    about += f" (class of {year})" if year and study else ""
    return {"name": me.name, "first": _first(me.name), "url": me.url, "intro": intro, "short": short,
            "about": about, "interest": profile["interest"]}  # fmt: skip


def _person(store: Store, person_id: int) -> dict[str, Any]:
    found = store.person(person_id)
    if found is None:
        raise NetmapError(f"no person with id {person_id}")
    name, position, company, industry, sub = (
        found[k] for k in ("name", "position", "company", "industry", "sub_industry")
    )
    role = " at ".join(p for p in (position, company) if p)
    field_name = (
        taxonomy().name_of(sub or industry).lower() if (sub or industry) not in (None, "unknown", "other") else ""
    )
    field = field_name or (position.lower() if position else "your field")
    return {"name": name, "first": _first(name), "position": position, "company": company, "role": role,
            "employer": employer(company), "field": field}  # fmt: skip


def _link(bridge: dict[str, Any], target: dict[str, Any]) -> str:
    """What links the target to the bridge, as a reason to ask: a shared employer."""
    if bridge["company"] and bridge["company"] == target["company"]:
        return f"you both work at {target['company']}"
    return ""


def default_target(store: Store, **filters: Any) -> int:
    """The best suggestion you do not track yet (``filters`` as for ``suggest``)."""
    tracked = {r.id for r in records(store)}
    for item in suggest(store, make_query(**{**filters, "limit": 50})).items:
        if item.id not in tracked:
            return item.id
    raise NetmapError("no suggestion left that you do not track yet — see `netmap suggest` and `netmap outreach`")


def write(store: Store, person_id: int | None = None, kind: str | None = None, short: bool = False,
          **filters: Any) -> Draft:  # fmt: skip
    """A draft of ``kind`` about a person (default: your best untracked suggestion, ``filters`` as for
    ``suggest``; the kind: the one that fits where you are with them, ``KIND_AT``). ``short``: the
    connection note (at most 200 characters) instead."""
    if kind is not None and kind not in KINDS:
        raise NetmapError(f"unknown draft {kind!r}; one of: {', '.join(KINDS)}")
    target_id = person_id if person_id is not None else default_target(store, **filters)
    if target_id == store.me_id:
        raise NetmapError("that is you: a draft is for someone you want to talk to")
    notes: list[str] = []
    me, target = _me(store, notes), _person(store, target_id)
    record = record_of(store, target_id)
    stage = record.stage if record else None
    kind = kind or KIND_AT.get(stage) or "intro"
    if short and kind not in ("intro", "to-target"):
        raise NetmapError(f"{target['name']} is at {stage}: the short connection note is for a first ask")
    if kind == "follow-up" and stage not in ("contacted", "introduced"):
        notes.append(f"you have not written to {target['first']} yet: a follow-up is for after `track … contacted`")
    bridge_id = next((s.via_id for s in reversed(record.steps) if s.via_id), None) if record else None
    if bridge_id is None:
        bridge_id, skipped = choose_bridge(store, target_id)
        notes += skipped
    elif (busy := busy_note(store, bridge_id, target_id)) is not None:
        notes.append(busy)
    bridge = _person(store, bridge_id) if bridge_id is not None else None
    direct = target_id in degrees(store).first  # your own contact
    if kind == "intro" and bridge is None:
        kind = "to-target"
        notes.append(
            f"{target['name']} is your own contact: this is a message to them, not an intro request"
            if direct
            else f"nobody you know knows {target['name']}: this is a direct message instead of an intro request"
        )
    last = record.steps[-1] if record and record.steps else None
    env = _environment()
    context = {"me": me, "target": target, "bridge": bridge, "link": _link(bridge, target) if bridge else "",
               "direct": direct,
               "last_on": last.on if last else "", "note": last.note if last else "",
               "vouched": bool(record and any(s.stage == "introduced" for s in record.steps))}  # fmt: skip
    if short:
        text = _note(env, context)
        return Draft("note", text, target["name"], target_id, bridge_id, notes)
    context["forward"] = env.get_template("forward.txt.j2").render(context).strip()
    text = env.get_template(f"{kind}.txt.j2").render(context).strip()
    to = bridge["name"] if kind == "intro" and bridge else target["name"]
    return Draft(kind, text, to, target_id, bridge_id, notes)


def _note(env: jinja2.Environment, context: dict[str, Any]) -> str:
    template = env.get_template("note.txt.j2")
    for parts in (
        {"interest": True, "bridge": True, "company": True},
        {"interest": False, "bridge": True, "company": True},
        {"interest": False, "bridge": True, "company": False},
        {"interest": False, "bridge": False, "company": False},
    ):
        text = " ".join(template.render(context, parts=parts).split())
        if len(text) <= NOTE_LIMIT:
            return text
    return text[: NOTE_LIMIT - 1].rstrip() + "…"
