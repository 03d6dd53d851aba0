"""LinkedIn's ``Connections.csv``, every era and re-save of it (FORMATS.md §1)."""

from __future__ import annotations

from netmap.errors import InputError, UnknownFormat
from netmap.models import Export
from netmap.readers.text import HEADER_SCAN_LINES, contact_export, decode, find_table

LINKEDIN_MARKERS = ("connected on", "company", "position", "email address")


def is_linkedin_header(cells: set[str]) -> bool:
    """``First Name,Last Name,…,Connected On`` (6 or 7 columns), but not Outlook's ``Job Title`` CSV."""
    return (
        "first name" in cells
        and "last name" in cells
        and sum(m in cells for m in LINKEDIN_MARKERS) >= 2
        and "job title" not in cells
    )


def parse_linkedin_connections(data: bytes, name: str, text: str | None = None) -> Export:
    """A LinkedIn ``Connections.csv`` of any era (FORMATS.md §1) as canonical contacts."""
    text = decode(data, name) if text is None else text
    table = find_table(text, name, is_linkedin_header)
    if table is None:
        raise not_linkedin(text, name)
    lines, column = table.column_reader()
    fields = {
        "first_name": column("first name"),
        "last_name": column("last name"),
        "url": column("url"),
        "email": column("email address"),
        "company": column("company"),
        "position": column("position"),
        "connected_on": column("connected on"),
    }
    return contact_export(data, name, "linkedin", "linkedin", lines, fields)


def not_linkedin(text: str, name: str) -> InputError:
    """The error for a file that is no contact export: a cut-off Connections.csv says so."""
    head = text.lstrip("\ufeff").lstrip()
    if head.startswith("Notes:"):
        return InputError(
            f"{name}: LinkedIn's 'Notes:' preamble but no header line after it — the export "
            "looks cut off; download Connections.csv again"
        )
    return UnknownFormat(
        f"{name} line 1: no contact header in the first {HEADER_SCAN_LINES} lines — netmap reads LinkedIn, "
        "Google and Outlook CSV, vCard and edge lists; for another CSV, use --map name=COLUMN,…"
    )
