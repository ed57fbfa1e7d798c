"""Spelling variants of people's names: news wires write "Amir-Abdollahian" and "Amir Abdollahian", "Bagheri Kani"
and "Bagheri-Kani" for the same person, so hyphens and spaces inside a name are interchangeable."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")


def name_words(text: str) -> frozenset[str]:
    """Lower-cased words of a name, split at spaces and hyphens ("Hossein Amir-Abdollahian" -> hossein, amir,
    abdollahian): two spellings of one name share their words."""
    return frozenset(word for word in _SEPARATORS.split(text.lower()) if word)


def shares_name(written: str, canonical: str) -> bool:
    """True when a name as written and a canonical name share a word, whatever the hyphenation."""
    return bool(name_words(written) & name_words(canonical))


def hyphen_variants(name: str) -> set[str]:
    """The name with each hyphen read as a space and, for a multi-word surname, the words hyphenated:
    "Hossein Amir-Abdollahian" -> "Hossein Amir Abdollahian"; "Bagheri Kani" -> "Bagheri-Kani"."""
    variants = {name}
    if "-" in name:
        variants.add(name.replace("-", " "))
    words = name.split()
    if len(words) == 2 and all(word[:1].isupper() for word in words):
        variants.add("-".join(words))
    return variants
