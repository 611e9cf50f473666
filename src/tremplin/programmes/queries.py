"""Reads about programmes and calls that several pages share."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

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


def latest_history(target):
    """The latest entries of `target`'s history, with their labels (core/_history.html)."""
    return history.described(target, HISTORY_LENGTH)
