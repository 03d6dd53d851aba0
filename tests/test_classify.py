"""Classification: accuracy on the held-out labelled titles, and the rules one by one."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from netmap.classify import Classifier, classifier
from netmap.errors import UsageProblem
from netmap.normalize import company_key
from netmap.taxonomy import FUNCTIONS, levels, resolve_choice, resolve_industry, taxonomy
from tests.realdata import Figures, measure, read

DATA = Path(__file__).parent / "data"
THRESHOLDS = {"industry": 0.85, "function": 0.85, "seniority": 0.90}


def accuracy(path: Path) -> dict[str, float]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    results = Classifier().classify_many([(r["title"], r["company"]) for r in rows])
    right: Counter[str] = Counter()
    for row in rows:
        found = results[(row["title"], row["company"])]
        for field in THRESHOLDS:
            right[field] += getattr(found, field) == row[field]
        right["founder"] += str(found.founder).lower() == row["founder"]
    return {field: right[field] / len(rows) for field in [*THRESHOLDS, "founder"]}


def test_accuracy_on_the_held_out_titles() -> None:
    """The held-out half was committed before any cue table existed and is never used for tuning."""
    scores = accuracy(DATA / "titles_heldout.csv")
    print("held-out accuracy: " + ", ".join(f"{k} {v:.1%}" for k, v in scores.items()))
    for field, minimum in THRESHOLDS.items():
        assert scores[field] >= minimum, f"{field} accuracy {scores[field]:.1%} is below {minimum:.0%}"


# Real (company, position) pairs from 18 public exports (tests/data/real_titles_README.md), each
# classified beside its colleagues in the same export. The goals, and the floors this suite
# keeps: the held-out half at what was reached when it was last measured (2026-12-01: industry 71.0 %,
# function 83.0 %, seniority 92.9 %, known 67.0 %, right when given 89.9 %), so nothing slips back.
REAL_GOALS = {"industry": 0.75, "function": 0.85, "seniority": 0.92, "known": 0.75, "precision": 0.85}
REAL_FLOORS = {
    "heldout": {"industry": 0.70, "function": 0.82, "seniority": 0.92, "known": 0.66, "precision": 0.88},
    "tuning": {"industry": 0.82, "function": 0.90, "seniority": 0.96, "known": 0.77, "precision": 0.92},
}


@pytest.fixture(scope="module")
def real_figures() -> dict[str, Figures]:
    context = read(DATA / "real_titles_context.csv")
    return {half: measure(read(DATA / f"real_titles_{half}.csv"), context)[0] for half in REAL_FLOORS}


@pytest.mark.parametrize("half", list(REAL_FLOORS))
def test_accuracy_on_real_titles(real_figures: dict[str, Figures], half: str) -> None:
    """Both halves are printed (`pytest tests/test_classify.py -s`); the held-out half is never
    used for tuning."""
    figures = real_figures[half]
    short = [f"{k} {getattr(figures, k):.1%} < goal {v:.0%}" for k, v in REAL_GOALS.items() if getattr(figures, k) < v]
    print(f"real titles, {half}: {figures}" + (f" (below the goals: {'; '.join(short)})" if short else ""))
    for field, floor in REAL_FLOORS[half].items():
        assert getattr(figures, field) >= floor, f"{half} {field} {getattr(figures, field):.1%} fell below {floor:.0%}"


def test_accuracy_on_the_tuning_titles() -> None:
    scores = accuracy(DATA / "titles_tuning.csv")
    print("tuning accuracy: " + ", ".join(f"{k} {v:.1%}" for k, v in scores.items()))
    assert all(scores[field] >= minimum for field, minimum in THRESHOLDS.items())


@pytest.mark.parametrize(
    "title, company, industry, function, seniority",
    [
        ("Investment Banking Analyst", "J.P. Morgan", "finance", "finance", "entry"),
        ("Associate", "JPMorgan Chase & Co.", "finance", "finance", "mid"),  # banking ladder
        ("Vice President", "Morgan Stanley", "finance", "finance", "senior"),
        ("Managing Director", "Goldman Sachs", "finance", "finance", "partner"),
        ("Associate", "Skadden", "legal", "legal", "mid"),  # law-firm ladder
        ("Summer Associate", "Latham & Watkins", "legal", "legal", "intern"),
        ("Resident Physician", "Mayo Clinic", "healthcare", "healthcare", "entry"),  # medical ladder
        ("Chief Resident, Internal Medicine", "Cleveland Clinic", "healthcare", "healthcare", "entry"),
        ("Assistant Professor of Economics", "Stanford University", "education", "education", "mid"),
        ("Staff Software Engineer", "Google", "technology", "engineering", "senior"),
        ("Staff Accountant", "Grant Thornton", "accounting", "accounting", "entry"),
        ("Consultant", "Boston Consulting Group", "consulting", "consulting", "mid"),
        ("Vice President of Sales", "Salesforce", "technology", "sales", "vp"),
        ("Senior Product Manager", "Stripe", "technology", "product", "senior"),
        ("Executive Assistant to the CEO", "Pfizer", "biotech_pharma", "support", "mid"),
        ("HR Business Partner", "Nike", "consumer_retail", "hr", "mid"),
    ],
)
def test_ladders_and_functions(title: str, company: str, industry: str, function: str, seniority: str) -> None:
    found = classifier().classify(title, company)
    assert (found.industry, found.function, found.seniority) == (industry, function, seniority), found.evidence


@pytest.mark.parametrize(
    "company, industry, evidence",
    [
        ("J.P. Morgan", "finance", "from the employer JPMorgan Chase"),
        ("JPMorgan Chase & Co.", "finance", "from the employer JPMorgan Chase"),
        ("jp morgan", "finance", "from the employer JPMorgan Chase"),
        ("Goldman Sachs Asset Management Japan", "finance", "employer"),  # a division: first words
        ("Goldman Sach", "finance", "from the employer Goldman Sachs, a close spelling"),  # a typo: rapidfuzz
        ("McKinsy & Company", "consulting", "from the employer McKinsey & Company, a close spelling"),
        ("Blue Harbor Capital Partners", "finance", "the word 'capital' in the company name"),
        ("Riverside Community Hospital", "healthcare", "the word 'hospital'"),
        ("Northwind Therapeutics", "biotech_pharma", "the word 'therapeutics'"),
        ("University of Northern Example", "education", "the word 'university'"),
        ("City of Springfield", "government", "the word 'city of'"),
        ("Hartwell & Pryce LLP", "legal", "law firm"),
        ("Self-employed", "other", "self"),
        ("Apple Bank for Savings", "finance", "bank"),  # not Apple the tech company
    ],
)
def test_company_rules(company: str, industry: str, evidence: str) -> None:
    found = classifier().classify("Analyst", company)
    assert found.industry == industry, found.evidence
    assert any(evidence in e for e in found.evidence), found.evidence


def test_short_names_match_only_exactly() -> None:
    assert classifier().classify("Senior", "EY").industry == "accounting"
    assert classifier().classify("Senior", "GE").industry == "industrials_manufacturing"
    for near in ("EYE", "GEE", "Citu"):  # within fuzzy reach of EY, GE, Citi, but too short to trust
        assert not any("resembles" in e for e in classifier().classify("Analyst", near).evidence)


def test_title_cues_only_when_the_company_says_nothing() -> None:
    assert classifier().classify("Investment Banking Analyst", "").industry == "finance"
    assert classifier().classify("Incoming SWE @ Meta", "").industry == "technology"
    assert classifier().classify("Investment Banking Analyst", "Stealth Startup").industry == "finance"
    assert classifier().classify("Software Engineer", "").industry == "unknown"  # found in every industry
    assert classifier().classify("Software Engineer", "Pfizer").industry == "biotech_pharma"


def test_founder_flag() -> None:
    ceo = classifier().classify("Co-founder & CEO", "Acme Robotics")
    assert (ceo.founder, ceo.seniority, ceo.function) == (True, "c_level", "management")
    cto = classifier().classify("Co-founder & CTO", "Acme Robotics")
    assert (cto.founder, cto.function) == (True, "engineering")
    head = classifier().classify("Co-founder and Head of Product", "Acme Robotics")
    assert (head.founder, head.seniority, head.function) == (True, "director", "product")
    assert classifier().classify("Founding Engineer", "Acme Robotics").founder is False
    assert classifier().classify("Associate", "Founders Fund").founder is False
    freelancer = classifier().classify("Freelance Photographer", "")
    assert (freelancer.founder, freelancer.seniority, freelancer.industry) == (True, "mid", "other")


def test_unknown_is_an_honest_answer() -> None:
    empty = classifier().classify("", "")
    assert (empty.industry, empty.function, empty.seniority, empty.confidence) == ("unknown", "unknown", "unknown", 0)
    vague = classifier().classify("Working on something new", "Confidential")
    assert vague.industry == "unknown" and vague.function == "unknown" and vague.seniority == "mid"


def test_every_answer_is_explained() -> None:
    found = classifier().classify("Investment Banking Summer Analyst", "Evercore")
    assert 0 < found.confidence <= 1
    assert found.evidence == [
        "industry: from the employer Evercore",
        "function: from the words 'investment banking' in the title",
        "seniority: 'summer analyst' means intern (finance's own ladder)",
    ]
    assert found.sub_industry == "finance.ib"


def test_the_data_tables() -> None:
    tax = taxonomy()
    assert len({e.name for e in tax.employers.values()}) >= 400
    slugs = set(tax.slugs)
    assert len(slugs - {"other", "unknown"}) == 19 and {"other", "unknown"} <= slugs
    rows = list(csv.DictReader((Path(__file__).parents[1] / "src/netmap/data/employers.csv").open(encoding="utf-8")))
    for r in rows:  # every industry and sub-industry the table names exists (none is dropped silently)
        assert r["industry"] in slugs - {"unknown"}, r
        if r["sub_industry"]:
            assert r["sub_industry"] in tax.industries[r["industry"]].get("sub", {}), r
            assert resolve_industry(f"{r['industry']}.{r['sub_industry']}") == f"{r['industry']}.{r['sub_industry']}"
    names = [r["name"].casefold() for r in rows]
    assert names == sorted(names) and len(set(names)) == len(names)  # one line each, sorted
    employers_of: dict[str, set[str]] = {}
    for r in rows:
        for spelling in [r["name"], *filter(None, r["aliases"].split("|"))]:
            employers_of.setdefault(company_key(spelling), set()).add(r["name"])
    assert {k: v for k, v in employers_of.items() if len(v) > 1} == {}  # no spelling names two employers


def test_industry_names_and_close_matches() -> None:
    assert resolve_industry("finance") == "finance"
    assert resolve_industry("Investment Banking") == "finance.ib"
    assert resolve_industry("venture capital") == "finance.pe_vc"
    assert resolve_industry("Biotech") == "biotech_pharma"
    assert resolve_industry("big tech") == "technology.big_tech"
    with pytest.raises(UsageProblem, match="did you mean finance"):
        resolve_industry("finanse")
    assert resolve_choice("Engineering", FUNCTIONS, "function") == "engineering"
    with pytest.raises(UsageProblem, match="did you mean c_level"):
        resolve_choice("c-levle", levels(), "seniority")
