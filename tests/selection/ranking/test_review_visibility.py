"""The ranking and its export follow the one rule of who sees which reviews (visibility.py): the
chair and staff see every figure; an observer partner sees the figures drawn from the reviews
of an application (mean, median, range, calibrated score, disagreement) only when the call's
setting lets members see them: "always", or once the committee deliberates on the application
("after one's own", "never": they observe, they owe no review). Positions, the selection line
and the tie-break's moves stay: the agenda shows the same order to every member. The
reviewers' severity table, drawn from every individual review, is for those who may read every
review."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tremplin.applications.models import Application
from tremplin.selection.models import CommitteeMember, SelectionSettings
from tremplin.selection.services import meeting as meetings

from . import builders

pytestmark = pytest.mark.django_db

Visibility = SelectionSettings.Visibility
TITLES = ["Alpha", "Bravo", "Charlie", "Delta"]
# Every figure a row carries when the scores may be seen, none otherwise.
FIGURES = ("mean", "median", "std", "range", "theta", "interval")


@pytest.fixture
def setting(db):
    """Four applications reviewed by three reviewers (calibration runs), a chair, an observer
    and staff."""
    call = builders.ranking_call(places=2)
    members = [builders.seat(call, name=name) for name in ("Ana Reviewer", "Bruno", "Chloé Z")]
    apps = {}
    for base, title in zip((4.6, 3.9, 3.1, 2.2), TITLES, strict=True):
        apps[title] = builders.application(call, title=title)
        for offset, member in zip((-0.3, 0.0, 0.3), members, strict=True):
            builders.review(member, apps[title], round(base + offset, 2))
    people = {
        "staff": make_person(roles=["staff"], preferred_language="en"),
        "chair": make_person(roles=["committee"], preferred_language="en"),
        "observer": make_person(roles=["partner"], preferred_language="en"),
    }
    builders.seat(call, people["chair"], CommitteeMember.Role.CHAIR, name="The Chair")
    builders.seat(call, people["observer"], CommitteeMember.Role.OBSERVER, name="The Observer")
    return call, apps, people


def set_visibility(call, value):
    SelectionSettings.objects.filter(call=call).update(reviews_visibility=value)


def deliberate(call, staff, titles):
    """A meeting in session with these applications on its agenda."""
    meeting = meetings.plan_meeting(
        call, staff, scheduled_for=timezone.now() + timezone.timedelta(days=1)
    )

    for application in Application.objects.filter(call=call, title__in=titles):
        meetings.add_item(meeting, staff, application)
    meetings.fire_meeting(meeting, staff, "open")
    return meeting


def seen(client, call):
    """title -> whether the page shows its figures; and whether the severity table is shown."""
    response = client.get(reverse("selection:ranking", args=[call.slug]))
    assert response.status_code == 200
    rows = {row.title: row for row in response.context["rows"]}
    assert list(rows) == TITLES  # the order and positions are shown to everyone who sees it
    assert [row.position for row in rows.values()] == [1, 2, 3, 4]
    shown = {}
    for title, row in rows.items():
        figures = [row.text[name] for name in FIGURES]
        shown[title] = all(value != "—" for value in figures)
        if not shown[title]:
            assert all(value == "—" for value in figures), title
            assert not row.disagreement and row.raw.count == 0
    page = response.content.decode()
    return shown, "Chloé Z" in page


def exported(client, call):
    response = client.get(reverse("selection:ranking_export", args=[call.slug]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    # Reviews, mean, median, deviation, lowest, highest, calibrated score, interval.
    return {line[2]: any(cell for cell in line[7:16]) for line in lines[1:]}


@pytest.mark.parametrize("who", ["chair", "staff"])
@pytest.mark.parametrize("value", list(Visibility))
def test_the_chair_and_staff_see_every_figure(client, setting, who, value):
    call, _apps, people = setting
    set_visibility(call, value)
    client.force_login(people[who])
    shown, severity = seen(client, call)
    assert all(shown.values()) and severity
    assert all(exported(client, call).values())


@pytest.mark.parametrize("value", [Visibility.AFTER_OWN, Visibility.NEVER])
def test_an_observer_sees_no_figure_before_the_committee_deliberates(client, setting, value):
    call, _apps, people = setting
    set_visibility(call, value)
    client.force_login(people["observer"])
    shown, severity = seen(client, call)
    assert not any(shown.values())
    assert not severity
    assert not any(exported(client, call).values())


@pytest.mark.parametrize("value", [Visibility.AFTER_OWN, Visibility.NEVER])
def test_an_observer_sees_the_figures_of_what_the_committee_deliberates_on(client, setting, value):
    call, _apps, people = setting
    set_visibility(call, value)
    deliberate(call, people["staff"], ["Alpha", "Charlie"])
    client.force_login(people["observer"])
    shown, severity = seen(client, call)
    assert shown == {"Alpha": True, "Bravo": False, "Charlie": True, "Delta": False}
    assert not severity  # drawn from every review, including those of Bravo and Delta
    assert exported(client, call) == shown


def test_an_observer_sees_everything_when_the_call_says_always(client, setting):
    call, _apps, people = setting
    set_visibility(call, Visibility.ALWAYS)
    client.force_login(people["observer"])
    shown, severity = seen(client, call)
    assert all(shown.values()) and severity
    assert all(exported(client, call).values())
