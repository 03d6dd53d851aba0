"""Reading contact exports into canonical columns: :func:`read_path` opens files, folders and zips,
:func:`parse_file` parses bytes already in memory. Nothing here touches the store.

The package's modules, lowest first: ``text`` (decoding, header lines, rows) → one module per
format (``linkedin``, ``archive``, ``contacts``) and ``lists`` (manifests, title lists) → ``detect``
(which format a file is, by content).
"""

from netmap.readers.archive import parse_messages, read_folder, read_zip
from netmap.readers.contacts import parse_mapping
from netmap.readers.detect import FORMATS, detect, parse_file, read_path
from netmap.readers.lists import ManifestEntry, read_manifest, read_titles
from netmap.readers.text import content_hash, decode, find_table

__all__ = [
    "FORMATS",
    "ManifestEntry",
    "content_hash",
    "decode",
    "detect",
    "find_table",
    "parse_file",
    "parse_mapping",
    "parse_messages",
    "read_folder",
    "read_manifest",
    "read_path",
    "read_titles",
    "read_zip",
]
