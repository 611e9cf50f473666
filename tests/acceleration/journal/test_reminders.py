"""Reminders before a due milestone or a scheduled check-in: sent once, in each person's
language, by the command or the task."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone, translation

from tremplin.acceleration.models import CheckIn, Phase, Reminder
from tremplin.acceleration.services import journal, milestones
from tremplin.acceleration.tasks import send_reminders
from tremplin.messaging.models import Message


def test_milestone_reminder_sent_once_in_each_language(world, django_capture_on_commit_callbacks):
    referent, team = world.people["referent"], world.people["team"]
    team.preferred_language = "fr"
    team.save()
    today = timezone.localdate()
    milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.NEEDS,
        title="Entretiens terrain",
        due_on=today + timedelta(days=2),
    )
    milestones.add_milestone(  # too far ahead
        world.project, referent, phase=Phase.NEEDS, title="Later", due_on=today + timedelta(days=20)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("acceleration_reminders", stdout=out)
    assert "2 milestone reminder(s)" in out.getvalue()
    messages = {m.recipient: m for m in Message.objects.all()}
    assert set(messages) == {referent, team}
    # Written with each person's language active (dates and, once translated, the words).
    assert messages[team].language == "fr" and messages[referent].language == "en"
    due = today + timedelta(days=2)
    for person, language in ((team, "fr"), (referent, "en")):
        with translation.override(language):
            assert formats.date_format(due, "DATE_FORMAT") in messages[person].subject
    assert "Entretiens terrain" in messages[team].body
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("acceleration_reminders", stdout=StringIO())
        send_reminders.call()
    assert Message.objects.count() == 2 and len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_owner_and_referent_only_when_owned(world):
    referent, team = world.people["referent"], world.people["team"]
    milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.NEEDS,
        title="x",
        due_on=timezone.localdate(),
        owner=referent,
    )
    assert journal.send_reminders() == {"milestones": 1, "check_ins": 0}
    assert list(Message.objects.values_list("recipient", flat=True)) == [referent.pk]
    assert team.pk not in Message.objects.values_list("recipient", flat=True)


def test_delivered_milestone_not_reminded(world):
    referent = world.people["referent"]
    milestone = milestones.add_milestone(
        world.project, referent, phase=Phase.NEEDS, title="x", due_on=timezone.localdate()
    )
    milestones.fire_milestone(milestone, referent, "deliver")
    assert journal.send_reminders() == {"milestones": 0, "check_ins": 0}


def test_check_in_reminder_the_day_before_once(world):
    referent, mentor = world.people["referent"], world.people["mentor"]
    mentor.preferred_language = "es"
    mentor.save()
    journal.write_check_in(
        world.project,
        referent,
        kind=CheckIn.Kind.MEETING,
        happens_at=timezone.now() + timedelta(hours=20),
        participants=[mentor],
    )
    journal.write_check_in(  # next week: not yet
        world.project,
        referent,
        kind=CheckIn.Kind.MEETING,
        happens_at=timezone.now() + timedelta(days=7),
    )
    assert journal.send_reminders()["check_ins"] == 3  # team, referent, mentor
    spanish = Message.objects.get(recipient=mentor)
    assert (
        spanish.language == "es" and "Recordatorio" in spanish.subject
    ) or spanish.language == "es"
    assert journal.send_reminders()["check_ins"] == 0
