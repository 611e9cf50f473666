"""The submission pages as a project leader uses them, with and without JavaScript."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from PIL import Image as PILImage

from tests import zip_samples
from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.accounts.models import Person
from tremplin.catalogue.models import (
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Review,
)
from tremplin.catalogue.services import submission as services
from tremplin.catalogue.views import submission as views
from tremplin.core.ratelimit import Rate
from tremplin.reference.models import BusinessLine

from .helpers import complete, picture

S = InnovationVersion.State
pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner():
    return make_person("awa@example.org", full_name="Awa Diallo")


@pytest.fixture
def draft(owner):
    return services.start_draft(owner, "fr")


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def section_url(version, section="about"):
    return reverse("catalogue:draft_section", kwargs={"pk": version.pk, "section": section})


def test_share_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("catalogue:share"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_share_page_says_how_to_verify_an_unverified_email(client):
    person = Person.objects.create_user("new@example.org", "x")
    EmailAddress.objects.create(user=person, email=person.email, verified=False)
    client.force_login(person)
    response = client.get(reverse("catalogue:share"))
    assert response.status_code == 200
    assert "catalogue/submission/verify_email.html" in [t.name for t in response.templates]
    assert reverse("account_email") in response.content.decode()
    client.post(reverse("catalogue:share"), {"language": "fr"})
    assert not Innovation.objects.exists()


def test_share_page_explains_the_four_criteria_and_starts_a_draft(signed_in):
    page = signed_in.get(reverse("catalogue:share"))
    assert len(page.context["criteria"]) == 4
    assert 'name="website_url"' in page.content.decode()  # the honeypot, hidden
    response = signed_in.post(reverse("catalogue:share"), {"language": "es"})
    version = InnovationVersion.objects.get()
    assert version.original_language == "es"
    assert response["Location"] == section_url(version)


def test_a_bot_filling_the_honeypot_starts_nothing(signed_in):
    response = signed_in.post(
        reverse("catalogue:share"), {"language": "fr", "website_url": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not Innovation.objects.exists()


def test_starting_drafts_is_rate_limited(signed_in, monkeypatch):
    monkeypatch.setattr(views, "DRAFT_RATES", {"per_account": Rate(2, 3600)})
    for _ in range(2):
        assert signed_in.post(reverse("catalogue:share"), {"language": "fr"}).status_code == 302
    response = signed_in.post(reverse("catalogue:share"), {"language": "fr"})
    assert response.status_code == 429
    assert Innovation.objects.count() == 2


def test_only_the_owner_opens_the_draft_pages(client, draft, owner):
    urls = [
        section_url(draft),
        section_url(draft, "criteria"),
        reverse("catalogue:draft_check", kwargs={"pk": draft.pk}),
        reverse("catalogue:draft_translation", kwargs={"pk": draft.pk, "language": "en"}),
        reverse("catalogue:draft_withdraw", kwargs={"pk": draft.pk}),
    ]
    # Moderators (admins moderate) see every version but work on none: 403; anyone else is
    # told that the draft does not exist.
    for person, status in (
        (make_person(), 404),
        (make_person(roles=["moderator"]), 403),
        (make_person(roles=["admin"]), 403),
    ):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == status, url
        assert client.post(section_url(draft), {"title": "Hacked"}).status_code == status
    client.force_login(owner)
    for url in urls:
        assert client.get(url).status_code == 200, url
    draft.refresh_from_db()
    assert not draft.title


def test_save_without_javascript_and_continue(signed_in, draft):
    response = signed_in.post(
        section_url(draft),
        {"title": "Voisins", "pitch": "Visites", "need": "Isolement", "go": "next"},
    )
    assert response["Location"] == section_url(draft, "results")
    draft.refresh_from_db()
    assert draft.title == {"fr": "Voisins"} and draft.need == {"fr": "Isolement"}


def test_nothing_typed_is_lost_on_a_validation_error(signed_in, draft):
    themes = list(BusinessLine.objects.values_list("pk", flat=True)[:6])
    response = signed_in.post(
        section_url(draft, "classification"),
        {
            "business_lines": themes,
            "carrying_organisation": "Croix-Rouge française",
            "country": "FR",
            "go": "next",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "at most 5 themes" in str(form.errors["business_lines"])
    # What was typed is shown again, checked boxes included; the valid fields are saved.
    assert [int(v) for v in form["business_lines"].value()] == themes
    draft.refresh_from_db()
    assert draft.carrying_organisation == "Croix-Rouge française"
    assert draft.country == "FR" and not draft.business_lines.exists()

    long_title = "T" * 250
    response = signed_in.post(section_url(draft), {"title": long_title, "need": "Kept"})
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == long_title
    assert long_title in response.content.decode()
    draft.refresh_from_db()
    assert draft.need == {"fr": "Kept"}


def test_autosave_returns_a_status_and_saves(signed_in, draft):
    response = signed_in.post(section_url(draft), {"title": "Auto"}, **HTMX)
    assert response.status_code == 200
    assert "autosave--saved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == {"fr": "Auto"}
    response = signed_in.post(section_url(draft), {"title": "x" * 300}, **HTMX)
    assert "autosave--warning" in response.content.decode()


def figure_row(prefix, **values):
    return {f"{prefix}-{key}": value for key, value in values.items()}


def test_a_new_figure_autosaved_twice_is_created_once(signed_in, draft):
    row = figure_row(
        "figure-new",
        token="tok123",
        value="120",
        unit="personnes",
        label="visitées",
        source="rapport",
        measured_on="2024-01-31",
    )
    signed_in.post(section_url(draft, "results"), {"results": "Bien", **row}, **HTMX)
    row["figure-new-value"] = "130"
    signed_in.post(section_url(draft, "results"), {"results": "Bien", **row}, **HTMX)
    figure = ImpactFigure.objects.get()
    assert figure.value == 130 and figure.label == {"fr": "visitées"}
    # An incomplete row is refused with a message, and kept as typed.
    response = signed_in.post(
        section_url(draft, "results"),
        figure_row("figure-new", token="other", value="5", label="sans source"),
    )
    assert response.status_code == 200
    assert "source" in response.context["rows"].new.errors
    assert response.context["rows"].new["label"].value() == "sans source"
    # Removing an existing row happens with the Save button.
    existing = figure_row(
        f"figure-{figure.pk}",
        token="",
        value="130",
        label="visitées",
        source="rapport",
        measured_on="2024-01-31",
        remove="on",
    )
    signed_in.post(section_url(draft, "results"), existing, **HTMX)
    assert ImpactFigure.objects.exists()
    signed_in.post(section_url(draft, "results"), existing)
    assert not ImpactFigure.objects.exists()


def test_a_picture_sent_through_the_page_loses_its_gps_position(signed_in, draft, owner):
    url = section_url(draft, "images")
    response = signed_in.post(
        url,
        {
            "image-new-token": "t",
            "image-new-file": picture(gps=True),
            "image-new-alt_text": "Un jardin",
        },
    )
    assert response.status_code == 302
    image = draft.images.get()
    served = signed_in.get(reverse("catalogue:version_image", kwargs={"pk": image.pk}))
    data = b"".join(served.streaming_content)
    assert not PILImage.open(io.BytesIO(data)).getexif()
    assert b"PhoneMaker" not in data
    # People shown without the consent note: refused, with the message next to the field.
    response = signed_in.post(
        url, {"image-new-token": "u", "image-new-file": picture(), "image-new-shows_people": "on"}
    )
    assert response.status_code == 200
    assert "consent_note" in response.context["rows"].new.errors
    assert draft.images.count() == 1
    # Nobody else sees a draft's picture.
    signed_in.force_login(make_person())
    assert (
        signed_in.get(reverse("catalogue:version_image", kwargs={"pk": image.pk})).status_code
        == 404
    )


def test_a_link_must_be_a_web_address(signed_in, draft):
    response = signed_in.post(
        section_url(draft, "replicate"),
        {
            "resource-new-token": "t",
            "resource-new-title": "Guide",
            "resource-new-url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert "url" in response.context["rows"].new.errors
    assert not draft.resources_list.exists()


@pytest.mark.parametrize("name", sorted(zip_samples.HOSTILE))
def test_a_zip_bomb_sent_as_a_resource_is_refused_in_bounded_memory(signed_in, draft, name):
    url = section_url(draft, "replicate")
    signed_in.get(url)  # the page's own first loads are not counted
    build, expected = zip_samples.HOSTILE[name]
    upload = io.BytesIO(build())
    upload.name = name
    with zip_samples.memory_peak() as memory:
        response = signed_in.post(
            url,
            {
                "resource-new-token": "t",
                "resource-new-title": "Guide",
                "resource-new-file": upload,
            },
        )
    assert memory["peak"] < 20 * 1024 * 1024
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert 'value="Guide"' in response.content.decode()  # what was typed is kept
    assert not draft.resources_list.exists()


def test_translation_page_adds_a_language_and_keeps_the_original(signed_in, draft, owner):
    services.save_fields(draft, owner, texts={"title": "Voisins", "need": "Isolement"})
    url = reverse("catalogue:draft_translation", kwargs={"pk": draft.pk, "language": "es"})
    page = signed_in.get(url)
    assert "Isolement" in page.content.decode()
    signed_in.post(url, {"title": "Vecinos", "need": "Aislamiento"})
    draft.refresh_from_db()
    assert draft.title == {"fr": "Voisins", "es": "Vecinos"}
    assert draft.original_language == "fr"
    fr_url = reverse("catalogue:draft_translation", kwargs={"pk": draft.pk, "language": "fr"})
    assert signed_in.get(fr_url).status_code == 404


def test_check_page_lists_what_is_missing_then_submits(signed_in, draft, owner):
    check = reverse("catalogue:draft_check", kwargs={"pk": draft.pk})
    page = signed_in.get(check)
    assert page.context["problems"] and "draft_submit" not in page.content.decode()
    assert section_url(draft, "criteria") in page.content.decode()
    complete(draft, owner)
    page = signed_in.get(check)
    assert not page.context["problems"]
    response = signed_in.post(reverse("catalogue:draft_submit", kwargs={"pk": draft.pk}))
    assert response["Location"] == reverse("catalogue:draft_submitted", kwargs={"pk": draft.pk})
    draft.refresh_from_db()
    assert draft.state == S.SUBMITTED
    # Submitted: the sections send back to the check page.
    assert signed_in.get(section_url(draft)).status_code == 302


def test_a_bot_submitting_fails_quietly(signed_in, draft, owner):
    complete(draft, owner)
    response = signed_in.post(
        reverse("catalogue:draft_submit", kwargs={"pk": draft.pk}), {"website_url": "x"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_submitting_is_rate_limited_per_address(client, owner, monkeypatch):
    monkeypatch.setattr(views, "SUBMIT_RATES", {"per_address": Rate(1, 3600)})
    first = complete(services.start_draft(owner, "fr"), owner)
    other_person = make_person()
    second = complete(services.start_draft(other_person, "fr"), other_person)
    client.force_login(owner)
    client.post(reverse("catalogue:draft_submit", kwargs={"pk": first.pk}))
    client.force_login(other_person)
    response = client.post(reverse("catalogue:draft_submit", kwargs={"pk": second.pk}))
    assert response.status_code == 429
    second.refresh_from_db()
    assert second.state == S.DRAFT


def test_my_innovations_shows_states_and_the_moderators_request(
    signed_in, owner, django_assert_max_num_queries
):
    asked = complete(services.start_draft(owner, "fr"), owner)
    services.submit(asked, owner)
    moderator = make_person(roles=["moderator"])
    asked.refresh_from_db()
    InnovationVersion.objects.filter(pk=asked.pk).update(state=S.CHANGES_REQUESTED)
    Review.objects.create(
        version=asked,
        level="central",
        moderator=moderator,
        decision="changes",
        message="Ajoutez la source du chiffre.",
    )
    published = make_innovation(owner, title="Minutis")
    for _n in range(5):
        services.start_draft(owner, "fr")
    with django_assert_max_num_queries(14):
        page = signed_in.get(reverse("catalogue:my_innovations"))
    text = page.content.decode()
    assert "Ajoutez la source du chiffre." in text
    assert reverse("catalogue:propose_update", kwargs={"pk": published.pk}) in text
    assert section_url(asked) in text
    assert len(page.context["records"]) == 7


def test_propose_an_update_keeps_the_published_version_online(signed_in, owner):
    innovation = make_innovation(owner, title="Minutis")
    url = reverse("catalogue:propose_update", kwargs={"pk": innovation.pk})
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url)
    version = innovation.versions.get(number=2)
    assert response["Location"] == section_url(version)
    innovation.refresh_from_db()
    assert innovation.published.number == 1
    # A second click continues the same version.
    assert signed_in.get(url)["Location"] == section_url(version)
    # Anyone sees the published record; only its owner proposes an update.
    signed_in.force_login(make_person())
    assert signed_in.get(url).status_code == 403


def render_owner_actions(innovation, user):
    from django.template.loader import render_to_string

    return render_to_string(
        "catalogue/submission/_owner_actions.html",
        {"innovation": innovation, "version": innovation.published, "user": user},
    )


def test_owner_actions_on_the_innovation_page(owner):
    innovation = make_innovation(owner, title="Minutis")
    html = render_owner_actions(innovation, owner)
    assert reverse("catalogue:propose_update", kwargs={"pk": innovation.pk}) in html
    version = services.start_new_version(innovation, owner)
    html = render_owner_actions(innovation, owner)
    assert section_url(version) in html
    assert reverse("catalogue:propose_update", kwargs={"pk": innovation.pk}) not in html
    assert render_owner_actions(innovation, make_person()).strip() == ""
    from django.contrib.auth.models import AnonymousUser

    assert render_owner_actions(innovation, AnonymousUser()).strip() == ""


def test_every_section_and_the_check_page_render_a_complete_record(signed_in, draft, owner):
    complete(draft, owner)
    services.add_resource(draft, owner, title="Guide", url="https://example.org/guide")
    services.add_image(
        draft, owner, picture(), alt_text="Un jardin", shows_people=True, consent_note="Écrit"
    )
    for section in (
        "about",
        "results",
        "replicate",
        "classification",
        "contact",
        "images",
        "criteria",
    ):
        page = signed_in.get(section_url(draft, section))
        assert page.status_code == 200, section
        assert page.content.decode().count("<h1") == 1
    text = signed_in.get(section_url(draft, "criteria")).content.decode()
    assert "Older people living alone" in text
    check = signed_in.get(reverse("catalogue:draft_check", kwargs={"pk": draft.pk}))
    body = check.content.decode()
    assert "Voisins solidaires" in body and "Rapport annuel 2023" in body
    assert reverse("catalogue:draft_submit", kwargs={"pk": draft.pk}) in body
    assert 'href="https://example.org/guide"' in body
