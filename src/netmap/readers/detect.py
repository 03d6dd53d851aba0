"""Which reader a file needs, judged by its content (never by its name), and reading paths.

``FORMATS`` is the registry: each single-file format with its header test and parser, most
specific first. vCard is recognised by its first line, archives by their zip signature or folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netmap.errors import InputError, UnknownFormat
from netmap.models import Export
from netmap.readers.archive import ARCHIVE_ONLY, is_zip, read_folder, read_zip
from netmap.readers.contacts import (
    is_canonical_header,
    is_edges_header,
    is_google_header,
    is_outlook_header,
    parse_csv,
    parse_edges,
    parse_google,
    parse_outlook,
    parse_vcard,
)
from netmap.readers.linkedin import is_linkedin_header, not_linkedin, parse_linkedin_connections
from netmap.readers.text import USE_INPUT_FORMAT, check_size, decode, find_table

Parser = Callable[[bytes, str, str], Export]


@dataclass(frozen=True)
class Format:
    """A single-file format: its ``--input-format`` name, how its header looks, how to parse it."""

    name: str
    header: Callable[[set[str]], bool] | None  # None: recognised otherwise (vCard's BEGIN:VCARD)
    parse: Parser


FORMATS = [
    Format("linkedin", is_linkedin_header, parse_linkedin_connections),
    Format("google", is_google_header, parse_google),
    Format("outlook", is_outlook_header, parse_outlook),
    Format("edges", is_edges_header, parse_edges),
    Format("csv", is_canonical_header, parse_csv),
    Format("vcard", None, parse_vcard),
]
_BY_NAME = {f.name: f for f in FORMATS}


def detect(text: str) -> str | None:
    """The reader for a decoded file, judged by its content, or ``None``.

    >>> detect("BEGIN:VCARD\\nVERSION:3.0"), detect("source,target\\nme,Ava"), detect("hello")
    ('vcard', 'edges', None)
    """
    head = text.lstrip("\ufeff \n\t")
    if head[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    for fmt in FORMATS:
        if fmt.header is not None and find_table(text, "", fmt.header) is not None:
            return fmt.name
    return None


_OTHER_KINDS = [  # what a file that is not an export looks like, by its start
    ("a TOML file", re.compile(r"\[[\w.\-\" ]+\]\s*\n|[\w.\-]+\s*=\s*\S")),
    ("a JSON file", re.compile(r"[{\[]\s*[\"{\[\d\]-]|\{\s*\}")),
    ("an HTML or XML file", re.compile(r"<[!?a-zA-Z]")),
]


def _describe_unknown(text: str, name: str) -> InputError:
    head = text.lstrip("\ufeff \n\t")
    kind = next((kind for kind, start in _OTHER_KINDS if start.match(head)), None)
    if kind:
        return UnknownFormat(
            f"{name}: this is {kind}, not a contact export; netmap reads exports in CSV or vCard form "
            f"(LinkedIn Connections.csv, Google/Outlook CSV, .vcf) — {USE_INPUT_FORMAT}"
        )
    for member, accept in ARCHIVE_ONLY:
        if find_table(text, "", accept) is not None:
            return UnknownFormat(
                f"{name}: this is the LinkedIn archive's {member}; import the whole archive "
                "(the .zip or its unzipped folder) so netmap can link it to your connections"
            )
    return not_linkedin(text, name)


def parse_file(data: bytes, name: str, input_format: str = "auto", mapping: dict[str, str] | None = None) -> Export:
    """Parse one file's bytes with the reader ``input_format`` names, or the one its content fits;
    ``mapping`` ({field: column}) is for the ``csv`` reader."""
    check_size(data, name)
    text = decode(data, name)
    fmt = "csv" if mapping and input_format == "auto" else (detect(text) if input_format == "auto" else input_format)
    if fmt is None:
        raise _describe_unknown(text, name)
    if fmt == "csv":
        return parse_csv(data, name, text, mapping)
    if fmt not in _BY_NAME:
        raise UnknownFormat(f"{name}: cannot read a single file as {fmt!r} — {USE_INPUT_FORMAT}")
    return _BY_NAME[fmt].parse(data, name, text)


def read_path(path: str | Path, input_format: str = "auto", mapping: dict[str, str] | None = None) -> list[Export]:
    """Read a file, a LinkedIn archive zip, or an unzipped archive folder into exports."""
    p = Path(path)
    name = str(path)
    try:
        if not p.exists():
            raise InputError(f"{name}: no such file or folder — check the path")
        if p.is_dir():
            return read_folder(p)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}) — check the permissions") from None
    if input_format == "linkedin-archive" or (input_format == "auto" and is_zip(data)):
        return read_zip(data, name)
    return [parse_file(data, name, input_format, mapping)]
