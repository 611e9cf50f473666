"""The public pages about calls for projects: what they list, in which language, and a number
of SQL queries that does not grow with the number of calls."""

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.accounts.support import (
    compiled_locale_dir,  # noqa: F401
    contains,
    html_lang,
    translated,
    translated_catalogues,  # noqa: F401
)
from tests.programmes import builders

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_catalogues")]

CALLS = reverse("programmes:call_list")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_separates_open_upcoming_and_past_calls(client):
    open_call = builders.call(title={"fr": "Appel ouvert"})
    upcoming = builders.call(state="upcoming", title={"fr": "Appel à venir"})
    past = builders.call(state="closed", title={"fr": "Appel passé"})
    response = client.get(CALLS)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert [c.pk for c in response.context["open_calls"]] == [open_call.pk]
    assert [c.pk for c in response.context["upcoming_calls"]] == [upcoming.pk]
    assert [c.pk for c in response.context["past_calls"]] == [past.pk]
    for title in ("Appel ouvert", "Appel à venir", "Appel passé"):
        assert contains(response, title)
    assert contains(response, translated("fr", "Past calls"))


def test_open_calls_are_listed_by_closing_date(client):
    later = builders.call(days=30)
    sooner = builders.call(days=5)
    response = client.get(CALLS)
    assert [c.pk for c in response.context["open_calls"]] == [sooner.pk, later.pk]


def test_an_empty_list_says_so(client):
    response = client.get(CALLS)
    assert contains(response, translated("fr", "No call for projects is open right now."))


def test_titles_follow_the_reader_language_with_a_fallback_note(client):
    builders.call(title={"fr": "Appel en français", "es": "Convocatoria en español"})
    builders.call(title={"fr": "Seulement en français"})
    client.cookies["tremplin_language"] = "es"
    response = client.get(CALLS)
    assert html_lang(response) == "es"
    assert contains(response, "Convocatoria en español")
    assert not contains(response, "Appel en français")
    assert contains(response, "Seulement en français")
    assert 'lang="fr"' in response.content.decode()
    assert "fallback-note" in response.content.decode()


def test_the_call_page(client):
    nexem = builders.organisation("Nexem")
    programme = builders.programme(name={"fr": "Programme entrepreneurs"}, partners=[nexem])
    call = builders.call(programme, title={"fr": "Appel entrepreneurs"})
    response = client.get(call.get_absolute_url())
    assert response.status_code == 200
    assert response.context["call"] == call
    assert contains(response, "Appel entrepreneurs")
    assert contains(response, "Programme entrepreneurs")
    assert response.content.decode().count("<h1") == 1


def test_an_unknown_call_is_a_translated_404(client):
    response = client.get(reverse("programmes:call_detail", args=["no-such-call"]))
    assert response.status_code == 404
    assert contains(response, translated("fr", "Page not found"))


def test_a_call_must_close_after_it_opens():
    call = builders.call()
    call.closes_at = call.opens_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert "closes_at" in error.value.message_dict


def test_call_status_follows_the_clock():
    now = timezone.now()
    assert builders.call().status == "open"
    assert builders.call().is_open(now)
    assert builders.call(state="upcoming").status == "upcoming"
    assert builders.call(state="closed").status == "closed"
    assert not builders.call(state="closed").is_open(now)


def test_the_closing_time_is_shown_in_the_call_time_zone(client):
    call = builders.call(title={"fr": "Appel à Cayenne"})
    call.time_zone = "America/Cayenne"  # UTC-3 all year
    closes = (timezone.now() + timedelta(days=3)).astimezone(UTC)
    call.closes_at = closes.replace(hour=20, minute=45, second=0, microsecond=0)
    call.save()
    response = client.get(CALLS)
    assert contains(response, "17:45")
    assert not contains(response, "20:45")


def test_the_calls_list_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get(CALLS)
    for _ in range(3):
        builders.call()
        builders.call(state="upcoming")
        builders.call(state="closed")
    few = count_queries(client, CALLS)
    for _ in range(27):
        builders.call()
        builders.call(state="upcoming")
        builders.call(state="closed")
    many = count_queries(client, CALLS)
    assert many == few
    with django_assert_max_num_queries(8):
        client.get(CALLS)


def test_the_calls_list_for_a_signed_in_person_has_a_bounded_number_of_queries(
    client, person, django_assert_max_num_queries
):
    client.force_login(person)
    client.get(CALLS)
    for _ in range(3):
        builders.call()
    few = count_queries(client, CALLS)
    for _ in range(27):
        builders.call()
    assert count_queries(client, CALLS) == few
    with django_assert_max_num_queries(15):
        client.get(CALLS)


def test_the_call_page_has_a_bounded_number_of_queries(client):
    partners = [builders.organisation() for _ in range(30)]
    few_call = builders.call(builders.programme(partners=partners[:3]))
    many_call = builders.call(builders.programme(partners=partners))
    assert count_queries(client, few_call.get_absolute_url()) == count_queries(
        client, many_call.get_absolute_url()
    )
