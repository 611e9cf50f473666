"""The submission services: drafts, saving, limits, completeness, submit, withdraw, updates."""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.accounts.models import Organisation, Person
from tremplin.catalogue.models import (
    Image,
    Innovation,
    InnovationVersion,
    SocietyPolicy,
    TargetPublic,
)
from tremplin.catalogue.queries import submission as queries
from tremplin.catalogue.services import submission as services
from tremplin.core.models import HistoryEntry
from tremplin.messaging.models import Message
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .helpers import complete, picture

S = InnovationVersion.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return make_person("awa@example.org", full_name="Awa Diallo", preferred_language="es")


@pytest.fixture
def draft(owner):
    return services.start_draft(owner, "fr")


def test_a_draft_needs_a_verified_email():
    unverified = Person.objects.create_user("new@example.org", "x")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    with pytest.raises(PermissionDenied):
        services.start_draft(unverified, "fr")
    assert not Innovation.objects.exists()


def test_a_draft_records_its_language_and_the_contact(owner):
    version = services.start_draft(owner, "ar")
    assert version.original_language == "ar" and version.state == S.DRAFT
    assert version.number == 1 and version.innovation.owner == owner
    assert (version.contact_name, version.contact_email) == ("Awa Diallo", "awa@example.org")
    with pytest.raises(ValidationError):
        services.start_draft(owner, "de")


def test_texts_are_saved_per_language_and_sanitised(draft, owner):
    services.save_fields(
        draft,
        owner,
        texts={"title": "Voisins", "need": "Isolement<script>x()</script> & solitude"},
    )
    services.save_fields(draft, owner, texts={"title": "Neighbours"}, language="en")
    draft.refresh_from_db()
    assert draft.title == {"fr": "Voisins", "en": "Neighbours"}
    assert draft.original_language == "fr"
    assert draft.need["fr"] == "Isolement &amp; solitude"
    # Emptying a language removes it, the others stay.
    services.save_fields(draft, owner, texts={"title": ""}, language="en")
    draft.refresh_from_db()
    assert draft.title == {"fr": "Voisins"}


def test_the_address_follows_the_title_until_published(draft, owner):
    services.save_fields(draft, owner, texts={"title": "Jardins partagés"})
    draft.innovation.refresh_from_db()
    assert draft.innovation.slug == "jardins-partages"
    other = services.start_draft(owner, "fr")
    services.save_fields(other, owner, texts={"title": "Jardins partagés"})
    other.innovation.refresh_from_db()
    assert other.innovation.slug == "jardins-partages-2"
    reserved = services.start_draft(owner, "en")
    services.save_fields(reserved, owner, texts={"title": "Share"})
    reserved.innovation.refresh_from_db()
    assert reserved.innovation.slug != "share"
    published = make_innovation(owner, title="Minutis")
    version = services.start_new_version(published, owner)
    services.save_fields(version, owner, texts={"title": "Minutis 2"})
    published.refresh_from_db()
    assert published.slug == "minutis"


def test_at_most_five_sdgs_themes_and_publics(draft, owner):
    with pytest.raises(ValidationError) as error:
        services.save_fields(
            draft,
            owner,
            sdgs=list(SustainableDevelopmentGoal.objects.all()[:6]),
            themes=list(BusinessLine.objects.all()[:6]),
            publics=list(TargetPublic.objects.all()[:6]),
        )
    assert set(error.value.message_dict) == {"sdgs", "business_lines", "publics"}
    assert not draft.sdgs.exists()
    services.save_fields(draft, owner, sdgs=list(SustainableDevelopmentGoal.objects.all()[:5]))
    assert draft.sdgs.count() == 5


def test_only_the_owner_edits_and_only_while_editable(draft, owner):
    stranger = make_person()
    moderator = make_person(roles=["moderator"])
    for person in (stranger, moderator):
        with pytest.raises(PermissionDenied):
            services.save_fields(draft, person, texts={"title": "Hacked"})
    complete(draft, owner)
    services.submit(draft, owner)
    with pytest.raises(ValidationError):
        services.save_fields(draft, owner, texts={"title": "Too late"})
    draft.refresh_from_db()
    assert draft.title["fr"] == "Voisins solidaires"


def test_missing_lists_every_section_then_nothing(draft, owner):
    sections = {problem.section for problem in queries.missing(draft)}
    assert sections == {"about", "results", "replicate", "classification", "criteria"}
    complete(draft, owner)
    assert queries.missing(draft) == []


def test_submit_checks_completeness(draft, owner):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.submit(draft, owner)
    assert any("Title" in message for message in error.value.messages)
    draft.refresh_from_db()
    assert draft.state == S.DRAFT and draft.submitted_at is None


def test_submit_goes_to_the_moderators_with_a_notice_in_the_submitters_language(
    draft, owner, django_capture_on_commit_callbacks
):
    complete(draft, owner)
    with django_capture_on_commit_callbacks(execute=False):
        services.submit(draft, owner)
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED and draft.submitted_at is not None
    notice = Message.objects.get(recipient=owner)
    assert notice.language == "es" and notice.kind == "catalogue"
    assert "Voisins solidaires" in notice.subject
    assert HistoryEntry.objects.filter(action="transition:submit", to_state=S.SUBMITTED).exists()
    # A second click finds the version submitted already: nothing happens twice.
    with pytest.raises(ValidationError):
        services.submit(draft, owner)
    assert Message.objects.filter(recipient=owner).count() == 1


def test_a_society_that_validates_sees_the_version_first(draft, owner):
    society = Organisation.objects.create(name="Cruz Roja", kind="national_society", country="ES")
    complete(draft, owner)
    services.save_fields(draft, owner, values={"national_society": society})
    SocietyPolicy.objects.create(society=society, requires_validation=False)
    other = services.start_draft(owner, "fr")
    complete(other, owner)
    services.save_fields(other, owner, values={"national_society": society})
    services.submit(other, owner)
    assert other.state == S.SUBMITTED
    SocietyPolicy.objects.filter(society=society).update(requires_validation=True)
    services.submit(draft, owner)
    draft.refresh_from_db()
    assert draft.state == S.SOCIETY_REVIEW


def test_withdraw(draft, owner):
    services.withdraw(draft, owner)
    draft.refresh_from_db()
    assert draft.state == S.WITHDRAWN


def test_images_showing_people_need_their_consent(draft, owner):
    with pytest.raises(ValidationError) as error:
        services.add_image(draft, owner, picture(), shows_people=True)
    assert "consent_note" in error.value.message_dict
    image = services.add_image(
        draft,
        owner,
        picture(gps=True),
        alt_text="Deux bénévoles",
        shows_people=True,
        consent_note="Written consent, 3 May 2024",
    )
    assert image.consent_recorded and image.alt_text == {"fr": "Deux bénévoles"}
    with image.file.open("rb") as stored:
        assert b"Exif" not in stored.read()
    with pytest.raises(ValidationError):
        services.update_image(draft, owner, image, alt_text="", shows_people=True, consent_note="")
    with pytest.raises(ValidationError):
        services.add_image(draft, owner, SimpleUploadedFile("x.jpg", b"%PDF-1.4"))
    assert Image.objects.count() == 1


def test_resources_are_web_links_or_files_checked_by_content(draft, owner):
    for url in ("javascript:alert(1)", "ftp://example.org/guide", "example", "data:text/html,x"):
        with pytest.raises(ValidationError):
            services.add_resource(draft, owner, title="Guide", url=url)
    link = services.add_resource(draft, owner, title="Guide", url="https://example.org/guide")
    assert link.url == "https://example.org/guide"
    with pytest.raises(ValidationError):
        services.add_resource(
            draft, owner, title="Fake", uploaded=SimpleUploadedFile("guide.pdf", b"MZ\x90 exe")
        )
    pdf = services.add_resource(
        draft,
        owner,
        title="Procédure",
        uploaded=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    )
    assert pdf.file.name.endswith(".pdf") and "p.pdf" not in pdf.file.name


def test_a_new_version_copies_the_published_one_which_stays_online(owner):
    innovation = make_innovation(
        owner, title="Minutis", need="Coordination", themes=["elderly"], sdgs=[3], publics=()
    )
    published = innovation.published
    published.publics.set(TargetPublic.objects.all()[:2])
    published.figures.create(
        label={"fr": "interventions"},
        value=Decimal(10),
        source="rapport",
        measured_on=datetime.date(2024, 1, 1),
    )
    published.resources_list.create(title="Guide", url="https://example.org")
    stored = default_storage.save("catalogue/images/x.jpg", picture())
    Image.objects.create(version=published, file=stored, alt_text={"fr": "x"})

    version = services.start_new_version(innovation, owner)

    assert version.number == 2 and version.state == S.DRAFT and version.author == owner
    assert version.title == {"fr": "Minutis"} and version.need == {"fr": "Coordination"}
    assert set(version.publics.all()) == set(published.publics.all())
    assert list(version.business_lines.values_list("code", flat=True)) == ["elderly"]
    assert list(version.sdgs.values_list("number", flat=True)) == [3]
    assert version.figures.get().label == {"fr": "interventions"}
    assert version.resources_list.get().url == "https://example.org"
    assert version.images.get().file.name == stored
    innovation.refresh_from_db()
    assert innovation.published_id == published.pk
    published.refresh_from_db()
    assert published.state == S.PUBLISHED and published.figures.count() == 1
    # Only one version on its way at a time.
    assert services.start_new_version(innovation, owner).pk == version.pk
    with pytest.raises(PermissionDenied):
        services.start_new_version(innovation, make_person())


def test_a_draft_that_was_never_published_cannot_be_updated_as_a_new_version(draft, owner):
    with pytest.raises(PermissionDenied):
        services.start_new_version(draft.innovation, owner)
