"""The review page: the application as submitted, blind or not, its files, the criteria as
radio buttons, and who may open it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.conftest import make_person
from tremplin.accounts.models import Organisation
from tremplin.applications.models import Attachment
from tremplin.selection.models import CommitteeMember, Conflict

from . import builders


def url(assignment):
    return reverse("selection:review", kwargs={"assignment_pk": assignment.pk})


def test_the_member_sees_the_application_as_submitted_and_the_criteria(
    reviewer_client, assignment, call
):
    response = reviewer_client.get(url(assignment))
    assert response.status_code == 200
    page = response.content.decode()
    application = assignment.application
    assert application.title in page
    assert "Les Marmites Solidaires" in page  # not blind: the organisation is shown
    assert application.applicant_name in page
    # One fieldset per criterion, its scale as radio buttons.
    criteria = builders.criteria(call)
    assert page.count("<fieldset") >= len(criteria)
    for criterion in criteria:
        for value in range(criterion.scale_min, criterion.scale_max + 1):
            assert f'name="criterion_{criterion.pk}" value="{value}"' in page
    assert 'name="comment_for_committee"' in page
    assert 'name="comment_for_applicant"' in page
    # Autosave (htmx) with the version of the review, and a Save button without JavaScript.
    assert 'hx-post="' + url(assignment) + '"' in page
    assert 'id="review-version"' in page
    assert 'name="action" value="save"' in page
    assert 'name="action" value="submit"' in page
    # The file is listed with a download link.
    attachment = application.attachments.get()
    download = reverse(
        "selection:review_attachment",
        kwargs={"assignment_pk": assignment.pk, "attachment_pk": attachment.pk},
    )
    assert download in page
    assert "Les Marmites Solidaires dossier.pdf" in page


def test_blind_review_hides_the_applicant_everywhere_on_the_page(client, reviewer, application):
    call = application.call
    call.selection_settings.blind_review = True
    call.selection_settings.save()
    team = builders.co_applicant(application)
    assignment = builders.assign(builders.member(call, reviewer), application)
    client.force_login(reviewer)
    response = client.get(url(assignment))
    assert response.status_code == 200
    page = response.content.decode()
    applicant = application.applicant
    for secret in [
        "Les Marmites",
        "marmites",  # e-mail and web addresses
        "Marmites",
        applicant.full_name,
        applicant.email,
        team.email,
        team.person.full_name,
        "Diallo",
        "https://",
    ]:
        assert secret not in page, secret
    assert application.title in page  # the project name stays
    assert 'id="blind-notice"' in page  # the page says it is blind
    with translation.override("fr"):
        assert translation.gettext("[hidden]") in page
    # The text around the names is kept.
    assert "répond à la faim" in page
    # The file is listed under a neutral name, and downloads under it.
    attachment = application.attachments.get()
    response = client.get(
        reverse(
            "selection:review_attachment",
            kwargs={"assignment_pk": assignment.pk, "attachment_pk": attachment.pk},
        )
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "Marmites" not in disposition
    assert ".pdf" in disposition


def test_blind_review_hides_the_organisation_on_the_dashboard(client, reviewer, application):
    call = application.call
    call.selection_settings.blind_review = True
    call.selection_settings.save()
    builders.assign(builders.member(call, reviewer), application)
    client.force_login(reviewer)
    page = client.get(reverse("selection:my_reviews", kwargs={"slug": call.slug})).content.decode()
    assert application.title in page
    assert "Marmites" not in page
    assert application.applicant_name not in page


def test_the_file_downloads_with_its_name_when_not_blind(reviewer_client, assignment):
    attachment = assignment.application.attachments.get()
    response = reviewer_client.get(
        reverse(
            "selection:review_attachment",
            kwargs={"assignment_pk": assignment.pk, "attachment_pk": attachment.pk},
        )
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == builders.PDF
    assert "dossier.pdf" in response["Content-Disposition"]


def test_a_file_added_after_submission_is_not_served(reviewer_client, assignment, call):
    later = Attachment.objects.create(
        application=assignment.application,
        question=call.questions.get(key="deck"),
        file=SimpleUploadedFile("later.pdf", builders.PDF),
        original_name="later.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    response = reviewer_client.get(
        reverse(
            "selection:review_attachment",
            kwargs={"assignment_pk": assignment.pk, "attachment_pk": later.pk},
        )
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["other_member", "chair", "staff", "applicant"])
def test_nobody_else_opens_a_member_s_review(client, assignment, call, who):
    if who == "applicant":
        person = assignment.application.applicant
    elif who == "staff":
        person = make_person(roles=["staff"])
    else:
        role = CommitteeMember.Role.CHAIR if who == "chair" else CommitteeMember.Role.REVIEWER
        person = builders.member(call, role=role).person
    client.force_login(person)
    assert client.get(url(assignment)).status_code == 404
    assert client.post(url(assignment), builders.form_data(call)).status_code == 404


def test_a_conflicted_member_gets_404_on_their_assignment(reviewer_client, assignment, seat):
    builders.conflict(seat, assignment.application)
    assert reviewer_client.get(url(assignment)).status_code == 404
    attachment = assignment.application.attachments.get()
    response = reviewer_client.get(
        reverse(
            "selection:review_attachment",
            kwargs={"assignment_pk": assignment.pk, "attachment_pk": attachment.pk},
        )
    )
    assert response.status_code == 404


def test_a_conflict_declared_on_the_organisation_also_hides_it(reviewer_client, assignment, seat):
    organisation = Organisation.objects.create(name="Les Marmites Solidaires", kind="association")
    Conflict.objects.create(
        member=seat, organisation=organisation, source="declared", reason="J'y suis bénévole."
    )
    assert reviewer_client.get(url(assignment)).status_code == 404


def test_an_observer_with_an_assignment_cannot_review(client, assignment, seat):
    seat.role = CommitteeMember.Role.OBSERVER
    seat.save()
    client.force_login(seat.person)
    assert client.get(url(assignment)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, assignment):
    response = client.get(url(assignment))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_page_links_to_the_declaration_of_a_conflict(reviewer_client, assignment, call):
    try:
        target = reverse("selection:declare_conflict", args=[assignment.pk])
    except NoReverseMatch:
        try:
            target = reverse("selection:my_conflicts", args=[call.slug])
        except NoReverseMatch:  # the committee's pages are not there: no dead link
            target = None
    page = reviewer_client.get(url(assignment)).content.decode()
    if target:
        assert f'href="{target}"' in page
    else:
        assert "conflict" not in page.lower()


def test_a_call_without_criteria_gets_the_default_review_form(reviewer_client, assignment, call):
    call.review_criteria.all().delete()
    response = reviewer_client.get(url(assignment))
    assert response.status_code == 200
    assert len(response.context["form"].criteria) == 5
