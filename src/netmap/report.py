"""Rows to text: a table for people, CSV for spreadsheets, JSON for scripts. The one place output
is formatted, so escaping is done once: markup in a name prints literally in a table, and a CSV
cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "csv", "json")
# Characters a terminal would obey or that reorder text: control characters (ESC starts colour codes,
# title changes, screen clears), bidirectional overrides and zero-width characters.
_UNSEEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


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


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Format ``rows`` (dicts with the JSON keys) as ``table``, ``csv`` or ``json``.

    ``columns`` picks and orders the fields of the table and CSV; JSON always has every key.
    """
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
    cols = list(columns) if columns else (list(rows[0]) if rows else [])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([safe_cell(_flat(row.get(c))) for c in cols])
        return out.getvalue()
    return table(rows, cols)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table; every cell is literal text (no markup is interpreted)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(*columns, header_style="bold", show_lines=False)
    for row in rows:
        grid.add_row(*(Text(_flat(row.get(c))) for c in columns))
    out = io.StringIO()
    Console(file=out, width=_width(), force_terminal=False, color_system=None, soft_wrap=False).print(grid)
    return out.getvalue()


def _width() -> int:
    """The terminal's width when there is one, else wide enough that rows rarely wrap."""
    import shutil
    import sys

    return shutil.get_terminal_size((200, 24)).columns if sys.stdout.isatty() else 200


def dump_json(value: Any) -> str:
    """One JSON document (UTF-8, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
