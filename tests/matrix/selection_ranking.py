"""The ranking of a call, its CSV export and its tie-break policy: the chair and the observer
partner of the call, staff and admins see the ranking; only staff and admins change the
policy. The committee and partner people sit on a call of this module's own. The others get
403: the call's page is public, so the refusal tells nothing."""

from .base import ANONYMOUS, DENIED, LOGIN, OK, REDIRECT, Case, by_name

SEES_RANKING = {"staff", "admin", "committee", "partner"}
MANAGES = {"staff", "admin"}


def extend_objects(objects, people):
    from tests.selection.ranking import builders
    from tremplin.selection.models import CommitteeMember

    call = builders.ranking_call(places=1)
    chair = builders.seat(call, people["committee"], CommitteeMember.Role.CHAIR)
    builders.seat(call, people["partner"], CommitteeMember.Role.OBSERVER)
    first = builders.application(call, region="FR-973")
    second = builders.application(call, region="FR-IDF")
    for score, item in ((4.0, first), (3.0, second)):
        builders.review(chair, item, score)
    objects["selection_ranking"] = {"call": call}


def _slug(o):
    return o["selection_ranking"]["call"].slug


def sees(role):
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in SEES_RANKING else DENIED


def manages(role):
    if role == ANONYMOUS:
        return LOGIN
    return REDIRECT if role in MANAGES else DENIED


CASES = [
    Case("selection:ranking", by_name("selection:ranking", slug=_slug), sees),
    Case("selection:ranking_export", by_name("selection:ranking_export", slug=_slug), sees),
    Case(
        "selection:ranking_policy",
        by_name("selection:ranking_policy", slug=_slug),
        manages,
        method="post",
        data=lambda o: {"tie_break": "margin", "tie_break_margin": "0.30", "places": "1"},
    ),
]
