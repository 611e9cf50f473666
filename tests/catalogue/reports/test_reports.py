"""Reporting a problem with a published record (anyone, with a honeypot and a limit per client
address) and handling the reports (dismiss with a note, or take the record offline)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.catalogue.moderation import builders
from tests.conftest import make_person
from tremplin.catalogue.models import AbuseReport, InnovationVersion
from tremplin.catalogue.views.reports import REPORTS_PER_HOUR
from tremplin.core.history import history_of
from tremplin.messaging.models import Message

pytestmark = pytest.mark.django_db


def report_url(innovation):
    return reverse("catalogue:report", kwargs={"slug": innovation.slug})


def test_the_innovation_page_link():
    innovation = make_innovation()
    html = render_to_string("catalogue/reports/_link.html", {"innovation": innovation})
    assert report_url(innovation) in html


def test_an_anonymous_visitor_reports_a_problem(client):
    innovation = make_innovation()
    page = client.get(report_url(innovation)).content.decode()
    assert "hidden" in page and 'name="website"' in page
    response = client.post(report_url(innovation), {"reason": "Des données personnelles"})
    assert response.status_code == 302
    report = AbuseReport.objects.get()
    assert report.reporter is None and report.reason == "Des données personnelles"
    assert "abuse_reported" in [e.action for e in history_of(innovation)]


def test_a_signed_in_reporter_is_recorded(client):
    innovation = make_innovation()
    person = make_person()
    client.force_login(person)
    client.post(report_url(innovation), {"reason": "Faux"})
    assert AbuseReport.objects.get().reporter == person


def test_the_honeypot_keeps_nothing(client):
    innovation = make_innovation()
    response = client.post(report_url(innovation), {"reason": "spam", "website": "http://x"})
    assert response.status_code == 302
    assert not AbuseReport.objects.exists()


def test_an_empty_reason_is_refused(client):
    response = client.post(report_url(make_innovation()), {"reason": "  "})
    assert response.status_code == 400
    assert not AbuseReport.objects.exists()


def test_reports_are_limited_per_client_address(client):
    innovation = make_innovation()
    for index in range(REPORTS_PER_HOUR):
        response = client.post(report_url(innovation), {"reason": f"Problème {index}"})
        assert response.status_code == 302
    response = client.post(report_url(innovation), {"reason": "Encore un, gardé"})
    assert response.status_code == 429
    assert "Encore un, gardé" in response.content.decode()
    assert AbuseReport.objects.count() == REPORTS_PER_HOUR
    other = client.post(report_url(innovation), {"reason": "Ailleurs"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_an_unpublished_record_cannot_be_reported(client):
    version = builders.submitted()
    assert client.get(report_url(version.innovation)).status_code == 404


def test_moderators_list_open_reports(client, django_assert_max_num_queries):
    for index in range(3):
        AbuseReport.objects.create(innovation=make_innovation(), reason=f"Raison {index}")
    client.force_login(builders.moderator())
    with django_assert_max_num_queries(12) as few:
        page = client.get(reverse("catalogue:reports")).content.decode()
    assert "Raison 0" in page and "3 open reports" in page
    for index in range(8):
        AbuseReport.objects.create(innovation=make_innovation(), reason=f"Autre {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("catalogue:reports"))


def test_dismiss_a_report_with_a_note(client):
    innovation = make_innovation()
    report = AbuseReport.objects.create(innovation=innovation, reason="Faux")
    mod = builders.moderator()
    client.force_login(mod)
    address = reverse("catalogue:report_handle", kwargs={"pk": report.pk})
    assert client.post(address, {"action": "dismiss", "note": ""}).status_code == 400
    assert client.post(address, {"action": "dismiss", "note": "Vérifié"}).status_code == 302
    report.refresh_from_db()
    innovation.refresh_from_db()
    assert report.handled_by == mod and report.outcome == "Vérifié"
    assert innovation.published_id is not None
    assert "abuse_report_dismissed" in [e.action for e in history_of(innovation)]


def test_take_a_reported_record_offline(client):
    owner = make_person(preferred_language="es")
    innovation = make_innovation(owner, title={"es": "Vecinos"}, original_language="es")
    report = AbuseReport.objects.create(innovation=innovation, reason="Datos")
    second = AbuseReport.objects.create(innovation=innovation, reason="Otra vez")
    client.force_login(builders.moderator())
    address = reverse("catalogue:report_handle", kwargs={"pk": report.pk})
    response = client.post(address, {"action": "take_down", "note": "Datos personales"})
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.published_id is None
    assert innovation.versions.get().state == InnovationVersion.State.WITHDRAWN
    second.refresh_from_db()
    assert second.handled_at is not None
    message = Message.objects.get(recipient=owner)
    assert message.language == "es" and "Vecinos" in message.subject
    # Handled already: the page shows the outcome, no form.
    assert 'name="action"' not in client.get(address).content.decode()
