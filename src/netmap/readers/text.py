"""What every reader shares: decoding bytes, finding a header line, splitting rows with line
numbers for messages, and turning raw columns into canonical contacts.

The lowest module of the readers: it imports no format.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from netmap.errors import InputError
from netmap.models import CONTACT_COLUMNS, Columns, Export
from netmap.normalize import clean_column, counted, linkedin_slug, linkedin_url, parse_date

FIELD_LIMIT = 1_000_000  # bytes per CSV field; a larger one means the file is not an export
csv.field_size_limit(FIELD_LIMIT)

HEADER_SCAN_LINES = 12
MAX_FIELD = 1000  # characters of a cell kept (a LinkedIn title is at most a few hundred)
MAX_ROWS = 200_000  # rows in one file: LinkedIn exports at most 30,000 connections
USE_INPUT_FORMAT = "use --input-format to choose a reader"


def check_size(data: bytes, name: str) -> None:
    """Refuse, before any work, a file with far more rows than any contact export has."""
    lines = max(data.count(b"\n"), data.count(b"\r"))  # old Mac files end lines with CR alone
    if lines > MAX_ROWS:
        raise InputError(
            f"{name}: {lines:,} lines — far more than the 30,000 connections LinkedIn exports at most; netmap "
            f"reads up to {MAX_ROWS:,} rows from one file (split it into smaller files to import it)"
        )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str) -> str:
    """Decode an export's bytes: UTF-8 (BOM or not), UTF-16 with BOM or NULs, else cp1252/latin-1.

    Line endings become ``\\n``. Raises :class:`InputError` for empty or binary content.

    >>> decode(b"\\xef\\xbb\\xbfFirst Name\\r\\nAva", "x.csv"), decode("Zoë".encode("cp1252"), "x.csv")
    ('First Name\\nAva', 'Zoë')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data.startswith(b"\xef\xbb\xbf"):  # UTF-8 for sure: a stray byte alone is read as Windows-1252
        text = data[3:].decode("utf-8", errors="netmap-cp1252")
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
            text = _mostly_utf8(data) or (data.decode("cp1252") if _is_cp1252(data) else data.decode("latin-1"))
    if not text.strip(" \t\r\n\ufeff,;"):
        raise InputError(f"{name}: the file is empty — export it again from LinkedIn or check the path")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n")
    if control > 8:
        raise InputError(f"{name}: this is a binary file, not a CSV export — {USE_INPUT_FORMAT}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _repair(error: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8 read as Windows-1252 (what an editor that saved it meant)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("netmap-cp1252", _repair)


def _stray_bytes(data: bytes) -> tuple[int, int]:
    """(bytes that are not UTF-8, characters that are UTF-8 beyond ASCII) in undecodable data."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return stray, sum(1 for ch in text if ch > "\x7f") - stray


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (one Latin-1 "ë" typed into a UTF-8 file): decoded as UTF-8, the
    stray bytes alone read as Windows-1252 — not the whole file turned into mojibake."""
    stray, good = _stray_bytes(data)
    if good == 0 or stray > good:
        return None  # a Windows-1252 (or Latin-1) file through and through
    return data.decode("utf-8", errors="netmap-cp1252")


def repair_note(data: bytes) -> str | None:
    """What :func:`decode` repaired in these bytes, for an import's summary (None: nothing)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        stray, good = _stray_bytes(data)
        if bom or (good and stray <= good):
            text = data.decode("utf-8", errors="surrogateescape")
            lines = [n for n, line in enumerate(text.splitlines(), start=1) if re.search("[\udc80-\udcff]", line)]
            where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
            bytes_were = counted(stray, "byte was", "bytes were")
            return f"{bytes_were} not UTF-8, read as Windows-1252 (line {where}: check those names)"
    return None


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


def header_cells(cells: list[str]) -> set[str]:
    """A header line's cells as header tests compare them: trimmed, case-folded, BOM dropped."""
    return {c.strip().strip("\ufeff").casefold() for c in cells}


def find_table(text: str, name: str, accept: Callable[[set[str]], bool]) -> Table | None:
    """The first line among the first few whose cells ``accept`` (a header), with its delimiter.

    >>> find_table("Notes:\\n\\nname;email\\nAva;a@x.io", "x.csv", lambda cells: "name" in cells).header_line
    3
    """
    lines = text.split("\n", HEADER_SCAN_LINES)
    offset = 0
    for number, line in enumerate(lines[:HEADER_SCAN_LINES], start=1):
        for delimiter in (",", ";", "\t"):
            if delimiter not in line and delimiter != ",":
                continue
            cells = _split_cells(line, delimiter)
            if accept(header_cells(cells)):
                body = text[offset + len(line) + 1 :]
                return Table(name, cells, number, delimiter, body)
        offset += len(line) + 1
    return None


def require_table(text: str, name: str, accept: Callable[[set[str]], bool], what: str) -> Table:
    """:func:`find_table`, or an error saying the file is not ``what``."""
    table = find_table(text, name, accept)
    if table is None:
        raise InputError(f"{name} line 1: not {what} — {USE_INPUT_FORMAT}")
    return table


def contact_export(
    data: bytes, name: str, kind: str, fmt: str, lines: list[int], fields: dict[str, list[str]]
) -> Export:
    """Canonical contacts from raw columns (any of CONTACT_COLUMNS; ``name`` is made from first and
    last name when absent): cells tidied, URLs made canonical (others dropped, with a warning),
    dates made ISO, and rows with neither a name, a URL nor an email (ghost rows) skipped."""
    count = len(lines)
    raw = {c: clean_column(fields[c]) if c in fields else [""] * count for c in CONTACT_COLUMNS}
    cut = 0
    for column in raw.values():
        for i, cell in enumerate(column):
            if len(cell) > MAX_FIELD:
                column[i], cut = cell[:MAX_FIELD].rstrip(), cut + 1
    names = (
        raw["name"]
        if "name" in fields
        else [f"{f} {la}" if f and la else f or la for f, la in zip(raw["first_name"], raw["last_name"], strict=True)]
    )
    urls, dropped = canonical_urls(raw["url"], lines)
    names = [n or (e.split("@")[0] if "@" in e else "") for n, e in zip(names, raw["email"], strict=True)]
    table = Columns({**raw, "name": names, "url": urls, "connected_on": dates_column(raw["connected_on"]),
                     "line": lines})  # fmt: skip
    keep = [i for i, (n, u, e) in enumerate(zip(names, urls, raw["email"], strict=True)) if n or u or e]
    if len(keep) < count:
        table = table.take(keep)
    dates = [d for d in table["connected_on"] if d]
    return Export(
        path=name,
        kind=kind,
        format=fmt,
        content_hash=content_hash(data),
        contacts=table,
        export_date=max(dates) if dates else None,
        skipped=count - len(keep),
        warnings=[*_dropped_warning(dropped), *_cut_warning(cut), *filter(None, [repair_note(data)])],
    )


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


def _cut_warning(cut: int) -> list[str]:
    if not cut:
        return []
    fields = counted(cut, "field was", "fields were")
    return [f"{fields} longer than {MAX_FIELD:,} characters, cut to their first {MAX_FIELD:,}"]


def _dropped_warning(dropped: list[str]) -> list[str]:
    if not dropped:
        return []
    return [
        f"{counted(len(dropped), 'URL was', 'URLs were')} not a LinkedIn profile link and dropped (first: {dropped[0]})"
    ]
