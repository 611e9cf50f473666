"""The values of the placeholders in messages about an application."""

from tremplin.core.urls_absolute import absolute

from .display import moment_in_zone


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
    return {
        "applicant_name": application.applicant_name
        or (application.applicant and str(application.applicant))
        or "",
        "project_name": application.title or application.reference,
        "call_title": str(application.call.title),
        "reference": application.reference,
        "deadline": moment_in_zone(application.deadline, application.call.time_zone),
        "application_url": absolute(application.get_absolute_url()),
        "reason": reason,
        "answers": answers_as_text(application),
    }
