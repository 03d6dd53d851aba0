"""Errors netmap raises on purpose; the CLI turns each into a one-line message, with exit code 1
(2 for :class:`UsageProblem`)."""

from __future__ import annotations


class NetmapError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class InputError(NetmapError):
    """A file could not be read as a contact export (names file, line and fix)."""


class UnknownFormat(InputError):
    """The content matches none of the formats netmap reads."""


class MissingColumns(InputError):
    """A recognised file lacks columns netmap needs."""


class PersonNotFound(NetmapError):
    """No person matches the given id, URL or name."""


class AmbiguousPerson(NetmapError):
    """Several people match the given name; the message lists them with ids."""

    def __init__(self, message: str, people: list[tuple[int, str, str]] | None = None):
        super().__init__(message)
        self.people = people or []  # (id, name, company) of each, by id


class NoPath(NetmapError):
    """There is no path to that person in your data."""


class SourceNotFound(NetmapError):
    """No import has that source id."""


class UsageProblem(NetmapError):
    """A value given on the command line is not valid (the CLI maps this to exit code 2)."""
