"""The helpers every app shares: the permission check of services, a refusal shown to the
person, folded text, reordering, a text in every language, autosave versions, task commands."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from tests.programmes.builders import call as make_call
from tremplin.core import drafts, ordering, services
from tremplin.core.management import TaskCommand
from tremplin.core.text import fold
from tremplin.core.translated import in_every_language, language_codes
from tremplin.core.views import refusal_into
from tremplin.programmes.models import FormStep

# --- require ------------------------------------------------------------------------------------


class Holder:
    def __init__(self, *granted):
        self.granted = set(granted)

    def has_perm(self, permission, obj=None):
        return (permission, obj) in self.granted


def test_require_lets_through_who_holds_the_permission_on_the_object():
    thing = object()
    services.require(Holder(("app.do", thing)), "app.do", thing)
    with pytest.raises(PermissionDenied):
        services.require(Holder(("app.do", thing)), "app.do", object())
    with pytest.raises(PermissionDenied):
        services.require(Holder(("app.do", thing)), "app.other", thing)


def test_require_refuses_nobody_and_anonymous_visitors(db):
    with pytest.raises(PermissionDenied):
        services.require(None, "accounts.view_person")
    with pytest.raises(PermissionDenied):
        services.require(AnonymousUser(), "accounts.view_person")


# --- refusal_into -------------------------------------------------------------------------------


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_field_refusal_goes_next_to_its_field_and_an_unknown_field_above_the_form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    refusal_into(form, ValidationError({"name": "Taken.", "colour": "Not a colour."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a colour."]


def test_a_refusal_without_field_goes_above_the_form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    refusal_into(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]
    assert "name" not in form.errors


def test_a_refusal_without_form_becomes_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    refusal_into(request, ValidationError({"name": "Taken.", "__all__": "Closed."}))
    assert sorted(str(m) for m in get_messages(request)) == ["Closed.", "Taken."]


# --- fold ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Âgées", "agees"),
        ("plain ascii", "plain ascii"),
        ("ŒUVRE Ça", "œuvre ca"),
        ("İstanbul", "istanbul"),
        ("ﬁn", "fin"),
        ("Ελληνικά", "ελληνικα"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_lowers_and_drops_accents(text, folded):
    assert fold(text) == folded


def test_core_search_folds_with_the_same_function():
    from tremplin.core import search

    assert search.fold is fold


# --- ordering.move ------------------------------------------------------------------------------


@pytest.fixture
def steps(db):
    call = make_call()
    call.steps.all().delete()
    return [FormStep.objects.create(call=call, position=p, title={"fr": str(p)}) for p in (0, 5, 5)]


def positions(steps):
    call = steps[0].call
    return list(
        FormStep.objects.filter(call=call).order_by("position").values_list("pk", "position")
    )


def test_move_swaps_with_the_neighbour_and_renumbers(steps):
    first, second, third = steps
    assert ordering.move(FormStep.objects.filter(call=first.call), third, -1)
    assert positions(steps) == [(first.pk, 0), (third.pk, 1), (second.pk, 2)]
    assert third.position == 1


def test_move_by_more_than_one_place_and_from_another_start(steps):
    first, second, third = steps
    assert ordering.move(FormStep.objects.filter(call=first.call), first, 2, start=1)
    assert positions(steps) == [(third.pk, 1), (second.pk, 2), (first.pk, 3)]


def test_move_past_an_end_changes_nothing(steps):
    first, _second, third = steps
    queryset = FormStep.objects.filter(call=first.call)
    before = positions(steps)
    assert not ordering.move(queryset, first, -1)
    assert not ordering.move(queryset, third, 1)
    assert not ordering.move(queryset, third, 0)
    assert positions(steps) == before


# --- in_every_language --------------------------------------------------------------------------


def test_a_marked_text_in_every_language():
    texts = in_every_language(gettext_noop("History"))
    assert set(texts) == set(language_codes())
    assert texts["en"] == "History"
    assert texts["fr"] != "History"


def test_a_lazy_text_formatted_with_values_said_in_each_language():
    assert in_every_language(gettext_lazy("History"))["fr"] == "Historique"
    texts = in_every_language(
        "%(word)s %(lang)s %(n)s",
        word=gettext_lazy("History"),
        lang=translation.get_language,
        n=3,
    )
    assert texts["en"] == "History en 3"
    assert texts["fr"] == "Historique fr 3"
    assert translation.get_language() == "fr"


# --- drafts -------------------------------------------------------------------------------------


def test_a_save_from_an_old_page_is_a_version_conflict():
    drafts.check_version(3, 3)
    drafts.check_version(3, None)
    change = drafts.Changed("comment", "Comment", "theirs")
    with pytest.raises(drafts.VersionConflict) as caught:
        drafts.check_version(4, 3, [change])
    assert caught.value.version == 4
    assert caught.value.changes == [change]
    assert isinstance(caught.value, ValidationError)


def test_the_autosave_status_partial():
    with translation.override("en"):
        saved = drafts.Status.saved(
            datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
            version=7,
            version_input={"name": "version", "id": "review-version"},
        )
        html = render_to_string("core/_autosave_status.html", {"status": saved})
    assert 'class="autosave autosave--saved"' in html
    assert "Saved at" in html
    assert 'name="version" id="review-version" value="7" hx-swap-oob="true"' in html
    conflict = drafts.Status.conflict("Not saved.")
    html = render_to_string("core/_autosave_status.html", {"status": conflict})
    assert '<span class="autosave autosave--conflict">Not saved.</span>' in html
    assert "<input" not in html


# --- TaskCommand --------------------------------------------------------------------------------


class Job:
    def enqueue(self):
        return SimpleNamespace(id="42")


class Command(TaskCommand):
    task = Job()
    queued = "Job queued (task {id})."

    def run(self):
        return "3 things done."


def run_command(*args):
    out = io.StringIO()
    command = Command(stdout=out)
    parser = command.create_parser("manage.py", "job")
    options = vars(parser.parse_args(args))
    command.execute(**options)
    return out.getvalue().strip()


def test_a_task_command_runs_now_or_enqueues():
    assert run_command() == "3 things done."
    assert run_command("--enqueue") == "Job queued (task 42)."


def test_the_two_scheduled_commands_are_task_commands():
    from tremplin.acceleration.management.commands.acceleration_reminders import (
        Command as Reminders,
    )
    from tremplin.catalogue.management.commands.catalogue_digest import Command as Digest

    assert issubclass(Reminders, TaskCommand) and Reminders.task is not None
    assert issubclass(Digest, TaskCommand) and Digest.task is not None
