"""Committee meetings and decisions, on a call of their own: its chair (the committee role's
person) and staff run the meeting; its observer partner attends; staff send the decision
messages and manage the waiting list. Everyone else signed in gets 403 (the permission on the
call, whose page is public, is checked before anything else is looked up: the refusal tells
nothing), anonymous visitors sign in."""

from django.utils import timezone

from .base import ANONYMOUS, DENIED, LOGIN, OK, REDIRECT, Case, by_name, staff_only, staff_redirect

SLUG = "matrix-committee-meeting"
RUNNERS = {"staff", "admin", "committee"}  # committee: the person chairs this call
ATTENDEES = RUNNERS | {"partner"}  # partner: an observer of this call


def extend_objects(objects, people):
    from tests.conftest import make_person
    from tremplin.applications.models import Application, State
    from tremplin.programmes.models import Call, Programme
    from tremplin.selection.models import AgendaItem, CommitteeMember, Decision, Meeting

    season = objects["call"].season
    programme = Programme.objects.create(
        slug="matrix-meeting-programme", name={"fr": "Programme du comité"}
    )
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug=SLUG,
        title={"fr": "Appel en sélection"},
        opens_at=now - timezone.timedelta(days=60),
        closes_at=now - timezone.timedelta(days=30),
    )
    seats = {
        "chair": CommitteeMember.objects.create(
            call=call,
            person=people["committee"],
            person_name="Présidente",
            role=CommitteeMember.Role.CHAIR,
        ),
        "observer": CommitteeMember.objects.create(
            call=call,
            person=people["partner"],
            person_name="Partenaire",
            role=CommitteeMember.Role.OBSERVER,
        ),
    }

    def application(title, state=State.IN_REVIEW):
        person = make_person()
        return Application.objects.create(
            call=call, applicant=person, applicant_name=str(person), title=title, state=state
        )

    meeting = Meeting.objects.create(
        call=call, scheduled_for=now, place="Montrouge", state=Meeting.State.OPEN
    )
    planned = Meeting.objects.create(call=call, scheduled_for=now, place="Montrouge")
    items = {}
    for position, name in enumerate(["main", "move", "remove", "decide"], start=1):
        items[name] = AgendaItem.objects.create(
            meeting=meeting, application=application(f"Projet {name}"), position=position
        )
    AgendaItem.objects.filter(pk=items["main"].pk).update(voting_open=True)
    application("À ajouter")  # in review, not on the agenda: can be added
    # Decided: one to tell; a laureate who withdrew, one on the waiting list, one in place.
    told = application("Décidé", State.REJECTED)
    Decision.objects.create(application=told, outcome="rejected", reason="Raison")
    gone = application("Parti", State.WITHDRAWN)
    vacancy = Decision.objects.create(
        application=gone, outcome="selected", reason="Raison", notified_at=now
    )
    waiting = application("En attente", State.WAITLISTED)
    Decision.objects.create(
        application=waiting, outcome="waitlisted", reason="Raison", notified_at=now
    )
    laureate = Decision.objects.create(
        application=application("Lauréat", State.SELECTED),
        outcome="selected",
        reason="Raison",
        notified_at=now,
    )
    objects["meeting"] = {
        "call": call,
        "seats": seats,
        "meeting": meeting,
        "planned": planned,
        "items": items,
        "addable": Application.objects.get(call=call, title="À ajouter"),
        "told": told,
        "vacancy": vacancy,
        "waiting": waiting,
        "laureate": laureate,
    }


def _among(holders, granted):
    return lambda role: LOGIN if role == ANONYMOUS else (granted if role in holders else DENIED)


attendees = _among(ATTENDEES, OK)
attendee_posts = _among(ATTENDEES, REDIRECT)
runners = _among(RUNNERS, OK)
runner_posts = _among(RUNNERS, REDIRECT)
voters = _among(
    {"committee"}, REDIRECT
)  # the chair votes; observers and staff without a seat do not


def deciders(role, objects, people):
    """Staff decide; the chair too when the application workflow lets chairs fire it."""
    if role == ANONYMOUS:
        return LOGIN
    if role in {"staff", "admin"}:
        return REDIRECT
    if role == "committee":
        application = objects["meeting"]["items"]["decide"].application
        allowed = people[role].has_perm("applications.decide_application", application)
        return REDIRECT if allowed else DENIED
    return DENIED


deciders.needs_people = True


def slug(o):
    return SLUG


def meeting_pk(o):
    return o["meeting"]["meeting"].pk


def item(name):
    return lambda o: o["meeting"]["items"][name].pk


def item_case(key, name, expect, *, method="post", data=None):
    return Case(
        f"selection:{key}",
        by_name(f"selection:{key}", slug=slug, pk=meeting_pk, item=item(name)),
        expect,
        method=method,
        data=data or (lambda o: {}),
    )


CASES = [
    Case("selection:meetings", by_name("selection:meetings", slug=slug), attendees),
    Case("selection:meeting_plan", by_name("selection:meeting_plan", slug=slug), runners),
    Case("selection:meeting", by_name("selection:meeting", slug=slug, pk=meeting_pk), attendees),
    Case(
        "selection:meeting_edit",
        by_name("selection:meeting_edit", slug=slug, pk=meeting_pk),
        runners,
    ),
    Case(
        "selection:meeting_minutes",
        by_name("selection:meeting_minutes", slug=slug, pk=meeting_pk),
        attendees,
    ),
    item_case("agenda_item", "main", attendees, method="get"),
    item_case(
        "agenda_notes",
        "main",
        attendee_posts,
        data=lambda o: {"notes": "Notes", "version": o["meeting"]["items"]["main"].notes_version},
    ),
    item_case("agenda_vote", "main", voters, data=lambda o: {"choice": "selected"}),
    item_case("agenda_voting", "main", runner_posts, data=lambda o: {"action": "close"}),
    item_case("agenda_move", "move", runner_posts, data=lambda o: {"direction": "down"}),
    item_case("agenda_remove", "remove", runner_posts),
    item_case(
        "agenda_decide",
        "decide",
        deciders,
        data=lambda o: {"outcome": "rejected", "reason": "Raison", "comment_for_applicant": ""},
    ),
    Case(
        "selection:agenda_build",
        by_name("selection:agenda_build", slug=slug, pk=meeting_pk),
        runner_posts,
        method="post",
    ),
    Case(
        "selection:agenda_add",
        by_name("selection:agenda_add", slug=slug, pk=meeting_pk),
        runner_posts,
        method="post",
        data=lambda o: {"application": o["meeting"]["addable"].pk},
    ),
    Case(
        "selection:meeting_attendance",
        by_name("selection:meeting_attendance", slug=slug, pk=meeting_pk),
        runner_posts,
        method="post",
        data=lambda o: {"present": [o["meeting"]["seats"]["chair"].pk]},
    ),
    Case(
        "selection:meeting_state",
        by_name("selection:meeting_state", slug=slug, pk=lambda o: o["meeting"]["planned"].pk),
        runner_posts,
        method="post",
        data=lambda o: {"transition": "open"},
    ),
    Case(
        "selection:decision_messages",
        by_name("selection:decision_messages", slug=slug),
        staff_only,
    ),
    Case(
        "selection:decision_messages_send",
        by_name("selection:decision_messages_send", slug=slug),
        staff_redirect,
        method="post",
        data=lambda o: {"decisions": [o["meeting"]["told"].decision.pk]},
    ),
    Case("selection:waiting_list", by_name("selection:waiting_list", slug=slug), staff_only),
    Case(
        "selection:waiting_list_withdrawing",
        by_name(
            "selection:waiting_list_withdrawing",
            slug=slug,
            decision=lambda o: o["meeting"]["laureate"].pk,
        ),
        staff_redirect,
        method="post",
        data=lambda o: {f"decision-{o['meeting']['laureate'].pk}-reason": "Départ"},
    ),
    Case(
        "selection:waiting_list_promote",
        by_name("selection:waiting_list_promote", slug=slug),
        staff_redirect,
        method="post",
        data=lambda o: {
            "vacancy": o["meeting"]["vacancy"].pk,
            "expected": o["meeting"]["waiting"].pk,
        },
    ),
]
