"""Rows to text: a table for people, CSV for spreadsheets, JSON for scripts. The one place output
is formatted, so escaping is done once: markup in a name prints literally in a table, and a CSV
cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _string  # non-ASCII kept; in C
from typing import Any

FORMATS = ("table", "csv", "json")
# Characters a terminal would obey or that reorder text: control characters (ESC starts colour codes,
# title changes, screen clears), bidirectional controls and zero-width spaces — not the joiners
# (U+200C, U+200D) that Persian and Indic names and emoji need.
_UNSEEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def visible(text: str) -> str:
    """Text as it may reach a terminal: what a terminal would obey shows as a visible escape instead.

    >>> visible("Ava\\x1b]0;PWNED\\x07 Chen")
    'Ava\\\\x1b]0;PWNED\\\\x07 Chen'
    """
    return _UNSEEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not evaluate: a leading ``= + - @`` tab or CR gets a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _flat(value: Any) -> str:
    return visible(_text(value))


def _text(value: Any) -> str:
    kind = type(value)
    if kind is str or kind is int:  # most cells: no checks to run
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v["name"] if isinstance(v, dict) and "name" in v else v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_text(v)}" for k, v in value.items())
    return str(value)


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str] | None = None,
    notes: str | None = None,
    width: int | None = None,
) -> str:
    """Format ``rows`` (dicts with the JSON keys) as ``table``, ``csv`` or ``json``.

    ``columns`` picks and orders the fields of the table and CSV; JSON always has every key. A table
    fits ``width`` columns (see :func:`table`).
    """
    if fmt == "table":
        return table(rows, list(columns) if columns else (list(rows[0]) if rows else []), notes, width)
    return "".join(stream(rows, fmt, columns))


def stream(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> Iterator[str]:
    """:func:`render` as CSV or JSON, a piece of text per row as the rows come: what a listing too
    long to hold writes. The pieces join to exactly what :func:`render` returns.

    >>> list(stream([{"id": 1, "via": []}], "json"))
    ['[\\n  {\\n    "id": 1,\\n    "via": []\\n  }', '\\n]\\n']
    """
    return _csv(rows, columns) if fmt == "csv" else _json(rows)


def _json(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON array, exactly as :func:`dump_json` writes it, a row at a time."""
    before = "[\n  "
    for row in rows:
        yield before + _indented(row, "  ")
        before = ",\n  "
    yield "[]\n" if before == "[\n  " else "\n]\n"


def _indented(value: Any, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, its lines after the first indented by
    ``indent``: the same text, twice as fast (with an indent, the standard library encodes in Python,
    a generator per value: 20 s for 340,000 people)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    inner = indent + "  "
    if kind is dict and all(type(k) is str for k in value):
        if not value:
            return "{}"
        items = []
        for key, item in value.items():  # the plain values here, not a call each
            of = type(item)
            text = _string(item) if of is str else "null" if item is None else _indented(item, inner)
            items.append(f"{inner}{_string(key)}: {text}")
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)  # bools, floats, the rare rest


class _Pieces(list[str]):
    """What a CSV writer writes, kept to hand on."""

    def write(self, text: str) -> None:
        self.append(text)


def _csv(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None) -> Iterator[str]:
    """A header of ``columns`` (else the first row's keys), then a line per row, every cell flat text
    that a spreadsheet will not run."""
    rows = iter(rows)
    first = None if columns else next(rows, None)
    cols = list(columns) if columns else (list(first) if first else [])
    out = _Pieces()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    for row in itertools.chain([first] if first else [], rows):
        writer.writerow(_csv_cells([row.get(c) for c in cols]))
        yield "".join(out)
        out.clear()
    yield "".join(out)  # the header alone, when there were no rows


def _csv_cells(values: list[Any]) -> list[str]:
    """``[safe_cell(_flat(v)) for v in values]``, the common case first: plain text, nothing unseen in
    the whole row (a CSV of everyone has millions of cells)."""
    texts = [v if type(v) is str else _text(v) for v in values]
    if _UNSEEN.search("".join(texts)) is not None:
        texts = [visible(t) for t in texts]
    return ["'" + t if t.startswith(_FORMULA_START) else t for t in texts]


NUMERIC = {"score", "id", "mutual_count", "count", "people", "rows", "skipped", "degree", "confidence"}
GAP = 2  # spaces between columns
LEAST = 6  # a column is never cut narrower than this
KEEP = {"name"}  # cut last: which person a row is
NOTE_LINES = 2  # a note wraps onto at most this many lines


def table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], notes: str | None = None, width: int | None = None
) -> str:
    """Aligned columns under a header, one line per row, fitted to ``width`` (``None``: as wide as
    the cells): the widest columns give way first and a cut cell ends in "…". ``notes`` names a
    field printed on its own line beneath each row, indented and cut to the width. Every cell is
    literal text.

    >>> print(table([{"name": "Ava Chen", "company": "Goldman Sachs", "why": "finance"}], ["name", "company"],
    ...             notes="why", width=20), end="")
    name      company
    ────────  ──────────
    Ava Chen  Goldman S…
      finance
    """
    from rich.cells import cell_len

    cells = [[_cell(row.get(c), c) for c in columns] for row in rows]
    sizes = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    if width is not None:
        while sum(sizes) + GAP * (len(sizes) - 1) > width:
            give = [i for i in range(len(sizes)) if sizes[i] > LEAST and columns[i] not in KEEP]
            give = give or [i for i in range(len(sizes)) if sizes[i] > LEAST]
            if not give:
                break
            sizes[max(give, key=lambda i: sizes[i])] -= 1
    lines = [_line(list(columns), sizes, set()), _line(["─" * n for n in sizes], sizes, set())]
    for row, values in zip(rows, cells, strict=True):
        lines.append(_line(values, sizes, {i for i, c in enumerate(columns) if c in NUMERIC}))
        if notes and row.get(notes):
            lines += _wrapped(_flat(row[notes]), width)
    return "\n".join(lines) + "\n"


def _wrapped(note: str, width: int | None) -> list[str]:
    """A note beneath its row, indented, on at most NOTE_LINES lines of ``width``."""
    if width is None:
        return ["  " + note]
    import textwrap

    return textwrap.wrap(note, width, initial_indent="  ", subsequent_indent="  ", max_lines=NOTE_LINES,
                         placeholder=" …", break_on_hyphens=False)  # fmt: skip


def _cell(value: Any, column: str) -> str:
    """A table cell: a score with one decimal (``95.0``, not ``95``), everything else as in CSV."""
    return f"{value:.1f}" if column == "score" and isinstance(value, float) else _flat(value)


def _line(values: list[str], sizes: list[int], right: set[int]) -> str:
    from rich.cells import cell_len

    parts = []
    for i, (value, size) in enumerate(zip(values, sizes, strict=True)):
        text = _cut(value, size)
        pad = " " * (size - cell_len(text))
        parts.append(pad + text if i in right else text + pad)
    return (" " * GAP).join(parts).rstrip()


def _cut(text: str, size: int | None) -> str:
    """``text`` in at most ``size`` terminal cells, ending in "…" when cut."""
    from rich.cells import cell_len, set_cell_size

    if size is None or cell_len(text) <= size:
        return text
    return set_cell_size(text, size - 1) + "…"


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` when set, else the terminal's, else 80 (piped output too)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def dump_json(value: Any) -> str:
    """One JSON document (UTF-8, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
