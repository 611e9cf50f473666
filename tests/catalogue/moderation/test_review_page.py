"""The review page: the version in each of its languages with the original marked, the four
attestations beside the checklist, and the three decisions."""

import pytest
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import InnovationVersion, Review
from tremplin.messaging.models import Message

from . import builders

pytestmark = pytest.mark.django_db
State = InnovationVersion.State


def url(version):
    return reverse("catalogue:moderation_review", kwargs={"pk": version.pk})


def decide(
    client, version, decision, message="", criteria=("need", "innovation", "impact", "strategic")
):
    data = {"decision": decision, "message": message}
    data.update({f"criterion_{c}": "on" for c in criteria})
    return client.post(url(version), data)


def test_the_page_shows_every_language_the_original_and_the_attestations(client):
    version = builders.submitted(
        title={"es": "Vecinos solidarios", "fr": "Voisins solidaires"},
        need={"es": "Soledad <b>grave</b>"},
        original_language="es",
    )
    client.force_login(builders.moderator())
    response = client.get(url(version))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vecinos solidarios" in page and "Voisins solidaires" in page
    assert page.index('id="language-es"') < page.index('id="language-fr"')
    assert "original language" in page
    assert "Soledad &lt;b&gt;grave&lt;/b&gt;" in page
    for text in builders.ATTESTATIONS.values():
        assert text.replace("'", "&#x27;") in page
    assert page.count('type="checkbox"') == 4
    assert 'value="accept"' in page and 'value="changes"' in page and 'value="reject"' in page


def test_review_page_query_count(client, django_assert_max_num_queries):
    version = builders.submitted()
    client.force_login(builders.moderator())
    with django_assert_max_num_queries(25):
        assert client.get(url(version)).status_code == 200


def test_publish_from_the_page(client):
    version = builders.submitted()
    client.force_login(builders.moderator())
    response = decide(client, version, "accept")
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:moderation_queue")
    version.refresh_from_db()
    assert version.state == State.PUBLISHED
    assert Review.objects.get().checklist == dict.fromkeys(
        ["need", "innovation", "impact", "strategic"], True
    )


def test_publishing_without_every_criterion_is_refused_and_keeps_the_message(client):
    version = builders.submitted()
    client.force_login(builders.moderator())
    response = decide(client, version, "accept", "Bravo, texte gardé", criteria=("need",))
    assert response.status_code == 400
    page = response.content.decode()
    assert "four criteria" in page
    assert "Bravo, texte gardé" in page
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_request_changes_without_a_message_is_refused(client):
    version = builders.submitted()
    client.force_login(builders.moderator())
    response = decide(client, version, "changes", "", criteria=())
    assert response.status_code == 400
    assert "Write a message" in response.content.decode()
    response = decide(client, version, "changes", "Ajoutez des chiffres.", criteria=())
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == State.CHANGES_REQUESTED


def test_reject_from_the_page_then_a_second_click_does_nothing(client):
    version = builders.submitted()
    client.force_login(builders.moderator())
    assert decide(client, version, "reject", "Hors sujet.", criteria=()).status_code == 302
    response = decide(client, version, "reject", "Hors sujet.", criteria=())
    assert response.status_code == 302
    assert Review.objects.count() == 1
    assert Message.objects.count() == 1


def test_a_validator_decides_for_their_society_and_the_version_reaches_the_central_queue(client):
    validator = make_person()
    society = builders.society(validators=[validator])
    version = builders.submitted(
        title={"es": "Vecinos"}, state=State.SOCIETY_REVIEW, national_society=society
    )
    client.force_login(validator)
    page = client.get(url(version)).content.decode()
    assert "Validate for the national society" in page
    response = decide(client, version, "accept")
    assert response["Location"] == reverse("catalogue:society_queue")
    version.refresh_from_db()
    assert version.state == State.SUBMITTED
    assert Review.objects.get().level == Review.Level.SOCIETY
    client.force_login(builders.moderator())
    assert "Vecinos" in client.get(reverse("catalogue:moderation_queue")).content.decode()


def test_who_opens_the_review_page(client):
    owner = make_person()
    ours_validator, other_validator = make_person(), make_person()
    society = builders.society(validators=[ours_validator])
    builders.society("Croix-Rouge de Belgique", "BE", validators=[other_validator])
    version = builders.submitted(owner, national_society=society)
    assert client.get(url(version)).status_code == 302
    for person, status in [
        (builders.moderator(), 200),
        (ours_validator, 200),  # reads it; the decision is the central team's
        (owner, 403),
        (other_validator, 404),
        (make_person(), 404),
        (make_person(roles=["staff"]), 404),
    ]:
        client.force_login(person)
        assert client.get(url(version)).status_code == status, person
    client.force_login(ours_validator)
    assert 'name="decision"' not in client.get(url(version)).content.decode()
    decide(client, version, "accept")
    version.refresh_from_db()
    assert version.state == State.SUBMITTED


def test_a_moderator_translates_from_the_page(client):
    innovation = make_innovation(title={"fr": "Voisins"}, pitch="Un réseau")
    version = innovation.published
    client.force_login(builders.moderator())
    address = reverse("catalogue:moderation_translate", kwargs={"pk": version.pk})
    page = client.get(address, {"language": "es"}).content.decode()
    assert 'value="es" selected' in page
    data = {"language": "es", "title": "Vecinos", "pitch": "Una red"}
    assert client.post(address, data).status_code == 302
    version.refresh_from_db()
    assert version.title["es"] == "Vecinos"
    assert version.moderator_translations == {"es": ["pitch", "title"]}
    response = client.post(address, {"language": "fr", "title": "Autre"})
    assert response.status_code == 400  # the original language is not offered


def test_a_translation_without_a_title_keeps_what_was_typed(client):
    version = builders.submitted()
    client.force_login(builders.moderator())
    address = reverse("catalogue:moderation_translate", kwargs={"pk": version.pk})
    response = client.post(address, {"language": "en", "title": "", "pitch": "Kept pitch"})
    assert response.status_code == 400
    assert "Kept pitch" in response.content.decode()


def test_take_down_page(client):
    innovation = make_innovation()
    client.force_login(builders.moderator())
    address = reverse("catalogue:take_down", kwargs={"slug": innovation.slug})
    assert client.post(address, {"reason": ""}).status_code == 400
    assert client.post(address, {"reason": "Données personnelles"}).status_code == 302
    innovation.refresh_from_db()
    assert innovation.published_id is None
    assert client.get(address).status_code == 404  # nothing online to take down
