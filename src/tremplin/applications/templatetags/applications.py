"""Template helpers of applications."""

from django import template

from tremplin.applications.models import State
from tremplin.applications.queries.application import applicant_state as state_of

register = template.Library()


@register.filter
def state_label(value):
    """The translated label of an application state code."""
    return dict(State.choices).get(value, value) if value else ""


@register.filter
def applicant_state(application):
    """The state an applicant's team sees (outcomes only once told)."""
    return state_of(application)
