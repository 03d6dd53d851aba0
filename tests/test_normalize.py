from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netmap.normalize import (
    clean_column,
    clean_text,
    company_key,
    email_key,
    linkedin_slug,
    linkedin_url,
    name_key,
    parse_date,
)

SAME_PROFILE = [
    "https://www.linkedin.com/in/jos%C3%A9-luis-preza-d%C3%ADaz",
    "http://www.linkedin.com/in/jos%C3%A9-luis-preza-d%C3%ADaz/",
    "https://de.linkedin.com/in/Jos%C3%A9-Luis-Preza-D%C3%ADaz?trk=public_profile#about",
    "www.linkedin.com/in/josé-luis-preza-díaz",
    "linkedin.com/in/JOSÉ-LUIS-PREZA-DÍAZ",
    "https://www.linkedin.com/m/in/josé-luis-preza-díaz/details/experience/",
    "https://mwlite.linkedin.com/mwlite/in/jose\u0301-luis-preza-di\u0301az",  # decomposed accents (NFD)
]


@pytest.mark.parametrize("url", SAME_PROFILE)
def test_url_variants_share_one_slug(url: str) -> None:
    assert linkedin_slug(url) == "josé-luis-preza-díaz"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://linkedin.com.evil.example/in/x",
        "https://www.linkedin.com/company/stripe",
        "ftp://www.linkedin.com/in/x",
        "mailto:someone@example.com",
        "https://www.linkedin.com/in/",
        "",
        "not a url",
    ],
)
def test_non_profile_urls_are_rejected(url: str) -> None:
    assert linkedin_slug(url) is None


def test_display_url_is_linkedin_form() -> None:
    slug = linkedin_slug("https://www.linkedin.com/in/mike-rhea%F0%9F%94%92%F0%9F%9B%A1%EF%B8%8F-a3776392")
    assert slug == "mike-rhea🔒🛡️-a3776392"
    assert linkedin_url(slug) == "https://www.linkedin.com/in/mike-rhea%F0%9F%94%92%F0%9F%9B%A1%EF%B8%8F-a3776392"


@pytest.mark.parametrize(
    "names",
    [
        ("J.P. Morgan", "JP Morgan", "JPMorgan", "J. P. Morgan & Co.", "jpmorgan"),
        ("Stripe, Inc.", "Stripe", "STRIPE INC", "Stripe Inc"),
        ("The Boston Consulting Group", "Boston Consulting Group (BCG)"[:-6], "Boston Consulting Group, Inc."),
        ("L'Oréal", "LOreal", "L’Oréal S.A."),
        ("Cacique Foods, LLC.", "Cacique  Foods"),
        ("McKinsey & Company", "McKinsey and Company", "McKinsey"),
        ("Coca-Cola", "Coca Cola", "The Coca-Cola Company"),
        ("Ørsted", "Orsted", "Ørsted A/S"),
    ],
)
def test_company_spellings_share_one_key(names: tuple[str, ...]) -> None:
    assert len({company_key(n) for n in names}) == 1


def test_company_key_keeps_different_companies_apart() -> None:
    assert company_key("Plan A") != company_key("Plan B")
    assert company_key("Morgan Stanley") != company_key("J.P. Morgan")
    assert company_key("Co") == "co"  # a suffix alone is kept, not emptied
    assert company_key("Strategy&") != company_key("Strategy")


@pytest.mark.parametrize(
    "raw, key",
    [
        ("  José  Pérez ", "jose perez"),
        ("Grace Kight, MS", "grace kight"),
        ("Dana Snoddy PMP, PMI-CPMAI, CSM, SSBB", "dana snoddy"),
        ("Saili Kulkarni,(She/ Her)", "saili kulkarni"),
        ('Robert Smith "Bob"', "robert smith"),
        ("🟢 Max Müller☁️", "max muller"),
        ("Md Rahman", "md rahman"),  # a first name that looks like a credential stays
        ("Mary-Jane O'Neil", "mary-jane o'neil"),
    ],
)
def test_name_key(raw: str, key: str) -> None:
    assert name_key(raw) == key


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("07 Feb 2026", "2026-02-07"),
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("12/22/16, 9:55 AM", "2016-12-22"),
        ("16.09.2021", "2021-09-16"),
        ("5-Aug-17", "2017-08-05"),
        ("2025-10-06 23:49:02 UTC", "2025-10-06"),
        ("2019-11-06T02:08:20", "2019-11-06"),
        ("Dec 4", None),
        ("", None),
        ("31 Feb 2026", None),
    ],
)
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_email_key() -> None:
    assert email_key(" Dan.Kim@Example.COM ") == "dan.kim@example.com"
    assert email_key("mailto:a@b.org") == "a@b.org"
    for bad in ("", "nobody", "a@b", "a b@c.d", "@c.d"):
        assert email_key(bad) is None


def test_clean_text_drops_control_characters() -> None:
    assert clean_text("Eve\x1b[31m Red\x00\x7f") == "Eve[31m Red"  # a terminal would obey ESC
    assert clean_text(" Ann\t\r\nLee\x85 ") == "Ann Lee"


@given(st.text())
def test_normalisers_are_idempotent(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)
    assert not any(unicodedata.category(c) == "Cc" for c in clean_text(text))
    assert name_key(name_key(text)) == name_key(text)
    assert company_key(company_key(text)) == company_key(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp")), min_size=1))
def test_slug_survives_its_display_url(slug: str) -> None:
    found = linkedin_slug("https://www.linkedin.com/in/" + slug.replace("/", "-").replace("?", "-").replace("#", "-"))
    if found is not None:
        assert linkedin_slug(linkedin_url(found)) == found


@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=12), max_size=8))
def test_a_column_is_cleaned_as_each_of_its_cells(values: list[str]) -> None:
    """The whole-column check and the per-value check agree (a NUL or a stray space anywhere)."""
    assert clean_column(values) == [clean_text(v) if v else "" for v in values]
