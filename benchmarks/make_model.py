"""Build benchmarks/realistic_model.json, the frequency model synth.py draws realistic companies and
titles from, out of ../shared/data/real_titles.csv (real exports' (company, position) pairs; the
corpus itself is not committed). The model keeps the 300 most frequent companies and titles with
their counts, the word frequencies of the rest, and how many words names have: enough for
heavy-tailed, multilingual data, nothing that rebuilds a row.

    python benchmarks/make_model.py ../shared/data/real_titles.csv
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

HEAD = 300
WORDS = 4000


def model(rows: list[dict[str, str]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for field, name in (("company", "companies"), ("position", "titles")):
        counts = Counter(r[field] for r in rows if r[field].strip())
        head = counts.most_common(HEAD)
        kept = {text for text, _ in head}
        tail = [text for text in counts.elements() if text not in kept]
        words = Counter(w for text in tail for w in text.split())
        found[name] = {
            "head": head,
            "head_share": sum(n for _, n in head) / len(rows),
            "blank_share": sum(1 for r in rows if not r[field].strip()) / len(rows),
            "words": words.most_common(WORDS),
            "lengths": sorted(Counter(min(len(text.split()), 12) for text in tail).items()),
        }
    return found


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/real_titles.csv")
    if not source.exists():
        sys.exit(f"{source}: the corpus is not here; the committed model stays as it is")
    with source.open(encoding="utf-8", newline="") as file:
        data = model(list(csv.DictReader(file)))
    out = Path(__file__).parent / "realistic_model.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
