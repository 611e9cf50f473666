"""Placeholders in message templates: {{ name }}, filled from a fixed list of values; and the
one place where the subject of a worded message is rendered."""

import re

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tremplin.core.text import one_line

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# Anything that looks like a placeholder, well formed or not, so that a typo ({{ Reference }},
# {{ project name }}) is refused rather than sent as typed.
LOOKS_LIKE_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

# name -> what it stands for (shown to staff when they edit a template)
AVAILABLE = {
    "applicant_name": _("the applicant's name"),
    "project_name": _("the project's name"),
    "call_title": _("the call's title"),
    "reference": _("the application's reference"),
    "deadline": _("the closing date and time"),
    "application_url": _("the address of the application"),
    "reason": _("the reason given by the team"),
    "answers": _("a copy of the answers"),
    "platform_name": _("the platform's name"),
}

# A mailing is not about a decision: there is no reason to give.
MAILING = {name: text for name, text in AVAILABLE.items() if name != "reason"}

# What may appear in a subject: values the platform or the staff write. Applicants write their
# name, their project's name and a withdrawal's reason: were those in a subject, anyone could
# make the platform send e-mails with a subject of their choosing (e.g. an invitation whose
# subject is "your account is locked"). They go in the text, where the wording says whose
# words they are.
SUBJECT = {"reference", "call_title", "deadline", "platform_name"}

# In a subject saved before that rule, what stands for a value that may not appear there.
SUBJECT_STAND_INS = {"project_name": "reference"}


def fill(text: str, values: dict) -> str:
    """Replace each known placeholder; unknown ones stay as typed."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def leave_out_empty(text: str, optional, values: dict) -> str:
    """`text` without what an empty optional placeholder stands in: its line, or its whole
    paragraph when it is alone on its line (with the label above it). Applied to the wording,
    before it is filled, so that the values keep their own blank lines."""
    empty = {name for name in optional if not str(values.get(name) or "")}
    if not empty:
        return text
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = []
        for line in paragraph.split("\n"):
            names = set(PLACEHOLDER.findall(line)) & empty
            if not names:
                lines.append(line)
            elif not PLACEHOLDER.sub("", line).strip():
                lines = None  # alone on its line: the paragraph goes
                break
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def fill_subject(text: str, values: dict, allowed=SUBJECT, available=AVAILABLE) -> str:
    """The subject `text` filled for a recipient: only the placeholders `allowed` are
    replaced by their values (the others by a stand-in or nothing), and the result is one line
    whatever the values hold (a line break in a header stops the e-mail)."""

    def value(match):
        name = match.group(1)
        if name in allowed:
            return str(values.get(name, match.group(0)))
        if name in available:
            stand_in = SUBJECT_STAND_INS.get(name)
            return str(values.get(stand_in, "")) if stand_in else ""
        return match.group(0)

    return one_line(PLACEHOLDER.sub(value, text))


def unknown_placeholders(text: str, available=AVAILABLE) -> list[str]:
    """The names inside {{ }} that are not placeholders of `available`, as typed."""
    return sorted(
        {
            name.strip()
            for name in LOOKS_LIKE_PLACEHOLDER.findall(text)
            if name.strip() not in available
        }
    )


def has_stray_braces(text: str) -> bool:
    """Whether double braces are left open or closed alone ({{ reference }, {{ reference)."""
    rest = LOOKS_LIKE_PLACEHOLDER.sub("", text)
    return "{{" in rest or "}}" in rest


def sample_values() -> dict:
    """Values that stand for a real application in previews, in the active language."""
    deadline = timezone.localtime(timezone.now() + timezone.timedelta(days=14))
    return {
        "applicant_name": _("Camille Martin"),
        "project_name": _("Shared vegetable gardens"),
        "call_title": _("Entrepreneur programme, season 4"),
        "reference": "004-00123",
        "deadline": date_format(deadline, "DATETIME_FORMAT"),
        "application_url": f"{settings.SITE_URL}/applications/123/",
        "reason": _("The reason the team gives, as they write it."),
        "answers": _("Project name\nShared vegetable gardens\n\nRegion\nOccitanie\n"),
        "platform_name": settings.TREMPLIN_PLATFORM_NAME,
    }
