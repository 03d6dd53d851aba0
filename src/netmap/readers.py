"""Read contact exports into DataFrames of canonical columns.

Formats are recognised by content, never by file name alone. ``parse_*`` functions work on bytes
in memory; :func:`read_path` opens files, folders and zips (see :mod:`netmap.archive`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from netmap.errors import InputError, UnknownFormat
from netmap.models import CONTACT_COLUMNS, Export
from netmap.normalize import clean_text, linkedin_slug, linkedin_url, parse_date

FIELD_LIMIT = 1_000_000  # bytes per CSV field; a larger one means the file is not an export
csv.field_size_limit(FIELD_LIMIT)

HEADER_SCAN_LINES = 12
USE_INPUT_FORMAT = "use --input-format to choose a reader"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str) -> str:
    """Decode an export's bytes: UTF-8 (BOM or not), UTF-16 with BOM or NULs, else cp1252/latin-1.

    Line endings become ``\\n``. Raises :class:`InputError` for empty or binary content.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif b"\x00" in data[:4096]:
        sample = data[:4096]
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > len(sample) // 4 and sample[0::2].count(0) == 0:
            text = data.decode("utf-16-le", errors="replace")
        else:
            raise InputError(f"{name}: this is a binary file, not a CSV export — {USE_INPUT_FORMAT}")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
    if not text.strip(" \t\r\n\ufeff,;"):
        raise InputError(f"{name}: the file is empty — export it again from LinkedIn or check the path")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n")
    if control > 8:
        raise InputError(f"{name}: this is a binary file, not a CSV export — {USE_INPUT_FORMAT}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class Table:
    """A delimited file split into header and rows, with line numbers for messages."""

    name: str
    header: list[str]
    header_line: int
    delimiter: str
    body: str  # text after the header line

    def columns(self) -> dict[str, int]:
        """Header cells, case-folded and trimmed, mapped to their index (first occurrence wins)."""
        index: dict[str, int] = {}
        for i, cell in enumerate(self.header):
            index.setdefault(cell.strip().strip("\ufeff").casefold(), i)
        return index

    def column_reader(self) -> tuple[list[int], Callable[..., list[str]]]:
        """Line numbers of the rows, and a function giving the column under any of some headers
        (case-insensitive; all empty when the file has none of them)."""
        col = self.columns()
        lines, rows = self.records()
        columns = list(zip(*rows, strict=True)) if rows else []

        def column(*headers: str) -> list[str]:
            for header in headers:
                i = col.get(header)
                if i is not None:
                    return list(columns[i]) if columns else []
            return [""] * len(lines)

        return lines, column

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) for every non-blank row; raises on ragged rows and huge fields."""
        yield from zip(*self.records(), strict=True)

    def records(self) -> tuple[list[int], list[list[str]]]:
        """Line numbers and fields of every non-blank row, as two lists."""
        width = len(self.header)
        try:
            records = list(csv.reader(io.StringIO(self.body), delimiter=self.delimiter))
        except csv.Error:
            records = None  # find the line in the slow loop below
        count = self.body.count("\n") + (0 if self.body.endswith("\n") else 1)
        if records is not None and len(records) == count:  # one record per line: no quoted newlines
            first = self.header_line + 1
            if all(len(fields) == width for fields in records):
                return list(range(first, first + count)), records
            kept = [(n, f) for n, f in enumerate(records, start=first) if self._keep(n, f, width)]
        else:
            kept = list(self._rows_slowly(width))
        return [n for n, _ in kept], [f for _, f in kept]

    def _rows_slowly(self, width: int) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(self.body), delimiter=self.delimiter)
        last = 0
        try:
            for fields in reader:
                line = self.header_line + last + 1
                last = reader.line_num
                if self._keep(line, fields, width):
                    yield line, fields
        except csv.Error as exc:
            line = self.header_line + last + 1
            raise InputError(
                f"{self.name} line {line}: not readable as CSV ({exc}) — is this a contact export? ({USE_INPUT_FORMAT})"
            ) from None

    def _keep(self, line: int, fields: list[str], width: int) -> bool:
        """Whether a row is data (a full-width row, ghost rows included); blank lines and blank
        rows a spreadsheet padded are skipped; anything else of the wrong width is an error."""
        if len(fields) == width:
            return True
        if not any(f.strip() for f in fields):
            return False
        raise InputError(
            f"{self.name} line {line}: expected {width} fields, got {len(fields)} — "
            "the file looks damaged or edited by hand; re-export it, or fix that line"
        )


def _split_cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def find_table(text: str, name: str, accept: Callable[[set[str]], bool]) -> Table | None:
    """The first line among the first few whose cells ``accept`` (a header), with its delimiter."""
    lines = text.split("\n", HEADER_SCAN_LINES)
    offset = 0
    for number, line in enumerate(lines[:HEADER_SCAN_LINES], start=1):
        for delimiter in (",", ";", "\t"):
            if delimiter not in line and delimiter != ",":
                continue
            cells = _split_cells(line, delimiter)
            if accept({c.strip().strip("\ufeff").casefold() for c in cells}):
                body = text[offset + len(line) + 1 :]
                return Table(name, cells, number, delimiter, body)
        offset += len(line) + 1
    return None


# --- LinkedIn Connections.csv ---------------------------------------------------------------

LINKEDIN_MARKERS = ("connected on", "company", "position", "email address")


def is_linkedin_header(cells: set[str]) -> bool:
    return (
        "first name" in cells
        and "last name" in cells
        and sum(m in cells for m in LINKEDIN_MARKERS) >= 2
        and "job title" not in cells  # Outlook CSV
    )


def parse_linkedin_connections(data: bytes, name: str, text: str | None = None) -> Export:
    """A LinkedIn ``Connections.csv`` of any era (FORMATS.md §1) as canonical contacts."""
    text = decode(data, name) if text is None else text
    table = find_table(text, name, is_linkedin_header)
    if table is None:
        raise _not_linkedin(text, name)
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


def contact_export(
    data: bytes, name: str, kind: str, fmt: str, lines: list[int], fields: dict[str, list[str]]
) -> Export:
    """Canonical contacts from raw columns (any of CONTACT_COLUMNS; ``name`` is made from first and
    last name when absent): cells tidied, URLs made canonical (others dropped, with a warning),
    dates made ISO, and rows with neither a name, a URL nor an email (ghost rows) skipped."""
    count = len(lines)
    raw = {c: clean_column(fields[c]) if c in fields else [""] * count for c in CONTACT_COLUMNS}
    names = (
        raw["name"]
        if "name" in fields
        else [f"{f} {la}" if f and la else f or la for f, la in zip(raw["first_name"], raw["last_name"], strict=True)]
    )
    urls, dropped = canonical_urls(raw["url"], lines)
    names = [n or (e.split("@")[0] if "@" in e else "") for n, e in zip(names, raw["email"], strict=True)]
    frame = pd.DataFrame({**raw, "name": names, "url": urls, "connected_on": dates_column(raw["connected_on"]),
                          "line": lines})  # fmt: skip
    keep = [i for i, (n, u, e) in enumerate(zip(names, urls, raw["email"], strict=True)) if n or u or e]
    if len(keep) < count:
        frame = frame.iloc[keep].reset_index(drop=True)
    dates = [d for d in frame["connected_on"].tolist() if d]
    return Export(
        path=name,
        kind=kind,
        format=fmt,
        content_hash=content_hash(data),
        contacts=frame,
        export_date=max(dates) if dates else None,
        skipped=count - len(keep),
        warnings=_dropped_warning(dropped),
    )


def clean_column(values: Sequence[str]) -> list[str]:
    """``clean_text`` over a column; checks the whole column at once, since most are clean."""
    joined = "\x00".join(values)
    tidy = (
        "  " not in joined
        and "\x00 " not in joined
        and " \x00" not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
        and _ODD_SPACE.search(joined) is None
    )
    if tidy and (joined.isascii() or unicodedata.is_normalized("NFC", joined)):
        return list(values)
    return [clean_text(v) if v else "" for v in values]


_ODD_SPACE = re.compile(r"[^\S ]|[\x01-\x1f\x7f-\x9f]")  # whitespace other than a space; control characters
_CANONICAL_URL = re.compile(r"https://www\.linkedin\.com/in/[a-z0-9_.~-]+")


def canonical_urls(values: list[str], lines: list[int]) -> tuple[list[str], list[str]]:
    """Display URLs of LinkedIn profiles (``""`` where empty or not a profile) and the dropped ones."""
    urls, dropped = [], []
    for value, line in zip(values, lines, strict=True):
        if not value or _CANONICAL_URL.fullmatch(value):
            urls.append(value)
            continue
        slug = linkedin_slug(value)
        if slug is None:
            dropped.append(f"line {line}: {value[:60]!r}")
        urls.append(linkedin_url(slug) if slug else "")
    return urls, dropped


def dates_column(values: list[str]) -> list[str]:
    """ISO dates for a column of export dates (each distinct value parsed once)."""
    parsed = {v: parse_date(v) or "" for v in set(values)}
    return [parsed[v] for v in values]


def _dropped_warning(dropped: list[str]) -> list[str]:
    if not dropped:
        return []
    return [f"{len(dropped)} URL(s) were not LinkedIn profile links and were dropped (first: {dropped[0]})"]


def _not_linkedin(text: str, name: str) -> InputError:
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


# --- detection and dispatch -----------------------------------------------------------------

Parser = Callable[[bytes, str, str], Export]


def detect(text: str) -> str | None:
    """The reader for a decoded file, judged by its content, or ``None``."""
    head = text.lstrip("\ufeff \n\t")
    if head[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    for fmt, accept in _detectors():
        if find_table(text, "", accept) is not None:
            return fmt
    return None


def _describe_unknown(text: str, name: str) -> InputError:
    head = text.lstrip("\ufeff \n\t")
    if head[:1] in ("{", "["):
        return UnknownFormat(
            f"{name}: this is a JSON file; netmap reads contact exports in CSV or vCard form "
            f"(LinkedIn Connections.csv, Google/Outlook CSV, .vcf) — {USE_INPUT_FORMAT}"
        )
    for fmt, accept in _ARCHIVE_ONLY:
        if find_table(text, "", accept) is not None:
            return UnknownFormat(
                f"{name}: this is the LinkedIn archive's {fmt}; import the whole archive "
                "(the .zip or its unzipped folder) so netmap can link it to your connections"
            )
    return _not_linkedin(text, name)


def parse_file(data: bytes, name: str, input_format: str = "auto", mapping: dict[str, str] | None = None) -> Export:
    """Parse one file's bytes with the reader ``input_format`` names, or the one its content fits;
    ``mapping`` ({field: column}) is for the ``csv`` reader."""
    from netmap import contacts

    text = decode(data, name)
    fmt = "csv" if mapping and input_format == "auto" else (detect(text) if input_format == "auto" else input_format)
    if fmt is None:
        raise _describe_unknown(text, name)
    if fmt == "csv":
        return contacts.parse_csv(data, name, text, mapping)
    parsers: dict[str, Parser] = {
        "linkedin": parse_linkedin_connections,
        "google": contacts.parse_google,
        "outlook": contacts.parse_outlook,
        "vcard": contacts.parse_vcard,
        "edges": contacts.parse_edges,
    }
    if fmt not in parsers:
        raise UnknownFormat(f"{name}: cannot read a single file as {fmt!r} — {USE_INPUT_FORMAT}")
    return parsers[fmt](data, name, text)


def read_path(path: str | Path, input_format: str = "auto", mapping: dict[str, str] | None = None) -> list[Export]:
    """Read a file, a LinkedIn archive zip, or an unzipped archive folder into exports."""
    from netmap import archive

    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file or folder — check the path")
    if p.is_dir():
        return archive.read_folder(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror}) — check the permissions") from None
    if input_format == "linkedin-archive" or (input_format == "auto" and archive.is_zip(data)):
        return archive.read_zip(data, name)
    return [parse_file(data, name, input_format, mapping)]


def _is_messages_header(cells: set[str]) -> bool:
    return {"from", "to"} <= cells and ("conversation id" in cells or "content" in cells)


def _is_invitations_header(cells: set[str]) -> bool:
    return {"from", "to", "sent at", "direction"} <= cells


def _is_profile_header(cells: set[str]) -> bool:
    return {"first name", "last name", "headline"} <= cells


def _detectors() -> list[tuple[str, Callable[[set[str]], bool]]]:
    """Each reader's header test, most specific first."""
    from netmap import contacts

    return [
        ("linkedin", is_linkedin_header),
        ("google", contacts.is_google_header),
        ("outlook", contacts.is_outlook_header),
        ("edges", contacts.is_edges_header),
        ("csv", contacts.is_canonical_header),
    ]


_ARCHIVE_ONLY = [
    ("messages.csv", _is_messages_header),
    ("Invitations.csv", _is_invitations_header),
    ("Profile.csv", _is_profile_header),
]
