"""The central moderation queue and the national societies' validation queue: who sees them,
what they list (oldest first, filters, counts), and a bounded number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import InnovationVersion

from . import builders

pytestmark = pytest.mark.django_db
State = InnovationVersion.State
QUEUE = reverse("catalogue:moderation_queue")
SOCIETY_QUEUE = reverse("catalogue:society_queue")


def test_the_queue_lists_versions_awaiting_moderation_oldest_first(client):
    mod = builders.moderator()
    old = builders.submitted(title={"fr": "La plus ancienne"})
    old.submitted_at = timezone.now() - timezone.timedelta(days=3)
    old.save()
    builders.submitted(title={"fr": "La plus récente"})
    builders.submitted(title={"fr": "Brouillon"}, state=State.DRAFT)
    builders.submitted(
        title={"fr": "Chez la société"},
        state=State.SOCIETY_REVIEW,
        national_society=builders.society(),
    )
    client.force_login(mod)
    page = client.get(QUEUE).content.decode()
    assert page.index("La plus ancienne") < page.index("La plus récente")
    assert "Brouillon" not in page and "Chez la société" not in page
    assert "1 awaiting a national society" in page


def test_filters_and_counts(client):
    client.force_login(builders.moderator())
    society = builders.society(validators=[], requires=False)
    builders.submitted(
        title={"es": "Nuevo"}, original_language="es", country="ES", national_society=society
    )
    published = make_innovation(title={"fr": "En ligne"})
    builders.new_version(published, title={"fr": "Mise à jour"})

    page = client.get(QUEUE).content.decode()
    assert "Nuevo" in page and "Mise à jour" in page
    assert "2 versions awaiting moderation" in page
    assert "1 new record" in page and "1 update" in page

    page = client.get(QUEUE, {"kind": "update"}).content.decode()
    assert "Mise à jour" in page and "Nuevo" not in page
    page = client.get(QUEUE, {"kind": "new"}).content.decode()
    assert "Nuevo" in page and "Mise à jour" not in page
    page = client.get(QUEUE, {"language": "es"}).content.decode()
    assert "Nuevo" in page and "Mise à jour" not in page
    page = client.get(QUEUE, {"country": "FR"}).content.decode()
    assert "Mise à jour" in page and "Nuevo" not in page
    page = client.get(QUEUE, {"society": society.pk}).content.decode()
    assert "Nuevo" in page and "Mise à jour" not in page


def test_a_bad_filter_is_not_an_error(client):
    client.force_login(builders.moderator())
    builders.submitted(title={"fr": "Visible"})
    response = client.get(QUEUE, {"society": "abc", "kind": "nonsense"})
    assert response.status_code == 200


def test_queue_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.force_login(builders.moderator())
    for index in range(3):
        builders.submitted(title={"fr": f"Innovation {index}"})
    with django_assert_max_num_queries(14) as few:
        client.get(QUEUE)
    for index in range(12):
        builders.submitted(title={"fr": f"Autre {index}"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(QUEUE)


def test_who_sees_the_central_queue(client):
    builders.submitted()
    assert client.get(QUEUE).status_code == 302  # anonymous: sign in
    for person, status in [
        (builders.moderator(), 200),
        (make_person(roles=["admin"]), 200),
        (make_person(roles=["staff"]), 403),
        (make_person(), 403),
    ]:
        client.force_login(person)
        assert client.get(QUEUE).status_code == status


def test_a_validator_sees_only_their_societys_versions(client, django_assert_max_num_queries):
    validator = make_person()
    ours = builders.society(validators=[validator])
    theirs = builders.society("Croix-Rouge de Belgique", "BE", validators=[make_person()])
    builders.submitted(title={"es": "Nuestra"}, state=State.SOCIETY_REVIEW, national_society=ours)
    builders.submitted(title={"fr": "La leur"}, state=State.SOCIETY_REVIEW, national_society=theirs)
    builders.submitted(title={"es": "Ya central"}, national_society=ours)
    client.force_login(validator)
    with django_assert_max_num_queries(14):
        page = client.get(SOCIETY_QUEUE).content.decode()
    assert "Nuestra" in page
    assert "La leur" not in page and "Ya central" not in page
    assert "Cruz Roja Española" in page


def test_who_sees_the_society_queue(client):
    builders.society(validators=[make_person()])
    assert client.get(SOCIETY_QUEUE).status_code == 302
    client.force_login(builders.moderator())  # a central moderator is not a validator
    assert client.get(SOCIETY_QUEUE).status_code == 403
    client.force_login(make_person())
    assert client.get(SOCIETY_QUEUE).status_code == 403
