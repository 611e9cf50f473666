"""How well a committee member's expertise fits an application: a number the assignment maximises.

A plain module (no Django), so that it can be tested and tuned alone. The affinity of a
member for an application is the sum of:

- each business line they share: +1 (at most +3);
- the member knows the application's region well: +0.5;
- each of the member's themes found in the application's text: +0.5 (at most +2); a theme
  matches the start of a word, accents and case ignored ("handicap" matches "handicapés");
- the language the application is written in: +0.5 if the member reads it, -2 if the member
  stated the languages they read and this one is not among them (nothing when either is
  unknown);
- the member's bid: +3 "I want to review it", +1 "I am willing", -3 "I would rather not".

A bid outweighs expertise on purpose: members who asked for an application review it more
carefully. Affinities are only preferences: a negative affinity never forbids a pair, conflicts
do that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tremplin.core.text import fold

BUSINESS_LINE = 1.0
BUSINESS_LINES_MAX = 3.0
REGION = 0.5
THEME = 0.5
THEMES_MAX = 2.0
LANGUAGE_READ = 0.5
LANGUAGE_NOT_READ = -2.0
# Bid.Preference values -> affinity.
BIDS = {2: 3.0, 1: 1.0, -1: -3.0}

# Themes shorter than this are ignored: "IA" or "RH" would match too many words.
MIN_THEME_LENGTH = 3
_SEPARATORS = re.compile(r"[,;\n]+")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces, with a space at each end so
    that `" " + word` finds a word start anywhere."""
    plain = fold((text or "").casefold())
    return " " + " ".join(_NOT_ALPHANUMERIC.sub(" ", plain).split()) + " "


def split_themes(themes: str) -> tuple[str, ...]:
    """The member's themes (typed separated by commas, semicolons or lines), normalised."""
    result = []
    for part in _SEPARATORS.split(themes or ""):
        theme = normalise(part).strip()
        if len(theme) >= MIN_THEME_LENGTH and theme not in result:
            result.append(theme)
    return tuple(result)


@dataclass(frozen=True)
class MemberProfile:
    business_lines: frozenset
    regions: frozenset
    themes: tuple[str, ...]  # normalised, see split_themes
    languages: frozenset

    @classmethod
    def build(cls, *, business_lines=(), regions=(), themes: str = "", languages=()):
        return cls(
            frozenset(business_lines),
            frozenset(regions),
            split_themes(themes),
            frozenset(languages or ()),
        )


@dataclass(frozen=True)
class ApplicationProfile:
    business_lines: frozenset
    region: object  # a region id or code, None when unknown
    text: str  # normalised, see normalise
    language: str | None

    @classmethod
    def build(cls, *, business_lines=(), region=None, texts: Iterable[str] = (), language=None):
        return cls(
            frozenset(business_lines),
            region,
            normalise(" ".join(t for t in texts if t)),
            language or None,
        )


def components(member: MemberProfile, application: ApplicationProfile, bid=None) -> dict:
    """The parts of the affinity, by name (only those that count)."""
    parts = {}
    shared = len(member.business_lines & application.business_lines)
    if shared:
        parts["business_lines"] = min(BUSINESS_LINES_MAX, shared * BUSINESS_LINE)
    if application.region is not None and application.region in member.regions:
        parts["region"] = REGION
    themes = sum(1 for theme in member.themes if f" {theme}" in application.text)
    if themes:
        parts["themes"] = min(THEMES_MAX, themes * THEME)
    if application.language and member.languages:
        parts["language"] = (
            LANGUAGE_READ if application.language in member.languages else LANGUAGE_NOT_READ
        )
    if bid in BIDS:
        parts["bid"] = BIDS[bid]
    return parts


def affinity(member: MemberProfile, application: ApplicationProfile, bid=None) -> float:
    return float(sum(components(member, application, bid).values()))


def matrix(
    applications: list[ApplicationProfile],
    members: list[MemberProfile],
    bids: Mapping[tuple[int, int], int] | None = None,
) -> list[list[float]]:
    """Affinity of every (application index, member index) pair; `bids` maps such index pairs
    to a preference."""
    bids = bids or {}
    return [
        [affinity(member, application, bids.get((i, j))) for j, member in enumerate(members)]
        for i, application in enumerate(applications)
    ]
