"""Reads about programmes and calls that several pages share."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tremplin.accounts.models import Organisation
from tremplin.core import history

from .models import Call, Programme, Question, Season


def calls_for_listing():
    return Call.objects.select_related("programme", "season")


def call_by_slug(slug: str) -> Call | None:
    """The call at the address `slug`, with its programme and season (what every page of a
    call shows), or None. The one way pages load a call from their address."""
    try:
        return calls_for_listing().get(slug=slug)
    except Call.DoesNotExist:
        return None


def open_calls(now=None):
    now = now or timezone.now()
    return calls_for_listing().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")


def upcoming_calls(now=None):
    now = now or timezone.now()
    return calls_for_listing().filter(opens_at__gt=now).order_by("opens_at")


def past_calls(now=None):
    now = now or timezone.now()
    return calls_for_listing().filter(closes_at__lte=now).order_by("-closes_at")


def programmes_supported_by(organisations):
    """The programmes any of `organisations` (a list or a queryset) supports."""
    return Programme.objects.filter(Q(partners__in=organisations)).distinct()


# --- Staff pages ---------------------------------------------------------------------------------


def staff_programmes():
    """Every programme with its partners and its number of calls (for the staff list)."""
    return (
        Programme.objects.prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name"))
        )
        .annotate(call_count=Count("calls", distinct=True))
        .order_by("-is_active", "launched_on", "slug")
    )


def staff_seasons():
    return Season.objects.annotate(call_count=Count("calls")).order_by("-number")


def staff_calls(season=None):
    """Calls by season, newest season first, each with its numbers of applications submitted
    and of drafts counted in the same query."""
    calls = (
        calls_for_listing()
        .annotate(
            submitted_count=Count(
                "applications",
                filter=~Q(applications__state__in=["draft", "withdrawn"]),
            ),
            draft_count=Count("applications", filter=Q(applications__state="draft")),
        )
        .order_by("-season__number", "programme__launched_on", "programme__slug")
    )
    if season is not None:
        calls = calls.filter(season=season)
    return calls


def call_form(call):
    """The steps of a call's application form, each with its questions in order."""
    return call.steps.order_by("position", "id").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position", "id"))
    )


def call_criteria(call):
    return call.criteria.order_by("position", "id")


HISTORY_LENGTH = 30
# What the history entries written by services.py mean, for the staff pages' history tables.
ACTIONS = {
    "programme_created": gettext_lazy("Programme created"),
    "programme_updated": gettext_lazy("Programme changed"),
    "season_created": gettext_lazy("Season created"),
    "season_updated": gettext_lazy("Season changed"),
    "call_created": gettext_lazy("Call created"),
    "call_copied": gettext_lazy("Call copied from a previous season"),
    "call_updated": gettext_lazy("Call changed"),
    "form_step_added": gettext_lazy("Step added"),
    "form_step_updated": gettext_lazy("Step changed"),
    "form_step_deleted": gettext_lazy("Step deleted"),
    "form_step_moved": gettext_lazy("Step moved"),
    "question_added": gettext_lazy("Question added"),
    "question_updated": gettext_lazy("Question changed"),
    "question_deleted": gettext_lazy("Question deleted"),
    "question_moved": gettext_lazy("Question moved"),
    "criterion_added": gettext_lazy("Criterion added"),
    "criterion_updated": gettext_lazy("Criterion changed"),
    "criterion_deleted": gettext_lazy("Criterion deleted"),
    "criterion_moved": gettext_lazy("Criterion moved"),
}


def history_in_words(target) -> list[dict]:
    """The latest entries of `target`'s history, said in words."""
    fields = {
        f.name: f.verbose_name for f in target._meta.get_fields() if hasattr(f, "verbose_name")
    }
    return [
        {
            "at": entry.at,
            "who": entry.actor_display,
            "what": ACTIONS.get(entry.action, entry.action),
            "fields": [str(fields.get(name, name)) for name in entry.data.get("fields", [])],
        }
        for entry in history.history_of(target)[:HISTORY_LENGTH]
    ]
