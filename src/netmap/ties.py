"""How strong a tie is: a number in (0, 1] from what an export shows about two people.

Pure functions, no store: the importer stores each row's tie with it, and the store recomputes the
ties messages change. With no evidence a tie is the neutral 0.5; messages exchanged and a long
connection raise it; an edge list's weight is the strength.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

NEUTRAL = 0.5  # strength of a tie with no evidence


def tie_strength(
    messages: int = 0,
    last_message: str | None = None,
    connected_on: str | None = None,
    as_of: str | None = None,
    weight: float | None = None,
) -> float:
    """Strength in (0, 1] of one tie, from the evidence an export carries.

    A given ``weight`` (edge lists) is the strength. Otherwise: neutral 0.5, raised by up to 0.35
    for messages exchanged (saturating; halved when the last message is over two years old) and
    by up to 0.15 for time connected (full at six years).

    >>> tie_strength()
    0.5
    >>> round(tie_strength(messages=8, last_message="2025-12-01", as_of="2026-01-01"), 3)
    0.721
    >>> tie_strength(connected_on="2010-01-01", as_of="2026-01-01")
    0.65
    """
    if weight is not None:
        return min(max(weight, 1e-6), 1.0)
    strength = NEUTRAL + message_bonus(messages, last_message, as_of)
    reference = _day(as_of) or date.today()
    since = _day(connected_on)
    if since is not None:
        years = max((reference - since).days, 0) / 365.25
        strength += 0.15 * min(years / 6, 1.0)
    return round(min(strength, 1.0), 6)


def message_bonus(messages: int, last_message: str | None, as_of: str | None) -> float:
    """What messages add to a tie: up to 0.35, saturating, halved when the last is over two years old.

    >>> message_bonus(0, None, None), round(message_bonus(8, "2020-01-01", "2026-01-01"), 3)
    (0.0, 0.111)
    """
    if messages <= 0:
        return 0.0
    part = 1 - math.exp(-messages / 8)
    last, reference = _day(last_message), _day(as_of) or date.today()
    if last is not None and (reference - last).days > 730:
        part /= 2
    return 0.35 * part


@lru_cache(maxsize=65536)
def observed_tie(connected_on: str | None, as_of: str | None, weight: float | None = None) -> float:
    """The tie one imported row shows, before messages: stored with the row at import."""
    return tie_strength(0, None, connected_on or None, as_of, weight)


def messaged_tie(observed: float, messages: int, last_message: str | None, as_of: str | None) -> float:
    """A row's tie once the messages between the two people are counted (an edge list's weight is
    left as given: pass ``messages=0`` for weighted rows).

    >>> messaged_tie(0.5, 0, None, None), round(messaged_tie(0.9, 40, "2026-01-01", "2026-01-02"), 3)
    (0.5, 1.0)
    """
    return min(1.0, observed + message_bonus(messages, last_message, as_of)) if messages else observed


@lru_cache(maxsize=16384)
def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
