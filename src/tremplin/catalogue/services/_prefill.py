"""Private helpers of services/submission.py: what a draft started from a selected application
is pre-filled with (start_from_application), and the web-address check it shares with
check_link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from tremplin.accounts.models import Organisation
from tremplin.core.translated import as_translated
from tremplin.programmes.models import Question
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .. import richtext
from ..models import InnovationVersion


def _web_link_validator():
    return URLValidator(schemes=["http", "https"])


def is_web_link(url: str) -> bool:
    try:
        _web_link_validator()(url)
    except ValidationError:
        return False
    return True


def prefill_from_answers(application, language: str) -> dict:
    Kind = Question.Kind
    texts: dict[str, str] = {}
    extra: list[str] = []
    theme_codes: list[str] = []
    sdg_numbers: list[int] = []
    links: list[tuple[str, str]] = []
    stage = ""
    answers = application.answers.select_related("question").order_by(
        "question__step__position", "question__position", "question_id"
    )
    for answer in answers:
        question, value = answer.question, answer.value
        if value in (None, "", []):
            continue
        key = question.key.replace("-", "_")
        if question.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            text = richtext.clean(str(value))
            if key in InnovationVersion.TEXT_FIELDS and key not in texts:
                texts[key] = (
                    text if key in InnovationVersion.LONG_TEXT_FIELDS else str(value).strip()[:300]
                )
            elif question.kind == Kind.LONG_TEXT:
                label = richtext.clean(as_translated(question.label).shown(language).text)
                extra.append(f"<p><strong>{label}</strong></p>" + richtext.render(text))
        elif question.kind == Kind.BUSINESS_LINE:
            theme_codes += [str(v) for v in (value if isinstance(value, list) else [value])]
        elif question.kind == Kind.SDG:
            for v in value if isinstance(value, list) else [value]:
                if str(v).isdigit():
                    sdg_numbers.append(int(v))
        elif question.kind == Kind.URL and is_web_link(str(value)):
            links.append((as_translated(question.label).shown(language).text, str(value)))
        elif key == "stage" and str(value) in dict(
            InnovationVersion._meta.get_field("stage").choices
        ):
            stage = str(value)
    if extra:
        texts["solution"] = richtext.clean("".join([texts.get("solution", ""), *extra]))
    themes = {b.code: b for b in BusinessLine.objects.filter(code__in=theme_codes)}
    sdgs = {g.number: g for g in SustainableDevelopmentGoal.objects.filter(number__in=sdg_numbers)}
    return {
        "texts": texts,
        "themes": [themes[c] for c in dict.fromkeys(theme_codes) if c in themes],
        "sdgs": [sdgs[n] for n in dict.fromkeys(sdg_numbers) if n in sdgs],
        "links": links,
        "stage": stage,
    }


def national_society_of(application):
    """The French national society, for a project carried inside the movement in France (when
    exactly one is recorded)."""
    if application.organisation_kind not in ("establishment", "local_unit"):
        return None
    societies = list(Organisation.objects.filter(kind="national_society", country="FR")[:2])
    return societies[0] if len(societies) == 1 else None
