# ruff: noqa: I001 — the order of these imports is the order `netmap --help` lists the commands
"""The ``netmap`` command: parse options, call the library (:mod:`netmap.api`), format the result,
map errors to exits. The only package that imports click.

``base`` holds the group, the shared options and output; the other modules hold the commands,
grouped by noun, in the order ``netmap --help`` lists them.
"""

from netmap.cli.base import main, run
from netmap.cli.imports import forget, import_, sources, whoami
from netmap.cli.people import merge, people, stats, unmerge
from netmap.cli.classification import classify, companies, industries, tag
from netmap.cli.suggestions import map_, path, suggest
from netmap.cli.outreach import draft, goal, outreach_, prep, track, untrack
from netmap.cli.demo import demo

__all__ = [
    "classify",
    "companies",
    "demo",
    "draft",
    "forget",
    "goal",
    "import_",
    "industries",
    "main",
    "map_",
    "merge",
    "outreach_",
    "path",
    "people",
    "prep",
    "run",
    "sources",
    "stats",
    "suggest",
    "tag",
    "track",
    "unmerge",
    "untrack",
    "whoami",
]
