"""Suggested mentors for a project, ranked by business-line and need fit, with the reasons.
Plain inputs, no database: the caller reads the mentors and the project once."""

from __future__ import annotations

from dataclasses import dataclass, field

LINE_WEIGHT = 3
SKILL_WEIGHT = 2


@dataclass(frozen=True)
class MentorFacts:
    id: int
    name: str
    business_lines: frozenset[str]
    skills: frozenset[str]
    available: bool
    load: int  # projects mentored now
    capacity: int


@dataclass
class Suggestion:
    mentor_id: int
    name: str
    score: int
    lines: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    spare: int = 0


def suggest(
    project_lines: set[str],
    project_needs: set[str],
    mentors: list[MentorFacts],
    *,
    exclude: set[int] = frozenset(),
    limit: int = 10,
) -> list[Suggestion]:
    """Available mentors with room for one more project, sharing at least one business line or
    skill with the project; best fit first (lines weigh more than skills), then the one with
    the most room, then by name."""
    found = []
    for mentor in mentors:
        if mentor.id in exclude or not mentor.available or mentor.load >= mentor.capacity:
            continue
        lines = sorted(project_lines & mentor.business_lines)
        skills = sorted(project_needs & mentor.skills)
        if not lines and not skills:
            continue
        score = LINE_WEIGHT * len(lines) + SKILL_WEIGHT * len(skills)
        found.append(
            Suggestion(mentor.id, mentor.name, score, lines, skills, mentor.capacity - mentor.load)
        )
    found.sort(key=lambda s: (-s.score, -s.spare, s.name.casefold(), s.mentor_id))
    return found[:limit]
