"""The applicant's path: start, draft saved step by step, files, summary, submit, deadline,
co-applicants, withdrawal — and nothing typed is ever lost."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import zip_samples
from tests.conftest import edit_profile, make_person, verify_affiliation
from tremplin.accounts.models import Membership, Organisation
from tremplin.applications import services
from tremplin.applications.models import Answer, Application, State
from tremplin.core.models import HistoryEntry
from tremplin.demo.forms import build_form
from tremplin.messaging.models import Message
from tremplin.programmes.models import Audience, Call, Programme, Season

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def call(db):
    programme = Programme.objects.create(
        slug="entrepreneurs",
        name={"fr": "Entrepreneurs", "en": "Entrepreneurs"},
        audience=Audience.OUTSIDERS,
    )
    season = Season.objects.create(number=4, opened_on=timezone.localdate())
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug="entrepreneurs-s4",
        title={"fr": "Appel entrepreneurs", "en": "Entrepreneur call"},
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=5),
    )
    build_form(call)
    return call


@pytest.fixture
def members_call(call):
    programme = Programme.objects.create(
        slug="intrapreneurs", name={"fr": "Intrapreneurs"}, audience=Audience.MEMBERS
    )
    members = Call.objects.create(
        programme=programme,
        season=call.season,
        slug="intrapreneurs-s4",
        title={"fr": "Intra"},
        opens_at=call.opens_at,
        closes_at=call.closes_at,
    )
    build_form(members)
    return members


@pytest.fixture
def applicant(db):
    return make_person("leader@example.org", full_name="Awa Leader", preferred_language="fr")


def fill_everything(application, person):
    """Answer every required question of the demo form through the service."""
    call = application.call
    values = {
        "project_name": "Les jardins partagés",
        "organisation_name": "Association des jardins",
        "organisation_kind": "association",
        "region": "FR-BRE",
        "need": "Des personnes âgées isolées.",
        "solution": "Des potagers partagés entre générations.",
        "stage": "prototype",
        "business_lines": ["elderly"],
        "team_size": "3",
        "budget": "12000.00",
    }
    questions = list(call.questions.all())
    form_values = {}
    from decimal import Decimal

    for question in questions:
        if question.key in values:
            value = values[question.key]
            if question.key in {"team_size", "budget"}:
                value = Decimal(value)
            form_values[question.key] = value
    result = services.save_answers(application, person, questions, form_values, {}, {})
    assert not result.conflicts
    return result


def post_step(client, url, headers=None, **changes):
    """Post a step as a browser would: every field with what the page shows, plus changes."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "", []):
            continue
        data[name] = value
    data.update(changes)
    data.setdefault("go", "stay")
    return client.post(url, data, **(headers or {}))


def test_start_requires_sign_in_then_creates_one_draft(client, call, applicant):
    url = reverse("applications:start", args=[call.slug])
    assert client.get(url).status_code == 302
    client.force_login(applicant)
    page = client.get(url)
    assert (
        page.status_code == 200 and b"Start my application" in page.content
    ) or page.status_code == 200
    response = client.post(url)
    application = Application.objects.get(call=call, applicant=applicant)
    assert response["Location"] == reverse("applications:step", args=[application.pk, 1])
    client.post(url)  # a double click
    assert Application.objects.filter(call=call, applicant=applicant).count() == 1
    assert HistoryEntry.objects.filter(action="started", target_id=str(application.pk)).count() == 1


def test_members_only_call_refuses_a_non_member_with_the_way_to_become_one(
    client, members_call, applicant
):
    client.force_login(applicant)
    page = client.get(reverse("applications:start", args=[members_call.slug]))
    assert page.status_code == 200
    assert reverse("accounts:declare_membership").encode() in page.content
    client.post(reverse("applications:start", args=[members_call.slug]))
    assert not Application.objects.filter(call=members_call).exists()


def test_members_only_call_accepts_a_verified_member(client, members_call, applicant):
    society = Organisation.objects.create(name="Croix-Rouge française", kind="national_society")
    Membership.objects.create(
        person=applicant,
        national_society=society,
        status="volunteer",
        identifier="CRF-1",
        state=Membership.State.VERIFIED,
    )
    client.force_login(applicant)
    client.post(reverse("applications:start", args=[members_call.slug]))
    assert Application.objects.filter(call=members_call, applicant=applicant).exists()


def test_outsiders_call_refuses_a_movement_structure(call, applicant):
    verify_affiliation(applicant, Organisation.objects.create(name="UL Rennes", kind="local_unit"))
    assert services.gate(call, applicant)


def test_a_pending_or_ended_movement_affiliation_does_not_close_the_outsiders_gate(
    call, applicant, person_factory
):
    from tremplin.accounts import services as accounts

    unit = Organisation.objects.create(name="UL Rennes", kind="local_unit")
    pending = accounts.declare_affiliation(applicant, organisation=unit)
    assert services.gate(call, applicant) is None
    staff = person_factory(roles=["staff"])
    accounts.decide_affiliation(pending, staff, "verify")
    assert services.gate(call, applicant)
    accounts.decide_affiliation(pending, staff, "revoke", "A quitté l'unité")
    assert services.gate(call, applicant) is None


def test_dropping_a_verified_movement_organisation_from_the_profile_does_not_open_the_gate(
    client, call, applicant
):
    unit = Organisation.objects.create(name="UL Rennes", kind="local_unit")
    verify_affiliation(applicant, unit)
    assert services.gate(call, applicant)

    edit_profile(client, applicant, organisation="")

    applicant = type(applicant).objects.get(pk=applicant.pk)
    assert services.gate(call, applicant)
    client.post(reverse("applications:start", args=[call.slug]))
    assert not Application.objects.filter(call=call).exists()


def test_claiming_a_movement_structure_in_the_profile_does_not_close_the_gate(
    client, call, applicant
):
    unit = Organisation.objects.create(name="UL Rennes", kind="local_unit")

    edit_profile(client, applicant, organisation=unit.pk)

    applicant = type(applicant).objects.get(pk=applicant.pk)
    assert services.gate(call, applicant) is None


def test_profile_prefills_the_system_questions(call, applicant):
    verify_affiliation(applicant, Organisation.objects.create(name="Solinum", kind="association"))
    application = services.start(call, applicant)
    application.refresh_from_db()
    assert application.organisation_name == "Solinum"
    assert application.organisation_kind == "association"


def test_step_saves_valid_answers_and_keeps_invalid_ones_as_typed(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 3])
    response = client.post(
        url, {"team_size": "three", "budget": "12000", "website": "not a url at all", "go": "stay"}
    )
    assert response.status_code == 200  # shown again with the errors
    assert b"three" in response.content and b"not a url at all" in response.content
    assert 'aria-invalid="true"' in response.content.decode()
    answers = {a.question.key: a for a in application.answers.select_related("question")}
    assert answers["budget"].value == "12000.00"
    assert answers["team_size"].raw == "three" and answers["team_size"].value is None
    # Coming back later, on another device, the typed text is still there.
    client.logout()
    client.force_login(applicant)
    page = client.get(url)
    assert b"three" in page.content


@pytest.mark.django_db(transaction=True)
def test_draft_survives_a_restart(call, applicant):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    # Each save is committed: a new connection (a restarted server) reads the same rows.
    from django.db import connection

    connection.close()
    fresh = Application.objects.get(pk=application.pk)
    assert fresh.answers.count() >= 10
    assert fresh.title == "Les jardins partagés"


def test_two_tabs_do_not_silently_overwrite_each_other(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 2])
    first_tab = client.get(url).context["form"]["revisions"].value()
    second_tab = first_tab
    client.post(url, {"revisions": first_tab, "need": "Written in the first tab", "go": "stay"})
    response = client.post(
        url, {"revisions": second_tab, "need": "Written in the second tab", "go": "stay"}
    )
    content = response.content.decode()
    assert "Written in the first tab" in content  # what the other version says
    assert "Written in the second tab" in content  # what this tab typed, kept in the field
    need = Answer.objects.get(application=application, question__key="need")
    assert need.value == "Written in the first tab"
    # Saving again from the second tab, now informed, keeps its version.
    again = response.context["form"]["revisions"].value()
    client.post(url, {"revisions": again, "need": "Written in the second tab", "go": "stay"})
    need.refresh_from_db()
    assert need.value == "Written in the second tab"


def test_other_answers_of_a_stale_tab_are_still_saved(call, applicant):
    application = services.start(call, applicant)
    questions = list(call.questions.filter(key__in=["need", "solution"]))
    services.save_answers(application, applicant, questions, {"need": "A"}, {}, {})
    need = Answer.objects.get(application=application, question__key="need")
    stale = {need.question_id: need.revision - 1}
    result = services.save_answers(
        application, applicant, questions, {"need": "B", "solution": "S"}, {}, stale
    )
    assert [c.question.key for c in result.conflicts] == ["need"]
    assert Answer.objects.get(application=application, question__key="solution").value == "S"


def test_autosave_returns_a_status_fragment_with_fresh_revisions(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 2])
    revisions = client.get(url).context["form"]["revisions"].value()
    response = client.post(
        url, {"revisions": revisions, "need": "autosaved"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert "autosave--saved" in content
    assert 'id="revisions"' in content and 'hx-swap-oob="true"' in content
    assert Answer.objects.get(application=application, question__key="need").value == "autosaved"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "virus.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
            "not of an accepted type",
        ),
        ("empty.pdf", b"", "empty"),
        ("notes.txt", b"just some text", "not of an accepted type"),
    ],
)
def test_refused_files_keep_the_rest_of_the_form(
    client, call, applicant, name, content, expected, settings
):
    settings.LANGUAGE_CODE = "en"
    applicant.preferred_language = "en"
    applicant.save()
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 3])
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(url, {"team_size": "4", "pitch_deck": upload, "go": "stay"})
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not application.attachments.exists()
    assert Answer.objects.get(application=application, question__key="team_size").value == "4"


@pytest.mark.parametrize("name", sorted(zip_samples.HOSTILE))
def test_zip_bombs_are_refused_without_being_inflated(client, call, applicant, name, settings):
    """A small archive that would inflate to hundreds of megabytes (or lies about its size) is
    refused through the page with a clear message, in bounded memory: never inflated whole."""
    settings.LANGUAGE_CODE = "en"
    applicant.preferred_language = "en"
    applicant.save()
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 3])
    client.get(url)  # what the first page loads (templates, translations) is not the upload's
    build, expected = zip_samples.HOSTILE[name]
    upload = SimpleUploadedFile(name, build(), content_type="application/octet-stream")
    with zip_samples.memory_peak() as memory:
        response = client.post(url, {"team_size": "4", "pitch_deck": upload, "go": "stay"})
    assert memory["peak"] < 20 * 1024 * 1024
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not application.attachments.exists()
    assert Answer.objects.get(application=application, question__key="team_size").value == "4"


@pytest.mark.parametrize(
    ("build", "content_type"),
    [
        (
            zip_samples.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            zip_samples.pptx,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (zip_samples.odt, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_genuine_office_documents_are_accepted(
    call, applicant, tmp_path, settings, build, content_type
):
    settings.MEDIA_ROOT = tmp_path
    application = services.start(call, applicant)
    question = call.questions.get(key="pitch_deck")
    attachment = services.upload(
        application, applicant, question, SimpleUploadedFile("document", build())
    )
    assert attachment.content_type == content_type


def test_oversized_file_is_refused(call, applicant):
    call.max_upload_mb = 1
    call.save()
    application = services.start(call, applicant)
    question = call.questions.get(key="pitch_deck")
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(services.ApplicationRefused, match=r"too large|trop"):
        services.upload(application, applicant, question, big)


def test_accepted_files_are_typed_from_their_content(call, applicant, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    application = services.start(call, applicant)
    question = call.questions.get(key="pitch_deck")
    attachment = services.upload(
        application, applicant, question, SimpleUploadedFile("deck.bin", PDF)
    )
    assert attachment.content_type == "application/pdf"
    image = services.upload(application, applicant, question, SimpleUploadedFile("photo.pdf", PNG))
    assert image.content_type == "image/png"
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    docx = services.upload(
        application, applicant, question, SimpleUploadedFile("cv.docx", buffer.getvalue())
    )
    assert docx.content_type.endswith("wordprocessingml.document")


def test_the_same_file_sent_twice_is_stored_once(call, applicant, tmp_path, settings):
    """The autosave sends the form's files, then the Save button sends them again."""
    settings.MEDIA_ROOT = tmp_path
    application = services.start(call, applicant)
    question = call.questions.get(key="pitch_deck")
    first = services.upload(application, applicant, question, SimpleUploadedFile("deck.pdf", PDF))
    again = services.upload(application, applicant, question, SimpleUploadedFile("deck.pdf", PDF))
    other = services.upload(
        application, applicant, question, SimpleUploadedFile("deck.pdf", PDF + b"%v2")
    )
    assert again.pk == first.pk and other.pk != first.pk
    assert application.attachments.count() == 2


def test_file_names_with_invalid_characters_are_cleaned(call, applicant, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    application = services.start(call, applicant)
    question = call.questions.get(key="pitch_deck")
    attachment = services.upload(
        application, applicant, question, SimpleUploadedFile("../../etc/\udcff<b>x\x00.pdf", PDF)
    )
    assert "/" not in attachment.original_name and "\x00" not in attachment.original_name
    attachment.original_name.encode("utf-8")  # storable and displayable


def test_summary_lists_what_is_missing(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    page = client.get(reverse("applications:summary", args=[application.pk]))
    content = page.content.decode()
    assert "Quel besoin social" in content
    assert reverse("applications:submit", args=[application.pk]) not in content


def test_submit_is_one_transaction_sends_a_copy_and_happens_once(
    client, call, applicant, django_capture_on_commit_callbacks
):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:submit", args=[application.pk]))
        client.post(reverse("applications:submit", args=[application.pk]))  # double click
    assert response["Location"] == reverse("applications:submitted", args=[application.pk])
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    assert application.frozen_answers["answers"]["need"]["text"] == "Des personnes âgées isolées."
    assert (
        HistoryEntry.objects.filter(target_id=str(application.pk), to_state="submitted").count()
        == 1
    )
    assert Message.objects.filter(application=application, kind="submitted").count() == 1
    assert len(mail.outbox) == 1
    assert "Des potagers partagés" in mail.outbox[0].body
    assert mail.outbox[0].to == ["leader@example.org"]


def test_confirmation_is_in_the_applicants_language(
    call, applicant, django_capture_on_commit_callbacks
):
    applicant.preferred_language = "es"
    applicant.save()
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(application, applicant)
    message = Message.objects.get(application=application)
    assert message.language == "es"


def test_submit_after_the_deadline_is_refused_and_the_draft_is_kept(client, call, applicant):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    before = list(application.answers.values_list("question_id", "value", "revision"))
    late = call.closes_at + timedelta(seconds=1)
    with pytest.raises(services.ApplicationRefused):
        services.submit(application, applicant, now=late)
    application.refresh_from_db()
    assert application.state == State.DRAFT
    assert list(application.answers.values_list("question_id", "value", "revision")) == before


def test_deadline_is_the_calls_closing_time_in_its_time_zone(call, applicant):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    just_before = call.closes_at - timedelta(seconds=1)
    services.submit(application, applicant, now=just_before)
    assert Application.objects.get(pk=application.pk).state == State.SUBMITTED


def test_an_individual_extension_lets_one_applicant_submit_late(call, applicant):
    staff = make_person("staff@example.org", roles=["staff"])
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    services.grant_extension(application, staff, call.closes_at + timedelta(days=2))
    application.refresh_from_db()
    services.submit(application, applicant, now=call.closes_at + timedelta(days=1))
    assert Application.objects.get(pk=application.pk).state == State.SUBMITTED


def test_a_failure_in_the_middle_of_submit_leaves_the_draft_as_it_was(call, applicant, monkeypatch):
    application = services.start(call, applicant)
    fill_everything(application, applicant)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "notify_team", explode)
    with pytest.raises(RuntimeError):
        services.submit(application, applicant)
    application.refresh_from_db()
    assert application.state == State.DRAFT
    assert application.frozen_answers == {}
    assert application.submitted_at is None
    assert not HistoryEntry.objects.filter(
        target_id=str(application.pk), to_state="submitted"
    ).exists()


def test_edit_after_submit_until_the_deadline_then_submit_changes(client, call, applicant):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    services.submit(application, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 2])
    post_step(client, url, need="A better need")
    application.refresh_from_db()
    assert services.has_unsubmitted_changes(application)
    assert application.frozen_answers["answers"]["need"]["text"] != "A better need"
    services.submit(application, applicant)
    application.refresh_from_db()
    assert application.frozen_answers["answers"]["need"]["text"] == "A better need"
    assert not services.has_unsubmitted_changes(application)


def test_no_edit_after_submit_when_the_call_forbids_it(client, call, applicant):
    call.allow_edit_after_submit = False
    call.save()
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    services.submit(application, applicant)
    client.force_login(applicant)
    response = client.get(reverse("applications:step", args=[application.pk, 2]))
    assert response.status_code == 302


def test_withdraw_with_a_reason(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:withdraw", args=[application.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "We found another programme."})
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    entry = HistoryEntry.objects.get(target_id=str(application.pk), to_state="withdrawn")
    assert entry.reason == "We found another programme."


def test_co_applicant_reads_and_edits_only_the_application_they_joined(
    client, call, applicant, django_capture_on_commit_callbacks
):
    application = services.start(call, applicant)
    other = services.start(call, make_person("someone-else@example.org"))
    member = make_person("member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(application, applicant, "Member@example.org")
    assert any("join" in m.body for m in mail.outbox)
    client.force_login(member)
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 404
    client.post(reverse("applications:join", args=[invitation.token]))
    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("applications:step", args=[application.pk, 2])).status_code == 200
    assert client.get(reverse("applications:detail", args=[other.pk])).status_code == 404
    # Only the lead invites: the member, who sees the application, is refused.
    response = client.post(
        reverse("applications:team", args=[application.pk]), {"email": "x@example.org"}
    )
    assert response.status_code == 403


def test_invitation_for_another_address_is_refused(call, applicant):
    application = services.start(call, applicant)
    invitation = services.invite(application, applicant, "member@example.org")
    intruder = make_person("intruder@example.org")
    with pytest.raises(services.ApplicationRefused):
        services.accept_invitation(invitation.token, intruder)


def test_an_applicant_never_sees_another_persons_application(client, call, applicant):
    application = services.start(call, applicant)
    stranger = make_person("stranger@example.org")
    client.force_login(stranger)
    for name in ("detail", "summary", "team", "withdraw"):
        assert client.get(reverse(f"applications:{name}", args=[application.pk])).status_code == 404
    assert client.get(reverse("applications:step", args=[application.pk, 1])).status_code == 404
    assert client.post(reverse("applications:submit", args=[application.pk])).status_code == 404


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_stored_as_is_and_displayed_escaped(client, call, applicant):
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 2])
    revisions = client.get(url).context["form"]["revisions"].value()
    client.post(
        url, {"revisions": revisions, "need": HOSTILE, "solution": "x" * 100_000, "go": "stay"}
    )
    assert Answer.objects.get(application=application, question__key="need").value == HOSTILE
    solution = Answer.objects.get(application=application, question__key="solution")
    assert solution.value != "x" * 100_000  # over the limit: not accepted as an answer...
    assert len(solution.raw) <= 20_000  # ...kept, bounded, to be shortened
    page = client.get(url).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    fill_everything(application, applicant)
    services.save_answers(
        application, applicant, list(call.questions.filter(key="need")), {"need": HOSTILE}, {}, {}
    )
    services.submit(application, applicant)
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "<script>alert" not in detail and "&lt;script&gt;" in detail


def test_forged_fields_are_ignored(client, call, applicant):
    application = services.start(call, applicant)
    client.force_login(applicant)
    url = reverse("applications:step", args=[application.pk, 2])
    client.post(
        url,
        {
            "need": "ok",
            "stage": "not-an-option",
            "state": "selected",
            "applicant": "1",
            "business_lines": ["nope"],
            "go": "stay",
        },
    )
    application.refresh_from_db()
    assert application.state == State.DRAFT
    assert not Answer.objects.filter(application=application, question__key="stage").exists()
    assert not Answer.objects.filter(
        application=application, question__key="business_lines"
    ).exists()


def test_a_committee_outcome_is_hidden_from_the_applicant_until_they_are_told(
    client, call, applicant, django_capture_on_commit_callbacks
):
    from tremplin.messaging import services as messaging

    staff = make_person("staff2@example.org", roles=["staff"])
    application = services.start(call, applicant)
    fill_everything(application, applicant)
    services.submit(application, applicant)
    for name in ("mark_eligible", "start_review", "shortlist", "reject"):
        services.transition(application, staff, name, reason="Not this season")
    from django.utils import translation

    with translation.override(applicant.preferred_language):
        rejected, in_review = str(State.REJECTED.label), str(State.IN_REVIEW.label)
    client.force_login(applicant)
    for url in (
        reverse("applications:detail", args=[application.pk]),
        reverse("applications:mine"),
    ):
        page = client.get(url).content.decode()
        assert rejected not in page and in_review in page, url
        assert "staff2@example.org" not in page and "Person " not in page.split("<main")[1]
    with django_capture_on_commit_callbacks(execute=True):
        messaging.compose(
            applicant, applicant.email, "rejected", call=call, values={}, application=application
        )
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert rejected in page
