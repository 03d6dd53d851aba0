"""The LinkedIn data archive: a ``…LinkedInDataExport_MM-DD-YYYY.zip`` or its unzipped folder.

Members are read in memory, never extracted. From the archive netmap takes ``Connections.csv``
(contacts), ``messages.csv`` (message counts and last date per person, never content) and
``Profile.csv`` / ``Invitations.csv`` (who the archive belongs to).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from netmap.errors import InputError
from netmap.models import Columns, Export
from netmap.normalize import clean_text, counted, display_name, linkedin_slug, linkedin_url, name_key, parse_date
from netmap.readers.linkedin import parse_linkedin_connections
from netmap.readers.text import check_size, content_hash, decode, find_table

MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
WANTED = ("connections.csv", "messages.csv", "inbox.csv", "profile.csv", "invitations.csv", "education.csv")
_ARCHIVE_DATE = re.compile(r"_(\d{2})-(\d{2})-(\d{4})(?:\.zip)?$", re.IGNORECASE)
NOT_A_PERSON = {"linkedin member", "linkedin", ""}


def is_messages_header(cells: set[str]) -> bool:
    return {"from", "to"} <= cells and ("conversation id" in cells or "content" in cells)


def is_invitations_header(cells: set[str]) -> bool:
    return {"from", "to", "sent at", "direction"} <= cells


def is_profile_header(cells: set[str]) -> bool:
    return {"first name", "last name", "headline"} <= cells


def is_education_header(cells: set[str]) -> bool:
    return {"school name", "degree name"} <= cells


# The archive's files that are not contact exports on their own: import the whole archive instead.
ARCHIVE_ONLY = [
    ("messages.csv", is_messages_header),
    ("Education.csv", is_education_header),
    ("Invitations.csv", is_invitations_header),
    ("Profile.csv", is_profile_header),
]


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _member_key(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].lower().replace("_", "").replace(" ", "")


def read_zip(data: bytes, name: str) -> list[Export]:
    """Exports from a LinkedIn archive zip held in memory."""
    damaged = f"{name}: not a complete zip file (truncated or damaged) — download the archive again"
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, RuntimeError, KeyError):
        raise InputError(damaged) from None
    found: dict[str, zipfile.ZipInfo] = {}
    unsafe = 0
    for info in infos:
        filename = info.filename
        if ".." in filename or filename.startswith(("/", "\\")) or ":" in filename[:3]:
            unsafe += 1
            continue
        key = _member_key(filename)
        if info.is_dir() or key not in WANTED or filename.count("/") > 1:
            continue
        if key not in found or filename.count("/") < found[key].filename.count("/"):
            found[key] = info
    if "connections.csv" not in found:
        raise InputError(
            f"{name}: no Connections.csv in this zip — is it your LinkedIn data export? "
            "(request it under Settings › Data privacy › Get a copy of your data)"
        )
    members: dict[str, tuple[str, bytes]] = {}
    for key, info in found.items():
        members[key] = (f"{name} › {info.filename}", _read_member(zf, info, name, damaged))
    exports = _archive_exports(members, _archive_date(Path(name).name))
    if unsafe:
        exports[0].warnings.append(f"{counted(unsafe, 'zip member')} with an unsafe path ('..' or absolute) ignored")
    return exports


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, damaged: str) -> bytes:
    if info.file_size > MAX_MEMBER_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(
            f"{name}: member {info.filename!r} is refused: over 200 MB uncompressed or compressed "
            "more than 100:1 (a zip bomb?) — export the archive again from LinkedIn"
        )
    try:  # zipfile reads no more than the declared size; a header that lies fails the CRC check
        with zf.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        if "encrypt" in str(exc) or "password" in str(exc):
            raise InputError(
                f"{name}: {info.filename!r} is encrypted — netmap cannot read it; unzip the archive with its "
                "password and import the folder"
            ) from None
        raise InputError(damaged) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError, KeyError):
        raise InputError(damaged) from None
    if _member_key(info.filename) not in ("messages.csv", "inbox.csv"):  # a message may span many lines
        check_size(data, f"{name} › {info.filename}")
    return data


EXPORT_SUFFIXES = (".csv", ".vcf", ".zip", ".txt")


def read_folder(folder: Path) -> list[Export]:
    """Exports from an unzipped LinkedIn archive folder (its own files only), or a folder holding just
    one such folder. A folder of several exports is not an archive: it is refused, listing them; other
    exports beside an archive's own files are named in a warning, never read."""
    found: dict[str, Path] = {}
    try:
        inside = sorted(folder.iterdir())
        top = [p for p in inside if _member_key(p.name) == "connections.csv" and p.is_file()]
        subfolders = [
            p for p in inside if p.is_dir() and any(_member_key(q.name) == "connections.csv" for q in p.iterdir())
        ]
        others = [
            p for p in inside
            if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES and _member_key(p.name) not in WANTED
        ]  # fmt: skip
        if not top and (len(subfolders) > 1 or (subfolders and others)):
            raise _not_an_archive(folder, subfolders, others)
        root = folder if top else subfolders[0] if subfolders else folder
        for candidate in sorted(root.iterdir()):  # only the archive's own files: never a friend's beside it
            key = _member_key(candidate.name)
            if key in WANTED and key not in found and candidate.is_file():
                found[key] = candidate
        # Beside your archive's files, what looks like another export (a friend's, an address book)
        left = [p.name + "/" for p in subfolders] if top else []
        left += [p.name for p in others if "connection" in p.name.lower() or p.suffix.lower() in (".vcf", ".zip")]
    except OSError as exc:
        raise InputError(f"{folder}: cannot be read ({exc.strerror or exc}) — check the permissions") from None
    if "connections.csv" not in found:
        if others:
            raise _not_an_archive(folder, subfolders, others)
        raise InputError(
            f"{folder}: this folder has no Connections.csv — give the path of your unzipped "
            "LinkedIn export, or of the Connections.csv file itself"
        )
    members = {}
    for key, path in found.items():
        try:
            members[key] = (str(path), path.read_bytes())
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
        if key not in ("messages.csv", "inbox.csv"):
            check_size(members[key][1], str(path))
    exports = _archive_exports(members, _archive_date(folder.name))
    if top and left:
        exports[0].warnings.append(
            f"also in {folder.name} and not imported: {', '.join(left)} — import each by name (a friend's with --owner)"
        )
    return exports


def _not_an_archive(folder: Path, archives: list[Path], files: list[Path]) -> InputError:
    """A folder of several exports: say what is in it and how to import them (nothing is guessed)."""
    names = [f"{p.name}/ (an archive)" for p in archives] + [p.name for p in files]
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return InputError(
        f"{folder}: a folder of {len(names)} exports, not one LinkedIn archive ({shown}) — import each by "
        'name (netmap import FILE, or FILE --owner "Friend Name" for a friend\'s), or many at once with '
        "--manifest (a CSV of path,owner)"
    )


def _archive_date(name: str) -> str | None:
    match = _ARCHIVE_DATE.search(name)
    if not match:
        return None
    month, day, year = match.groups()
    return parse_date(f"{year}-{month}-{day}")


def _archive_exports(members: dict[str, tuple[str, bytes]], date: str | None) -> list[Export]:
    path, data = members["connections.csv"]
    connections = parse_linkedin_connections(data, path)
    connections.format = "linkedin-archive"
    connections.export_date = date or connections.export_date
    if "profile.csv" in members:
        ppath, pdata = members["profile.csv"]
        connections.me_name, headline = parse_profile(pdata, ppath)
        connections.me_profile["headline"] = headline
    if "education.csv" in members:
        epath, edata = members["education.csv"]
        connections.me_profile.update(parse_education(edata, epath))
    owner_url = None
    if "invitations.csv" in members:
        ipath, idata = members["invitations.csv"]
        owner_url = parse_invitations(idata, ipath)
    exports = [connections]
    if "messages.csv" in members or "inbox.csv" in members:
        mpath, mdata = members.get("messages.csv") or members["inbox.csv"]
        interactions, found_url = parse_messages(mdata, mpath, owner_url, connections.me_name)
        owner_url = owner_url or found_url
        exports.append(
            Export(
                path=mpath,
                kind="linkedin-messages",
                format="linkedin-archive",
                content_hash=content_hash(mdata),
                interactions=interactions,
                export_date=date or _newest(interactions),
            )
        )
    connections.me_url = owner_url
    return exports


def _newest(interactions: Columns) -> str | None:
    dates = [d for d in interactions["last_date"] if d]
    return max(dates) if dates else None


def parse_profile(data: bytes, name: str) -> tuple[str | None, str]:
    """The archive owner's name and headline from ``Profile.csv``."""
    table = find_table(decode(data, name), name, is_profile_header)
    if table is None:
        return None, ""
    col = table.columns()
    for _, fields in table.rows():
        full = display_name(fields[col["first name"]], fields[col["last name"]])
        return full or None, clean_text(fields[col["headline"]])
    return None, ""


def parse_education(data: bytes, name: str) -> dict[str, str]:
    """Where the archive's owner studies (or studied last) from ``Education.csv``: school, program
    (the degree's name) and the year it ends."""
    table = find_table(decode(data, name), name, is_education_header)
    if table is None:
        return {}
    col = table.columns()
    latest: tuple[str, dict[str, str]] | None = None
    for _, fields in table.rows():
        end = fields[col["end date"]].strip() if "end date" in col else ""
        found = {
            "school": clean_text(fields[col["school name"]]),
            "program": clean_text(fields[col["degree name"]]),
            "year": end[-4:] if end[-4:].isdigit() else "",
        }
        if found["school"] and (latest is None or end >= latest[0]):
            latest = (end, found)
    return latest[1] if latest else {}


def parse_invitations(data: bytes, name: str) -> str | None:
    """The archive owner's profile URL: the inviter on outgoing invitations, the invitee on incoming."""
    table = find_table(decode(data, name), name, is_invitations_header)
    if table is None:
        return None
    col = table.columns()
    seen: Counter[str] = Counter()
    for _, fields in table.rows():
        direction = fields[col["direction"]].strip().upper()
        column = {"OUTGOING": "inviterprofileurl", "INCOMING": "inviteeprofileurl"}.get(direction)
        if column in col:
            slug = linkedin_slug(fields[col[column]])
            if slug:
                seen[slug] += 1
    return linkedin_url(seen.most_common(1)[0][0]) if seen else None


def parse_messages(
    data: bytes, name: str, owner_url: str | None = None, owner_name: str | None = None
) -> tuple[Columns, str | None]:
    """Per other participant, how many messages were exchanged and when the last one was.

    Returns columns ``key_type`` ("url" or "name"), ``key`` (slug or normalised name),
    ``name``, ``count``, ``last_date``, and the owner's URL when it could be told. Content is
    never kept. Drafts, spam and LinkedIn's own senders are left out.
    """
    table = find_table(decode(data, name), name, is_messages_header)
    if table is None:
        raise InputError(f"{name}: not a LinkedIn messages.csv (no FROM,TO,… header)")
    col = table.columns()
    messages: list[tuple[list[tuple[str, str, str]], str]] = []
    url_seen: Counter[str] = Counter()
    name_seen: Counter[str] = Counter()
    for _, fields in table.rows():
        if _skip_message(fields, col):
            continue
        people = _participants(fields, col)
        for key_type, key, _ in people:
            (url_seen if key_type == "url" else name_seen)[key] += 1
        date_field = fields[col["date"]] if "date" in col else ""
        messages.append((people, parse_date(date_field[:19]) or parse_date(date_field) or ""))
    # Older variants give recipients by name only: use the URL the same name sent from, if any.
    slug_of = {name_key(shown): key for people, _ in messages for kt, key, shown in people[:1] if kt == "url"}
    for people, _ in messages:
        for i, (key_type, key, shown) in enumerate(people):
            if key_type == "name" and key in slug_of:
                people[i] = ("url", slug_of[key], shown)
                url_seen[slug_of[key]] += 1
    owner_slug = linkedin_slug(owner_url) if owner_url else None
    if owner_slug is None and url_seen:
        slug, hits = url_seen.most_common(1)[0]
        owner_slug = slug if hits * 2 > len(messages) else None
    owner_key = name_key(owner_name) if owner_name else None
    if owner_key is None and name_seen:
        key, hits = name_seen.most_common(1)[0]
        owner_key = key if hits * 2 > len(messages) else None
    counts: dict[tuple[str, str], list] = {}
    for people, date in messages:
        for key_type, key, shown in people:
            if key in (owner_slug, owner_key):
                continue
            entry = counts.setdefault((key_type, key), [shown, 0, ""])
            entry[1] += 1
            entry[2] = max(entry[2], date)
    found = sorted(counts.items())
    counted = Columns(
        {
            "key_type": [kt for (kt, _), _ in found],
            "key": [k for (_, k), _ in found],
            "name": [v[0] for _, v in found],
            "count": [v[1] for _, v in found],
            "last_date": [v[2] for _, v in found],
        }
    )
    return counted, linkedin_url(owner_slug) if owner_slug else None


def _skip_message(fields: list[str], col: dict[str, int]) -> bool:
    def value(column: str) -> str:
        return fields[col[column]].strip() if column in col else ""

    return (
        value("is message draft").lower() == "yes"
        or value("folder").upper() == "SPAM"
        or value("conversation title") == "Sponsored Conversation"
        or value("from").casefold() in NOT_A_PERSON
    )


def _participants(fields: list[str], col: dict[str, int]) -> list[tuple[str, str, str]]:
    """(key type, key, display name) of everyone on one message: URLs where given, else names."""
    people: list[tuple[str, str, str]] = []
    sender = clean_text(fields[col["from"]])
    sender_slug = linkedin_slug(fields[col["sender profile url"]]) if "sender profile url" in col else None
    people.append(("url", sender_slug, sender) if sender_slug else ("name", name_key(sender), sender))
    recipients = clean_text(fields[col["to"]])
    urls = fields[col["recipient profile urls"]] if "recipient profile urls" in col else ""
    slugs = [s for s in (linkedin_slug(u) for u in urls.split(",")) if s]
    if slugs:
        shown = recipients if len(slugs) == 1 else ""
        people.extend(("url", s, shown) for s in slugs)
    elif recipients.casefold() not in NOT_A_PERSON:
        people.append(("name", name_key(recipients), recipients))
    return [p for p in people if p[1]]
