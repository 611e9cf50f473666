"""The values of the placeholders in messages about an application."""

from django.utils import timezone
from django.utils.formats import date_format

from tremplin.core.urls_absolute import absolute


def answers_as_text(application) -> str:
    frozen = application.frozen_answers.get("answers", {})
    lines = []
    for question in application.call.questions.select_related("step"):
        entry = frozen.get(question.key)
        if entry is None:
            continue
        value = entry.get("text") or ", ".join(entry.get("files", [])) or "—"
        lines.append(f"{question.label}\n{value}\n")
    return "\n".join(lines)


def application_values(application, reason: str = "") -> dict:
    local = timezone.localtime(application.deadline, application.call.tz)
    return {
        "applicant_name": application.applicant_name
        or (application.applicant and str(application.applicant))
        or "",
        "project_name": application.title or application.reference,
        "call_title": str(application.call.title),
        "reference": application.reference,
        "deadline": f"{date_format(local, 'DATETIME_FORMAT')} ({application.call.time_zone})",
        "application_url": absolute(application.get_absolute_url()),
        "reason": reason,
        "answers": answers_as_text(application),
    }
