"""Synthetic LinkedIn exports for the benchmarks: byte-shaped like real ones (preamble, quoting,
ghost rows, percent-encoded slugs, no final newline), sized by the caller. Deterministic by seed."""

from __future__ import annotations

import random
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
COMPANIES = """Goldman Sachs|J.P. Morgan|Morgan Stanley|"Stripe, Inc."|McKinsey & Company|Pfizer|Google|BlackRock
|Evercore|Citadel|Deloitte|PwC|Meta|Amazon|Mayo Clinic|Stanford University|U.S. Department of State|Teach For America
|Skadden
|The New York Times|Ogilvy|Procter & Gamble|ExxonMobil|Boeing|CBRE|Delta Air Lines|Marriott International|Robert Half
|Blue Harbor Capital Partners|Northwind Therapeutics|City of Springfield|Riverside Community Hospital|Acme Analytics
|Lakeview Unified School District|Hartwell & Pryce LLP|"Cacique Foods, LLC."|Self-employed|""".replace("\n", "").split(
    "|"
)
TITLES = """Investment Banking Analyst|Associate|"VP, Equity Research"|Software Engineer|Senior Software Engineer
|Business Analyst|Consultant|Engagement Manager|Research Associate|Product Manager|Data Scientist|Nurse Practitioner
|Resident Physician|Professor of Economics|Policy Analyst|Program Officer|Corporate Associate|Staff Writer
|Account Director|Brand Manager|Reservoir Engineer|Mechanical Engineer|Leasing Associate|Supply Chain Analyst
|Front Desk Manager|Recruiter|Summer Analyst|Economics Student|Co-founder & CEO|Managing Director|Partner
|Director of Operations|Marketing Intern|""".replace("\n", "").split("|")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def person(i: int) -> tuple[str, str, str]:
    """The i-th synthetic person: first name, last name, slug. Names repeat; slugs never do."""
    first = FIRST[i % len(FIRST)]
    last = LAST[(i // len(FIRST) * 7919 + i) % len(LAST)]
    slug = f"{first}-{last}-{i:x}".lower().replace("'", "")
    return first, last, slug


def row(i: int, rng: random.Random, with_url: bool = True) -> str:
    first, last, slug = person(i)
    url = "https://www.linkedin.com/in/" + quote(slug, safe="-") if with_url else None
    company = COMPANIES[(i * 7) % len(COMPANIES)]
    title = TITLES[(i * 11 + 3) % len(TITLES)]
    date = f"{rng.randint(1, 28):02d} {MONTHS[rng.randrange(12)]} {rng.randint(2012, 2026)}"
    email = f"{slug}@example.com" if rng.random() < 0.03 else ""
    first_cell = f'"{first}"' if "," in first else first
    fields = [first_cell, last] + ([url] if url else []) + [email, company, title, date]
    return ",".join(fields)


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
