"""Contact sources other than LinkedIn: Google Contacts and Outlook CSV, vCard, any CSV with a
column mapping, and edge lists (FORMATS.md §3). Each ``parse_*`` turns bytes into an
:class:`~netmap.models.Export` of canonical columns, like :mod:`netmap.readers.linkedin` does for LinkedIn.
"""

from __future__ import annotations

import re
from pathlib import Path

from netmap.errors import InputError, MissingColumns, UsageProblem
from netmap.models import CONTACT_COLUMNS, Columns, Export
from netmap.normalize import clean_text, linkedin_slug
from netmap.readers.text import USE_INPUT_FORMAT, contact_export, content_hash, decode, find_table, require_table

MULTI = " ::: "  # how Google joins several values in one cell


def _first(values: list[str]) -> list[str]:
    """The first of several values Google joined with ' ::: ' (a leading '* ' marks the primary)."""
    return [v.split(MULTI)[0].removeprefix("* ").strip() for v in values]


def _first_linkedin(*columns: list[str]) -> list[str]:
    """Per row, the first cell among ``columns`` (each possibly holding several values) that is a
    LinkedIn profile URL."""
    found = []
    for cells in zip(*columns, strict=True):
        urls = [u.strip() for cell in cells for u in cell.split(MULTI) if "linkedin" in u.lower()]
        found.append(next((u for u in urls if linkedin_slug(u)), ""))
    return found


def _full_names(*columns: list[str]) -> list[str]:
    """Per row, the non-empty name parts joined: first, middle, last."""
    return [" ".join(p for p in parts if p.strip()) for parts in zip(*columns, strict=True)]


# --- Google Contacts ------------------------------------------------------------------------------


def is_google_header(cells: set[str]) -> bool:
    old = {"given name", "family name"} <= cells and ("name" in cells or "e-mail 1 - value" in cells)
    new = {"first name", "last name", "organization name"} <= cells or (
        {"first name", "last name", "e-mail 1 - value"} <= cells and "job title" not in cells
    )
    return old or new


def parse_google(data: bytes, name: str, text: str | None = None) -> Export:
    """Google Contacts CSV, old (``Name,Given Name,…``, numbered ``Organization 1 - …`` blocks) or new
    (``First Name,Middle Name,Last Name,…,Organization Name``) layout; notes may span lines."""
    text = decode(data, name) if text is None else text
    table = require_table(text, name, is_google_header, "a Google Contacts CSV (Name/First Name, … E-mail 1 - Value)")
    lines, column = table.column_reader()
    headers = table.columns()
    websites = [column(h) for h in headers if re.fullmatch(r"website \d+ - value", h)]
    first = column("given name", "first name")
    middle = column("additional name", "middle name")
    last = column("family name", "last name")
    joined = _full_names(first, middle, last)
    full = column("name") if "name" in headers else joined
    fields = {
        "first_name": first,
        "last_name": last,
        "name": [f or j for f, j in zip(full, joined, strict=True)],
        "email": _first(column("e-mail 1 - value")),
        "company": _first(column("organization 1 - name", "organization name")),
        "position": _first(column("organization 1 - title", "organization title")),
        "url": _first_linkedin(*websites) if websites else column("url"),
    }
    return contact_export(data, name, "google", "google", lines, fields)


# --- Outlook --------------------------------------------------------------------------------------


def is_outlook_header(cells: set[str]) -> bool:
    return {"first name", "last name"} <= cells and ("e-mail address" in cells or "job title" in cells)


def parse_outlook(data: bytes, name: str, text: str | None = None) -> Export:
    """Outlook CSV: classic desktop (59 quoted columns), outlook.com and newer layouts, columns by name."""
    text = decode(data, name) if text is None else text
    table = require_table(text, name, is_outlook_header, "an Outlook CSV (First Name, Last Name, E-mail Address, …)")
    lines, column = table.column_reader()
    first, middle, last = column("first name"), column("middle name"), column("last name")
    fields = {
        "first_name": first,
        "last_name": last,
        "name": _full_names(first, middle, last),
        "email": column("e-mail address"),
        "company": column("company"),
        "position": column("job title"),
        "url": _first_linkedin(column("web page"), column("personal web page"), column("notes")),
    }
    return contact_export(data, name, "outlook", "outlook", lines, fields)


# --- vCard ----------------------------------------------------------------------------------------


def parse_vcard(data: bytes, name: str, text: str | None = None) -> Export:
    """vCard 2.1, 3.0 and 4.0, many cards per file (parsed by vobject: folded lines, quoted-printable,
    escaped commas): FN/N, the first ORG component, TITLE, EMAIL, a LinkedIn URL from URL or
    X-SOCIALPROFILE."""
    import vobject

    text = _as_vcard3(decode(data, name) if text is None else text)
    fields: dict[str, list[str]] = {
        c: [] for c in ("first_name", "last_name", "name", "email", "company", "position", "url")
    }
    lines: list[int] = []
    try:
        for number, card in enumerate(vobject.readComponents(text), start=1):
            if card.name != "VCARD":
                continue
            parts = card.contents
            n = parts["n"][0].value if "n" in parts else None
            org = parts["org"][0].value if "org" in parts else []
            links = [p.value for key in ("x-socialprofile", "url") for p in parts.get(key, [])]
            fields["first_name"].append(_text(n.given) if n else "")
            fields["last_name"].append(_text(n.family) if n else "")
            fields["name"].append(_text(parts["fn"][0].value) if "fn" in parts else "")
            fields["email"].append(_text(parts["email"][0].value) if "email" in parts else "")
            fields["company"].append(_text(org[0] if isinstance(org, list) and org else org))
            fields["position"].append(_text(parts["title"][0].value) if "title" in parts else "")
            fields["url"].append(next((_text(u) for u in links if linkedin_slug(_text(u))), ""))
            lines.append(number)
    except Exception as exc:  # vobject raises its own errors, and others on broken input
        bad = re.search(r"Failed to parse line: (.*)", str(exc))
        where = next(
            (n for n, line in enumerate(text.split("\n"), 1) if bad and line.strip() == bad.group(1).strip()), None
        )
        at = f" line {where}" if where else ""
        raise InputError(
            f"{name}{at}: not a readable vCard ({type(exc).__name__}) — export the contacts again"
        ) from None
    if not lines:
        raise InputError(f"{name}: no contact card (BEGIN:VCARD … END:VCARD) in this file — {USE_INPUT_FORMAT}")
    joined = _full_names(fields["first_name"], fields["last_name"])
    fields["name"] = [n or j for n, j in zip(fields["name"], joined, strict=True)]
    return contact_export(data, name, "vcard", "vcard", lines, fields)


def _as_vcard3(text: str) -> str:
    """vCard 2.1 in the form vobject reads: quoted-printable soft line breaks (a line ending in '='
    continues on the next) joined, and commas, literal in 2.1, escaped as 3.0 wants them. Linear in
    the text, however long a continued line grows."""
    out: list[str] = []
    card: list[str] = []
    continued: list[str] | None = None  # the pieces of a quoted-printable line that goes on
    for line in text.split("\n"):
        if continued is not None:
            continued.append(line)
        elif line.endswith("=") and "QUOTED-PRINTABLE" in line.partition(":")[0].upper():
            continued = [line]
        else:
            card.append(line)
        if continued is not None and not line.endswith("="):
            card.append("".join(piece[:-1] for piece in continued[:-1]) + continued[-1])
            continued = None
        if line.strip().upper() == "END:VCARD":
            if any(c.strip().upper() == "VERSION:2.1" for c in card):
                card = [_escape_commas(c) for c in card]
            out += card
            card = []
    if continued is not None:
        card.append("".join(piece[:-1] for piece in continued))
    return "\n".join(out + card)


def _escape_commas(line: str) -> str:
    head, colon, value = line.partition(":")
    if not colon or head.upper().startswith(("BEGIN", "END", "VERSION")):
        return line
    return head + colon + re.sub(r"(?<!\\),", r"\\,", value)


def _text(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value or "")


# --- any CSV, with a column mapping ---------------------------------------------------------------

SYNONYMS = {
    "name": ("name", "full name", "contact", "member", "person"),
    "first_name": ("first_name", "first name", "given name", "firstname"),
    "last_name": ("last_name", "last name", "family name", "surname", "lastname"),
    "url": ("url", "linkedin", "linkedin url", "profile", "profile url"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
    "company": ("company", "organization", "organisation", "employer", "firm"),
    "position": ("position", "title", "job title", "role"),
    "connected_on": ("connected_on", "connected on", "date", "since"),
}


def parse_mapping(text: str | None) -> dict[str, str]:
    """``--map name=Member,company=Employer`` as {field: column}; unknown fields are an error."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise UsageProblem(f"--map: {part!r} is not FIELD=COLUMN, e.g. --map name=Member,company=Employer")
        if field not in CONTACT_COLUMNS:
            raise UsageProblem(f"--map: unknown field {field!r}; fields are {', '.join(CONTACT_COLUMNS)}")
        mapping[field] = column.strip()
    return mapping


def is_canonical_header(cells: set[str]) -> bool:
    """A CSV whose columns already say what they are (name, email, company…), found without --map."""
    named = "name" in cells or {"first_name", "last_name"} <= cells or {"first name", "last name"} <= cells
    return named and len(cells & {s for group in SYNONYMS.values() for s in group}) >= 2


def parse_csv(data: bytes, name: str, text: str | None = None, mapping: dict[str, str] | None = None) -> Export:
    """Any CSV: columns named by ``mapping`` (field -> column), else found by their usual names."""
    text = decode(data, name) if text is None else text
    wanted = {c.casefold() for c in (mapping or {}).values()}

    def accept(cells: set[str]) -> bool:
        return wanted <= cells if wanted else is_canonical_header(cells)

    table = find_table(text, name, accept)
    if table is None:
        header = next((line for line in text.split("\n") if line.strip()), "")[:200]
        need = f"the columns {', '.join(sorted(wanted))}" if wanted else "a name column (or first and last name)"
        raise MissingColumns(
            f"{name} line 1: no header with {need} — say which column is which with "
            f"--map name=COLUMN,company=COLUMN,…; the file's columns are: {header}"
        )
    present = table.columns()
    chosen = {f: c.casefold() for f, c in (mapping or {}).items()}
    for field, names in SYNONYMS.items():
        chosen.setdefault(field, next((n for n in names if n in present), ""))
    if not chosen["name"] and not (chosen["first_name"] and chosen["last_name"]):
        raise MissingColumns(
            f"{name} line {table.header_line}: a name is needed — map `name` or both `first_name` and "
            f"`last_name` with --map; the file's columns are: {', '.join(table.header)}"
        )
    lines, column = table.column_reader()
    fields = {f: column(c) for f, c in chosen.items() if c}
    return contact_export(data, name, f"csv:{Path(name).name}", "csv", lines, fields)


# --- edge lists -----------------------------------------------------------------------------------


def is_edges_header(cells: set[str]) -> bool:
    return {"source", "target"} <= cells and not cells - {"source", "target", "weight"}


def parse_edges(data: bytes, name: str, text: str | None = None) -> Export:
    """``source,target[,weight]``: undirected "knows" relations; each end is a LinkedIn URL, an
    email, a person id, ``me`` or a name; a weight in (0, 1] is the tie's strength."""
    text = decode(data, name) if text is None else text
    table = require_table(text, name, is_edges_header, "an edge list (source,target[,weight])")
    lines, column = table.column_reader()
    sources, targets, weights = column("source"), column("target"), column("weight")
    parsed: list[float | None] = []
    for line, source, target, weight in zip(lines, sources, targets, weights, strict=True):
        if not clean_text(source) or not clean_text(target):
            raise InputError(f"{name} line {line}: an edge needs both a source and a target")
        try:
            value = float(weight) if weight.strip() else None
        except ValueError:
            value = -1.0
        if value is not None and not 0 < value <= 1:
            raise InputError(f"{name} line {line}: weight {weight!r} is not a number in (0, 1] — fix or leave it empty")
        parsed.append(value)
    edges = Columns({"source": [clean_text(s) for s in sources], "target": [clean_text(t) for t in targets],
                     "weight": parsed, "line": lines})  # fmt: skip
    return Export(path=name, kind=f"edges:{Path(name).name}", format="edges", content_hash=content_hash(data),
                  edges=edges)  # fmt: skip
