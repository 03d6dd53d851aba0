"""Industry, function and seniority from a company name and a job title — offline, explained.

Pure functions of two strings (no store): :meth:`Classifier.company_industry` reads the employer
(the curated employer table, words in its name), :meth:`Classifier.title_industry` what a title
alone says of an industry, :meth:`Classifier.role` the function and seniority a title has in an
industry, and :meth:`Classifier.employer_key` folds legal forms and country suffixes so that
"KPMG Nigeria" and "KPMG LLP" are one employer. The store combines them with what colleagues'
titles say (:mod:`netmap.companies`); :meth:`Classifier.classify` combines them for one pair.

Every answer carries its evidence ("company matched employer 'J.P. Morgan'") and a confidence;
``unknown`` is an honest answer. Each company, each title and each (title, industry) is worked out
once per process, with the cues compiled into a few lookups (see :mod:`netmap.taxonomy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from netmap.normalize import company_key
from netmap.taxonomy import Cue, Employer, Taxonomy, cue_text, level_phrase, taxonomy

MAX_TITLE = 1000  # characters of a title or company that are read (a real one is far shorter)


@dataclass(frozen=True)
class Industry:
    """An industry and why: the slug, the sub-industry, a confidence and the evidence."""

    slug: str
    sub: str | None = None
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()  # industries the company's weak words point to (never decide alone)
    tentative: bool = False  # a title's role found mostly in this industry: only beside a named employer

    @property
    def known(self) -> bool:
        return self.slug != "unknown"


UNKNOWN = Industry("unknown")


@dataclass(frozen=True)
class Role:
    """What a title says in one industry: function and seniority, the founder flag, and why."""

    function: str
    function_confidence: float
    function_evidence: str | None
    seniority: str
    founder: bool
    seniority_confidence: float
    seniority_evidence: tuple[str, ...]


@dataclass
class Classification:
    """What netmap infers about one (title, company) pair (DESIGN.md's classification JSON)."""

    title: str
    company: str
    industry: str
    function: str
    seniority: str
    founder: bool
    confidence: float
    evidence: list[str] = field(default_factory=list)
    sub_industry: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Classifier:
    """Classifies companies, titles and (title, company) pairs with :class:`Taxonomy`'s cues."""

    def __init__(self, tax: Taxonomy | None = None):
        self.tax = tax or taxonomy()
        self._company: dict[str, Industry] = {}
        self._title: dict[str, Industry] = {}
        self._role: dict[tuple[str, str], Role] = {}
        self._function: dict[tuple[str, str], tuple[str, float, str | None]] = {}
        self._seniority: dict[tuple[str, str], tuple[str, bool, float, list[str]]] = {}
        self._owned: dict[str, bool] = {}
        self._match: dict[str, tuple[Employer, float, str] | None] = {}

    # --- the employer ---------------------------------------------------------------------------

    def words(self, company: str) -> list[str]:
        """A company's name as folded words without its legal form ("PT Bank Mandiri (Persero) Tbk"
        → bank mandiri; "Banco Itaú S.A." → banco itau)."""
        return self.tax.strip_legal_form(cue_text(company[:MAX_TITLE]).split())

    def employer(self, company: str) -> tuple[Employer, float, str] | None:
        """The curated employer a company name is: exactly, as its first words followed by a country
        or a generic word ("KPMG Nigeria", "Google Research"), or as a near-miss spelling."""
        if company not in self._match:
            self._match[company] = self._find_employer(company)
        return self._match[company]

    def _find_employer(self, company: str) -> tuple[Employer, float, str] | None:
        employers = self.tax.employers
        words = self.words(company)
        for key in dict.fromkeys((company_key(company[:MAX_TITLE]), "".join(words))):
            if key in employers:
                return employers[key], 0.95, f"from the employer {employers[key].name}"
        for n in range(len(words) - 1, 0, -1):
            head = "".join(self.tax.strip_legal_form(words[:n]))  # "Wipro Ltd. - India"
            employer = employers.get(head)
            if employer is None or len(head) < 3:
                continue
            rest = [w for w in words[n:] if (w,) not in self.tax.legal_forms]
            if self.tax.is_place(rest):
                return employer, 0.9, f"from the employer {employer.name}, whose name it starts with"
            cues = [c for c in self.tax.company_cues.find(" ".join(rest)) if c.label.endswith(":strong")]
            if cues and all(c.label.split(":")[0] == employer.industry for c in cues):
                return employer, 0.85, f"from the employer {employer.name}, whose name it starts with"
            if not cues and n >= 2:
                return employer, 0.8, f"from the employer {employer.name}, whose name it starts with"
            break
        return self._fuzzy(" ".join(words))

    def _fuzzy(self, name: str) -> tuple[Employer, float, str] | None:
        """A near-miss spelling of a curated employer (rapidfuzz token_sort_ratio ≥ 90), compared only
        with employers that share a word with it; names of four characters or fewer match exactly."""
        if len(name.replace(" ", "")) <= 4:
            return None
        candidates = self.tax.fuzzy_candidates(name.split())
        if not candidates:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(name, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=90)
        if best is None:
            return None
        employer = self.tax.employers[self.tax.fuzzy_names[best[0]]]
        score = int(best[1])
        reason = f"from the employer {employer.name}, a close spelling ({score}% alike)"
        return employer, 0.6 + 0.3 * (score - 90) / 10, reason

    def employer_key(self, company: str) -> str:
        """The folded employer a company string belongs to, for counting colleagues and industry only
        (a person's company is kept as exported): a curated employer's own key, else the name
        without its legal form.

        >>> c = classifier()
        >>> c.employer_key("KPMG Nigeria") == c.employer_key("KPMG LLP") == c.employer_key("kpmg")
        True
        >>> c.employer_key("Itaú Unibanco S.A.") == c.employer_key("Itaú Unibanco")
        True
        """
        match = self.employer(company)
        if match is not None:
            return company_key(match[0].name)
        return "".join(self.words(company))

    # --- industry -------------------------------------------------------------------------------

    def company_industry(self, company: str) -> Industry:
        """What the employer says: the employer table, else words in its name (strong ones decide;
        weak ones only hint), else unknown."""
        if company not in self._company:
            self._company[company] = self._company_industry(company.strip()[:MAX_TITLE])
        return self._company[company]

    def _company_industry(self, company: str) -> Industry:
        if not company:
            return UNKNOWN
        matched = self.employer(company)
        if matched:
            employer, confidence, reason = matched
            sub = f"{employer.industry}.{employer.sub_industry}" if employer.sub_industry else None
            return Industry(employer.industry, self._known_sub(sub), confidence, (reason,))
        text = " ".join(self.words(company)) or cue_text(company)
        cues = self.tax.company_cues.find(text)
        strong = [c for c in cues if c.label.endswith(":strong") and not c.label.startswith("unknown")]
        if _law_firm_name(cue_text(company), cues) and all(c.label.startswith("legal") for c in strong):
            return Industry("legal", None, 0.6, ("from the company name, which reads like a law firm's ('… & … LLP')",))
        if strong:
            best = max(strong, key=lambda c: len(c.text))
            slug = best.label.split(":")[0]
            return Industry(slug, self._sub(slug, text, ""), 0.7, (f"from the word '{best.text}' in the company name",))
        compound = self.tax.compound_cue(text.split())
        if compound:
            slug, word = compound
            return Industry(slug, None, 0.6, (f"from how the company name '{word}' ends",))
        hints = tuple(dict.fromkeys(c.label.split(":")[0] for c in cues if c.label.endswith(":weak")))
        if any(c.label.startswith("unknown") for c in cues):
            said = f"the company name '{company}' says nothing about an industry"
            return Industry("unknown", evidence=(said,), hints=hints)
        return Industry("unknown", hints=hints)

    def title_industry(self, title: str) -> Industry:
        """What a title alone says of an industry: an employer named in it ("Analyst at Google"),
        a role that belongs to one industry (nurse, attorney, investment banker…), self-employment."""
        if title not in self._title:
            self._title[title] = self._title_industry(cue_text(title[:MAX_TITLE]))
        return self._title[title]

    def _title_industry(self, text: str) -> Industry:
        if _FREELANCE_TITLE.search(text):
            return Industry("other", None, 0.7, ("from the title: self-employed or freelance",))
        employer = _EMPLOYER_IN_TITLE.search(text)
        if employer:
            found = self.employer(employer.group(1))
            if found:
                emp = found[0]
                return Industry(emp.industry, None, 0.6, (f"from the employer {emp.name}, named in the title",))
        cues = self.tax.title_cues.find(text)
        if not cues:
            return UNKNOWN
        best = max(cues, key=lambda c: (not c.label.endswith(":weak"), len(c.text)))
        slug, _, weak = best.label.partition(":")
        evidence = (f"from the words '{best.text}' in the title",)
        return Industry(slug, self._sub(slug, "", text), 0.45 if weak else 0.55, evidence, tentative=bool(weak))

    def decide(self, company: Industry, title: Industry, named: bool = True) -> Industry:
        """A person's industry: the employer's when it is known (industry is the employer's: a
        software engineer at a bank works in finance), else what their title says — a tentative
        title only when there is an employer's name (``named``) for it to place."""
        if company.known:
            return company
        named = named and not company.evidence  # "Stealth", "Confidential": a placeholder, not a name
        if title.known and (named or not title.tentative):
            if title.slug in company.hints:
                return Industry(title.slug, title.sub, 0.65, (*title.evidence, "and the company name agrees"))
            return title
        return company if company.evidence else Industry("unknown")

    def _sub(self, slug: str, company_text: str, title_text: str) -> str | None:
        if slug not in self.tax.sub_cues:
            return None
        by_company, by_title = self.tax.sub_cues[slug]
        cues = by_company.find(company_text) or by_title.find(title_text)
        return max(cues, key=lambda c: len(c.text)).label if cues else None

    def _known_sub(self, sub: str | None) -> str | None:
        if sub is None:
            return None
        top, _, name = sub.partition(".")
        return sub if name in self.tax.industries.get(top, {}).get("sub", {}) else None

    # --- function and seniority -----------------------------------------------------------------

    def role(self, title: str, industry: str) -> Role:
        """Function and seniority of a title at an employer of ``industry`` (their ladders differ)."""
        # Only an industry with a ladder of its own, or a core function for bare level words, changes
        # what a title says: every other industry shares one answer.
        defaults, ladders = self.tax.functions["industry_default"], self.tax.ladders
        key = (title, industry if industry in ladders or industry in defaults else "")
        if key not in self._role:
            text = title[:MAX_TITLE]
            if self.tax.not_a_job(cue_text(text)):
                self._role[key] = Role("unknown", 0.0, "not a job title", "unknown", False, 0.0, ("not a job title",))
            else:  # each part depends on the industry only where it has a default function, or a ladder
                f_key = (title, industry if industry in defaults else "")
                if f_key not in self._function:
                    self._function[f_key] = self.function(text, industry)
                s_key = (title, industry if industry in ladders else "")
                if s_key not in self._seniority:
                    self._seniority[s_key] = self.seniority(text, industry)
                function, f_conf, f_evidence = self._function[f_key]
                level, founder, s_conf, s_evidence = self._seniority[s_key]
                self._role[key] = Role(function, f_conf, f_evidence, level, founder, s_conf, tuple(s_evidence))
        return self._role[key]

    def function(self, title: str, industry: str) -> tuple[str, float, str | None]:
        """(function, confidence, evidence): the longest role phrase; else founder/CEO words mean
        management; else a bare level word takes the industry's core function."""
        cues: list[Cue] = []
        for segment in _SEGMENTS.split(title):
            found = self.tax.function_cues.find(_managing(cue_text(segment)))
            roles = [c for c in found if c.label not in ("management", "level")]
            if roles:  # the first part of "Dean, School of Engineering" names the role
                best = max(roles, key=lambda c: (len(c.text), c.start))
                return best.label, 0.8, f"from the words '{best.text}' in the title"
            cues += found
        if any(c.label == "management" for c in cues):
            cue = next(c for c in cues if c.label == "management")
            return "management", 0.7, f"from the words '{cue.text}' in the title"
        default = self.tax.functions["industry_default"].get(industry)
        if default and any(c.label == "level" and c.text != "intern" for c in cues):
            cue = next(c for c in cues if c.label == "level")
            return default, 0.5, f"'{cue.text}' at a {self.tax.name_of(industry).lower()} employer"
        heads = set(self.tax.functions.get("level_management", []))
        head = next((c for c in cues if c.label == "level" and c.text in heads), None)
        if head is not None:
            return "management", 0.6, f"from the words '{head.text}' in the title"
        return "unknown", 0.0, None

    def seniority(self, title: str, industry: str) -> tuple[str, bool, float, list[str]]:
        """(level, founder, confidence, evidence) from the title, with the industry's ladder."""
        text = _managing(cue_text(title))
        if not text:
            return "unknown", False, 0.0, []
        founder_cues = self.tax.founder_cues.find(text)
        founder = any(c.label in ("yes", "self") for c in founder_cues)
        owns = any(c.label == "yes" for c in founder_cues)
        text = _blank(text, [*self.tax.ignore_cues.find(text), *founder_cues])
        own = self.tax.ladders[industry].find(text) if industry in self.tax.ladders else []
        cues = _longest_first(own, self.tax.generic_ladder.find(text), len(text))
        evidence = ["title says founder or owner"] if founder else []
        if not cues:
            level = "c_level" if owns else "mid"
            evidence.append("founder, and no other level word" if owns else "no level word, so mid-level")
            return level, founder, 0.6 if owns else 0.5, evidence
        rank = self.tax.level_rank
        status = [c for c in cues if c.label in self.tax.seniority["status"]]
        best = min(status, key=lambda c: rank[c.label]) if status else max(cues, key=lambda c: rank[c.label])
        own_ladder = industry in self.tax.seniority["ladders"]
        ladder = f" ({self.tax.name_of(industry).lower()}'s own ladder)" if own_ladder else ""
        evidence.append(f"'{best.text}' means {level_phrase(best.label)}{ladder}")
        return best.label, founder, 0.85, evidence

    # --- together -------------------------------------------------------------------------------

    def labels(self, title: str, company: str, industry: Industry) -> tuple[str, str, bool, float]:
        """Function, seniority, founder flag and confidence of a pair once its industry is decided
        (what the store keeps; :meth:`combine` adds the evidence)."""
        role = self.role(title, industry.slug)
        confidence = round((industry.confidence + role.function_confidence + role.seniority_confidence) / 3, 2)
        return role.function, role.seniority, role.founder or self._founded(company), confidence

    def combine(self, title: str, company: str, industry: Industry) -> Classification:
        """The classification of a pair, once its industry is decided."""
        role = self.role(title, industry.slug)
        function, seniority, founder, confidence = self.labels(title, company, industry)
        evidence = [f"industry: {e}" for e in industry.evidence]
        evidence += [f"function: {role.function_evidence}"] if role.function_evidence else []
        evidence += [f"seniority: {e}" for e in role.seniority_evidence]
        return Classification(
            title=title,
            company=company,
            industry=industry.slug,
            function=function,
            seniority=seniority,
            founder=founder,
            confidence=confidence,
            evidence=evidence,
            sub_industry=industry.sub,
        )

    def _founded(self, company: str) -> bool:
        """Whether the company says its person owns it ("Self-employed", "Founder's own firm")."""
        if company not in self._owned:
            text = cue_text(company[:MAX_TITLE]) if company.strip() else ""
            self._owned[company] = any(c.label in ("yes", "self") for c in self.tax.founder_cues.find(text))
        return self._owned[company]

    def classify(self, title: str, company: str = "") -> Classification:
        """One pair on its own: the employer decides the industry, else the title."""
        industry = self.decide(self.company_industry(company), self.title_industry(title), bool(company.strip()))
        if not industry.evidence and (title or company):
            industry = Industry("unknown", evidence=("nothing in the company or title says",))
        return self.combine(title, company, industry)

    def classify_many(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Classification]:
        return {pair: self.classify(*pair) for pair in dict.fromkeys(pairs)}


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """One shared classifier per process (its caches span imports)."""
    return Classifier()


_SEGMENTS = re.compile(r"\s*(?:[,|;/(–—]|\s-\s|\s@\s|\sat\s)\s*")
_EMPLOYER_IN_TITLE = re.compile(r"(?:^| )(?:at|@) ([\w&'. ]{2,60})$")
_FREELANCE_TITLE = re.compile(r"(?<!\w)(self ?employed|freelanc(e|er|ing)|independent contractor)(?!\w)")
_MD_BESIDE = re.compile(r"(?<!\w)(ceo|founder|co ?founder|chairman|chairwoman|president|owner)(?!\w)")
_MD = re.compile(r"(?<!\w)md(?!\w)")


def _managing(text: str) -> str:
    """ "MD" beside CEO or founder is the managing director, not a physician."""
    return _MD.sub("managing director", text) if "md" in text and _MD_BESIDE.search(text) else text


def _blank(text: str, cues: Iterable[Cue]) -> str:
    """The text with these cues' words replaced by spaces (positions stay where they were)."""
    chars = list(text)
    for cue in cues:
        chars[cue.start : cue.end] = " " * (cue.end - cue.start)
    return "".join(chars)


def _longest_first(preferred: Iterable[Cue], others: Iterable[Cue], length: int) -> list[Cue]:
    """Non-overlapping cues, longer ones first; on equal length ``preferred`` (the industry's ladder)
    wins. Linear in the text: each character is claimed once."""
    ranked = sorted([(c, 0) for c in preferred] + [(c, 1) for c in others], key=lambda x: (x[0].start - x[0].end, x[1]))
    taken = bytearray(length + 1)
    chosen: list[Cue] = []
    for cue, _ in ranked:
        if not any(taken[cue.start : cue.end]):
            taken[cue.start : cue.end] = b"\x01" * (cue.end - cue.start)
            chosen.append(cue)
    return chosen


def _law_firm_name(text: str, cues: Iterable[Cue]) -> bool:
    """'Hartwell and Pryce LLP', 'Smith, Jones and Lee': surnames joined by 'and', ending in LLP/PLLC."""
    words = text.split()
    return (
        bool(words)
        and words[-1] in ("llp", "pllc", "lpa")
        and "and" in words[:-1]
        and not any(c.label.startswith("accounting:strong") for c in cues)
    )
