"""Canonical forms of the strings that identify people: names, LinkedIn URLs, emails, companies, dates.

Every function here is pure and idempotent on its own output. Display strings keep what the user
typed (trimmed, NFC); the ``*_key`` functions give the forms that identity matching compares.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

_SPACES = re.compile(r"\s+")
# Control characters (a terminal would obey ESC), and the invisible characters that reorder or hide
# text: bidirectional embeddings, overrides and isolates, marks, zero-width spaces (not the joiners
# that emoji and some scripts need).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Whitespace other than a space, and control characters: what clean_text removes or turns into spaces.
_ODD = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# A column is checked as its values joined by _SEP, a noncharacter no export holds (a value that does
# hold one is merely cleaned the slow way).
_SEP = "\uffff"
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_PARENS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_PUNCT = re.compile(r"['’.-]")
_SIMPLE_NAME = re.compile(r"[a-z]+(?: [a-z]+)+")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')

# Letters after a name that are credentials, not part of the name ("Kight, MS", "Snoddy PMP").
CREDENTIALS = frozenset(
    """mba phd cpa cfa pmp ms msc ma ba bs bsc md jd rn pe esq csm cfp frm caia acca aca cma cissp
    ssbb shrm scp cphr llm mph mpp mpa meng dds dvm pharmd np pa lcsw ccna she her him they them
    he ii iii iv jr sr""".split()
)

LEGAL_SUFFIXES = frozenset(
    """inc incorporated llc l.l.c ltd limited corp corporation co company plc gmbh ag sa nv bv llp
    lp pllc pc spa srl sas sarl oy ab as kk pty pvt lda se kg ohg ug cv sab""".split()
)


def _tidy(text: str) -> bool:
    """Whether ``text`` (one value, or a column joined by ``_SEP``) is already as clean_text makes it:
    no space at either end of a value, no double space, no other whitespace or control character,
    NFC. Substring tests and one character class, so a 30,000-row column takes milliseconds."""
    return (
        "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and _SEP + " " not in text
        and " " + _SEP not in text
        and _ODD.search(text) is None
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def clean_text(value: object) -> str:
    """Trim, collapse internal whitespace and NFC-normalise a display string; control characters
    go; ``None`` gives ``""``.

    >>> clean_text("  Ava \\t Chen\\x1b[31m "), clean_text(None)
    ('Ava Chen[31m', '')
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _tidy(text):
        return text  # the common case, checked without copying
    return unicodedata.normalize("NFC", _SPACES.sub(" ", _CONTROL.sub("", text)).strip())


def clean_column(values: list[str]) -> list[str]:
    """:func:`clean_text` over a column, checked as a whole first since most columns are clean.

    >>> clean_column(["Ava", "", "Ben "]), clean_column(["Eve\\x00 Bad"])
    (['Ava', '', 'Ben'], ['Eve Bad'])
    """
    if _tidy(_SEP.join(values)):
        return list(values)
    return [clean_text(v) if v else "" for v in values]


_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Casefold and strip accents, for comparisons only."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def counted(n: int, one: str, many: str | None = None) -> str:
    """``counted(1, "friend")`` → ``"1 friend"``; ``counted(1500, "friend")`` → ``"1,500 friends"``."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def display_name(first: str, last: str) -> str:
    """The name as shown: ``first last`` with whitespace tidied; emoji and credentials kept."""
    return clean_text(f"{first} {last}")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Normalised full name for matching.

    Drops credentials after a comma or at the end, pronouns in parentheses, quoted nicknames,
    emoji and punctuation; folds case and accents.

    >>> name_key("  José  Pérez, MBA (he/him) ")
    'jose perez'
    >>> name_key('Robert "Bob" Smith PMP')
    'robert smith'
    """
    folded = fold(name)
    if _SIMPLE_NAME.fullmatch(folded) and folded.rpartition(" ")[2] not in CREDENTIALS:
        return folded  # the common case: plain words, nothing to drop
    text = _QUOTED.sub(" ", _PARENS.sub(" ", folded))
    head, _, _ = text.partition(",")
    tokens = [w.replace("’", "'") for w in _WORD.findall(head)]
    while len(tokens) > 2 and tokens[-1].replace(".", "") in CREDENTIALS:
        tokens.pop()
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def company_key(company: str) -> str:
    """Normalised company name for matching only: legal suffixes, punctuation and spacing ignored.

    >>> company_key("J.P. Morgan") == company_key("JPMorgan") == company_key("JP Morgan & Co.")
    True
    >>> company_key("Stripe, Inc.")
    'stripe'
    """
    text = fold(company).replace("&", " and ").replace("+", " and ").replace("a/s", "as")
    tokens = [_PUNCT.sub("", w) for w in _WORD.findall(text)]
    tokens = [t for t in tokens if t]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
        if len(tokens) > 1 and tokens[-1] in ("and", "de"):  # "& Co.", "S.A. de C.V."
            tokens.pop()
    return "".join(tokens)


def email_key(value: str) -> str | None:
    """Lower-cased email if it looks like one (``x@y.z``), else ``None``."""
    text = clean_text(value).lower()
    if text.startswith("mailto:"):
        text = text[7:]
    local, at, domain = text.partition("@")
    if not at or not local or "." not in domain or " " in text or "@" in domain:
        return None
    return text


_LINKEDIN_HOST = re.compile(r"(^|\.)linkedin\.com$")
_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/([A-Za-z0-9%_.~-]+)/?\Z")


@lru_cache(maxsize=65536)
def linkedin_slug(value: str) -> str | None:
    """The canonical profile slug of a LinkedIn URL (FORMATS.md §4.2), or ``None``.

    Accepts http, https or no scheme, ``www``/country subdomains, ``/m/`` and ``/mwlite/``,
    queries, fragments, trailing slashes; percent-decodes, NFC-normalises and casefolds.
    Legacy ``/pub/name/a/b/c`` URLs keep their whole path as the slug.

    >>> linkedin_slug("http://de.linkedin.com/m/in/Jos%C3%A9-Luis/?trk=x#top")
    'josé-luis'
    >>> linkedin_slug("javascript:alert(1)") is None
    True
    """
    text = value.strip()
    if not text:
        return None
    fast = _CANONICAL.match(text)
    if fast:  # the form LinkedIn itself writes: no need to parse the URL
        slug = fast.group(1)
        return slug.lower() if "%" not in slug else _decoded(slug)
    if "://" not in text and not text.lower().startswith(("http:", "https:")):
        if ":" in text.split("/", 1)[0]:
            return None  # another scheme, e.g. javascript: or mailto:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not _LINKEDIN_HOST.search(host):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0].lower() in ("m", "mwlite"):
        segments = segments[1:]
    if len(segments) >= 2 and segments[0].lower() == "in":
        slug = segments[1]
    elif len(segments) >= 2 and segments[0].lower() == "pub":
        slug = "pub/" + "/".join(segments[1:5])
    else:
        return None
    return _decoded(slug)


def _decoded(slug: str) -> str | None:
    slug = unicodedata.normalize("NFC", unquote(slug, errors="replace")).casefold().strip()
    if not slug or any(ch.isspace() for ch in slug):
        return None
    return slug


def linkedin_url(slug: str) -> str:
    """The display URL for a canonical slug: ``https://www.linkedin.com/in/<percent-encoded slug>``."""
    if slug.startswith("pub/"):
        return "https://www.linkedin.com/" + quote(slug, safe="/-_.~")
    return "https://www.linkedin.com/in/" + quote(slug, safe="-_.~")


_DATE_FORMATS = (
    "%d %b %Y",  # 07 Feb 2026 (Connected On since 2021)
    "%Y-%m-%d",
    "%m/%d/%y, %I:%M %p",  # 1/8/18, 6:14 PM (2018)
    "%m/%d/%y",
    "%d.%m.%Y",  # 16.09.2021 (European Excel re-save)
    "%d-%b-%y",  # 5-Aug-17 (Excel)
    "%d-%b-%Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%Y-%m-%d %H:%M:%S UTC",  # messages.csv
    "%Y-%m-%dT%H:%M:%S",
    "%B %d, %Y, %I:%M %p",
    "%Y/%m/%d %H:%M:%S UTC",
    "%m/%d/%Y",
)


_CONNECTED_ON = re.compile(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}


@lru_cache(maxsize=16384)
def parse_date(value: str) -> str | None:
    """An export's date or timestamp as ISO ``YYYY-MM-DD``, or ``None`` when it is not a date.

    >>> [parse_date(s) for s in ("07 Feb 2026", "1/8/18, 6:14 PM", "16.09.2021", "5-Aug-17")]
    ['2026-02-07', '2018-01-08', '2021-09-16', '2017-08-05']
    """
    text = clean_text(value)
    if not text:
        return None
    fast = _CONNECTED_ON.fullmatch(text)  # "07 Feb 2026", the form of nearly every row
    if fast and fast.group(2) in _MONTHS:
        try:
            return date(int(fast.group(3)), _MONTHS[fast.group(2)], int(fast.group(1))).isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
