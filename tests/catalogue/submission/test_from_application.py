"""The laureate's one click: a selected application becomes a pre-filled catalogue record."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tremplin.applications import services as application_services
from tremplin.applications.models import State
from tremplin.catalogue.models import Innovation
from tremplin.catalogue.services import submission as services
from tremplin.demo.forms import build_form
from tremplin.messaging.models import Message
from tremplin.programmes.models import Audience, Call, Programme, Season

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    programme = Programme.objects.create(
        slug="entrepreneurs", name={"fr": "Entrepreneurs"}, audience=Audience.OUTSIDERS
    )
    season = Season.objects.create(number=4, opened_on=timezone.localdate())
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug="entrepreneurs-s4",
        title={"fr": "Appel"},
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=5),
    )
    build_form(call)
    return call


@pytest.fixture
def leader():
    return make_person("leader@example.org", full_name="Awa Leader", preferred_language="fr")


def selected_application(call, person, *, told=True):
    application = application_services.start(call, person)
    values = {
        "project_name": "Les jardins partagés",
        "organisation_name": "Association des jardins",
        "organisation_kind": "association",
        "region": "FR-BRE",
        "need": "Des personnes âgées isolées & seules.",
        "solution": "Des potagers partagés entre générations.",
        "stage": "prototype",
        "business_lines": ["elderly", "volunteering"],
        "sdgs": ["3", "10"],
        "team_size": Decimal(3),
        "budget": Decimal(12000),
        "website": "https://jardins.example.org",
    }
    questions = list(call.questions.all())
    answers = {q.key: values[q.key] for q in questions if q.key in values}
    application_services.save_answers(application, person, questions, answers, {}, {})
    application.refresh_from_db()
    application.state = State.SELECTED
    application.save(update_fields=["state"])
    if told:
        Message.objects.create(
            recipient=person,
            email=person.email,
            application=application,
            kind="selected",
            language="fr",
            subject="Sélectionné",
            body="Bravo",
        )
    return application


def test_the_record_is_pre_filled_from_the_application(call, leader):
    application = selected_application(call, leader)
    version = services.start_from_application(application, leader)
    assert version.innovation.source_application == application
    assert version.innovation.owner == leader
    assert version.title == {"fr": "Les jardins partagés"}
    assert version.need["fr"] == "Des personnes âgées isolées &amp; seules."
    assert "potagers" in version.solution["fr"]
    assert version.carrying_organisation == "Association des jardins"
    assert version.country == "FR" and version.stage == "prototype"
    assert set(version.business_lines.values_list("code", flat=True)) == {
        "elderly",
        "volunteering",
    }
    assert set(version.sdgs.values_list("number", flat=True)) == {3, 10}
    assert version.resources_list.get().url == "https://jardins.example.org"
    assert version.innovation.slug == "les-jardins-partages"
    # One record per application: the second click opens the same draft.
    assert services.start_from_application(application, leader).pk == version.pk
    assert Innovation.objects.count() == 1


def test_only_the_team_of_a_selected_application_told_about_it(call, leader):
    not_told = selected_application(call, leader, told=False)
    with pytest.raises(PermissionDenied):
        services.start_from_application(not_told, leader)
    not_told.messages.create(
        recipient=leader, email=leader.email, kind="selected", language="fr", subject="s", body="b"
    )
    with pytest.raises(PermissionDenied):
        services.start_from_application(not_told, make_person())
    with pytest.raises(PermissionDenied):
        services.start_from_application(not_told, make_person(roles=["staff"]))
    assert services.start_from_application(not_told, leader)


def test_the_button_on_the_application_page_starts_and_then_reopens_the_record(
    client, call, leader
):
    application = selected_application(call, leader)
    client.force_login(leader)
    page = client.get(reverse("applications:detail", kwargs={"pk": application.pk}))
    button = reverse("catalogue:from_application", kwargs={"pk": application.pk})
    assert button in page.content.decode()
    response = client.post(button)
    version = Innovation.objects.get().versions.get()
    assert response["Location"] == reverse(
        "catalogue:draft_section", kwargs={"pk": version.pk, "section": "about"}
    )
    assert client.post(button)["Location"] == response["Location"]
    assert Innovation.objects.count() == 1


def test_no_button_before_the_team_is_told(client, call, leader):
    application = selected_application(call, leader, told=False)
    client.force_login(leader)
    page = client.get(reverse("applications:detail", kwargs={"pk": application.pk}))
    assert "from-application" not in page.content.decode()
    url = reverse("catalogue:from_application", kwargs={"pk": application.pk})
    assert client.post(url).status_code == 403  # the leader sees the application
    assert not Innovation.objects.exists()
