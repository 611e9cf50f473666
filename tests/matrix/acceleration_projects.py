"""Acceleration pages. A project followed by the referent, mentored by the mentor, with the
applicant on its team; an alumni project of the same team. Staff and admins see everything;
the referent sees funding and notes of their project; the mentor sees the project page only;
the team sees its project, journal and experts, and publishes its alumni project. Those who see
a project but may not do something on it get 403; everyone else signed in gets 404 on every
page of a project, as if it did not exist; anonymous visitors sign in. The staff pages (no
project in their address) are refused (403) before anything is looked up. Removals run last
(cases run in order)."""

from __future__ import annotations

from datetime import timedelta

from .base import (
    OK,
    REDIRECT,
    Case,
    by_name,
    on_object,
    signed_in,
    staff_only,
    staff_redirect,
)

STAFF = {"staff", "admin"}
VIEW = STAFF | {"referent", "mentor", "applicant"}
FOLLOW = STAFF | {"referent"}
TEAM_SIDE = STAFF | {"referent", "applicant"}


def allowed(roles, outcome=OK):
    """A page of a project: those who see the project but not this page get 403, the others
    404."""
    return on_object(roles, VIEW, outcome)


def extend_objects(objects, people):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from tremplin.acceleration.models import (
        CheckIn,
        Cohort,
        FundingTranche,
        LaureateProject,
        MentorProfile,
        Milestone,
        MilestoneFile,
        MilestoneTemplate,
    )

    call = objects["call"]
    today = timezone.localdate()
    # make_objects may have made the call's cohort already (one per programme and season).
    cohort, _ = Cohort.objects.update_or_create(
        programme=call.programme,
        season=call.season,
        defaults={
            "starts_on": today - timedelta(days=30),
            "ends_on": today + timedelta(days=150),
        },
    )

    def project(slug, **fields):
        result = LaureateProject.objects.create(
            name=slug,
            slug=slug,
            pitch={"fr": "Pitch"},
            season=call.season,
            programme=call.programme,
            cohort=cohort,
            track="entrepreneur",
            referent=people["referent"],
            **fields,
        )
        result.mentors.set([people["mentor"]])
        result.team.set([people["applicant"]])
        return result

    current = project("acc-matrix", starts_on=cohort.starts_on, ends_on=cohort.ends_on)
    alumni = project(
        "acc-matrix-alumni",
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=200),
        state=LaureateProject.State.DEPLOYED,
        deployed_sites=2,
    )
    milestone = Milestone.objects.create(
        project=current, phase="needs", title="Interviews", due_on=today
    )
    attached = MilestoneFile(
        milestone=milestone, original_name="r.pdf", content_type="application/pdf", size=8
    )
    attached.file.save("r.pdf", ContentFile(b"%PDF-1.4"), save=True)
    check_in = CheckIn.objects.create(
        project=current, happens_at=timezone.now() + timedelta(days=2)
    )
    tranche = FundingTranche.objects.create(project=current, amount="5000.00", planned_on=today)
    template = MilestoneTemplate.objects.create(
        programme=call.programme, phase="needs", title="Needs", due_offset_days=10
    )
    profile = MentorProfile.objects.create(person=people["mentor"], kind="employee")
    objects["acceleration"] = {
        "project": current,
        "alumni": alumni,
        "milestone": milestone,
        "file": attached,
        "check_in": check_in,
        "tranche": tranche,
        "template": template,
        "profile": profile,
        "cohort": cohort,
    }


def _a(o):
    return o["acceleration"]


def _slug(o):
    return _a(o)["project"].slug


def _name(name):
    return f"acceleration:{name}"


def _project_case(name, expect, method="get", data=None, **kwargs):
    return Case(
        _name(name),
        by_name(_name(name), slug=_slug, **kwargs),
        expect,
        method=method,
        data=data or (lambda o: {}),
    )


def _staff_case(name, method="get", data=None, **kwargs):
    return Case(
        _name(name),
        by_name(_name(name), **kwargs),
        staff_only if method == "get" else staff_redirect,
        method=method,
        data=data or (lambda o: {}),
    )


def _pk(key):
    return lambda o: _a(o)[key].pk


def _programme(o):
    return o["call"].programme.slug


CASES = [
    Case(_name("my_projects"), by_name(_name("my_projects")), signed_in),
    _staff_case("cohorts"),
    _staff_case("cohort", pk=_pk("cohort")),
    _staff_case("create_from_call", slug=lambda o: o["call"].slug),
    _staff_case("funding_totals"),
    _staff_case("templates"),
    _staff_case("template", slug=_programme),
    _staff_case("template_edit", slug=_programme, pk=_pk("template")),
    _staff_case("mentor_pool"),
    _staff_case("mentor_add"),
    _staff_case("mentor_edit", pk=_pk("profile")),
    _project_case("project", allowed(VIEW)),
    _project_case("notes", allowed(FOLLOW, REDIRECT), method="post"),
    _project_case("milestone_add", allowed(FOLLOW)),
    _project_case("milestone_edit", allowed(FOLLOW), pk=_pk("milestone")),
    _project_case(
        "milestone_status", allowed(TEAM_SIDE, REDIRECT), method="post", pk=_pk("milestone")
    ),
    _project_case(
        "milestone_file", allowed(TEAM_SIDE, REDIRECT), method="post", pk=_pk("milestone")
    ),
    _project_case("milestone_file_download", allowed(VIEW), pk=_pk("milestone"), file=_pk("file")),
    _project_case("journal", allowed(TEAM_SIDE)),
    _project_case("check_in", allowed(TEAM_SIDE), pk=_pk("check_in")),
    _project_case("people", allowed(FOLLOW)),
    _project_case(
        "referent_set",
        allowed(STAFF, REDIRECT),
        method="post",
        data=lambda o: {"referent": _a(o)["project"].referent_id},
    ),
    _project_case("mentor_assign", allowed(STAFF, REDIRECT), method="post"),
    _project_case("mentor_remove", allowed(STAFF, REDIRECT), method="post"),
    _project_case("experts", allowed(TEAM_SIDE)),
    _project_case("funding", allowed(FOLLOW)),
    _project_case("tranche_edit", allowed(STAFF), pk=_pk("tranche")),
    _project_case("outcome", allowed(FOLLOW)),
    Case(
        _name("outcome_reopen"),
        by_name(_name("outcome_reopen"), slug=lambda o: _a(o)["alumni"].slug),
        allowed(STAFF, REDIRECT),
        method="post",
        data=lambda o: {"reason": ""},  # refused (no reason): the outcome stays recorded
    ),
    Case(
        _name("publish"),
        by_name(_name("publish"), slug=lambda o: _a(o)["alumni"].slug),
        allowed({"applicant"}),
    ),
    # Removals last.
    _project_case(
        "check_in_cancel", allowed(TEAM_SIDE, REDIRECT), method="post", pk=_pk("check_in")
    ),
    _project_case("tranche_remove", allowed(STAFF, REDIRECT), method="post", pk=_pk("tranche")),
    _project_case(
        "milestone_remove", allowed(FOLLOW, REDIRECT), method="post", pk=_pk("milestone")
    ),
    _staff_case("template_remove", method="post", slug=_programme, pk=_pk("template")),
]
