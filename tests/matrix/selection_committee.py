"""The committee of a call, conflicts, bidding and assignment, on a call of their own: staff
and admins manage the committee and run the assignment; the committee role's person holds a
reviewer's seat (bidding is open) and the partner an observer's seat: both see their own
conflicts page. Everyone else signed in gets 403; anonymous visitors sign in. Every page here
is a page of a call, whose page is public: the refusal tells nothing, and the objects below the
call (members, conflicts, rules, assignments) are looked up only once the permission is
granted."""

from django.utils import timezone

from .base import ANONYMOUS, DENIED, LOGIN, OK, Case, by_name, staff_only, staff_redirect

SLUG = "matrix-committee-assignment"
SEATED = {"staff", "admin", "committee", "partner"}  # staff see the page without a seat


def extend_objects(objects, people):
    from tests.conftest import make_person
    from tremplin.applications.models import Application, State
    from tremplin.programmes.models import Call, Programme
    from tremplin.selection.models import (
        Assignment,
        AssignmentRule,
        CommitteeMember,
        Conflict,
        SelectionSettings,
    )

    programme = Programme.objects.create(
        slug="matrix-committee-programme", name={"fr": "Programme de l'affectation"}
    )
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=objects["call"].season,
        slug=SLUG,
        title={"fr": "Appel en affectation"},
        opens_at=now - timezone.timedelta(days=60),
        closes_at=now - timezone.timedelta(days=30),
    )
    SelectionSettings.objects.create(call=call, reviews_per_application=1, bidding_open=True)
    reviewer = CommitteeMember.objects.create(
        call=call, person=people["committee"], person_name="Relectrice", capacity=5
    )
    CommitteeMember.objects.create(
        call=call,
        person=people["partner"],
        person_name="Partenaire",
        role=CommitteeMember.Role.OBSERVER,
        capacity=0,
    )
    removable = CommitteeMember.objects.create(
        call=call,
        person=make_person("matrix-committee-removable@example.org"),
        person_name="Membre à retirer",
        capacity=5,
    )

    def application(title):
        person = make_person()
        return Application.objects.create(
            call=call, applicant=person, applicant_name=str(person), title=title,
            state=State.ELIGIBLE,
        )  # fmt: skip

    first, second, third = (application(t) for t in ("Premier", "Second", "Troisième"))
    objects["selection_committee"] = {
        "call": call,
        "reviewer": reviewer,
        "removable": removable,
        "first": first,
        "candidate": make_person("matrix-committee-candidate@example.org"),
        "conflict": Conflict.objects.create(
            member=reviewer, application=third, source="declared", reason=""
        ),
        "rule": AssignmentRule.objects.create(
            member=reviewer, application=second, kind=AssignmentRule.Kind.FORBID
        ),
        # Added by hand: kept by a run, so that it is still there when its case comes.
        "assignment": Assignment.objects.create(
            member=reviewer, application=first, source=Assignment.Source.MANUAL
        ),
    }


def _o(o):
    return o["selection_committee"]


def _slug(o):
    return SLUG


def _name(name):
    return f"selection:{name}"


def seated(role):
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in SEATED else DENIED


def bidders(role):
    if role == ANONYMOUS:
        return LOGIN
    return OK if role == "committee" else DENIED


CASES = [
    Case(_name("committee"), by_name(_name("committee"), slug=_slug), staff_only),
    Case(
        _name("committee_member"),
        by_name(_name("committee_member"), slug=_slug, member_pk=lambda o: _o(o)["reviewer"].pk),
        staff_only,
    ),
    Case(_name("committee_settings"), by_name(_name("committee_settings"), slug=_slug), staff_only),
    Case(
        _name("committee_conflicts"),
        by_name(_name("committee_conflicts"), slug=_slug),
        staff_only,
    ),
    Case(_name("assignment"), by_name(_name("assignment"), slug=_slug), staff_only),
    Case(_name("my_conflicts"), by_name(_name("my_conflicts"), slug=_slug), seated),
    Case(_name("bids"), by_name(_name("bids"), slug=_slug), bidders),
    # Writes: the objects they change are their own, and the removals come first.
    Case(
        _name("assignment_remove"),
        by_name(
            _name("assignment_remove"),
            slug=_slug,
            assignment_pk=lambda o: _o(o)["assignment"].pk,
        ),
        staff_redirect,
        method="post",
    ),
    Case(
        _name("assignment_rule_remove"),
        by_name(_name("assignment_rule_remove"), slug=_slug, rule_pk=lambda o: _o(o)["rule"].pk),
        staff_redirect,
        method="post",
    ),
    Case(
        _name("committee_conflict_remove"),
        by_name(
            _name("committee_conflict_remove"),
            slug=_slug,
            conflict_pk=lambda o: _o(o)["conflict"].pk,
        ),
        staff_redirect,
        method="post",
    ),
    Case(
        _name("committee_remove"),
        by_name(_name("committee_remove"), slug=_slug, member_pk=lambda o: _o(o)["removable"].pk),
        staff_redirect,
        method="post",
    ),
    Case(
        _name("committee_add"),
        by_name(_name("committee_add"), slug=_slug),
        staff_redirect,
        method="post",
        data=lambda o: {"person": _o(o)["candidate"].pk, "role": "observer"},
    ),
    Case(
        _name("committee_detect"),
        by_name(_name("committee_detect"), slug=_slug),
        staff_redirect,
        method="post",
    ),
    Case(
        _name("assignment_pair"),
        by_name(_name("assignment_pair"), slug=_slug),
        staff_redirect,
        method="post",
        data=lambda o: {
            "application": _o(o)["first"].pk,
            "member": _o(o)["reviewer"].pk,
            "action": "pin",
        },
    ),
    Case(
        _name("assignment_run"),
        by_name(_name("assignment_run"), slug=_slug),
        staff_redirect,
        method="post",
    ),
]
