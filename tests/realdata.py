"""Measuring classification on real (company, position) pairs the way a user meets them: each export
imported as a network of its own, so an employer's colleagues count, then compared with hand labels.

Used by tests/test_classify.py (the labelled halves in tests/data) and benchmarks/coverage.py (the
whole corpus of ../shared/data/real_titles.csv, when it is there).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import netmap

DATA = Path(__file__).parent / "data"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
FIELDS = ("industry", "function", "seniority")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def classify_networks(rows: Iterable[dict[str, str]]) -> dict[str, dict[str, str]]:
    """``row`` id -> industry, function, seniority, for rows with ``row``, ``export``, ``company``,
    ``position``: each export imported into a store of its own, as its owner's Connections.csv."""
    by_export: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_export[row["export"]].append(row)
    found: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="netmap-realdata-") as folder:
        for export, members in sorted(by_export.items()):
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            for row in members:
                writer.writerow(["Row", row["row"], "", "", row["company"], row["position"], "01 Jan 2024"])
            path = Path(folder) / f"{export}.csv"
            path.write_text(HEADER + "\n" + out.getvalue(), encoding="utf-8")
            store = netmap.Store(Path(folder) / f"{export}.db")
            netmap.import_paths(store, [path])
            for person in netmap.list_people(store):
                found[person.name.removeprefix("Row ")] = {
                    "industry": person.industry or "unknown",
                    "function": person.function or "unknown",
                    "seniority": person.seniority or "unknown",
                }
            store.close()
    return found


@dataclass
class Figures:
    rows: int
    industry: float  # share right (a label's accepted alternatives count)
    function: float
    seniority: float
    known: float  # share with an industry other than unknown
    precision: float  # of those, the share right

    def __str__(self) -> str:
        return (
            f"{self.rows} rows: industry {self.industry:.1%}, function {self.function:.1%}, seniority "
            f"{self.seniority:.1%}; industry known {self.known:.1%}, right when given {self.precision:.1%}"
        )


def right(label: str, got: str) -> bool:
    return got in label.split("|")


def measure(labelled: list[dict[str, str]], context: list[dict[str, str]] | None = None) -> tuple[Figures, list[str]]:
    """Figures for the labelled rows (classified beside their colleagues in ``context``), and the
    misses as readable lines."""
    wanted = {row["row"] for row in labelled}
    mine = {row["export"] for row in labelled}
    found = classify_networks(
        [*labelled, *(r for r in context or [] if r["export"] in mine and r["row"] not in wanted)]
    )
    hits = dict.fromkeys(FIELDS, 0)
    known = named_right = 0
    misses = []
    for row in labelled:
        got = found[row["row"]]
        for field in FIELDS:
            if right(row[field], got[field]):
                hits[field] += 1
            else:
                misses.append(f"{field}: {row['company']!r} / {row['position']!r}: {got[field]}, not {row[field]}")
        if got["industry"] != "unknown":
            known += 1
            named_right += right(row["industry"], got["industry"])
    n = len(labelled)
    figures = Figures(n, hits["industry"] / n, hits["function"] / n, hits["seniority"] / n, known / n,
                      named_right / max(known, 1))  # fmt: skip
    return figures, misses
