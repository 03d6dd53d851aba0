"""The package data behind classification: industries with their synonyms and sub-industries,
the curated employer table, function phrases and the seniority ladder — loaded once, compiled into a
few combined patterns, and the lookups the command line needs (``--industry finance``)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import Any

from netmap.errors import UsageProblem
from netmap.normalize import LEGAL_SUFFIXES, company_key, fold

DATA_FILES = ("industries.toml", "employers.csv", "functions.toml", "seniority.toml", "places.toml")
RULES = b"2"  # raise it when classify.py changes what it stores (evidence in plain words: 2)
# Legal forms written before the name ("PT Bank Mandiri", "CV Maju"): only these are stripped there.
LEGAL_PREFIXES = frozenset({"pt", "cv"})
CONNECTORS = frozenset({"de", "do", "da", "del", "du", "of", "in", "en"})
COMMON_WORD = 40  # a word in this many curated employers' names says too little to look for near-misses
FUNCTIONS = (
    "engineering data product design research finance accounting consulting sales marketing operations "
    "hr legal healthcare education management media policy support"
).split()


LEVEL_NAMES = {"c_level": "C-level", "vp": "VP"}
# A level as a reason says it: "entry level", "senior", "C-level".
LEVEL_PHRASES = {"student": "student", "intern": "intern", "entry": "entry level", "mid": "mid-level",
                 "senior": "senior", "manager": "manager", "director": "director", "vp": "vice president",
                 "partner": "partner", "c_level": "C-level"}  # fmt: skip
FUNCTION_NAMES = {"hr": "HR"}


def level_name(level: str | None) -> str:
    """``"c_level"`` → ``"C-level"``, ``"mid"`` → ``"mid"``; nothing for an unknown level."""
    if not level or level == "unknown":
        return ""
    return LEVEL_NAMES.get(level, level.replace("_", "-"))


def level_phrase(level: str | None) -> str:
    """A level as a reason says it: ``"entry level"``, ``"C-level"``; ``"level unknown"``."""
    return LEVEL_PHRASES.get(level or "unknown", "level unknown")


def function_name(function: str | None) -> str:
    """``"hr"`` → ``"HR"``, ``"engineering"`` → ``"Engineering"``; nothing for an unknown function."""
    if not function or function == "unknown":
        return ""
    return FUNCTION_NAMES.get(function, function.replace("_", " ").capitalize())


@lru_cache(maxsize=65536)
def cue_text(text: str) -> str:
    """Lower-case words with accents removed, punctuation as spaces and a lone ``&`` as ``and``."""
    folded = fold(text).replace("’", "'").replace("@", " at ")
    folded = _LONE_AMPERSAND.sub(" and ", folded)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


_LONE_AMPERSAND = re.compile(r"(?<!\w)&(?!\w)")
_NOT_WORD = re.compile(r"[^\w&+#]+")


@dataclass(frozen=True)
class Cue:
    """One matched rule: its label, the words it matched, and the rule's pattern."""

    label: str
    text: str
    start: int
    end: int


class CueSet:
    """Many ``[pattern, label]`` rules matched as one: at each word, the longest rule that matches
    there wins (earlier rules win ties), scanning left to right, so a scan finds the most specific
    rule at each place in the text.

    Plain phrases — nearly all rules — are looked up word by word in a dict; only the few real
    regular expressions are compiled (into one alternation), which keeps start-up fast.
    """

    def __init__(self, rules: Iterable[tuple[str, str]]):
        ordered = sorted(enumerate(rules), key=lambda r: (-len(r[1][0]), r[0]))
        self.phrases: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for _, (pattern, label) in ordered:
            if _LITERAL.fullmatch(pattern):
                self.phrases.setdefault(pattern, label)
            else:
                self.patterns.append((re.compile(pattern), label))
        lengths: dict[str, set[int]] = {}
        for phrase in self.phrases:
            lengths.setdefault(phrase.split(" ", 1)[0], set()).add(phrase.count(" ") + 1)
        # first word -> the word counts of the phrases that start with it, longest first
        self.lengths = {word: sorted(counts, reverse=True) for word, counts in lengths.items()}
        alternatives = "|".join(p.pattern for p, _ in self.patterns)
        self.regex = re.compile(rf"(?<![\w&+#])(?:{alternatives})(?![\w&+#])") if self.patterns else None
        self.find = lru_cache(maxsize=65536)(self._find)

    def _find(self, text: str) -> tuple[Cue, ...]:
        """Non-overlapping matches in ``text`` (as made by :func:`cue_text`), left to right."""
        if not text:
            return ()
        found = []
        words = text.split(" ")
        start = 0
        for i, word in enumerate(words):
            for n in self.lengths.get(word, ()):
                if n > len(words) - i:
                    continue
                phrase = " ".join(words[i : i + n]) if n > 1 else word
                label = self.phrases.get(phrase)
                if label is not None:
                    found.append(Cue(label, phrase, start, start + len(phrase)))
                    break
            start += len(word) + 1
        if self.regex is not None:
            for m in self.regex.finditer(text):
                label = next(label for pattern, label in self.patterns if pattern.fullmatch(m.group()))
                found.append(Cue(label, m.group(), m.start(), m.end()))
        found.sort(key=lambda c: (c.start, c.start - c.end))
        chosen: list[Cue] = []
        for cue in found:
            if not chosen or cue.start >= chosen[-1].end:
                chosen.append(cue)
        return tuple(chosen)


_LITERAL = re.compile(r"[a-z0-9 &+#']+")


@dataclass
class Employer:
    name: str
    industry: str
    sub_industry: str | None


class Taxonomy:
    """The package data, loaded once: industries, employers, functions and the seniority ladder."""

    def __init__(self) -> None:
        raw = _raw_data()
        self.version = rules_version()
        self.industries: dict[str, dict[str, Any]] = tomllib.loads(raw["industries.toml"].decode())
        self.functions = tomllib.loads(raw["functions.toml"].decode())
        self.seniority = tomllib.loads(raw["seniority.toml"].decode())
        self.places = tomllib.loads(raw["places.toml"].decode())
        self._employers_csv = raw["employers.csv"].decode()

    @cached_property
    def employers(self) -> dict[str, Employer]:
        """Employer key -> employer, for every name and alias of employers.csv (read when something is
        classified: a command that only reads the store never needs it)."""
        return self._employer_table[0]

    @cached_property
    def fuzzy_names(self) -> dict[str, str]:
        """Spaced, folded name -> employer key, for the near-miss search."""
        return self._employer_table[1]

    @cached_property
    def _employer_table(self) -> tuple[dict[str, Employer], dict[str, str]]:
        employers: dict[str, Employer] = {}
        fuzzy: dict[str, str] = {}
        for row in csv.DictReader(io.StringIO(self._employers_csv)):
            employer = Employer(row["name"], row["industry"], row["sub_industry"] or None)
            for spelling in [row["name"], *filter(None, row["aliases"].split("|"))]:
                key = company_key(spelling)
                if key and key not in employers:
                    employers[key] = employer
                    if len(key) > 4:
                        fuzzy[spaced_name(spelling)] = key
        return employers, fuzzy

    @cached_property
    def legal_forms(self) -> set[tuple[str, ...]]:
        """Legal forms as word tuples ("ltda", "s a", "pvt ltd", "sa de cv"…), from cleanco's list."""
        from cleanco import prepare_default_terms

        found = {tuple(cue_text(" ".join(parts)).split()) for _, parts in prepare_default_terms()}
        found |= {tuple(cue_text(form).split()) for form in self.places["legal_forms"]}
        return {form for form in found if form}

    def strip_legal_form(self, words: list[str]) -> list[str]:
        """Words without a trailing legal form (repeatedly: "Ltd. Pvt", "S.A. de C.V.") or a leading
        PT/CV; never everything.

        >>> t = taxonomy()
        >>> t.strip_legal_form("pt bank mandiri persero tbk".split()), t.strip_legal_form(["plan", "a"])
        (['bank', 'mandiri'], ['plan', 'a'])
        """
        forms, longest = self.legal_forms, 4
        while len(words) > 1:
            cut = next((n for n in range(min(longest, len(words) - 1), 0, -1) if tuple(words[-n:]) in forms), 0)
            if not cut:
                break
            words = words[:-cut]
        if len(words) > 1 and words[0] in LEGAL_PREFIXES:
            words = words[1:]
        return words

    @cached_property
    def _suffix_phrases(self) -> dict[tuple[str, ...], str]:
        kinds = ("countries", "regions", "generic")
        return {tuple(cue_text(p).split()): kind for kind in kinds for p in self.places[kind] if cue_text(p)}

    def is_place(self, words: list[str]) -> bool:
        """Whether these words, after an employer's name, only say where or which part of it
        ("nigeria", "latin america", "global services"): then the employer is the one named.

        >>> taxonomy().is_place(["czech", "republic"]), taxonomy().is_place(["capital"])
        (True, False)
        """
        phrases, i = self._suffix_phrases, 0
        if len(words) > 1 and words[0] in CONNECTORS:  # "Unilever de Argentina", "Bosch of America"
            i = 1
        while i < len(words):
            step = next((n for n in range(min(4, len(words) - i), 0, -1) if tuple(words[i : i + n]) in phrases), 0)
            if not step:
                return False
            i += step
        return bool(words)

    @cached_property
    def _fuzzy_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for name in self.fuzzy_names:
            for word in set(name.split()):
                if len(word) >= 3 and (word,) not in self._suffix_phrases:
                    for key in dict.fromkeys((word, word[:3] + "…")):
                        index.setdefault(key, []).append(name)
        return {key: names for key, names in index.items() if len(names) < COMMON_WORD}

    def fuzzy_candidates(self, words: list[str]) -> list[str]:
        """Curated employer names (spaced) that share a distinctive word with these, or the first
        three letters of one (so "McKinsy" still meets "McKinsey")."""
        index = self._fuzzy_index
        keys = [key for word in words if len(word) >= 3 for key in (word, word[:3] + "…")]
        return list(dict.fromkeys(name for key in keys for name in index.get(key, ())))

    @cached_property
    def _compound(self) -> list[tuple[str, str]]:
        pairs = [(s, slug) for slug, entry in self.industries.items() for s in entry.get("company_suffix", [])]
        return sorted(pairs, key=lambda p: -len(p[0]))

    def compound_cue(self, words: list[str]) -> tuple[str, str] | None:
        """(industry, word) for a name word built on an industry word ("Rabobank", "OryxLabs"): the
        ``company_suffix`` cues, longest first, with at least three letters before them."""
        for word in words:
            for suffix, slug in self._compound:
                if word.endswith(suffix) and len(word) >= len(suffix) + 3:
                    return slug, word
        return None

    @cached_property
    def not_a_job_cues(self) -> CueSet:
        return CueSet((p, "not a job") for p in self.seniority.get("not_a_job", []))

    def not_a_job(self, text: str) -> bool:
        """Whether a title only says the person is between jobs ("Open to work", "Parental leave"):
        such a phrase, and no role beside it."""
        found = self.not_a_job_cues.find(text)
        if not found:
            return False
        chars = list(text)
        for cue in found:
            chars[cue.start : cue.end] = " " * (cue.end - cue.start)
        return not self.function_cues.find(" ".join("".join(chars).split()))

    @property
    def slugs(self) -> list[str]:
        return list(self.industries)

    def same_sub_industries(self, sub: str) -> list[str]:
        """A sub-industry and those of the same name under other industries (``finance.fintech``,
        ``technology.fintech``): one filter.

        >>> taxonomy().same_sub_industries("finance.fintech")
        ['finance.fintech', 'technology.fintech']
        """
        name = self.name_of(sub)
        return [f"{top}.{key}" for top, entry in self.industries.items()
                for key, part in entry.get("sub", {}).items() if part.get("name") == name]  # fmt: skip

    def name_of(self, slug: str) -> str:
        top, _, sub = slug.partition(".")
        entry = self.industries.get(top, {})
        if sub:
            return str(entry.get("sub", {}).get(sub, {}).get("name", slug))
        return str(entry.get("name", slug))

    @cached_property
    def company_cues(self) -> CueSet:
        rules = []
        for slug, entry in self.industries.items():
            rules += [(p, f"{slug}:strong") for p in entry.get("company", [])]
            rules += [(p, f"{slug}:weak") for p in entry.get("company_weak", [])]
        return CueSet(rules)

    @cached_property
    def title_cues(self) -> CueSet:
        """Title cues labelled ``slug`` (decisive) or ``slug:weak`` (only beside a named employer)."""
        rules = [(p, slug) for slug, entry in self.industries.items() for p in entry.get("title", [])]
        rules += [(p, f"{slug}:weak") for slug, entry in self.industries.items() for p in entry.get("title_weak", [])]
        return CueSet(rules)

    @cached_property
    def sub_cues(self) -> dict[str, tuple[CueSet, CueSet]]:
        """Per industry with sub-industries: (company cues, title cues) labelled ``slug.sub``."""
        found = {}
        for slug, entry in self.industries.items():
            subs = entry.get("sub", {})
            if subs:
                found[slug] = (
                    CueSet((p, f"{slug}.{s}") for s, e in subs.items() for p in e.get("company", [])),
                    CueSet((p, f"{slug}.{s}") for s, e in subs.items() for p in e.get("title", [])),
                )
        return found

    @cached_property
    def function_cues(self) -> CueSet:
        rules = [(p, f) for f, phrases in self.functions["phrases"].items() for p in phrases]
        rules += [(p, "management") for p in self.functions["management"]]
        rules += [(p, "level") for p in self.functions["level_words"]]
        return CueSet(rules)

    @cached_property
    def level_rank(self) -> dict[str, int]:
        return {level: i for i, level in enumerate(self.seniority["levels"])}

    @cached_property
    def ladders(self) -> dict[str, CueSet]:
        """The industry ladders, each compiled on its own (tried before the generic ladder)."""
        return {industry: CueSet(rules) for industry, rules in self.seniority["ladders"].items()}

    @cached_property
    def generic_ladder(self) -> CueSet:
        return CueSet(self.seniority["generic"])

    @cached_property
    def ignore_cues(self) -> CueSet:
        return CueSet((p, "ignore") for p in self.seniority["ignore"])

    @cached_property
    def founder_cues(self) -> CueSet:
        rules = [(p, "no") for p in self.seniority["not_founder"]]
        rules += [(p, "self") for p in self.seniority["self_employed"]]
        return CueSet(rules + [(p, "yes") for p in self.seniority["founder"]])


def spaced_name(name: str) -> str:
    """A company name as words for fuzzy matching: folded, without a trailing legal suffix."""
    words = cue_text(name).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
        if len(words) > 1 and words[-1] == "and":
            words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def _raw_data() -> dict[str, bytes]:
    folder = files("netmap") / "data"
    return {name: (folder / name).read_bytes() for name in DATA_FILES}


@lru_cache(maxsize=1)
def rules_version() -> str:
    """The version of the rules' data and RULES (a store classified by other rules is reclassified on
    request): a hash of the files, so a read command checks it without parsing them."""
    raw = _raw_data()
    return hashlib.sha256(b"".join([RULES, *(raw[n] for n in DATA_FILES)])).hexdigest()[:16]


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The taxonomy shipped with netmap (loaded once per process)."""
    return Taxonomy()


def _key(text: str) -> str:
    return cue_text(text.replace("_", " ").replace("-", " ").replace(".", " "))


@lru_cache(maxsize=1)
def _industry_names() -> dict[str, str]:
    """Every accepted spelling of an industry or sub-industry -> its slug ("finance", "finance.ib")."""
    tax = taxonomy()
    names: dict[str, str] = {}
    for slug, entry in tax.industries.items():
        for spelling in [slug, entry.get("name", ""), *entry.get("synonyms", [])]:
            names.setdefault(_key(spelling), slug)
        for sub, sub_entry in entry.get("sub", {}).items():
            full = f"{slug}.{sub}"
            names[_key(full)] = full
            names.setdefault(_key(sub), full)  # "banking" stays finance: the bare key yields to a synonym
            for spelling in [sub_entry.get("name", ""), *sub_entry.get("synonyms", [])]:
                names[_key(spelling)] = full  # a sub-industry's own words narrow the filter
    names.pop("", None)
    return names


def resolve_industry(value: str) -> str:
    """The slug (``finance``) or sub-industry (``finance.pe_vc``) that an ``--industry`` value means.

    >>> resolve_industry("Finance"), resolve_industry("private equity"), resolve_industry("biotech")
    ('finance', 'finance.pe_vc', 'biotech_pharma')
    """
    names = _industry_names()
    key = _key(value)
    found = names.get(key) or names.get(key.removesuffix("s"))  # "nonprofits", "banks"
    if found is None:
        spoken = {spelling: _spoken(slug) for spelling, slug in names.items()}
        hint = _close(value, spoken) or f" — to find it in titles, use --role {value!r}"
        raise UsageProblem(f"unknown industry {value!r}{hint} (all industries: `netmap industries`)")
    return found


def _spoken(slug: str) -> str:
    """How to type an industry: its slug, or a sub-industry's name in quotes ("'private equity…'")."""
    return slug if "." not in slug else repr(taxonomy().name_of(slug).lower())


def resolve_choice(value: str, allowed: Iterable[str], what: str) -> str:
    """``value`` if it is one of ``allowed`` (case and ``-``/``_`` ignored), else a usage error."""
    options = {_key(a): a for a in allowed}
    found = options.get(_key(value))
    if found is None and what == "seniority":
        found = taxonomy().seniority["synonyms"].get(_key(value))  # junior, new grad, exec…
    if found is None:
        raise UsageProblem(
            f"unknown {what} {value!r}" + _close(value, options) + f"; one of: {', '.join(options.values())}"
        )
    return found


def _close(value: str, names: dict[str, str]) -> str:
    from rapidfuzz import fuzz, process

    matches = process.extract(_key(value), list(names), scorer=fuzz.QRatio, limit=4, score_cutoff=70)
    shown = list(dict.fromkeys(names[m[0]] for m in matches))
    return f" — did you mean {' or '.join(shown)}?" if shown else ""


def levels() -> list[str]:
    return list(taxonomy().seniority["levels"])
