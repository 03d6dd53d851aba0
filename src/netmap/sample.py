"""A realistic, invented network to try netmap on: your LinkedIn archive and eight friends' exports.

Deterministic (fixed seed, no clock, no network): ``write_sample(folder)`` always writes the same
bytes, which is how ``sample_data/`` in the repository was made (``python -m netmap.sample
sample_data``) and how ``netmap demo`` gets its data from an installed package.

Everyone is invented: surnames are made of syllables and every profile slug ends in ``-nmsample``,
so no real person's name comes with a real URL. Employers are real names, spelt the ways people type
them, across 17 industries; titles span every seniority level; exports come in the variants users
really have (current with URLs, 2021 without, an Excel re-save with BOM and CRLF, 2018 without the
preamble), with ghost rows, namesakes and people listed by several friends.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = 20261120
EXPORT_DATE = "11-20-2026"  # MM-DD-YYYY, as in LinkedIn's archive name
ARCHIVE = f"Complete_LinkedInDataExport_{EXPORT_DATE}"
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download their "
    "email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
HEADER_7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_6 = "First Name,Last Name,Email Address,Company,Position,Connected On"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

FIRST = """Ava Beatriz Caleb Dalia Elias Farah Gideon Hana Idris Juno Kiran Leona Mateo Nadia Orla Priya Quentin
Rosalind Soren Talia Umar Vera Wendell Ximena Yusuf Zara Anika Bruno Celeste Darius Esme Felix Greta Hugo Imani
Jonah Keiko Luca Mira Nikhil Odette Pablo Rania Silas Thea Uri Valentina Wren Yara Zane Amara Basil Cyrus Delphine
Emeka Freya Gael Helena Isaac Jasper Kaia Lorenzo Maeve Nico Octavia Perrin Rafael Selin Tobias Una Viktor Willa
Ines Kofi Lidia Marisol Noor Oskar Paloma Reza Sabine Teodor Ulla Wilhelm Yasmin Zeynep Aurelio Bianca Dmitri
Eamon Fatima Giorgio Hamza Ilse Joaquin Katya Leopold""".split()
_HEADS = "Ash Bel Cor Dal Elm Fen Gar Hol Ivo Jar Kel Lor Mar Nor Ost Pel Quil Ros Sal Tor Ulm Val Wes Yor Zan".split()
_TAILS = """berne brook caster dell ford gard holt ington ley mere more nett quist ridge rowe shaw stead tine
vale wick""".split()
SURNAMES = [h + t for h in _HEADS for t in _TAILS]

# Real employers as people type them, by industry; titles by industry at every level.
EMPLOYERS = {
    "finance": ["Goldman Sachs", "J.P. Morgan", "JPMorgan Chase & Co.", "Morgan Stanley", "Evercore", "Lazard",
                "Centerview Partners", "Moelis & Company", "BlackRock", "Blackstone", "KKR", "Bain Capital",
                "Citadel", "Jane Street", "Two Sigma", "Fidelity Investments", "Wells Fargo", "Sequoia Capital"],
    "consulting": ["McKinsey & Company", "Boston Consulting Group", "Bain & Company", "Oliver Wyman", "Accenture"],
    "accounting": ["Deloitte", "PwC", "EY", "KPMG"],
    "technology": ["Google", "Microsoft", "Stripe, Inc.", "Meta", "Salesforce", "Databricks", "OpenAI"],
    "healthcare": ["Mayo Clinic", "Cleveland Clinic", "Kaiser Permanente", "Massachusetts General Hospital"],
    "biotech_pharma": ["Pfizer", "Genentech", "Moderna", "Medtronic"],
    "legal": ["Skadden", "Latham & Watkins", "Kirkland & Ellis", "Cravath, Swaine & Moore"],
    "government": ["U.S. Department of State", "Federal Reserve Bank of New York", "City of Chicago"],
    "nonprofit": ["Teach For America", "Bill & Melinda Gates Foundation", "American Red Cross"],
    "education": ["Stanford University", "University of Michigan", "Harvard University", "MIT"],
    "media_entertainment": ["The New York Times", "Netflix", "Spotify", "The Walt Disney Company"],
    "marketing_advertising": ["Ogilvy", "Edelman", "Publicis"],
    "consumer_retail": ["Procter & Gamble", "PepsiCo", "Nike", "L'Oréal"],
    "energy_climate": ["ExxonMobil", "NextEra Energy", "Ørsted"],
    "industrials_manufacturing": ["Boeing", "Lockheed Martin", "Caterpillar"],
    "real_estate_construction": ["CBRE", "JLL", "Turner Construction"],
    "transportation_logistics": ["Delta Air Lines", "UPS", "Maersk"],
}  # fmt: skip
TITLES = {
    "finance": ["Investment Banking Summer Analyst", "Investment Banking Analyst", "M&A Associate",
                "Vice President, Equity Research", "Private Equity Associate", "Quantitative Researcher",
                "Sales & Trading Analyst", "Director, Leveraged Finance", "Managing Director", "Portfolio Manager"],
    "consulting": ["Business Analyst", "Associate Consultant", "Consultant", "Engagement Manager", "Principal",
                   "Partner", "Summer Associate"],
    "accounting": ["Audit Associate", "Tax Senior", "Audit Manager", "Staff Accountant", "Partner"],
    "technology": ["Software Engineer", "Senior Software Engineer", "Product Manager", "Data Scientist",
                   "Software Engineering Intern", "Engineering Manager", "Director of Product", "UX Designer",
                   "Staff Software Engineer"],
    "healthcare": ["Registered Nurse", "Resident Physician", "Nurse Practitioner", "Medical Director",
                   "Clinical Research Coordinator"],
    "biotech_pharma": ["Research Associate", "Senior Scientist", "Regulatory Affairs Manager",
                       "Medical Science Liaison"],
    "legal": ["Associate", "Summer Associate", "Senior Associate", "Counsel", "Paralegal"],
    "government": ["Policy Analyst", "Foreign Service Officer", "Economist", "Legislative Aide"],
    "nonprofit": ["Program Officer", "Development Associate", "Corps Member", "Executive Director"],
    "education": ["PhD Candidate", "Assistant Professor", "Postdoctoral Fellow", "Lecturer", "Economics Undergraduate"],
    "media_entertainment": ["Staff Writer", "Producer", "Content Strategist", "Editor"],
    "marketing_advertising": ["Account Executive", "Copywriter", "Media Planner", "Creative Director"],
    "consumer_retail": ["Brand Manager", "Assistant Brand Manager", "Category Manager", "Marketing Intern"],
    "energy_climate": ["Energy Analyst", "Reservoir Engineer", "Sustainability Manager"],
    "industrials_manufacturing": ["Mechanical Engineer", "Manufacturing Engineer", "Program Manager"],
    "real_estate_construction": ["Leasing Associate", "Project Engineer", "Vice President, Acquisitions"],
    "transportation_logistics": ["Supply Chain Analyst", "Operations Manager", "First Officer"],
}  # fmt: skip


# Finance titles by the kind of firm, so each fits its employer (Citadel is a hedge fund, Lazard an
# advisory bank): ten per kind, as many as TITLES["finance"], so drawing one takes the same random
# numbers and the invented people stay the same.
FINANCE_KINDS = {
    "bank": ["Goldman Sachs", "J.P. Morgan", "JPMorgan Chase & Co.", "Morgan Stanley", "Wells Fargo"],
    "advisory": ["Evercore", "Lazard", "Centerview Partners", "Moelis & Company"],
    "asset_manager": ["BlackRock", "Fidelity Investments"],
    "private_equity": ["Blackstone", "KKR", "Bain Capital"],
    "hedge_fund": ["Citadel", "Jane Street", "Two Sigma"],
    "venture": ["Sequoia Capital"],
}
FINANCE_TITLES = {
    "bank": ["Investment Banking Summer Analyst", "Investment Banking Analyst", "M&A Associate",
             "Vice President, Equity Research", "Equity Research Analyst", "Sales & Trading Analyst",
             "Credit Analyst", "Director, Leveraged Finance", "Managing Director", "Investment Banking Analyst"],
    "advisory": ["Investment Banking Summer Analyst", "Investment Banking Analyst", "M&A Associate",
                 "Restructuring Analyst", "M&A Analyst", "Investment Banking Associate", "Vice President",
                 "Director", "Managing Director", "Investment Banking Analyst"],
    "asset_manager": ["Investment Analyst", "Research Analyst", "Portfolio Analyst", "Equity Research Associate",
                      "Client Service Associate", "Risk Analyst", "Vice President, Equity Research",
                      "Portfolio Manager", "Managing Director", "Investment Analyst"],
    "private_equity": ["Private Equity Analyst", "Private Equity Associate", "Private Equity Analyst",
                       "Real Estate Acquisitions Analyst", "Associate, Private Equity", "Vice President",
                       "Principal", "Director, Portfolio Operations", "Managing Director", "Private Equity Associate"],
    "hedge_fund": ["Quantitative Researcher", "Quantitative Trader", "Investment Analyst", "Trading Analyst",
                   "Quantitative Research Intern", "Equity Analyst", "Portfolio Manager", "Trader",
                   "Managing Director", "Quantitative Researcher"],
    "venture": ["Venture Capital Analyst", "Investor", "Venture Capital Summer Associate", "Associate",
                "Senior Associate", "Principal", "Partner", "Venture Capital Analyst", "Investor", "Partner"],
}  # fmt: skip
FINANCE_KIND = {company: kind for kind, companies in FINANCE_KINDS.items() for company in companies}


def _title(industry: str, company: str, rng: random.Random) -> str:
    if industry == "finance":
        return rng.choice(FINANCE_TITLES[FINANCE_KIND[company]])
    return rng.choice(TITLES[industry])


@dataclass
class Person:
    first: str
    last: str
    slug: str
    company: str
    position: str
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class _Generator:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.used: set[tuple[str, str]] = set()
        self.count = 0

    def person(self, industry: str | None = None, first: str | None = None, last: str | None = None) -> Person:
        rng = self.rng
        industry = industry or rng.choice(list(EMPLOYERS))
        while True:
            pair = (first or rng.choice(FIRST), last or rng.choice(SURNAMES))
            if pair not in self.used or (first and last):
                break
        self.used.add(pair)
        self.count += 1
        slug = f"{pair[0]}-{pair[1]}-{self.count:04x}-nmsample".lower()
        email = f"{pair[0]}.{pair[1]}@example.com".lower() if rng.random() < 0.04 else ""
        company = rng.choice(EMPLOYERS[industry])
        return Person(pair[0], pair[1], slug, company, _title(industry, company, rng), email)

    def date(self, year_from: int = 2016, year_to: int = 2026) -> tuple[int, int, int]:
        year = self.rng.randint(year_from, year_to)
        month = self.rng.randint(1, 10 if year == 2026 else 12)
        return year, month, self.rng.randint(1, 28)


def _field(value: str, delimiter: str = ",") -> str:
    """A CSV cell, quoted only when it must be (as LinkedIn and Google write them)."""
    if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _connections(people: list[tuple[Person, tuple[int, int, int]]], variant: str, rng: random.Random) -> bytes:
    """A Connections.csv of one era or re-save, newest first, with ghost rows."""
    rows = []
    for person, (y, m, d) in sorted(people, key=lambda p: p[1], reverse=True):
        if rng.random() < 0.03:  # a ghost row: only the date survives
            rows.append(("," * (5 if variant in ("2021", "2018") else 6)) + f"{d:02d} {MONTHS[m - 1]} {y}")
        if variant == "2018":
            hour = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['AM', 'PM'])}"
            when = f"{m}/{d}/{y % 100:02d}, {hour}"
        else:
            when = f"{d:02d} {MONTHS[m - 1]} {y}"
        url = [] if variant in ("2021", "2018") else ["https://www.linkedin.com/in/" + person.slug]
        cells = [person.first, person.last, *url, person.email, person.company, person.position, when]
        rows.append(",".join(_field(c) for c in cells))
    header = HEADER_6 if variant in ("2021", "2018") else HEADER_7
    text = ("" if variant == "2018" else PREAMBLE) + header + "\n" + "\n".join(rows)
    if variant == "excel":  # an Excel re-save: BOM, CRLF, a final newline
        return b"\xef\xbb\xbf" + (text + "\n").replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8") + (b"\n" if variant == "2018" else b"")


FRIENDS = [  # (first name, surname, industry, variant of their export)
    ("Ava", "Belquist", "finance", "current"),
    ("Kofi", "Ashcaster", "finance", "2021"),
    ("Leona", "Corvale", "consulting", "excel"),
    ("Mateo", "Dalwick", "technology", "current"),
    ("Priya", "Elmnett", "healthcare", "2021"),
    ("Silas", "Fenholt", "finance", "excel"),
    ("Imani", "Garrowe", "legal", "current"),
    ("Jonah", "Holtine", "education", "2018"),
]


def write_sample(folder: str | Path) -> dict[str, Path]:
    """Write the sample network into ``folder``; returns the paths to import (yours and the friends')."""
    out = Path(folder)
    gen = _Generator()
    rng = gen.rng
    me = Person("Sam", "Ostridge", "sam-ostridge-nmsample", "University of Michigan", "Economics Student")
    gen.used.add(("Sam", "Ostridge"))
    friends = [gen.person(industry, first, last) for first, last, industry, _ in FRIENDS]
    classmates = [gen.person() for _ in range(300)]  # your own contacts besides the friends
    # Friends' circles overlap: a shared pool (people several of them know) plus people of their own.
    finance_pool = [gen.person("finance") for _ in range(60)]
    shared = [gen.person() for _ in range(240)]
    circles = []
    for f, (_, _, industry, _) in enumerate(FRIENDS):
        own = [gen.person(industry if rng.random() < 0.5 else None) for _ in range(rng.randint(105, 135))]
        picks = rng.sample(shared, 70) + rng.sample(classmates, 25) + [x for i, x in enumerate(friends) if i != f]
        if industry == "finance" or f % 3 == 0:
            picks += rng.sample(finance_pool, 30)
        circles.append(own + picks)
    # Namesakes: a second person with the same name as one of yours, at another firm (told apart by
    # URL); and someone who changed jobs, listed without a URL at the new firm (a near-miss to merge).
    twin = classmates[3]
    circles[3].append(gen.person("technology", twin.first, twin.last))
    mover = next(p for p in shared if p in circles[0] and p not in circles[1])
    circles[1].append(Person(mover.first, mover.last, mover.slug, "Goldman Sachs", "Vice President"))

    paths: dict[str, Path] = {}
    archive = out / ARCHIVE
    archive.mkdir(parents=True, exist_ok=True)
    mine = [(p, gen.date()) for p in friends + classmates]
    (archive / "Connections.csv").write_bytes(_connections(mine, "current", rng))
    (archive / "Profile.csv").write_bytes(
        b"First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        b"Twitter Handles,Websites,Instant Messengers\n"
        b'Sam,Ostridge,,,Mar 3,"Economics student | looking for finance and consulting conversations",'
        b'"Curious about markets.\nAsk me about case competitions.",Higher Education,48104,'
        b'"Ann Arbor, Michigan, United States",[],[],\n'
    )
    (archive / "Education.csv").write_bytes(
        b"School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        b"University of Michigan,2023,2027,,Economics,Investment club; case competitions\n"
    )
    (archive / "Invitations.csv").write_bytes(
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        + f'Sam Ostridge,{friends[0].name},"1/12/26, 9:41 AM",,OUTGOING,https://www.linkedin.com/in/{me.slug},'
        f"https://www.linkedin.com/in/{friends[0].slug}\n".encode()
    )
    (archive / "messages.csv").write_bytes(_messages(me, friends, classmates, rng))
    paths["you"] = archive
    for (first, last, _, variant), person, circle in zip(FRIENDS, friends, circles, strict=True):
        listed = [(me, gen.date(2022, 2026))] + [(p, gen.date()) for p in circle]
        name = f"{first.lower()}_{last.lower()}_connections.csv"
        (out / name).write_bytes(_connections(listed, variant, rng))
        paths[person.name] = out / name
    (out / "friends.csv").write_text(
        "path,owner,owner_url\n"
        + "".join(f"{paths[p.name].name},{p.name},https://www.linkedin.com/in/{p.slug}\n" for p in friends),
        encoding="utf-8",
    )
    _address_books(out, gen, me, classmates, finance_pool)
    return paths


GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value"
)
OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","E-mail Address","E-mail 2 Address","Company",'
    '"Department","Job Title","Business Phone","Mobile Phone","Notes","Web Page"'
)


def _address_books(out: Path, gen: _Generator, me: Person, classmates: list[Person], finance: list[Person]) -> None:
    """The other sources a student has: Google and Outlook address books, a vCard file, a club roster
    (any CSV, read with --map) and a study group's "who knows whom" edge list. Some entries are people
    from your LinkedIn export (found again by email, URL, or name + company), most are new."""
    rng = gen.rng
    known = [p for p in classmates if p.email][:6] + rng.sample(classmates, 8)
    family = [gen.person("education") for _ in range(6)] + [gen.person() for _ in range(6)]
    rows = [GOOGLE_NEW]
    for p in known + family:
        company, title = (p.company, p.position) if p in known or rng.random() < 0.5 else ("", "")
        email = p.email or (f"{p.first}.{p.last}@example.org".lower() if p in family else "")
        notes = "Met at orientation.\nAsk about internships." if rng.random() < 0.3 else ""
        phone = f"+1 734-555-{rng.randint(0, 9999):04d}"
        cells = [p.first, "", p.last, "", "", "", "", "", "", "", company, title, "", "", notes, "",
                 "* myContacts", "* Home" if email else "", email, "", "", "Mobile", phone, "", ""]  # fmt: skip
        rows.append(",".join(_field(c) for c in cells))
    (out / "google_contacts.csv").write_bytes(("\n".join(rows) + "\n").encode("utf-8"))

    rows = [OUTLOOK]
    for p in rng.sample(classmates, 5) + [gen.person() for _ in range(5)]:
        cells = ["", p.first, "", p.last, "", p.email, "", p.company, "", p.position, "", "", "", ""]
        rows.append(",".join(f'"{c}"' for c in cells))
    (out / "outlook_contacts.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252", errors="replace"))

    cards = []
    for p in rng.sample(classmates, 6) + [gen.person() for _ in range(4)]:
        org = p.company.replace(",", "\\,")
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{p.last};{p.first};;;", f"FN:{p.name}", f"ORG:{org}",
                 f"TITLE:{p.position.replace(',', chr(92) + ',')}"]  # fmt: skip
        if p in classmates:
            lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/{p.slug}/")
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    (out / "contacts.vcf").write_bytes(("\r\n".join(cards) + "\r\n").encode("utf-8"))

    members = rng.sample(finance, 10) + rng.sample(classmates, 4) + [gen.person("finance") for _ in range(6)]
    rows = ["Member,Class,Employer,Role,Email"]
    rows += [",".join(_field(c) for c in (p.name, str(rng.randint(2022, 2027)), p.company, p.position, p.email))
             for p in members]  # fmt: skip
    (out / "investment_club.csv").write_bytes(("\n".join(rows) + "\n").encode("utf-8"))

    group = rng.sample(classmates, 4) + [gen.person("education") for _ in range(4)]
    edges = ["source,target,weight"]
    edges += [f"me,{p.name},{rng.choice(['0.9', '0.8', '0.7'])}" for p in group[:4]]
    edges += [f"{a.name},{b.name},{rng.choice(['0.6', '0.5', ''])}" for a, b in zip(group[:4], group[4:], strict=True)]
    edges += [f"{group[4].name},{group[5].name},0.7", f"{group[6].name},{group[7].name},"]
    (out / "study_group.csv").write_bytes(("\n".join(edges) + "\n").encode("utf-8"))


def _messages(me: Person, friends: list[Person], classmates: list[Person], rng: random.Random) -> bytes:
    """messages.csv (Feb 2026 layout): who you write to, and how often — counts matter, not content."""
    header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
              "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT")  # fmt: skip
    rows = [header]
    mine = "https://www.linkedin.com/in/" + me.slug
    talkers = [(f, rng.randint(2, 30)) for f in friends] + [(c, rng.randint(1, 4)) for c in rng.sample(classmates, 40)]
    for n, (person, count) in enumerate(talkers):
        theirs = "https://www.linkedin.com/in/" + person.slug
        for k in range(count):
            y, m, d = 2026, rng.randint(1, 10), rng.randint(1, 28)
            stamp = f"{y}-{m:02d}-{d:02d} {rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}:00 UTC"
            sent = k % 2 == 0
            sender, url, to, urls = (
                (me.name, mine, person.name, theirs) if sent else (person.name, theirs, me.name, mine)
            )
            cells = [f"2-c{n:04d}==", "", sender, url, to, urls, stamp, "", "Thanks, talk soon!", "INBOX", "", "No"]
            rows.append(",".join(_field(c) for c in cells))
    return ("\n".join(rows) + "\n").encode("utf-8")


if __name__ == "__main__":  # python -m netmap.sample FOLDER
    written = write_sample(sys.argv[1] if len(sys.argv) > 1 else "sample_data")
    print("\n".join(str(p) for p in written.values()))
