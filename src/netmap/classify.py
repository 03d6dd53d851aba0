"""Industry, function and seniority from a company name and a job title — offline, explained.

Every answer carries its evidence ("company matched employer 'J.P. Morgan'") and a confidence;
``unknown`` is an honest answer. The cues are package data (see :mod:`netmap.taxonomy`), compiled
into a few combined patterns, so classifying a title is a handful of regex scans, not hundreds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from netmap.normalize import company_key
from netmap.taxonomy import Cue, Employer, Taxonomy, cue_text, spaced_name, taxonomy

NEUTRAL_WORDS = frozenset(
    """us usa u s uk america americas north south latin latam europe emea apac asia pacific global
    international worldwide canada india china japan germany france ireland singapore australia brazil
    mexico spain italy netherlands switzerland israel korea london new york nyc san francisco group
    holdings inc company corporate corporation research labs services solutions digital online division
    team the of and llc ltd limited gmbh ag sa plc co na""".split()
)


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
    """Classifies (title, company) pairs with :class:`Taxonomy`'s cues; results are cached."""

    def __init__(self, tax: Taxonomy | None = None):
        self.tax = tax or taxonomy()
        self._industry: dict[str, tuple[str, str | None, float, list[str]]] = {}
        self._done: dict[tuple[str, str], Classification] = {}

    # --- industry -----------------------------------------------------------------------------

    def _employer(self, company: str) -> tuple[Employer, float, str] | None:
        """The curated employer a company name is, exactly or as the first words of it."""
        key = company_key(company)
        if key in self.tax.employers:
            exact = self.tax.employers[key]
            return exact, 0.95, f"company matched employer '{exact.name}'"
        words = spaced_name(company).split()
        for n in range(len(words) - 1, 0, -1):
            head = company_key(" ".join(words[:n]))
            employer = self.tax.employers.get(head)
            if employer is None or len(head) < 3:
                continue
            rest = words[n:]
            if all(w in NEUTRAL_WORDS for w in rest):
                return employer, 0.9, f"company starts with employer '{employer.name}'"
            cues = [c for c in self.tax.company_cues.find(" ".join(rest)) if c.label.endswith(":strong")]
            if cues and all(c.label.split(":")[0] == employer.industry for c in cues):
                return employer, 0.85, f"company starts with employer '{employer.name}'"
            if not cues and n >= 2:
                return employer, 0.8, f"company starts with employer '{employer.name}'"
            return None
        return None

    def _fuzzy(self, companies: list[str]) -> dict[str, tuple[Employer, float, str]]:
        """Near-miss spellings of curated employers (rapidfuzz, token_sort_ratio >= 90), in one batch;
        names of four characters or fewer only ever match exactly."""
        queries = [c for c in companies if len(company_key(c)) > 4]
        if not queries:
            return {}
        from rapidfuzz import fuzz, process

        choices = list(self.tax.fuzzy_names)
        scores = process.cdist(
            [spaced_name(q) for q in queries], choices, scorer=fuzz.token_sort_ratio, score_cutoff=90, dtype="uint8"
        )
        found = {}
        for query, row in zip(queries, scores, strict=True):
            best = int(row.argmax())
            if row[best] >= 90:
                employer = self.tax.employers[self.tax.fuzzy_names[choices[best]]]
                evidence = f"company resembles employer '{employer.name}' ({int(row[best])}% alike)"
                found[query] = (employer, 0.6 + 0.3 * (int(row[best]) - 90) / 10, evidence)
        return found

    def industry(
        self, company: str, title: str = "", fuzzy: tuple[Employer, float, str] | None = None
    ) -> tuple[str, str | None, float, list[str]]:
        """(industry, sub-industry, confidence, evidence) from the company, else from the title."""
        company = company.strip()
        matched = self._employer(company) if company else None
        matched = matched or fuzzy
        text = cue_text(company)
        if matched:
            employer, confidence, reason = matched
            sub = f"{employer.industry}.{employer.sub_industry}" if employer.sub_industry else None
            return employer.industry, self._known_sub(sub), confidence, [reason]
        cues = self.tax.company_cues.find(text)
        strong = [c for c in cues if c.label.endswith(":strong") and not c.label.startswith("unknown")]
        if _law_firm_name(text, cues) and all(c.label.startswith("legal") for c in strong):
            return "legal", None, 0.6, ["company looks like a law firm ('… & … LLP')"]
        if strong:
            best = max(strong, key=lambda c: len(c.text))
            slug = best.label.split(":")[0]
            return slug, self._sub(slug, text, title), 0.7, [f"company name contains '{best.text}' ({slug})"]
        weak = [c for c in cues if c.label.endswith(":weak")]
        from_title = self._title_industry(title)
        if from_title:
            slug, cue = from_title
            agrees = [c for c in weak if c.label.startswith(slug + ":")]
            evidence = [f"title contains '{cue}' ({slug})"]
            if agrees:
                evidence.append(f"company name contains '{agrees[0].text}'")
            return slug, self._sub(slug, text, title), 0.65 if agrees else 0.55, evidence
        if any(c.label.startswith("unknown") for c in cues):
            return "unknown", None, 0.0, [f"company '{company}' says nothing about an industry"]
        return "unknown", None, 0.0, ["no cue in the company or title"] if company or title else []

    def _title_industry(self, title: str) -> tuple[str, str] | None:
        text = cue_text(title)
        employer = _EMPLOYER_IN_TITLE.search(text)
        if employer:
            found = self._employer(employer.group(1))
            if found:
                return found[0].industry, f"at {found[0].name}"
        cues = self.tax.title_cues.find(text)
        if not cues:
            return None
        best = max(cues, key=lambda c: len(c.text))
        return best.label, best.text

    def _sub(self, slug: str, company_text: str, title: str) -> str | None:
        if slug not in self.tax.sub_cues:
            return None
        by_company, by_title = self.tax.sub_cues[slug]
        cues = by_company.find(company_text) or by_title.find(cue_text(title))
        return max(cues, key=lambda c: len(c.text)).label if cues else None

    def _known_sub(self, sub: str | None) -> str | None:
        if sub is None:
            return None
        top, _, name = sub.partition(".")
        return sub if name in self.tax.industries.get(top, {}).get("sub", {}) else None

    # --- function and seniority ---------------------------------------------------------------

    def function(self, title: str, industry: str) -> tuple[str, float, str | None]:
        """(function, confidence, evidence): the longest role phrase; else founder/CEO words mean
        management; else a bare level word takes the industry's core function."""
        cues: list[Cue] = []
        for segment in _SEGMENTS.split(title):
            found = self.tax.function_cues.find(cue_text(segment))
            roles = [c for c in found if c.label not in ("management", "level")]
            if roles:  # the first part of "Dean, School of Engineering" names the role
                best = max(roles, key=lambda c: (len(c.text), c.start))
                return best.label, 0.8, f"title contains '{best.text}' ({best.label})"
            cues += found
        if any(c.label == "management" for c in cues):
            cue = next(c for c in cues if c.label == "management")
            return "management", 0.7, f"title contains '{cue.text}' (management)"
        default = self.tax.functions["industry_default"].get(industry)
        if default and any(c.label == "level" and c.text != "intern" for c in cues):
            cue = next(c for c in cues if c.label == "level")
            return default, 0.5, f"'{cue.text}' at a {industry} employer ({default})"
        return "unknown", 0.0, None

    def seniority(self, title: str, industry: str) -> tuple[str, bool, float, list[str]]:
        """(level, founder, confidence, evidence) from the title, with the industry's ladder."""
        text = cue_text(title)
        if not text:
            return "unknown", False, 0.0, []
        founder_cues = self.tax.founder_cues.find(text)
        founder = any(c.label in ("yes", "self") for c in founder_cues)
        owns = any(c.label == "yes" for c in founder_cues)
        for cue in self.tax.ignore_cues.find(text):
            text = text[: cue.start] + " " * (cue.end - cue.start) + text[cue.end :]
        for cue in founder_cues:
            text = text[: cue.start] + " " * (cue.end - cue.start) + text[cue.end :]
        own = self.tax.ladders[industry].find(text) if industry in self.tax.ladders else []
        cues = _longest_first(own, self.tax.generic_ladder.find(text))
        evidence = ["title says founder or owner"] if founder else []
        if not cues:
            level = "c_level" if owns else "mid"
            evidence.append("founder with no other level word" if owns else "no level word (mid)")
            return level, founder, 0.6 if owns else 0.5, evidence
        rank = self.tax.level_rank
        status = [c for c in cues if c.label in self.tax.seniority["status"]]
        best = min(status, key=lambda c: rank[c.label]) if status else max(cues, key=lambda c: rank[c.label])
        ladder = f"{industry} ladder" if industry in self.tax.seniority["ladders"] else "generic ladder"
        evidence.append(f"'{best.text}' is {best.label} ({ladder})")
        return best.label, founder, 0.85, evidence

    # --- together -----------------------------------------------------------------------------

    def classify(self, title: str, company: str = "") -> Classification:
        return self.classify_many([(title, company)])[(title, company)]

    def classify_many(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Classification]:
        """Classify distinct (title, company) pairs; each company's industry is worked out once."""
        pairs = list(dict.fromkeys(pairs))
        results = {pair: self._done[pair] for pair in pairs if pair in self._done}
        pairs = [pair for pair in pairs if pair not in results]
        unseen = [c for c in dict.fromkeys(c for _, c in pairs) if c not in self._industry]
        exact = {c for c in unseen if not c.strip() or self._employer(c)}
        fuzzy = self._fuzzy([c for c in unseen if c not in exact])
        for company in unseen:
            self._industry[company] = self.industry(company, "", fuzzy.get(company))
        for title, company in pairs:
            slug, sub, confidence, evidence = self._industry[company]
            if slug == "unknown" or (slug != "other" and confidence == 0):
                slug, sub, confidence, evidence = self.industry(company, title, None)
            if _FREELANCE_TITLE.search(cue_text(title)) and (slug == "unknown" or not company.strip()):
                slug, sub, confidence, evidence = "other", None, 0.7, ["title says self-employed or freelance"]
            function, f_conf, f_evidence = self.function(title, slug)
            level, founder, s_conf, s_evidence = self.seniority(title, slug)
            if not founder and company.strip():
                founder = any(c.label in ("yes", "self") for c in self.tax.founder_cues.find(cue_text(company)))
            all_evidence = [f"industry: {e}" for e in evidence]
            all_evidence += [f"function: {f_evidence}"] if f_evidence else []
            all_evidence += [f"seniority: {e}" for e in s_evidence]
            results[(title, company)] = Classification(
                title=title,
                company=company,
                industry=slug,
                function=function,
                seniority=level,
                founder=founder,
                confidence=round((confidence + f_conf + s_conf) / 3, 2),
                evidence=all_evidence,
                sub_industry=sub,
            )
            self._done[(title, company)] = results[(title, company)]
        return results


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """One shared classifier per process (its caches span imports)."""
    return Classifier()


_SEGMENTS = re.compile(r"\s*(?:[,|;/(–—]|\s-\s|\s@\s|\sat\s)\s*")
_EMPLOYER_IN_TITLE = re.compile(r"(?:^| )(?:at|@) ([\w&'. ]{2,60})$")
_FREELANCE_TITLE = re.compile(r"(?<!\w)(self ?employed|freelanc(e|er|ing)|independent contractor)(?!\w)")


def _longest_first(preferred: list[Cue], others: list[Cue]) -> list[Cue]:
    """Non-overlapping cues, longer ones first; on equal length ``preferred`` (the industry's ladder) wins."""
    ranked = sorted([(c, 0) for c in preferred] + [(c, 1) for c in others], key=lambda x: (x[0].start - x[0].end, x[1]))
    chosen: list[Cue] = []
    for cue, _ in ranked:
        if all(cue.end <= c.start or cue.start >= c.end for c in chosen):
            chosen.append(cue)
    return chosen


def _law_firm_name(text: str, cues: list[Cue]) -> bool:
    """'Hartwell and Pryce LLP', 'Smith, Jones and Lee': surnames joined by 'and', ending in LLP/PLLC."""
    words = text.split()
    return (
        bool(words)
        and words[-1] in ("llp", "pllc", "lpa")
        and "and" in words[:-1]
        and not any(c.label.startswith("accounting:strong") for c in cues)
    )
