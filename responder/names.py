"""How names and places are compared: folded (case and accents) and split into words. Shared
by the unit's person search and the station's briefing, so both key a place the same way."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: "José" and "jose" are one name to a search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in fold(text)).split()


def address_key(address: str) -> str:
    """The same place written two ways ("1200 Pacific Ave., Tacoma" / "1200 pacific ave") is
    one key: the part before the first comma, folded, punctuation dropped."""
    return " ".join(words(address.split(",")[0]))
