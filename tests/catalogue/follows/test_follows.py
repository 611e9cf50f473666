"""Following a theme, a public, a country or an SDG, and the weekly digest: one message per
follower listing what is new in what they follow, in their language; nothing when nothing is
new; sending twice in a row sends once."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import Follow
from tremplin.catalogue.queries import follows as queries
from tremplin.catalogue.services import follows as services
from tremplin.catalogue.tasks import send_weekly_digest
from tremplin.messaging.models import Message
from tremplin.reference.models import BusinessLine

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timezone.timedelta(**kwargs)


def follow(person, kind, value, since):
    item = Follow.objects.create(person=person, kind=kind, value=value)
    Follow.objects.filter(pk=item.pk).update(created_at=since)
    return item


def test_follow_and_unfollow(client):
    person = make_person()
    client.force_login(person)
    back = "/innovations/pays/FR/"
    response = client.post(
        reverse("catalogue:follow"), {"kind": "country", "value": "fr", "next": back}
    )
    assert response["Location"] == back
    assert Follow.objects.get(person=person).value == "FR"
    client.post(reverse("catalogue:follow"), {"kind": "country", "value": "FR"})
    assert Follow.objects.count() == 1
    page = client.get(reverse("catalogue:my_follows")).content.decode()
    assert "France" in page
    client.post(reverse("catalogue:unfollow"), {"kind": "country", "value": "FR"})
    assert not Follow.objects.exists()


def test_following_nothing_real_is_refused(client):
    client.force_login(make_person())
    client.post(reverse("catalogue:follow"), {"kind": "theme", "value": "nothing-like-this"})
    client.post(reverse("catalogue:follow"), {"kind": "sdg", "value": "99"})
    client.post(reverse("catalogue:follow"), {"kind": "planet", "value": "mars"})
    assert not Follow.objects.exists()


def test_an_outside_next_address_is_ignored(client):
    client.force_login(make_person())
    response = client.post(
        reverse("catalogue:follow"),
        {"kind": "country", "value": "ES", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("catalogue:my_follows")


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.post(reverse("catalogue:follow"), {"kind": "country", "value": "ES"})
    assert reverse("account_login") in response["Location"]
    assert not Follow.objects.exists()


def render_follow(user, **context):
    request = RequestFactory().get("/innovations/sdg/3/")
    request.user = user
    template = Template('{% include "catalogue/follows/_follow.html" %}')
    return template.render(RequestContext(request, {"user": user, **context}))


def test_the_follow_button():
    html = render_follow(AnonymousUser(), follow_kind="sdg", follow_value="3")
    assert reverse("account_login") in html and "<form" not in html
    person = make_person()
    html = render_follow(person, **queries.follow_context(person, "sdg", 3))
    assert reverse("catalogue:follow") in html and 'value="3"' in html
    Follow.objects.create(person=person, kind="sdg", value="3")
    html = render_follow(person, **queries.follow_context(person, "sdg", 3))
    assert reverse("catalogue:unfollow") in html


# --- The weekly digest --------------------------------------------------------------------------


@pytest.fixture
def theme():
    return BusinessLine.objects.order_by("pk").first()


def test_one_message_per_follower_in_their_language(theme):
    reader = make_person(preferred_language="es")
    follow(reader, "theme", theme.code, ago(days=10))
    follow(reader, "country", "BE", ago(days=10))
    make_innovation(title={"fr": "Ancienne"}, themes=[theme.code], published_at=ago(days=20))
    make_innovation(
        title={"fr": "Nouvelle", "es": "Nueva"}, themes=[theme.code], published_at=ago(days=2)
    )
    make_innovation(title={"fr": "Belge"}, country="BE", published_at=ago(days=1))
    make_innovation(title={"fr": "Hors sujet"}, country="IT", published_at=ago(days=1))

    result = services.send_digests()
    assert (result.people, result.innovations) == (1, 2)
    message = Message.objects.get(recipient=reader)
    assert message.language == "es"
    assert "Nueva" in message.body and "Belge" in message.body
    assert "Ancienne" not in message.body and "Hors sujet" not in message.body
    assert "/innovations/" in message.body
    assert all(f.last_digest_at is not None for f in Follow.objects.all())


def test_an_innovation_matching_two_follows_is_listed_once(theme):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    follow(reader, "country", "FR", ago(days=10))
    make_innovation(title={"fr": "Double"}, themes=[theme.code], country="FR")
    services.send_digests()
    assert Message.objects.get().body.count("Double") == 1


def test_nobody_is_written_to_when_nothing_is_new(theme):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    make_innovation(themes=[theme.code], published_at=ago(days=30))
    assert services.send_digests().people == 0
    assert not Message.objects.exists()


def test_sending_twice_in_a_row_sends_once(theme):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    make_innovation(themes=[theme.code])
    call_command("catalogue_digest")
    call_command("catalogue_digest")
    assert Message.objects.filter(recipient=reader).count() == 1


def test_the_next_digest_lists_only_what_is_newer(theme):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    make_innovation(title={"fr": "Première"}, themes=[theme.code], published_at=ago(days=3))
    services.send_digests(until=ago(days=1))
    make_innovation(title={"fr": "Seconde"}, themes=[theme.code])
    services.send_digests()
    first, second = Message.objects.order_by("pk")
    assert "Première" in first.body and "Seconde" in second.body
    assert "Première" not in second.body


def test_an_update_of_an_old_record_is_not_new(theme):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    innovation = make_innovation(themes=[theme.code], published_at=ago(days=30))
    innovation.published_at = timezone.now()
    innovation.save()
    services.send_digests()
    assert not Message.objects.exists()


def test_the_task_and_the_enqueue_option(theme, capsys):
    reader = make_person()
    follow(reader, "theme", theme.code, ago(days=10))
    make_innovation(themes=[theme.code])
    call_command("catalogue_digest", "--enqueue")  # tests run tasks immediately
    assert Message.objects.filter(recipient=reader).count() == 1
    assert send_weekly_digest.call() == {"people": 0, "innovations": 0}
