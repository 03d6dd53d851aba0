"""The small CSVs netmap reads besides exports: an import manifest and a list of titles to classify.
Both find their header with :func:`~netmap.readers.text.find_table`, like every export reader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netmap.errors import InputError, MissingColumns
from netmap.readers.text import decode, find_table


@dataclass
class ManifestEntry:
    """One line of a manifest: which file, whose, and where in the manifest it was listed."""

    line: int
    path: Path
    owner: str
    owner_url: str | None


def _read(path: str | Path, what: str) -> str:
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such {what} file — check the path")
    try:
        return decode(file.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}) — check the permissions") from None


def read_manifest(path: str | Path) -> list[ManifestEntry]:
    """The rows of a manifest CSV ``path,owner[,owner_url]``. Relative paths are relative to the
    manifest's folder."""
    table = find_table(_read(path, "manifest"), str(path), lambda cells: {"path", "owner"} <= cells)
    if table is None:
        raise InputError(f"{path} line 1: a manifest needs a header 'path,owner[,owner_url]'")
    col = table.columns()
    entries = []
    for line, fields in table.rows():
        row = {name: fields[i].strip() for name, i in col.items()}
        if not row.get("path") or not (row.get("owner") or row.get("owner_url")):
            raise InputError(f"{path} line {line}: each row needs a path and an owner")
        entries.append(ManifestEntry(line, Path(path).parent / row["path"], row["owner"], row.get("owner_url") or None))
    return entries


TITLE_COLUMNS = ("title", "position", "job title")
COMPANY_COLUMNS = ("company", "organization", "employer")


def read_titles(path: str | Path) -> list[tuple[str, str]]:
    """(title, company) pairs from a CSV with a ``title`` or ``position`` column and optional ``company``."""
    text = _read(path, "title list")
    table = find_table(text, str(path), lambda cells: any(c in cells for c in TITLE_COLUMNS))
    if table is None:
        header = next((line for line in text.split("\n") if line.strip()), "")
        found = ", ".join(cell.strip() for cell in header.split(","))[:200]
        raise MissingColumns(f"{path} line 1: no 'title' or 'position' column (found: {found})")
    _, column = table.column_reader()
    pairs = zip(column(*TITLE_COLUMNS), column(*COMPANY_COLUMNS), strict=True)
    return [(title, company) for title, company in pairs if title.strip() or company.strip()]
