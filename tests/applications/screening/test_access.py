"""Only accelerator staff and admins reach the staff pages: applicants (even of the very
application), co-applicants, committee members, mentors and the other roles are refused; nobody
but staff ever sees the internal notes. The pages of one application answer 404 to those who
may not see it (as if it did not exist) and 403 to its team; the lists answer 403."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.applications.builders import apply, attach
from tests.conftest import ROLES, make_person
from tremplin.applications import services
from tremplin.applications.models import InternalNote, State

NOTE = "Note interne : dossier fragile, à ne pas divulguer"


@pytest.fixture
def setting(call, staff):
    lead = make_person("lead@example.org", roles=["applicant"], full_name="Lead")
    draft = apply(call, lead, title="Le projet", submit=False)
    attachment = attach(draft)
    invitation = services.invite(draft, lead, "mate@example.org")
    mate = make_person("mate@example.org", roles=["applicant"])
    services.accept_invitation(invitation.token, mate)
    application = services.submit(draft, lead)
    services.add_note(application, staff, NOTE)
    return {"application": application, "attachment": attachment, "lead": lead, "mate": mate}


def staff_requests(call, setting):
    application, attachment = setting["application"], setting["attachment"]
    pk = application.pk
    later = timezone.localtime(call.closes_at, call.tz) + timezone.timedelta(days=3)
    return [
        ("get", reverse("applications:list"), {}),
        ("get", reverse("applications:call_applications", args=[call.slug]), {}),
        ("get", reverse("applications:export", args=["csv"]), {}),
        ("get", reverse("applications:call_export", args=[call.slug, "csv"]), {}),
        ("get", reverse("applications:call_export", args=[call.slug, "xlsx"]), {}),
        ("get", reverse("applications:screening", args=[pk]), {}),
        ("get", reverse("applications:screening_attachment", args=[pk, attachment.pk]), {}),
        (
            "post",
            reverse("applications:call_applications", args=[call.slug]),
            {"applications": [pk], "transition": "mark_eligible"},
        ),
        (
            "post",
            reverse("applications:transition", args=[pk]),
            {"transition": "mark_eligible"},
        ),
        ("post", reverse("applications:save_screening", args=[pk]), {}),
        ("post", reverse("applications:add_note", args=[pk]), {"text": "Intrus"}),
        (
            "post",
            reverse("applications:extension", args=[pk]),
            {"until": later.strftime("%Y-%m-%dT%H:%M")},
        ),
    ]


OUTSIDERS = [role for role in ROLES if role not in {"staff", "admin"}]


def _of_one_application(url, application) -> bool:
    return url.startswith(reverse("applications:screening", args=[application.pk]))


@pytest.mark.parametrize("role", OUTSIDERS)
def test_other_roles_are_refused_every_staff_page(client, call, setting, role):
    client.force_login(make_person(f"{role}-x@example.org", roles=[role]))
    for method, url, data in staff_requests(call, setting):
        response = getattr(client, method)(url, data)
        hidden = _of_one_application(url, setting["application"])
        assert response.status_code == (404 if hidden else 403), (role, method, url)
        assert NOTE not in response.content.decode()


@pytest.mark.parametrize("who", ["lead", "mate"])
def test_the_applicants_team_is_refused_every_staff_page(client, call, setting, who):
    client.force_login(setting[who])
    for method, url, data in staff_requests(call, setting):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (who, method, url)
    application = setting["application"]
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    assert InternalNote.objects.count() == 1
    assert application.deadline_extended_to is None


def test_anonymous_visitors_are_sent_to_sign_in(client, call, setting):
    for method, url, data in staff_requests(call, setting):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_and_admins_reach_every_page(client, call, setting, role):
    client.force_login(make_person(f"{role}-y@example.org", roles=[role]))
    for method, url, data in staff_requests(call, setting):
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (role, method, url)


def test_the_applicant_never_sees_the_notes(client, call, setting):
    """Neither on their own application's pages nor in what they receive."""
    application = setting["application"]
    for who in ("lead", "mate"):
        client.force_login(setting[who])
        for url in (
            reverse("applications:detail", args=[application.pk]),
            reverse("applications:summary", args=[application.pk]),
            reverse("applications:mine"),
        ):
            response = client.get(url, follow=True)
            assert response.status_code == 200
            assert NOTE not in response.content.decode()
    from tremplin.messaging.models import Message

    assert not Message.objects.filter(body__contains="dossier fragile").exists()
