"""Synthetic LinkedIn exports for the benchmarks: byte-shaped like real ones (preamble, quoting,
ghost rows, percent-encoded slugs, no final newline), sized by the caller. Deterministic by seed.

Companies and titles are drawn as real exports have them (realistic_model.json, built by
make_model.py from real exports): a few hundred frequent ones, then a long tail of names made of
the words real names use, in many languages — so a 30,000-row export holds about 9,400 companies
and 5,500 titles, as real ones do.
"""

from __future__ import annotations

import csv
import io
import json
import random
from functools import cache
from pathlib import Path
from urllib.parse import quote

from netmap.sample import HEADER_6, HEADER_7, PREAMBLE

FIRST = """Ava Ben Chloé Dan Eve Farah Gus Hana Ivan Jia Kofi Lena Mateo Nia Omar Priya Quinn Rosa Sam Tariq
Uma Vik Wen Ximena Yusuf Zoe Aarav Beatriz Chen Diego Elif Felix Grace Hugo Ines José Kai Leila Marco Noor Olga
Pablo Rania Sofia Theo Valentina Wei Yara Zain Amara Bruno Carla Dmitri Esme Femi Giulia Hamza Ingrid Jonas Keiko
Luca Maya Nikhil Oona Pedro Rhea Santiago Talia Ulrich Vera Wanjiru Xavier Yuki Zara Adrian Bianca Cyrus Daria
Emeka Freya Gabriel Helena Idris Julia Kenji Lucia Malik Nadia Oskar Paloma Rafael Selin Tomas Ursula Viktor
Wilhelmina Yasmin Zeynep Anika Bashir Camila Darius Eliza Fatima Gideon Hiro Isla Jamal Kamala Leon Mina Nils""".split()
_HEADS = """Al Bar Cal Dor El Fen Gar Hal Is Jor Kel Lor Mar Nor Or Pel Quin Ros Sal Tor Ul Val Wes Yor Zan Bren
Cor Dal Fal Hel Kor Lin Mon Pra Ser Tal Ven Wil Ard Bel""".split()
_TAILS = """ani berg croft dale esa field gard holm ic ison kov lund more ney ova quist ridge sen stad ton uzzi vik
well wood yan zaki ard bury dottir ez ford ian ley mann ska stein tti vani ward""".split()
LAST = (
    """Chen Okafor Dubois Kim Martin Shah Lee Webb Park Baker Brown Garcia Müller Rossi Nguyen Singh Cohen
Ivanova Silva Tanaka Hassan Novak Johansson O'Brien Kowalski Haddad Mensah Costa Larsen Yilmaz Fischer Moreau
Patel Ahmed Lopez Jensen Wright Ali Khan Díaz Fernandes Ito Sato Andersen Petrov Rahman Osei Bianchi Kaur
Reyes""".split()
    + [h + t for h in _HEADS for t in _TAILS]
)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def person(i: int) -> tuple[str, str, str]:
    """The i-th synthetic person: first name, last name, slug. Names repeat; slugs never do."""
    first = FIRST[i % len(FIRST)]
    last = LAST[(i // len(FIRST) * 7919 + i) % len(LAST)]
    slug = f"{first}-{last}-{i:x}".lower().replace("'", "")
    return first, last, slug


TAIL = {"companies": 12_500, "titles": 5_500}  # made-up names in the long tail (see the module's note)


@cache
def _bag(kind: str) -> tuple[list[str], int]:
    """The names to draw from (frequent ones repeated by their counts), and how many are frequent."""
    spec = json.loads((Path(__file__).parent / "realistic_model.json").read_text(encoding="utf-8"))[kind]
    rng = random.Random(kind)
    words = [w for w, _ in spec["words"]]
    weights = [n for _, n in spec["words"]]
    lengths = [n for n, _ in spec["lengths"]]
    length_weights = [c for _, c in spec["lengths"]]
    tail = [" ".join(rng.choices(words, weights, k=rng.choices(lengths, length_weights)[0])) for _ in range(TAIL[kind])]
    scale = spec["head_share"] / (1 - spec["head_share"] - spec["blank_share"]) * len(tail)
    total = sum(n for _, n in spec["head"])
    head = [name for name, n in spec["head"] for _ in range(max(1, round(n * scale / total)))]
    blanks = [""] * round(spec["blank_share"] * (len(head) + len(tail)))
    return head + tail + blanks, len(head)


def job(i: int) -> tuple[str, str]:
    """The i-th person's (company, position): the same in every export that lists them."""
    rng = random.Random(i * 7919 + 17)
    companies, _ = _bag("companies")
    titles, _ = _bag("titles")
    return rng.choice(companies), rng.choice(titles)


def _cell(value: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([value])
    return out.getvalue()


def row(i: int, rng: random.Random, with_url: bool = True) -> str:
    first, last, slug = person(i)
    url = "https://www.linkedin.com/in/" + quote(slug, safe="-") if with_url else None
    company, title = job(i)
    date = f"{rng.randint(1, 28):02d} {MONTHS[rng.randrange(12)]} {rng.randint(2012, 2026)}"
    email = f"{slug}@example.com" if rng.random() < 0.03 else ""
    fields = [_cell(first), _cell(last)] + ([url] if url else []) + [email, _cell(company), _cell(title), date]
    return ",".join(fields)


def shape(path: Path) -> str:
    """What an export holds: rows, distinct companies, titles and (title, company) pairs."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text[text.index("First Name") :])))[1:]
    companies = {r[-3] for r in rows if len(r) >= 6}
    titles = {r[-2] for r in rows if len(r) >= 6}
    pairs = {(r[-2], r[-3]) for r in rows if len(r) >= 6}
    return f"{len(rows):,} rows, {len(companies):,} companies, {len(titles):,} titles, {len(pairs):,} pairs"


def write_connections(path: Path, ids: list[int], seed: int, with_url: bool = True) -> None:
    """A Connections.csv listing the given people, with a ghost row every ~60 rows."""
    rng = random.Random(seed)
    lines = []
    for i in ids:
        lines.append(row(i, rng, with_url))
        if rng.random() < 1 / 60:
            lines.append(("," * (6 if with_url else 5)) + f"{rng.randint(1, 28):02d} Feb 2026")
    header = HEADER_7 if with_url else HEADER_6
    path.write_text(PREAMBLE + header + "\n" + "\n".join(lines), encoding="utf-8")
