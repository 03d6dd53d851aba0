"""How much of a real network netmap classifies: over every row of a corpus of real exports
(../shared/data/real_titles.csv: export,company,position), the share of rows with a known industry
and with a known function, per export and in all. Each export is imported as a network of its own,
so an employer's colleagues count as they would for its owner.

    python benchmarks/coverage.py ../shared/data/real_titles.csv

Accuracy is measured on the hand-labelled halves in tests/data (`pytest tests/test_classify.py -s`).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
from tests.realdata import classify_networks, read


def main(corpus: Path) -> None:
    rows = [{**row, "row": str(line)} for line, row in enumerate(read(corpus), start=2)]
    found = classify_networks(rows)
    by_export: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_export[row["export"]].append(found[row["row"]])
    print(f"{'export':<8}{'rows':>8}{'industry known':>16}{'function known':>16}")
    for export, got in [*sorted(by_export.items()), ("all", [g for v in by_export.values() for g in v])]:
        industry = sum(g["industry"] != "unknown" for g in got) / len(got)
        function = sum(g["function"] != "unknown" for g in got) / len(got)
        print(f"{export:<8}{len(got):>8,}{industry:>16.1%}{function:>16.1%}")


if __name__ == "__main__":
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared/data/real_titles.csv")
    if not corpus.exists():
        print(f"{corpus}: no corpus here, nothing to measure (give the path of real_titles.csv)")
        sys.exit(0)
    main(corpus)
